import { describe, expect, it } from 'vitest';
import { modelProblems } from './model-check.js';
import { MODELS } from './models.js';
import type { ModelArchitecture } from './types.js';

const base: ModelArchitecture = {
  id: 'm',
  name: 'm',
  layers: 8,
  hidden: 1024,
  ffnHidden: 4096,
  ffn: 'swiglu',
  heads: 16,
  kvHeads: 4,
  headDim: 64,
  vocab: 32_000,
  attention: { kind: 'gqa' },
  moe: null,
  tiedEmbeddings: false,
  causal: true,
  maxSeqLen: 8192,
  sources: [],
};

const fields = (m: Partial<ModelArchitecture>, headDimDerived = false) =>
  modelProblems({ ...base, ...m }, { headDimDerived }).map((p) => `${p.code} ${p.field}`);

describe('model dimensions fit together', () => {
  it('every catalog model passes', () => {
    for (const m of MODELS) expect(modelProblems(m), m.id).toEqual([]);
  });

  it('a sound model and a Gemma-like one (heads × headDim ≠ hidden) pass', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ hidden: 3072, heads: 16, kvHeads: 16, headDim: 256 })).toEqual([]);
  });

  it('refuses each dimension out of its range: NaN, 0, 1e308, fractions', () => {
    expect(fields({ headDim: 0 })).toEqual(['out-of-range headDim']);
    expect(fields({ heads: 1.7e308 })).toEqual(['out-of-range heads']);
    expect(fields({ layers: Number.NaN })).toEqual(['out-of-range layers']);
    expect(fields({ vocab: 0 })).toEqual(['out-of-range vocab']);
    expect(fields({ ffnHidden: 2.5 })).toEqual(['out-of-range ffnHidden']);
  });

  it('refuses dimensions at odds with each other', () => {
    expect(fields({ hidden: 1000, heads: 3, kvHeads: 3, headDim: 1000 / 3 }, true)).toEqual([
      'inconsistent-model headDim',
    ]);
    expect(fields({ kvHeads: 3 })).toEqual(['inconsistent-model kvHeads']);
    const moe = {
      experts: 8,
      topK: 2,
      sharedExperts: 0,
      expertFfnHidden: 1024,
      denseLayers: 0,
      layerInterval: 1,
    };
    expect(fields({ moe: { ...moe, denseLayers: 40 } })).toEqual(['inconsistent-model moe.denseLayers']);
    expect(fields({ moe: { ...moe, topK: 9 } })).toEqual(['inconsistent-model moe.topK']);
    expect(fields({ moe: { ...moe, layerInterval: 0 } })).toEqual(['out-of-range moe.layerInterval']);
  });
});
