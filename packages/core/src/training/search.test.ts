import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findModel } from '../catalog/lookup.js';
import { prepare } from './context.js';
import { searchLayouts } from './search.js';
import { memoryHeadroom } from './step-result.js';
import { testJob } from './test-jobs.js';

describe('layout search', () => {
  const ctx = prepare(testJob());
  const out = searchLayouts(ctx, {}, { top: 10 });
  it('ranks feasible layouts fastest first, each fitting in memory and using every GPU', () => {
    expect(out.ranked.length).toBe(10);
    for (let i = 1; i < out.ranked.length; i++) {
      expect(out.ranked[i]!.result.stepS).toBeGreaterThanOrEqual(out.ranked[i - 1]!.result.stepS);
    }
    for (const r of out.ranked) {
      expect(memoryHeadroom(r.result)).toBeGreaterThanOrEqual(0);
      const l = r.layout;
      expect(l.tp * l.pp * l.dp * l.cp).toBe(512);
    }
  });
  it('accounts for every layout it tried', () => {
    const invalid = Object.values(out.invalidByReason).reduce((a, b) => a + b, 0);
    expect(out.feasible + out.outOfMemory + invalid).toBe(out.evaluated);
  });
  it('keeps fixed knobs fixed', () => {
    const fixed = searchLayouts(ctx, { tp: 4, recompute: 'full' }, { top: 5 });
    for (const r of fixed.ranked) {
      expect(r.layout.tp).toBe(4);
      expect(r.layout.recompute).toBe('full');
    }
  });
  it('explains a model that fits nowhere by how much it misses', () => {
    const tiny = prepare(testJob({ model: findModel('llama-3.1-405b')!, gpus: 8 }));
    const o = searchLayouts(tiny);
    expect(o.ranked).toHaveLength(0);
    expect(o.closestOutOfMemory.length).toBeGreaterThan(0);
    expect(o.closestOutOfMemory[0]!.overBytes).toBeGreaterThan(0);
  });
  it('splits MoE experts only over expert-parallel ranks that divide the experts', () => {
    const moe = prepare(testJob({ model: findModel('mixtral-8x7b')!, gpus: 64, globalBatch: 256 }));
    const o = searchLayouts(moe, {}, { top: 20 });
    expect(o.ranked.length).toBeGreaterThan(0);
    for (const r of o.ranked) expect(8 % r.layout.ep).toBe(0);
  });
  it('ranks the same layouts as timing every feasible one in full (the step-time bound drops only the slower)', () => {
    // With room for every layout the list's worst time stays infinite, so nothing is skipped.
    fc.assert(
      fc.property(
        fc.constantFrom('llama-3.1-8b', 'mixtral-8x7b', 'llama-3-70b'),
        fc.constantFrom(8, 16, 32),
        fc.constantFrom(64, 256),
        fc.constantFrom(2048, 8192),
        (model, gpus, globalBatch, seqLen) => {
          const c = prepare(testJob({ model: findModel(model)!, gpus, globalBatch, seqLen }));
          const top = searchLayouts(c, {}, { top: 10 });
          const all = searchLayouts(c, {}, { top: top.feasible + 1 });
          // Every feasible layout is ranked but those whose twin without recompute fits (slower).
          expect(all.ranked.length).toBe(all.feasible - all.dominated);
          const key = (o: typeof top) => o.ranked.slice(0, 10).map((r) => [r.layout, r.result.stepS]);
          expect(key(top)).toEqual(key(all));
          expect(top.feasible).toBe(all.feasible);
        },
      ),
      { numRuns: 6 },
    );
  });
});
