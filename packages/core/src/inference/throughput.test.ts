import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { speculation } from './speculative.js';
import {
  engineStepParts,
  engineStepS,
  estimateServing,
  type ServingDeployment,
  servingStepModel,
} from './throughput.js';

const h200 = findAccelerator('h200-sxm')!;
const deployment = (over: Partial<ServingDeployment> = {}): ServingDeployment => ({
  model: findModel('llama-3.3-70b')!,
  accelerator: h200,
  tp: 4,
  pp: 1,
  weights: 'fp8',
  kvCache: 'fp8',
  scaleUpBytesPerS: h200.scaleUpBytesPerS,
  ...over,
});

const lengths = fc.tuple(fc.integer({ min: 16, max: 32_000 }), fc.integer({ min: 16, max: 8_000 }));

describe('offline serving estimate', () => {
  it('is finite and positive whenever the weights fit', () => {
    fc.assert(
      fc.property(lengths, fc.constantFrom(1, 2, 4, 8), ([i, o], tp) => {
        const e = estimateServing(deployment({ tp }), i, o);
        if (!e.fits) return;
        expect(e.outputTokensPerSPerGpu).toBeGreaterThan(0);
        expect(Number.isFinite(e.decodeStepS)).toBe(true);
        expect(e.batch).toBeGreaterThanOrEqual(1);
      }),
    );
  });
  it('longer requests never fit a larger batch', () => {
    fc.assert(
      fc.property(lengths, fc.integer({ min: 1, max: 4000 }), ([i, o], more) => {
        expect(estimateServing(deployment(), i + more, o).batch).toBeLessThanOrEqual(
          estimateServing(deployment(), i, o).batch,
        );
      }),
    );
  });
  it('a smaller number format never lowers throughput', () => {
    fc.assert(
      fc.property(lengths, ([i, o]) => {
        const b200 = findAccelerator('b200')!;
        const fp8 = estimateServing(deployment({ accelerator: b200, weights: 'fp8' }), i, o);
        const fp4 = estimateServing(deployment({ accelerator: b200, weights: 'nvfp4' }), i, o);
        expect(fp4.outputTokensPerSPerGpu).toBeGreaterThanOrEqual(fp8.outputTokensPerSPerGpu * (1 - 1e-9));
      }),
    );
  });
  it('duplicates KV heads past the KV head count', () => {
    const tp8 = estimateServing(deployment({ tp: 8 }), 1000, 1000);
    const tp16 = estimateServing(deployment({ tp: 16 }), 1000, 1000);
    expect(tp16.kvBytesPerTokenPerGpu).toBe(tp8.kvBytesPerTokenPerGpu);
  });
  it('says when the weights do not fit', () => {
    const e = estimateServing(
      deployment({ model: findModel('llama-3.1-405b')!, tp: 1, weights: 'bf16', kvCache: 'bf16' }),
      128,
      128,
    );
    expect(e.fits).toBe(false);
    expect(e.outputTokensPerSPerGpu).toBe(0);
  });
});

describe('local attention', () => {
  it('keeps only the window in local layers: longer contexts fit more sequences than all-global layers would', () => {
    const scout = findModel('llama-4-scout')!;
    const { localAttention: _, ...global } = scout;
    const b200 = findAccelerator('b200')!;
    const d = {
      accelerator: b200,
      tp: 1,
      pp: 1,
      weights: 'nvfp4' as const,
      kvCache: 'fp8' as const,
      scaleUpBytesPerS: b200.scaleUpBytesPerS,
    };
    const local = estimateServing({ ...d, model: scout }, 20_000, 2_000);
    const full = estimateServing({ ...d, model: global }, 20_000, 2_000);
    expect(local.batch).toBeGreaterThan(full.batch);
    expect(local.outputTokensPerSPerGpu).toBeGreaterThan(full.outputTokensPerSPerGpu);
  });
});

