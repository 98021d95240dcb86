import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { peakRate, quantileAt, rateAt, simulateServing, type TrafficSpec, traceRate } from './simulator.js';
import { speculation } from './speculative.js';
import { engineStepS, servingStepModel } from './throughput.js';

const h100 = findAccelerator('h100-sxm')!;
/** A model served in FP8 on one H100. */
const onOneH100 = (model: string, draft?: { model: string; tokens: number; acceptance: number }) =>
  servingStepModel({
    model: findModel(model)!,
    accelerator: h100,
    tp: 1,
    pp: 1,
    weights: 'fp8',
    kvCache: 'fp8',
    scaleUpBytesPerS: h100.scaleUpBytesPerS,
    speculative: draft
      ? speculation(findModel(model)!, {
          method: 'draft',
          draft: findModel(draft.model)!,
          draftTokens: draft.tokens,
          acceptance: draft.acceptance,
        })
      : undefined,
  });
const sm = onOneH100('llama-3.1-8b');
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

describe('traffic shapes', () => {
  it('follows the daily profile and the bursts', () => {
    const t = traffic({
      ratePerS: 10,
      profile: Array.from({ length: 24 }, (_, h) => (h < 12 ? 0.5 : 2)),
      burst: { factor: 3, durationS: 10, everyS: 100 },
    });
    expect(rateAt(t, 3600 * 3 + 50)).toBe(5);
    expect(rateAt(t, 3600 * 13 + 5)).toBe(60);
    expect(peakRate(t)).toBe(60);
  });
  it('draws as many arrivals as the profile says, on average', () => {
    const t = traffic({
      ratePerS: 10,
      durationS: 7200,
      profile: Array.from({ length: 24 }, (_, h) => (h === 0 ? 0.5 : 1.5)),
    });
    const r = simulateServing(sm, {
      ...t,
      output: { mean: 1, distribution: 'fixed' },
      input: { mean: 16, distribution: 'fixed' },
    });
    // Hour 0 at 5 req/s, hour 1 at 15 req/s: 72,000 expected.
    expect(r.arrived / 72_000).toBeGreaterThan(0.97);
    expect(r.arrived / 72_000).toBeLessThan(1.03);
  });
});

