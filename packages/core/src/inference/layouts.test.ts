import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SERVING_ENGINE_IDS } from '../catalog/engines.js';
import { MODELS } from '../catalog/models.js';
import type { ModelArchitecture } from '../catalog/types.js';
import { layoutCandidates, layoutGpus, layoutShapeLabel } from './layouts.js';

const model = (id: string): ModelArchitecture => {
  const m = MODELS.find((x) => x.id === id);
  if (!m) throw new Error(`no catalog model ${id}`);
  return m;
};
const dense = model('llama-3.1-8b');
const deepseek = model('deepseek-v3');
const mixtral = model('mixtral-8x7b');

describe('serving layout candidates', () => {
  it('offers a dense model tensor parallelism inside the scale-up domain only', () => {
    const shapes = layoutCandidates(dense, 'vllm', 8, {});
    expect(shapes.map(layoutShapeLabel)).toEqual(['TP1', 'TP2', 'TP4', 'TP8']);
    expect(layoutCandidates(dense, 'vllm', 4, {}).map((l) => l.tp)).toEqual([1, 2, 4]);
  });

  it('searches only what the engine’s release offers: no attention DP before SGLang 0.4.0', () => {
    const old = layoutCandidates(deepseek, 'sglang', 8, {}, '0.3.6').map(layoutShapeLabel);
    expect(old).toEqual(['TP1', 'TP2', 'TP4', 'TP8']);
    expect(layoutCandidates(deepseek, 'sglang', 8, {}, '0.4.0').some((l) => l.attentionDp > 1)).toBe(true);
    // TensorRT-LLM gained attention DP in 0.19.0.
    expect(layoutCandidates(deepseek, 'trtllm', 8, {}, '0.18.2').every((l) => l.attentionDp === 1)).toBe(
      true,
    );
  });

  it('tries EP over a TP instance when both are fixed, and nothing EP cannot divide', () => {
    expect(layoutCandidates(deepseek, 'trtllm', 8, { tp: 8, ep: 8 })).toEqual([
      { tp: 8, pp: 1, ep: 8, attentionDp: 1 },
    ]);
    expect(layoutCandidates(deepseek, 'trtllm', 8, { tp: 8, ep: 3 })).toEqual([]);
  });

  it('tries an EP size the scenario fixes, and the wide sizes redundant expert slots divide', () => {
    expect(layoutCandidates(deepseek, 'sglang', 8, { ep: 72 }).map(layoutShapeLabel)).toEqual(['DP72 EP72']);
    // 256 + 32 = 288 slots: 24, 48 and 72 GPUs (3, 6 and 9 nodes of 8) beside the usual 16–96.
    const eps = layoutCandidates(deepseek, 'sglang', 8, { redundantExperts: 32 })
      .map((l) => l.ep)
      .filter((ep) => ep > 8);
    expect(eps).toEqual([16, 24, 32, 48, 64, 72, 96]);
  });

  it('offers a MoE model attention DP with EP inside the domain and wide across domains', () => {
    const labels = layoutCandidates(deepseek, 'sglang', 8, {}).map(layoutShapeLabel);
    expect(labels).toEqual([
      'TP1',
      'TP2',
      'TP4',
      'TP8',
      'DP2 EP2',
      'DP4 EP4',
      'DP8 EP8',
      'DP16 EP16',
      'DP32 EP32',
      'DP64 EP64',
      'DP96 EP96',
    ]);
    // An NVL72 domain is one DEP72 instance; no wide layout beyond it.
    expect(layoutCandidates(deepseek, 'sglang', 72, {}).map((l) => l.ep)).toEqual([1, 1, 1, 1, 2, 4, 8, 72]);
  });

  it('never gives an EP rank no expert: Mixtral’s 8 experts stop at EP8', () => {
    const eps = layoutCandidates(mixtral, 'vllm', 8, {}).map((l) => l.ep);
    expect(Math.max(...eps)).toBe(8);
  });

  it('keeps only the layouts that match the constraints', () => {
    const shapes = layoutCandidates(deepseek, 'vllm', 8, { attentionDp: 8 });
    expect(shapes).toEqual([{ tp: 1, pp: 1, ep: 8, attentionDp: 8 }]);
    expect(layoutCandidates(deepseek, 'vllm', 8, { tp: 4 }).map(layoutShapeLabel)).toEqual(['TP4']);
    expect(layoutCandidates(deepseek, 'vllm', 8, { pp: 2, tp: 8 })).toEqual([
      { tp: 8, pp: 2, ep: 1, attentionDp: 1 },
    ]);
  });

  it('every candidate fits its engine, its domain and its model (property)', () => {
    const models = MODELS.filter((m) => m.moe).concat([dense]);
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.constantFrom(...SERVING_ENGINE_IDS),
        fc.integer({ min: 1, max: 144 }),
        (m, engine, domain) => {
          for (const l of layoutCandidates(m, engine, domain, {})) {
            expect(l.tp).toBeLessThanOrEqual(Math.max(1, domain));
            expect(l.ep).toBeLessThanOrEqual(m.moe ? m.moe.experts : 1);
            expect(layoutGpus(l)).toBe(l.attentionDp * l.tp * l.pp);
            if (l.attentionDp > 1) expect(l.ep).toBe(l.attentionDp);
          }
        },
      ),
    );
  });
});
