// The serving capacity search: for each layout the engine can run, the highest rate one replica serves
// within the objectives (bisection on the simulator's seeded runs), the replicas the peak hour needs,
// and what a token costs in GPU time and energy.
import type { Source } from '../catalog/types.js';
import { collectiveTimeS } from '../fabric/collectives.js';
import type { OnProgress } from '../sim/progress.js';
import { type LayoutShape, layoutCandidates, layoutGpus } from './layouts.js';
import {
  type MissLimits,
  type PercentileLimit,
  type Percentiles,
  type SimulationResult,
  simulateServing,
  type TrafficSpec,
} from './simulator.js';
import {
  effectiveContext,
  engineStepParts,
  engineStepS,
  estimateServing,
  type ServingStepModel,
  type StepParts,
  servingStepModel,
} from './throughput.js';
import type { ServingObjectives, ServingTraffic, ServingWorkload } from './workload.js';

export interface ServingLayout extends LayoutShape {
  readonly gpusPerReplica: number;
  readonly replicas: number;
  readonly gpus: number;
  /** Highest rate one replica takes within the objectives, requests/s. */
  readonly maxRatePerReplica: number;
  /** Sequences one replica holds in flight at most: the KV cache at the mean request length, or
   * the engine's batch limit (per pipeline micro-batch), whichever is lower. */
  readonly maxBatch: number;
  readonly maxBatchLimitedBy: 'memory' | 'engine';
  /** Share of requests that met every objective at the target load (bursts included). */
  readonly sloAttainment: number | null;
  /** The knee: the highest rate per replica before queues grow (p90 queue wait above a tenth of the
   * p90 end-to-end latency), whatever the objectives. */
  readonly kneeRatePerReplica: number | null;
  /** The replica at the target load: its simulated latencies. */
  readonly ttftS: Percentiles;
  readonly tpotS: Percentiles;
  readonly outputTokensPerSPerGpu: number;
  readonly costPerGpuHourUsd: number | null;
  readonly costPerMillionInputUsd: number | null;
  readonly costPerMillionOutputUsd: number | null;
  readonly energyPerOutputTokenJ: number;
  /** One decode step of the replica at its largest batch, by part (all-to-all apart). */
  readonly decodeStep: StepParts;
  /** Sequences in that step. */
  readonly decodeBatch: number;
  /** Where the routed experts sit, on a layout with EP: whole experts (and EPLB copies) per rank. */
  readonly expertPlacement?: {
    /** Expert slots on the busiest EP rank. */
    readonly slotsPerRank: number;
    /** Slots beyond the routed experts (EPLB copies). */
    readonly redundantExperts: number;
    /** The busiest rank's share of the expert work over the mean (1: even). */
    readonly busiestLoad: number;
  };
  /** Separate prefill and decode pools, when this layout is disaggregated. */
  readonly disaggregated?: {
    readonly prefillReplicas: number;
    readonly decodeReplicas: number;
    /** Time to send one mean prompt's KV cache from the prefill to the decode pool, s. */
    readonly kvTransferS: number;
    /** The prefill pool's layout (the decode pool's is the entry's own). */
    readonly prefill: LayoutShape & { readonly gpusPerReplica: number };
  };
}

/** Simulated seconds per probe of the capacity search: enough requests for stable percentiles. */
const PROBE_REQUESTS = 3000;
/** Simulated seconds a probe runs at least, so that long requests reach their steady state. */
const PROBE_MIN_S = 30;
/** Requests a probe holds at most: at thousands of tiny requests per second, PROBE_MIN_S held
 * millions, whose sorting for percentiles cost more than the rest of the search (issue #11, fuzz case
 * 425: 50 s). Ten times PROBE_REQUESTS, so no rate up to 1,000 requests/s changes. */
const PROBE_MAX_REQUESTS = 10 * PROBE_REQUESTS;
const SEARCH_STEPS = 14;
export const SIMULATION_SOURCE: Source = {
  title: 'aidc serving simulator (core/inference/simulator.ts)',
  note: 'continuous batching with chunked prefill, KV blocks and preemption; Poisson arrivals; seeded',
};