describe('speculative decoding in the step model', () => {
  const deepseek = findModel('deepseek-v3')!;
  const base = deployment({ model: deepseek, tp: 8 });
  const mtp = (draftTokens: number, acceptance: number) =>
    deployment({
      model: deepseek,
      tp: 8,
      speculative: speculation(deepseek, { method: 'mtp', draftTokens, acceptance }),
    });
  it('holds the MTP layer and its cache beside the model: a smaller pool, the same weights read per step', () => {
    const a = servingStepModel(base);
    const b = servingStepModel(mtp(1, 0.85));
    expect(b.kvPoolBytesPerGpu).toBeLessThan(a.kvPoolBytesPerGpu);
    // One layer of 61 and its cache: a few percent of the pool, not more.
    expect(b.kvPoolBytesPerGpu / a.kvPoolBytesPerGpu).toBeGreaterThan(0.9);
    expect(b.weightBytesPerGpu).toBe(a.weightBytesPerGpu);
  });
  it('speeds a lone sequence by nearly the acceptance length, and costs a draft pass and a wider verify', () => {
    const a = servingStepModel(base);
    const b = servingStepModel(mtp(1, 0.85));
    const parts = engineStepParts(b, 1, 3000, 0, 0);
    expect(parts.draftS).toBeGreaterThan(0);
    expect(engineStepS(b, 1, 3000, 0, 0)).toBeGreaterThan(engineStepS(a, 1, 3000, 0, 0));
    const speedup = (1.85 * engineStepS(a, 1, 3000, 0, 0)) / engineStepS(b, 1, 3000, 0, 0);
    expect(speedup).toBeGreaterThan(1.6);
    expect(speedup).toBeLessThan(1.85);
  });
  it('never yields more than the acceptance length, and loses where the batch is compute-bound (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 2048 }),
        (k, alpha, seqs) => {
          const a = servingStepModel(base);
          const spec = mtp(k, alpha);
          const b = servingStepModel(spec);
          const e = spec.speculative!.acceptanceLength;
          const gain =
            (e * engineStepS(a, seqs, seqs * 3000, 0, 0)) / engineStepS(b, seqs, seqs * 3000, 0, 0);
          expect(gain).toBeLessThan(e);
          expect(gain).toBeGreaterThan(0);
        },
      ),
    );
    // About 800 sequences of 1,000 + 1,000 tokens: a 0.3 acceptance of 4 drafts (1.42 tokens a step) for
    // five times the matmuls turns the step compute-bound and loses throughput; at 16,000-token prompts
    // the step stays bound by the cache reads and gains.
    const a = estimateServing(base, 1000, 1000, undefined, 2048);
    const b = estimateServing(mtp(4, 0.3), 1000, 1000, undefined, 2048);
    expect([a.decodeBound, b.decodeBound]).toEqual(['memory', 'compute']);
    expect(b.outputTokensPerS).toBeLessThan(a.outputTokensPerS);
    const longA = estimateServing(base, 16000, 1000, undefined, 2048);
    const longB = estimateServing(mtp(4, 0.3), 16000, 1000, undefined, 2048);
    expect(longB.outputTokensPerS).toBeGreaterThan(longA.outputTokensPerS);
  });
});

describe('whole experts per EP rank', () => {
  const deepseek = findModel('deepseek-v3')!;
  const h100 = findAccelerator('h100-sxm')!;
  const dep = (ep: number, redundantExperts = 0) =>
    servingStepModel({
      model: deepseek,
      accelerator: h100,
      tp: 1,
      pp: 1,
      ep,
      attentionDp: ep,
      redundantExperts,
      weights: 'fp8',
      kvCache: 'fp8',
      scaleUpBytesPerS: h100.scaleUpBytesPerS,
    });
  it('holds ⌈experts ÷ EP⌉ experts on a GPU: EP 72 as much expert memory as EP 64, not less', () => {
    expect(dep(72).expertBytesPerGpu).toBeCloseTo(dep(64).expertBytesPerGpu, 0);
    expect(dep(72).placementImbalance).toBeCloseTo(1.125, 12);
    expect(dep(64).placementImbalance).toBe(1);
  });
  it('adds the redundant slots to each rank’s memory', () => {
    // 256 + 32 on EP 32: 9 slots a rank instead of 8.
    expect(dep(32, 32).expertBytesPerGpu / dep(32).expertBytesPerGpu).toBeCloseTo(9 / 8, 12);
  });
  it('makes the busiest rank’s expert work longer when the experts do not divide', () => {
    const tokens = 4096;
    const even = engineStepParts(dep(64), 0, 0, tokens, tokens * 1000).workS;
    const uneven = engineStepParts(dep(72), 0, 0, tokens * (72 / 64), tokens * (72 / 64) * 1000).workS;
    // The same tokens per GPU; the EP 72 rank with 4 experts does 1.125× its share of the expert work,
    // about half the matmuls of a DeepSeek-V3 token: some 5% more work, beyond the random spread.
    expect(uneven / even).toBeGreaterThan(1.04);
    expect(uneven / even).toBeLessThan(1.125);
  });
});
