import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { meetsSlo, sloMissLimits } from './capacity.js';
import { simulateServing, type TrafficSpec } from './simulator.js';
import { servingStepModel } from './throughput.js';
import type { ServingObjectives } from './workload.js';

// Issue #11's fuzz case 249: a small Llama-like model (an HF config) in NVFP4 on one H200, serving
// 32,000-token prompts. Under overload hundreds of requests are admitted long before their prefill.
const h200 = findAccelerator('h200-sxm')!;
const fuzz249 = servingStepModel({
  model: {
    ...findModel('llama-3.1-8b')!,
    id: 'fuzz-249',
    name: 'fuzz 249',
    layers: 49,
    hidden: 2048,
    heads: 16,
    kvHeads: 1,
    ffnHidden: 8192,
    vocab: 32000,
    headDim: 64,
    maxSeqLen: 8192,
  },
  accelerator: h200,
  tp: 1,
  pp: 1,
  weights: 'nvfp4',
  kvCache: 'fp8',
  scaleUpBytesPerS: h200.scaleUpBytesPerS,
});
const h100 = findAccelerator('h100-sxm')!;
const small = servingStepModel({
  model: findModel('llama-3.1-8b')!,
  accelerator: h100,
  tp: 1,
  pp: 1,
  weights: 'fp8',
  kvCache: 'fp8',
  scaleUpBytesPerS: h100.scaleUpBytesPerS,
});
const longPrompts = (ratePerS: number, seed = 1): TrafficSpec => ({
  ratePerS,
  input: { mean: 32000, distribution: 'exponential' },
  output: { mean: 512, distribution: 'exponential' },
  durationS: 3000 / ratePerS,
  seed,
});

describe('overloaded serving runs', () => {
  it('visit few sequences per step while hundreds wait for their prefill (fuzz case 249)', () => {
    // 4.66 req/s: a rate the capacity search probes, where preemptions start.
    const t = longPrompts(4.66);
    const r = simulateServing(fuzz249, t, { maxQueueS: 120 });
    const reference = simulateServing(fuzz249, t, { maxQueueS: 120, perSequence: true });
    expect({ ...r, sequenceVisits: 0 }).toEqual({ ...reference, sequenceVisits: 0 });
    expect(r.preemptions).toBeGreaterThan(0);
    // Stepping the waiting prefills too came to about 290 sequences a step.
    expect(r.sequenceVisits / r.steps).toBeLessThan(20);
  });

  it('stop at a certain miss of the objectives, with far fewer steps', () => {
    const t = longPrompts(6);
    const slo: ServingObjectives = { ttft: { p99: 5 } };
    const full = simulateServing(fuzz249, t, { maxQueueS: 120 });
    const stopped = simulateServing(fuzz249, t, { maxQueueS: 120, stopWhenMissed: sloMissLimits(slo) });
    expect(meetsSlo(full, slo)).toBe(false);
    expect(stopped.stoppedEarly).toBe(true);
    expect(meetsSlo(stopped, slo)).toBe(false);
    expect(stopped.steps * 5).toBeLessThan(full.steps);
  });

  it('decide as the full run does, for any traffic and objectives', () => {
    const limit = fc.option(fc.double({ min: 0.001, max: 30, noNaN: true }), { nil: undefined });
    const limits = fc.record({ p50: limit, p90: limit, p99: limit });
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 80, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.option(limits, { nil: undefined }),
        fc.option(limits, { nil: undefined }),
        fc.constantFrom(20, 60),
        fc.boolean(),
        (rate, seed, ttft, tpot, maxQueueS, prefilled) => {
          const slo: ServingObjectives = { ttft, tpot };
          const t: TrafficSpec = {
            ratePerS: rate,
            input: { mean: 1500, distribution: 'exponential', max: 16000 },
            output: { mean: 300, distribution: 'exponential', max: 4000 },
            durationS: 20,
            seed,
          };
          const full = simulateServing(small, t, { maxQueueS, prefilled });
          const stopped = simulateServing(small, t, {
            maxQueueS,
            prefilled,
            stopWhenMissed: sloMissLimits(slo),
          });
          expect(meetsSlo(stopped, slo)).toBe(meetsSlo(full, slo));
          expect(stopped.steps).toBeLessThanOrEqual(full.steps);
          if (!stopped.stoppedEarly) expect(stopped).toEqual(full);
        },
      ),
      { numRuns: 80 },
    );
  });
});