/** Whether a run meets the objectives: nothing dropped, every percentile given within its limit. */
export function meetsSlo(r: SimulationResult, slo: ServingObjectives): boolean {
  if (r.dropped > 0) return false;
  const ok = (
    p: Percentiles,
    target: { p50?: number | undefined; p90?: number | undefined; p99?: number | undefined } | undefined,
  ) =>
    !target ||
    ((target.p50 === undefined || p.p50 <= target.p50) &&
      (target.p90 === undefined || p.p90 <= target.p90) &&
      (target.p99 === undefined || p.p99 <= target.p99));
  return ok(r.ttftS, slo.ttft) && ok(r.tpotS, slo.tpot);
}

/** The quantile each objective's percentile reads (as the simulator's percentiles do). */
const QUANTILES = { p50: 0.5, p90: 0.9, p99: 0.99 } as const;

/** The objectives as the limits a yes/no run may stop at, once certainly missed (meetsSlo's test). */
export function sloMissLimits(slo: ServingObjectives): MissLimits {
  const of = (target: ServingObjectives['ttft']): PercentileLimit[] =>
    (['p50', 'p90', 'p99'] as const).flatMap((p) => {
      const limitS = target?.[p];
      return limitS === undefined ? [] : [{ quantile: QUANTILES[p], limitS }];
    });
  return { ttft: of(slo.ttft), tpot: of(slo.tpot) };
}

/** The busiest hour's multiplier of the daily profile (1 without a profile). */
export function profilePeak(sv: ServingWorkload): number {
  return sv.traffic.profile && sv.traffic.profile.length > 0 ? Math.max(...sv.traffic.profile) : 1;
}

function profileMean(sv: ServingWorkload): number {
  const p = sv.traffic.profile;
  return p && p.length > 0 ? p.reduce((a, b) => a + b, 0) / p.length : 1;
}

/** Traffic at a constant rate with the scenario's bursts on top. */
export function burstTraffic(sv: ServingWorkload, rate: number, seed: number): TrafficSpec {
  const b = sv.traffic.burst;
  return {
    ...probeTraffic(sv.traffic, rate, seed),
    burst: b ? { factor: b.factor, durationS: b.duration, everyS: b.every } : undefined,
  };
}

/** One probe's traffic: the scenario's lengths at a constant rate, long enough for stable percentiles. */
export function probeTraffic(t: ServingTraffic, rate: number, seed: number): TrafficSpec {
  return {
    ratePerS: rate,
    input: t.input,
    output: t.output,
    trace: t.trace,
    durationS: Math.min(1800, PROBE_MAX_REQUESTS / rate, Math.max(PROBE_MIN_S, PROBE_REQUESTS / rate)),
    seed,
  };
}

/** The highest rate for which `ok` holds, by bisection between upper ÷ 1000 and 1.5 × upper. When `ok`
 * holds at the top already, every step would keep the upper half: the bisection's answer is then
 * known without its SEARCH_STEPS runs (a replica the offline estimate underrates, as with one-token
 * prompts at thousands of requests per second, issue #11). */
