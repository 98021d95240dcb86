import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSoftwareStack } from '../catalog/software.js';
import { prepare } from './context.js';
import type { Layout } from './layout.js';
import { evaluate } from './step-model.js';
import { memoryHeadroom, newStepResult } from './step-result.js';
import { testJob } from './test-jobs.js';

const ctx = prepare(testJob());
const base: Layout = {
  tp: 8,
  pp: 4,
  dp: 16,
  cp: 1,
  ep: 1,
  vpp: 1,
  microBatch: 1,
  zero: 1,
  recompute: 'none',
  sequenceParallel: true,
};
const run = (l: Partial<Layout>, c = ctx) => evaluate(c, { ...base, ...l }, newStepResult());

/** Valid layouts of the 512-GPU test job. */
const layouts: fc.Arbitrary<Layout> = fc
  .record({
    tp: fc.constantFrom(1, 2, 4, 8),
    pp: fc.constantFrom(1, 2, 4, 8),
    cp: fc.constantFrom(1, 2),
    vpp: fc.constantFrom(1, 2, 5),
    microBatch: fc.constantFrom(1, 2),
    zero: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
    // Selective recompute only means something with unfused attention (tested below).
    recompute: fc.constantFrom('none', 'full') as fc.Arbitrary<Layout['recompute']>,
    sequenceParallel: fc.boolean(),
  })
  .map((x) => ({ ...x, ep: 1, dp: 512 / (x.tp * x.pp * x.cp), vpp: x.pp === 1 ? 1 : x.vpp }));