describe('lengths drawn from a measured distribution', () => {
  it('reads quantiles at equal steps of probability, linear between them', () => {
    expect(quantileAt([10, 20, 40], 0)).toBe(10);
    expect(quantileAt([10, 20, 40], 0.25)).toBe(15);
    expect(quantileAt([10, 20, 40], 0.75)).toBe(30);
    expect(quantileAt([7], 0.3)).toBe(7);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 2, maxLength: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (raw, u, w) => {
          const q = [...raw].sort((a, b) => a - b);
          const a = quantileAt(q, Math.min(u, w));
          expect(a).toBeGreaterThanOrEqual(q[0]!);
          expect(a).toBeLessThanOrEqual(q[q.length - 1]!);
          expect(quantileAt(q, Math.max(u, w))).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
  it('gives requests lengths with the distribution’s mean, and only lengths it holds', () => {
    const run = (quantiles: number[]) => {
      const r = simulateServing(sm, {
        ratePerS: 20,
        durationS: 300,
        seed: 3,
        input: { mean: 64, distribution: 'fixed' },
        output: { mean: 0, distribution: 'empirical', quantiles },
      });
      expect(r.completed).toBe(r.arrived);
      return (r.outputTokensPerS * Math.max(r.simulatedS, 300)) / r.completed;
    };
    // Every answer 50 tokens; then uniform from 10 to 30 (mean 20) over 6,000 requests.
    expect(run([50, 50])).toBeCloseTo(50, 9);
    const mean = run(Array.from({ length: 201 }, (_, k) => 10 + k / 10));
    expect(mean).toBeGreaterThan(19.7);
    expect(mean).toBeLessThan(20.3);
  });
});

describe('trace replay', () => {
  const trace = { timesS: [0, 1, 2, 3], input: [100, 200, 300, 400], output: [10, 20, 30, 40] };
  it('replays the trace with its time scaled to the rate, repeated to fill the duration', () => {
    const r = simulateServing(sm, traffic({ trace, ratePerS: 2, durationS: 10 }));
    // The trace's rate is 1 req/s; at 2 req/s each round of 4 requests takes 2 s: 5 rounds in 10 s.
    expect(r.arrived).toBe(20);
    expect(r.completed + r.dropped).toBe(20);
    expect(traceRate(trace)).toBe(1);
  });
});

describe('the steady-decode bookkeeping gives what stepping each sequence gives', () => {
  // Llama 3.3 70B in FP8 on one H100 has room for few sequences: heavy load runs out of KV blocks and
  // preempts, the case where steady sequences must go back to being stepped one by one.
  const tight = onOneH100('llama-3.3-70b');
  // gpt-oss-20b: every other layer attends to a 128-token window, so its context and cache grow by
  // half a layer set per token past the window.
  const local = onOneH100('gpt-oss-20b');
  // The same with a 1,000-token window: most sequences live within it, many cross it while decoding.
  const wideWindow = { ...local, localWindow: 1000 };
  const same = (m: typeof sm, t: TrafficSpec, o: Parameters<typeof simulateServing>[2] = {}) => {
    const fast = simulateServing(m, t, o);
    const reference = simulateServing(m, t, { ...o, perSequence: true });
    // The same run, for less work.
    expect({ ...fast, sequenceVisits: 0 }).toEqual({ ...reference, sequenceVisits: 0 });
    expect(fast.sequenceVisits).toBeLessThanOrEqual(reference.sequenceVisits);
    return fast;
  };
  // The chat example's lengths: long prompts and answers fill the cache.
  const long = {
    input: { mean: 2000, distribution: 'exponential', max: 16000 },
    output: { mean: 400, distribution: 'exponential', max: 4000 },
  } as const;
  it('under overload with preemptions', () => {
    const r = same(tight, traffic({ ...long, ratePerS: 1.5, durationS: 300 }), { maxQueueS: 120 });
    expect(r.preemptions).toBeGreaterThan(0);
  });
  it('short of blocks at most steps, visiting only the sequences it preempts (issue #11 fuzz case 9788)', () => {
    // 50 req/s of 4,096-token answers on one H100: about 500 sequences fill the cache, and new ones
    // keep arriving, so nearly every step preempts the newest.
    const t = traffic({
      ratePerS: 50,
      durationS: 30,
      input: { mean: 128, distribution: 'fixed' },
      output: { mean: 4096, distribution: 'fixed' },
    });
    const r = same(sm, t, { maxQueueS: 60 });
    expect(r.preemptions).toBeGreaterThan(1000);
    // The pass in admission order visited all of them at every short step: 128 a step.
    expect(r.sequenceVisits / r.steps).toBeLessThan(5);
  });
  it('with local-attention layers, stepping only what is not steady (issue #11 fuzz case 1137)', () => {
    // One-token prompts and 4,096-token answers: every sequence decodes for thousands of steps.
    const t = traffic({
      ratePerS: 4,
      durationS: 60,
      input: { mean: 1, distribution: 'fixed' },
      output: { mean: 4096, distribution: 'fixed' },
    });
    const r = same(local, t, { maxQueueS: 60 });
    expect(r.completed).toBeGreaterThan(0);
    // Stepping each sequence came to the whole batch a step (about 200); past the window they are
    // kept as sums.
    expect(r.sequenceVisits / r.steps).toBeLessThan(10);
  });
  it('with sequences within a local window, and crossing it, kept as sums (issue #11 fuzz case 13919)', () => {
    // 1,200-token answers to 1-to-400-token prompts: each sequence decodes within the window, then past it.
    const t = traffic({
      ratePerS: 4,
      durationS: 60,
      input: { mean: 200, distribution: 'exponential', max: 400 },
      output: { mean: 1200, distribution: 'fixed' },
    });
    const r = same(wideWindow, t, { maxQueueS: 60 });
    expect(r.completed).toBeGreaterThan(0);
    // Stepping within the window one by one came to the whole batch a step.
    expect(r.sequenceVisits / r.steps).toBeLessThan(10);
  });
  // Speculative decoding: every decoding sequence gains 1 to 5 tokens a step.
  const drafted = (m: typeof sm, tokens: number, acceptance: number) => ({
    ...m,
    speculative: { draftTokens: tokens, acceptanceLength: acceptanceOf(tokens, acceptance), draft: sm },
    verifyTokens: tokens + 1,
  });
  const acceptanceOf = (k: number, a: number) => (1 - a ** (k + 1)) / (1 - a);
  it('with speculative decoding, several tokens a step, under preemption and across windows', () => {
    const t = traffic({ ...long, ratePerS: 1.5, durationS: 300 });
    expect(same(drafted(tight, 3, 0.7), t, { maxQueueS: 120 }).preemptions).toBeGreaterThan(0);
    const w = traffic({
      ratePerS: 4,
      durationS: 60,
      input: { mean: 200, distribution: 'exponential', max: 400 },
      output: { mean: 1200, distribution: 'fixed' },
    });
    same(drafted(wideWindow, 4, 0.8), w, { maxQueueS: 60 });
  });
  it('for any load, block size, batch limit and decode pool', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          sm,
          tight,
          local,
          wideWindow,
          drafted(sm, 1, 0.85),
          drafted(tight, 3, 0.6),
          drafted(wideWindow, 4, 0.9),
        ),
        fc.double({ min: 0.2, max: 60, noNaN: true }),
        fc.constantFrom(1, 4, 16, 64),
        fc.integer({ min: 1, max: 600 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (m, rate, blockTokens, maxBatch, prefilled, seed, longer) => {
          const lengths = longer ? long : {};
          same(m, traffic({ ...lengths, ratePerS: longer ? rate / 10 : rate, durationS: 20, seed }), {
            blockTokens,
            maxBatch,
            prefilled,
            maxQueueS: 60,
            slo: { ttftS: 1, tpotS: 0.05 },
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('speculative decoding in the simulator', () => {
  const plain = onOneH100('llama-3.3-70b');
  const spec = onOneH100('llama-3.3-70b', { model: 'llama-3.1-8b', tokens: 3, acceptance: 0.8 });
  const fixed = traffic({
    ratePerS: 0.2,
    durationS: 600,
    input: { mean: 500, distribution: 'fixed' },
    output: { mean: 301, distribution: 'fixed' },
  });
  it('outputs every answer token once: drafted tokens past the end of an answer are not counted', () => {
    const r = simulateServing(spec, fixed);
    expect(r.dropped).toBe(0);
    const span = Math.max(r.simulatedS, fixed.durationS);
    expect(Math.round(r.outputTokensPerS * span)).toBe(r.completed * 301);
  });
  it('divides the time per output token by the acceptance length, less the draft and verify cost', () => {
    const a = simulateServing(plain, fixed);
    const b = simulateServing(spec, fixed);
    const e = spec.speculative!.acceptanceLength;
    // Alone on the replica, a request's step is one sequence's: the time per token is the step over
    // the tokens it yields.
    const ctx = 500 + 150;
    const ratio = engineStepS(spec, 1, ctx, 0, 0) / e / engineStepS(plain, 1, ctx, 0, 0);
    expect(b.tpotS.p50 / a.tpotS.p50).toBeCloseTo(ratio, 1);
    expect(b.tpotS.p50).toBeLessThan(a.tpotS.p50 / 2);
  });
});
