import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { simulateServing, type TrafficSpec } from './simulator.js';
import { servingStepModel } from './throughput.js';

const h100 = findAccelerator('h100-sxm')!;
const sm = servingStepModel({
  model: findModel('llama-3.1-8b')!,
  accelerator: h100,
  tp: 1,
  pp: 1,
  weights: 'fp8',
  kvCache: 'fp8',
  scaleUpBytesPerS: h100.scaleUpBytesPerS,
});
const traffic = (over: Partial<TrafficSpec> = {}): TrafficSpec => ({
  ratePerS: 20,
  input: { mean: 512, distribution: 'exponential', max: 4096 },
  output: { mean: 128, distribution: 'exponential', max: 1024 },
  durationS: 30,
  seed: 1,
  ...over,
});

describe('serving simulator', () => {
  it('repeats exactly for a seed', () => {
    expect(simulateServing(sm, traffic())).toEqual(simulateServing(sm, traffic()));
  });
  it('queues nothing at zero load: a request waits at most for the step under way', () => {
    const r = simulateServing(sm, traffic({ ratePerS: 0.05, durationS: 2000 }));
    expect(r.completed).toBeGreaterThan(50);
    expect(r.queueWaitS.p50).toBe(0);
    // Admission happens at step boundaries: one decode step of one sequence is a few milliseconds.
    expect(r.queueWaitS.p99).toBeLessThan(0.02);
  });
  it('accounts for every request: completed or dropped', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (rate, seed) => {
          const r = simulateServing(sm, traffic({ ratePerS: rate, durationS: 5, seed }), { maxQueueS: 20 });
          expect(r.completed + r.dropped).toBe(r.arrived);
        },
      ),
      { numRuns: 40 },
    );
  });
  it('never gets faster as load rises (same arrivals, compressed in time)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
        let last = 0;
        for (const rate of [2, 8, 32, 128]) {
          // The same random draws: durations scale so the same requests arrive, closer together.
          const r = simulateServing(sm, traffic({ ratePerS: rate, durationS: 120 / rate, seed }));
          expect(r.e2eS.mean).toBeGreaterThanOrEqual(last * 0.98);
          last = r.e2eS.mean;
        }
      }),
      { numRuns: 20 },
    );
  });
  it('counts goodput against the objectives', () => {
    const loose = simulateServing(sm, traffic(), { slo: { ttftS: 100, tpotS: 100 } });
    const tight = simulateServing(sm, traffic(), { slo: { ttftS: 1e-6, tpotS: 1e-6 } });
    expect(loose.sloAttainment).toBeCloseTo(loose.completed / loose.arrived, 9);
    expect(tight.goodputPerS).toBe(0);
  });
});