export function highestRate(ok: (rate: number) => boolean, upper: number): number {
  let lo = upper / 1000;
  if (!ok(lo)) return 0;
  let hi = upper * 1.5;
  if (ok(hi)) return allKept(lo, hi);
  for (let i = 0; i < SEARCH_STEPS; i++) {
    const mid = Math.sqrt(lo * hi);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Where SEARCH_STEPS geometric bisection steps that each keep the upper half end: the lower end
 * moved towards `hi` by all but 2^−SEARCH_STEPS of the log-distance (the same arithmetic, so the same
 * number, as stepping). */
function allKept(lo: number, hi: number): number {
  let l = lo;
  for (let i = 0; i < SEARCH_STEPS; i++) l = Math.sqrt(l * hi);
  return l;
}

/** What a run is for: its latencies ('full'), or a yes/no check that fails on any drop ('drops': the
 * run may stop at the first) or on any miss of the objectives ('slo': it may stop at the first certain
 * miss). A run stopped early answers only its own check and those it implies. */
type ProbeNeed = 'full' | 'drops' | 'slo';

/** The needs a run stopped early for a need serves: a drop misses the objectives too. */
const STOPPED_SERVES: Record<ProbeNeed, readonly ProbeNeed[]> = {
  full: [],
  drops: ['drops', 'slo'],
  slo: ['slo'],
};

/** One replica under constant-rate traffic (seed 1), each rate simulated once per need: the capacity
 * search and the knee probe the same rates, and a seeded run repeats exactly. */
type Probe = (rate: number, need?: ProbeNeed) => SimulationResult;

function probe(sm: ServingStepModel, sv: ServingWorkload, ran: () => void = () => {}): Probe {
  const runs = new Map<number, { need: ProbeNeed; r: SimulationResult }[]>();
  const stops: Record<ProbeNeed, MissLimits | undefined> = {
    full: undefined,
    drops: {},
    // Stopping at a certain miss of the objectives checks every step and saved less than it cost on
    // the examples; runs stop at the first drop only (miss-watch.ts keeps the finer stop, tested).
    slo: {},
  };
  return (rate, need = 'full') => {
    const done = runs.get(rate) ?? [];
    const hit = done.find((d) => !d.r.stoppedEarly || STOPPED_SERVES[d.need].includes(need));
    if (hit) return hit.r;
    const stop = stops[need];
    const r = simulateServing(sm, probeTraffic(sv.traffic, rate, 1), {
      maxQueueS: 120,
      ...(stop ? { stopWhenMissed: stop } : {}),
    });
    runs.set(rate, [...done, { need, r }]);
    ran();
    return r;
  };
}

/** Simulations one layout's search makes at most: the light-load check, two bisections (capacity
 * and knee) and the check under bursts; a disaggregated layout adds two bisections and two checks.
 * Progress counts runs against this. */
function runsPerLayout(disaggregated: boolean): number {
  const one = 2 + 2 * SEARCH_STEPS;
  return disaggregated ? 2 * one : one;
}

/** The highest rate one replica serves within the objectives: bisection on simulated load. */
function maxRate(
  at: Probe,
  sv: ServingWorkload,
  upper: number,
): { rate: number; light: SimulationResult; knee: number } {
  const light = at(upper / 1000);
  if (!meetsSlo(light, sv.slo)) return { rate: 0, light, knee: 0 };
  // The knee first: its runs go on to the end (unless one drops) and the capacity search reuses them,
  // while runs at rates only the capacity search probes stop at a certain miss.
  const kneeRate = knee(at, upper);
  return { rate: highestRate((r) => meetsSlo(at(r, 'slo'), sv.slo), upper), light, knee: kneeRate };
}

/** The objectives as single limits for goodput: the p99 targets (else p90, else p50). */
export function sloTargets(sv: ServingWorkload): { ttftS: number; tpotS: number } {
  return {
    ttftS: sv.slo.ttft?.p99 ?? sv.slo.ttft?.p90 ?? sv.slo.ttft?.p50 ?? Number.POSITIVE_INFINITY,
    tpotS: sv.slo.tpot?.p99 ?? sv.slo.tpot?.p90 ?? sv.slo.tpot?.p50 ?? Number.POSITIVE_INFINITY,
  };
}

/** The limits as figure inputs: "none" for an objective not given (JSON has no infinity). */
export function limitInputs(t: { ttftS: number; tpotS: number }): Record<string, number | string> {
  return {
    ttftLimitS: Number.isFinite(t.ttftS) ? t.ttftS : 'none',
    tpotLimitS: Number.isFinite(t.tpotS) ? t.tpotS : 'none',
  };
}

/** The knee's definition: queueing is a tenth of the p90 end-to-end latency. A convention (the
 * load where waiting starts to show in the latency), not a fitted constant. */
export const KNEE_QUEUE_SHARE = 0.1;

/** Where queues start to grow: the highest rate with the p90 queue wait under KNEE_QUEUE_SHARE of
 * the p90 end-to-end latency. */
function knee(at: Probe, upper: number): number {
  return highestRate((rate) => {
    const r = at(rate, 'drops');
    return r.dropped === 0 && r.queueWaitS.p90 <= KNEE_QUEUE_SHARE * r.e2eS.p90;
  }, upper);
}

/** Percentiles shifted by a fixed time (the KV transfer a disaggregated request waits for). */
function shifted(p: Percentiles, s: number): Percentiles {
  return { mean: p.mean + s, p50: p.p50 + s, p90: p.p90 + s, p99: p.p99 + s };
}

/** The time to send one mean prompt's KV cache from a prefill GPU to a decode GPU in another node, over
 * the site's NICs: each GPU of the prefill replica sends its own shard. */
function kvTransferS(sm: ServingStepModel, sv: ServingWorkload): number {
  return collectiveTimeS(
    'send-recv',
    sm.kvBytesPerTokenPerGpu * effectiveContext(sm, sv.traffic.input.mean),
    {
      size: 2,
      perDomain: 1,
      scaleUpBytesPerS: sv.site.scaleUpBytesPerS,
      scaleOutBytesPerS: sv.site.scaleOutBytesPerS,
      oversubscription: sv.site.oversubscription,
    },
  );
}

/** The prefill pool's traffic: the same kind of arrivals, each answered with one token (a trace is
 * replaced by Poisson arrivals of its mean lengths). */
function prefillOnly(sv: ServingWorkload, rate: number, seed: number): TrafficSpec {
  return {
    ...probeTraffic(sv.traffic, rate, seed),
    trace: undefined,
    output: { mean: 1, distribution: 'fixed' },
  };
}

/** What one layout does as either pool of disaggregated serving: the highest rate a replica takes
 * prefilling only, and decoding only, each within its half of the TTFT left after the KV transfer (a
 * rate of 0: it cannot serve as that pool). */
interface PoolRates {
  readonly prefillRate: number;
  readonly decodeRate: number;
  /** The KV transfer from this layout as the prefill pool, s. */
  readonly transferS: number;
}

function poolRates(
  sm: ServingStepModel,
  sv: ServingWorkload,
  upper: number,
  seed: number,
  ran: () => void,
): PoolRates {
  const limits = sloTargets(sv);
  const transferS = kvTransferS(sm, sv);
  const ttftTarget = limits.ttftS - transferS;
  if (ttftTarget <= 0) return { prefillRate: 0, decodeRate: 0, transferS };
  const tpotTarget = limits.tpotS;
  // Each pool takes half of what is left of the TTFT budget after the transfer. The yes/no runs stop
  // at their first certain miss.
  const ttftLimit = [{ quantile: QUANTILES.p99, limitS: ttftTarget / 2 }];
  const prefillStop: MissLimits = { ttft: ttftLimit };
  const decodeStop: MissLimits = { ttft: ttftLimit, tpot: [{ quantile: QUANTILES.p99, limitS: tpotTarget }] };
  const prefillOk = (r: SimulationResult) => r.dropped === 0 && r.ttftS.p99 <= ttftTarget / 2;
  const decodeOk = (r: SimulationResult) =>
    r.dropped === 0 && r.tpotS.p99 <= tpotTarget && r.ttftS.p99 <= ttftTarget / 2;
  const prefillRate = highestRate((rate) => {
    ran();
    return prefillOk(
      simulateServing(sm, prefillOnly(sv, rate, seed), { maxQueueS: 120, stopWhenMissed: prefillStop }),
    );
  }, upper * 4);
  const decodeRate = highestRate((rate) => {
    ran();
    return decodeOk(
      simulateServing(sm, probeTraffic(sv.traffic, rate, seed), {
        maxQueueS: 120,
        prefilled: true,
        stopWhenMissed: decodeStop,
      }),
    );
  }, upper * 2);
  return { prefillRate, decodeRate, transferS };
}

/**
 * Disaggregated serving: a prefill pool (each request only prefilled) and a decode pool (each request
 * arrives with its prompt's cache), each of its own layout, the cache sent between them over the GPUs'
 * NICs. TTFT is the prefill pool's plus the transfer plus the decode pool's wait for its first step
 * (p99s added, which overstates a little); TPOT is the decode pool's.
 */
function disaggregatedLatency(
  prefill: { readonly sm: ServingStepModel; readonly replicas: number; readonly transferS: number },
  decode: { readonly sm: ServingStepModel; readonly replicas: number },
  sv: ServingWorkload,
  peak: number,
  seed: number,
): { transferS: number; ttftS: Percentiles; tpotS: Percentiles } {
  const { transferS } = prefill;
  const p = simulateServing(prefill.sm, prefillOnly(sv, peak / prefill.replicas, seed), { maxQueueS: 120 });
  const d = simulateServing(decode.sm, probeTraffic(sv.traffic, peak / decode.replicas, seed), {
    maxQueueS: 120,
    prefilled: true,
  });
  return { transferS, ttftS: shifted(p.ttftS, transferS + d.ttftS.p99), tpotS: d.tpotS };
}

/** The serving workload on one replica of a layout. */
function deploymentOf(sv: ServingWorkload, l: LayoutShape) {
  return {
    model: sv.model,
    accelerator: { ...sv.accelerator, memoryBytes: sv.memoryBytes },
    tp: l.tp,
    pp: l.pp,
    ep: l.ep,
    attentionDp: l.attentionDp,
    twoBatchOverlap: sv.constraints.twoBatchOverlap === true,
    redundantExperts: sv.constraints.redundantExperts,
    weights: sv.weights,
    kvCache: sv.kvCache,
    scaleUpBytesPerS: sv.scaleUpBytesPerS,
    scaleUpDomain: sv.scaleUpDomain,
    scaleOutBytesPerS: sv.site.scaleOutBytesPerS,
    oversubscription: sv.site.oversubscription,
    speculative: sv.speculative,
  };
}

/** One load on the latency curve of a replica. */
export interface LoadPoint {
  readonly ratePerReplica: number;
  readonly ttftS: Percentiles;
  readonly tpotS: Percentiles;
  readonly queueWaitS: Percentiles;
  readonly dropped: number;
}

/**
 * Latency against load for one replica of a layout: the same seeded constant-rate runs the capacity
 * search makes, at each of `ratesPerReplica`. For charts of where the objectives are met and where
 * queues grow.
 */
export function servingLoadCurve(
  sv: ServingWorkload,
  layout: { readonly tp: number; readonly pp: number; readonly ep?: number; readonly attentionDp?: number },
  ratesPerReplica: readonly number[],
): LoadPoint[] {
  const at = probe(
    servingStepModel(deploymentOf(sv, { ep: 1, attentionDp: 1, ...layout }), sv.calibrated?.constants),
    sv,
  );
  return ratesPerReplica.map((rate) => {
    const r = at(rate);
    return {
      ratePerReplica: rate,
      ttftS: r.ttftS,
      tpotS: r.tpotS,
      queueWaitS: r.queueWaitS,
      dropped: r.dropped,
    };
  });
}

/** One layout as a pool of disaggregated serving, with what the layout entry needs. */
interface Pool {
  readonly shape: LayoutShape;
  readonly sm: ServingStepModel;
  readonly gpusPerReplica: number;
  readonly rates: PoolRates;
  readonly decodeStep: StepParts;
  readonly batch: number;
  readonly limitedBy: 'memory' | 'engine';
  readonly placed: Pick<ServingLayout, 'expertPlacement'>;
  readonly inputPerS: number;
  readonly outputPerS: number;
}

/** A layout the search could not use, with why. */
export interface RefusedLayout extends LayoutShape {
  readonly why: string;
}

/**
 * Every layout that serves the workload within its objectives, fewest GPUs first (then lowest p99
 * TTFT), and those refused with why. `gpuHourUsd` prices the GPU time behind costs per token (null
 * when no price is known).
 */
export function searchServingLayouts(
  sv: ServingWorkload,
  options: { readonly seed: number; readonly gpuHourUsd: number | null; readonly onProgress?: OnProgress },
): { readonly layouts: ServingLayout[]; readonly refused: RefusedLayout[] } {
  const { seed, gpuHourUsd, onProgress } = options;
  const m = sv.model;
  const candidates = layoutCandidates(m, sv.engine, sv.scaleUpDomain, sv.constraints, sv.engineVersion);
  const gpuPowerW = sv.site.gpuPowerW;
  const layouts: ServingLayout[] = [];
  const refused: RefusedLayout[] = [];
  const pools: Pool[] = [];
  const peak = sv.traffic.rate * profilePeak(sv);
  // Progress: layouts searched, and within one the simulations run of those it makes at most.
  const total = Math.max(1, candidates.length);
  const expected = runsPerLayout(sv.constraints.disaggregated === true);
  let searched = 0;
  let runs = 0;
  const ran = onProgress
    ? () => {
        runs++;
        onProgress((searched - 1 + Math.min(1, runs / expected)) / total);
      }
    : () => {};
  for (const shape of candidates) {
    const { tp } = shape;
    if (searched > 0) onProgress?.(searched / total);
    runs = 0;
    searched++;
    if (m.heads % tp !== 0) {
      refused.push({ ...shape, why: `TP ${tp} does not divide ${m.heads} heads` });
      continue;
    }
    const deployment = deploymentOf(sv, shape);
    const sm = servingStepModel(deployment, sv.calibrated?.constants);
    if (!sm.weightsFit) {
      refused.push({ ...shape, why: 'the weights do not fit in memory' });
      continue;
    }
    const inMean = sv.traffic.input.mean;
    const outMean = sv.traffic.output.mean;
    const offline = estimateServing(deployment, inMean, outMean);
    if (!offline.fits) {
      refused.push({ ...shape, why: 'the KV cache holds no request of the mean length' });
      continue;
    }
    const upper = offline.outputTokensPerS / outMean;
    const gpusPerReplica = layoutGpus(shape);
    // Tokens per second averaged over the day (the profile's mean) for cost and energy per token.
    const meanRate = sv.traffic.rate * profileMean(sv);
    const outputPerS = meanRate * outMean;
    const inputPerS = meanRate * inMean;
    const ctx = effectiveContext(sm, inMean + outMean / 2);
    const decodeStep = engineStepParts(sm, offline.batch, offline.batch * ctx, 0, 0);
    const placed =
      sm.moe && sm.ep > 1
        ? {
            expertPlacement: {
              slotsPerRank: sm.expertSlotsPerRank,
              redundantExperts: sv.constraints.redundantExperts ?? 0,
              busiestLoad: sm.placementImbalance,
            },
          }
        : {};
    // Measured as a pool of disaggregated serving whether or not it serves colocated: a layout too slow
    // to prefill within TTFT may still decode beside another layout's prefill pool.
    if (sv.constraints.disaggregated) {
      const rates = poolRates(sm, sv, upper, seed, ran);
      if (rates.decodeRate > 0 || rates.prefillRate > 0) {
        pools.push({
          shape,
          sm,
          gpusPerReplica,
          rates,
          decodeStep,
          batch: offline.batch,
          limitedBy: offline.batchLimitedBy,
          placed,
          inputPerS,
          outputPerS,
        });
      } else {
        refused.push({
          ...shape,
          why: 'neither a prefill nor a decode pool of this layout meets the objectives (the KV transfer or a pool misses them)',
        });
      }
    }
    const runAt = probe(sm, sv, ran);
    const { rate, light, knee: kneeRate } = maxRate(runAt, sv, upper);
    if (rate <= 0) {
      refused.push({
        ...shape,
        why: `${sv.constraints.disaggregated ? 'colocated, ' : ''}the objectives are missed even at light load (p99 TTFT ${light.ttftS.p99.toFixed(3)} s, p99 TPOT ${(light.tpotS.p99 * 1000).toFixed(1)} ms)`,
      });
      continue;
    }
    // Size for the peak hour; then check the replica under bursts, adding replicas until it holds.
    let replicas = Math.ceil(peak / rate);
    const sloOptions = { maxQueueS: 120, slo: sloTargets(sv) };
    ran();
    let at = simulateServing(sm, burstTraffic(sv, peak / replicas, seed), sloOptions);
    for (let extra = 0; extra < 8 && sv.traffic.burst && !meetsSlo(at, sv.slo); extra++) {
      replicas = Math.ceil(replicas * 1.15);
      at = simulateServing(sm, burstTraffic(sv, peak / replicas, seed), sloOptions);
    }
    const gpus = replicas * gpusPerReplica;
    // Split the cost between input and output by the engine time each takes.
    const prefillPerRequest =
      engineStepS(sm, 0, 0, inMean, inMean * effectiveContext(sm, inMean / 2)) - sm.k.stepOverheadS;
    const decodePerRequest = (outMean * offline.tpotS) / Math.max(1, offline.batch);
    const inputShare = prefillPerRequest / (prefillPerRequest + decodePerRequest);
    const perHour = gpuHourUsd !== null ? gpus * gpuHourUsd : null;
    layouts.push({
      ...shape,
      ...placed,
      gpusPerReplica,
      replicas,
      decodeStep,
      decodeBatch: offline.batch,
      gpus,
      maxRatePerReplica: rate,
      maxBatch: offline.batch,
      maxBatchLimitedBy: offline.batchLimitedBy,
      ttftS: at.ttftS,
      sloAttainment: at.sloAttainment,
      kneeRatePerReplica: kneeRate,
      tpotS: at.tpotS,
      outputTokensPerSPerGpu: outputPerS / gpus,
      costPerGpuHourUsd: gpuHourUsd,
      costPerMillionInputUsd: perHour !== null ? (perHour * inputShare) / ((inputPerS * 3600) / 1e6) : null,
      costPerMillionOutputUsd:
        perHour !== null ? (perHour * (1 - inputShare)) / ((outputPerS * 3600) / 1e6) : null,
      energyPerOutputTokenJ: (gpus * gpuPowerW) / outputPerS,
    });
  }
  // Disaggregated: the prefill pool of the layout that prefills the peak on the fewest GPUs, beside each
  // layout's decode pool.
  const prefillers = pools.filter((p) => p.rates.prefillRate > 0);
  const prefillGpus = (p: Pool) => Math.ceil(peak / p.rates.prefillRate) * p.gpusPerReplica;
  const prefiller = prefillers.reduce<Pool | undefined>(
    (best, p) => (best === undefined || prefillGpus(p) < prefillGpus(best) ? p : best),
    undefined,
  );
  for (const pool of pools) {
    if (pool.rates.decodeRate <= 0 || !prefiller) {
      refused.push({
        ...pool.shape,
        why: prefiller
          ? 'a decode pool of this layout misses the objectives (TPOT, or its share of TTFT after the KV transfer)'
          : 'no layout prefills within the objectives as a disaggregated prefill pool',
      });
      continue;
    }
    const prefillReplicas = Math.ceil(peak / prefiller.rates.prefillRate);
    const decodeReplicas = Math.ceil(peak / pool.rates.decodeRate);
    const dis = disaggregatedLatency(
      { sm: prefiller.sm, replicas: prefillReplicas, transferS: prefiller.rates.transferS },
      { sm: pool.sm, replicas: decodeReplicas },
      sv,
      peak,
      seed,
    );
    const prefillPoolGpus = prefillReplicas * prefiller.gpusPerReplica;
    const dgpus = prefillPoolGpus + decodeReplicas * pool.gpusPerReplica;
    const dPerHour = gpuHourUsd !== null ? dgpus * gpuHourUsd : null;
    const prefillShare = prefillPoolGpus / dgpus;
    layouts.push({
      ...pool.shape,
      ...pool.placed,
      gpusPerReplica: pool.gpusPerReplica,
      decodeStep: pool.decodeStep,
      decodeBatch: pool.batch,
      replicas: prefillReplicas + decodeReplicas,
      gpus: dgpus,
      maxRatePerReplica: peak / decodeReplicas,
      ttftS: dis.ttftS,
      tpotS: dis.tpotS,
      maxBatch: pool.batch,
      maxBatchLimitedBy: pool.limitedBy,
      sloAttainment: null,
      kneeRatePerReplica: null,
      outputTokensPerSPerGpu: pool.outputPerS / dgpus,
      costPerGpuHourUsd: gpuHourUsd,
      costPerMillionInputUsd:
        dPerHour !== null ? (dPerHour * prefillShare) / ((pool.inputPerS * 3600) / 1e6) : null,
      costPerMillionOutputUsd:
        dPerHour !== null ? (dPerHour * (1 - prefillShare)) / ((pool.outputPerS * 3600) / 1e6) : null,
      energyPerOutputTokenJ: (dgpus * gpuPowerW) / pool.outputPerS,
      disaggregated: {
        prefillReplicas,
        decodeReplicas,
        kvTransferS: dis.transferS,
        prefill: {
          tp: prefiller.shape.tp,
          pp: prefiller.shape.pp,
          ep: prefiller.shape.ep,
          attentionDp: prefiller.shape.attentionDp,
          gpusPerReplica: prefiller.gpusPerReplica,
        },
      },
    });
  }
  onProgress?.(1);
  layouts.sort((a, b) => a.gpus - b.gpus || a.ttftS.p99 - b.ttftS.p99);
  return { layouts, refused };
}