describe('training step model', () => {
  it('gives finite, positive times and memory, and MFU below 1, for every valid layout', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const r = run(l);
        expect(r.invalid).toBeNull();
        for (const v of [r.stepS, r.computeS, r.memoryBytes, r.activationsBytes, r.weightsBytes]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThan(0);
        }
        expect(r.mfu).toBeLessThan(1);
        expect(r.bubbleS).toBeGreaterThanOrEqual(-1e-9);
        expect(r.stepS).toBeGreaterThanOrEqual(r.computeS);
      }),
      { numRuns: 300 },
    );
  });
  it('splits the step into parts that add up to it', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const r = run(l);
        const parts =
          r.computeS +
          r.recomputeS +
          r.bubbleS +
          r.tpExposedS +
          r.cpExposedS +
          r.epExposedS +
          r.ppExposedS +
          r.dpExposedS +
          r.optimizerS +
          r.overheadS;
        expect(parts).toBeCloseTo(r.stepS, 9);
      }),
      { numRuns: 300 },
    );
  });
  it('recomputing more costs time and saves activation memory', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const none = run({ ...l, recompute: 'none' });
        const full = run({ ...l, recompute: 'full' });
        expect(full.stepS).toBeGreaterThan(none.stepS);
        expect(full.activationsBytes).toBeLessThan(none.activationsBytes);
      }),
      { numRuns: 200 },
    );
  });
  it('selective recompute, with unfused attention, costs less time than full and saves the score tensors', () => {
    // Unfused attention, on every layout the property draws (the 2021 stack itself had no ZeRO or CP).
    const unfused = prepare(
      testJob({
        software: {
          ...findSoftwareStack('megatron-lm-2021')!,
          schedules: findSoftwareStack('megatron-core')!.schedules,
        },
      }),
    );
    fc.assert(
      fc.property(layouts, (l) => {
        const none = run({ ...l, recompute: 'none' }, unfused);
        const sel = run({ ...l, recompute: 'selective' }, unfused);
        const full = run({ ...l, recompute: 'full' }, unfused);
        expect(sel.stepS).toBeGreaterThan(none.stepS);
        expect(sel.stepS).toBeLessThan(full.stepS);
        expect(sel.activationsBytes).toBeLessThan(none.activationsBytes);
      }),
      { numRuns: 100 },
    );
    // With fused attention, selective recompute is op-level: the norms and the FFN activation run
    // again, which frees their outputs for a little elementwise time.
    fc.assert(
      fc.property(layouts, (l) => {
        const none = run({ ...l, recompute: 'none' });
        const sel = run({ ...l, recompute: 'selective' });
        const full = run({ ...l, recompute: 'full' });
        expect(sel.invalid).toBeNull();
        expect(sel.activationsBytes).toBeLessThan(none.activationsBytes);
        expect(sel.stepS).toBeGreaterThan(none.stepS);
        expect(sel.stepS).toBeLessThan(full.stepS);
      }),
      { numRuns: 100 },
    );
  });
  it('a higher ZeRO stage never needs more memory', () => {
    fc.assert(
      fc.property(layouts, (l) => {
        const m = [0, 1, 2, 3].map((zero) => run({ ...l, zero: zero as 0 }).memoryBytes);
        for (let i = 1; i < m.length; i++) expect(m[i]!).toBeLessThanOrEqual(m[i - 1]! * (1 + 1e-12));
      }),
      { numRuns: 200 },
    );
  });
  it('faster links never make a step slower', () => {
    const fast = prepare(testJob({ scaleOutBytesPerS: 100e9, scaleUpBytesPerS: 900e9 }));
    fc.assert(
      fc.property(layouts, (l) => {
        expect(run(l, fast).stepS).toBeLessThanOrEqual(run(l).stepS * (1 + 1e-12));
      }),
      { numRuns: 200 },
    );
  });
  it('more micro-batches in the pipeline shrink the bubble share', () => {
    const small = prepare(testJob({ globalBatch: 256 }));
    const a = run({ pp: 8, dp: 8 }, small);
    const b = run({ pp: 8, dp: 8 });
    expect(b.bubbleS / b.stepS).toBeLessThan(a.bubbleS / a.stepS);
  });
  it('interleaving shrinks the bubble', () => {
    expect(run({ pp: 8, dp: 8, vpp: 5 }).bubbleS).toBeLessThan(run({ pp: 8, dp: 8, vpp: 1 }).bubbleS);
  });
  it('refuses layouts that do not multiply to the GPU count or split heads unevenly', () => {
    expect(run({ dp: 8 }).invalid).toBe('gpu-count');
    expect(run({ tp: 3, dp: 512 / 12 }).invalid).not.toBeNull();
  });
  it('reports out of memory by how much', () => {
    const r = run({ tp: 1, pp: 1, dp: 512, zero: 0, microBatch: 2 });
    expect(memoryHeadroom(r)).toBeLessThan(0);
  });
  it('counts 6 × parameters × tokens plus attention as model FLOPs (dense)', () => {
    const r = run({});
    const tokens = 1024 * 8192;
    const sixN = 6 * 70.5e9 * tokens;
    expect(r.modelFlopsPerStep / sixN).toBeGreaterThan(1);
    expect(r.modelFlopsPerStep / sixN).toBeLessThan(1.15);
  });
});

describe('partial recompute', () => {
  const tight = prepare(testJob({ memoryBytes: 36 * 2 ** 30 }));
  const l: Layout = { ...base, recompute: 'partial' };
  it('recomputes the fewest layers that fit: between none and full in time, and within memory', () => {
    const none = evaluate(tight, { ...l, recompute: 'none' }, newStepResult());
    const full = evaluate(tight, { ...l, recompute: 'full' }, newStepResult());
    const part = evaluate(tight, l, newStepResult());
    expect(memoryHeadroom(none)).toBeLessThan(0);
    expect(part.invalid).toBeNull();
    expect(part.recomputedLayerShare).toBeGreaterThan(0);
    expect(part.recomputedLayerShare).toBeLessThan(1);
    expect(memoryHeadroom(part)).toBeGreaterThanOrEqual(0);
    expect(part.stepS).toBeGreaterThan(none.stepS);
    expect(part.stepS).toBeLessThan(full.stepS);
  });
  it('is refused where nothing needs recomputing', () => {
    expect(evaluate(ctx, l, newStepResult()).invalid).toBe('partial-recompute');
  });
});
