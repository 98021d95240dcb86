import { fieldSources } from '../catalog/field-sources.js';
import type { Source } from '../catalog/types.js';
import { cloudPrice } from '../cost/plan.js';
import { type Figure, figure } from '../explain/figure.js';
import { collectiveTimeS } from '../fabric/collectives.js';
import { INFERENCE_CONSTANT_SOURCES } from '../inference/constants.js';
import {
  type Percentiles,
  type SimulationResult,
  simulateServing,
  type TrafficSpec,
} from '../inference/simulator.js';
import {
  effectiveContext,
  engineStepS,
  estimateServing,
  type ServingStepModel,
  servingStepModel,
} from '../inference/throughput.js';
import type { ResolvedServing } from './resolve.js';

export interface ServingLayout {
  readonly tp: number;
  readonly pp: number;
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
  /** Separate prefill and decode pools, when this layout is disaggregated. */
  readonly disaggregated?: {
    readonly prefillReplicas: number;
    readonly decodeReplicas: number;
    /** Time to send one mean prompt's KV cache from the prefill to the decode pool, s. */
    readonly kvTransferS: number;
  };
}

export interface ServingPlan {
  readonly kind: 'serving';
  readonly name: string;
  readonly model: string;
  readonly accelerator: string;
  readonly weights: string;
  readonly kvCache: string;
  readonly traffic: TrafficSpec;
  readonly slo: ResolvedServing['slo'];
  readonly best: ServingLayout;
  readonly alternatives: readonly ServingLayout[];
  /** Layouts that cannot serve, with why. */
  readonly refused: readonly { readonly tp: number; readonly pp: number; readonly why: string }[];
  readonly figures: Readonly<Record<string, Figure>>;
  readonly warnings: readonly string[];
}

export type ServingPlanResult =
  | { readonly ok: true; readonly plan: ServingPlan }
  | { readonly ok: false; readonly message: string };

/** Simulated seconds per probe of the capacity search: enough requests for stable percentiles. */
const PROBE_REQUESTS = 3000;
const SEARCH_STEPS = 14;
const SIMULATION_SOURCE: Source = {
  title: 'aidc serving simulator (core/inference/simulator.ts)',
  note: 'continuous batching with chunked prefill, KV blocks and preemption; Poisson arrivals; seeded',
};

function meetsSlo(r: SimulationResult, slo: ResolvedServing['slo']): boolean {
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

/** The busiest hour's multiplier of the daily profile (1 without a profile). */
function profilePeak(sv: ResolvedServing): number {
  return sv.traffic.profile && sv.traffic.profile.length > 0 ? Math.max(...sv.traffic.profile) : 1;
}

function profileMean(sv: ResolvedServing): number {
  const p = sv.traffic.profile;
  return p && p.length > 0 ? p.reduce((a, b) => a + b, 0) / p.length : 1;
}

/** Traffic at a constant rate with the scenario's bursts on top. */
function burstTraffic(sv: ResolvedServing, rate: number, seed: number): TrafficSpec {
  const b = sv.traffic.burst;
  return {
    ...traffic(sv, rate, seed),
    burst: b ? { factor: b.factor, durationS: b.duration, everyS: b.every } : undefined,
  };
}

function traffic(sv: ResolvedServing, rate: number, seed: number): TrafficSpec {
  return {
    ratePerS: rate,
    input: sv.traffic.input,
    output: sv.traffic.output,
    trace: sv.traffic.trace,
    durationS: Math.min(1800, Math.max(30, PROBE_REQUESTS / rate)),
    seed,
  };
}

/** The highest rate for which `ok` holds, by bisection between upper ÷ 1000 and 1.5 × upper. */
function highestRate(ok: (rate: number) => boolean, upper: number): number {
  let lo = upper / 1000;
  if (!ok(lo)) return 0;
  let hi = upper * 1.5;
  for (let i = 0; i < SEARCH_STEPS; i++) {
    const mid = Math.sqrt(lo * hi);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** One replica under constant-rate traffic (seed 1), each rate simulated once: the capacity search
 * and the knee probe the same rates, and a seeded run repeats exactly. */
type Probe = (rate: number) => SimulationResult;

function probe(sm: ServingStepModel, sv: ResolvedServing): Probe {
  const runs = new Map<number, SimulationResult>();
  return (rate) => {
    let r = runs.get(rate);
    if (!r) {
      r = simulateServing(sm, traffic(sv, rate, 1), { maxQueueS: 120 });
      runs.set(rate, r);
    }
    return r;
  };
}

/** The highest rate one replica serves within the objectives: bisection on simulated load. */
function maxRate(at: Probe, sv: ResolvedServing, upper: number): { rate: number; light: SimulationResult } {
  const light = at(upper / 1000);
  if (!meetsSlo(light, sv.slo)) return { rate: 0, light };
  return { rate: highestRate((r) => meetsSlo(at(r), sv.slo), upper), light };
}

/** The objectives as single limits for goodput: the p99 targets (else p90, else p50). */
function sloTargets(sv: ResolvedServing): { ttftS: number; tpotS: number } {
  return {
    ttftS: sv.slo.ttft?.p99 ?? sv.slo.ttft?.p90 ?? sv.slo.ttft?.p50 ?? Number.POSITIVE_INFINITY,
    tpotS: sv.slo.tpot?.p99 ?? sv.slo.tpot?.p90 ?? sv.slo.tpot?.p50 ?? Number.POSITIVE_INFINITY,
  };
}

/** The limits as figure inputs: "none" for an objective not given (JSON has no infinity). */
function limitInputs(t: { ttftS: number; tpotS: number }): Record<string, number | string> {
  return {
    ttftLimitS: Number.isFinite(t.ttftS) ? t.ttftS : 'none',
    tpotLimitS: Number.isFinite(t.tpotS) ? t.tpotS : 'none',
  };
}

/** The knee's definition: queueing is a tenth of the p90 end-to-end latency. A convention (the
 * load where waiting starts to show in the latency), not a fitted constant. */
const KNEE_QUEUE_SHARE = 0.1;

/** Where queues start to grow: the highest rate with the p90 queue wait under KNEE_QUEUE_SHARE of
 * the p90 end-to-end latency. */
function knee(at: Probe, upper: number): number {
  return highestRate((rate) => {
    const r = at(rate);
    return r.dropped === 0 && r.queueWaitS.p90 <= KNEE_QUEUE_SHARE * r.e2eS.p90;
  }, upper);
}

/** Percentiles shifted by a fixed time (the KV transfer a disaggregated request waits for). */
function shifted(p: Percentiles, s: number): Percentiles {
  return { mean: p.mean + s, p50: p.p50 + s, p90: p.p90 + s, p99: p.p99 + s };
}

/**
 * Disaggregated serving: a prefill pool (each request only prefilled) and a decode pool (each request
 * arrives with its prompt's cache), the cache sent between them over the GPUs' NICs. TTFT is the
 * prefill pool's plus the transfer plus the decode pool's wait for its first step (p99s added, which
 * overstates a little); TPOT is the decode pool's.
 */
function planDisaggregated(
  sm: ServingStepModel,
  sv: ResolvedServing,
  upper: number,
  peak: number,
  seed: number,
): {
  prefillReplicas: number;
  decodeReplicas: number;
  transferS: number;
  ttftS: Percentiles;
  tpotS: Percentiles;
} | null {
  // The prompt's KV cache goes from a prefill GPU to a decode GPU in another node, over the site's NICs.
  const transferS = collectiveTimeS(
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
  // The prefill pool sees the same kind of arrivals but answers with one token (a trace is replaced
  // by Poisson arrivals of its mean lengths).
  const prefillOnly = (rate: number) => ({
    ...traffic(sv, rate, seed),
    trace: undefined,
    output: { mean: 1, distribution: 'fixed' as const },
  });
  const limits = sloTargets(sv);
  const ttftTarget = limits.ttftS - transferS;
  const tpotTarget = limits.tpotS;
  const prefillOk = (r: SimulationResult) => r.dropped === 0 && r.ttftS.p99 <= ttftTarget / 2;
  const decodeOk = (r: SimulationResult) =>
    r.dropped === 0 && r.tpotS.p99 <= tpotTarget && r.ttftS.p99 <= ttftTarget / 2;
  // Each pool takes half of what is left of the TTFT budget after the transfer.
  const prefillRate = highestRate(
    (rate) => prefillOk(simulateServing(sm, prefillOnly(rate), { maxQueueS: 120 })),
    upper * 4,
  );
  const decodeRate = highestRate(
    (rate) => decodeOk(simulateServing(sm, traffic(sv, rate, seed), { maxQueueS: 120, prefilled: true })),
    upper * 2,
  );
  if (prefillRate <= 0 || decodeRate <= 0 || ttftTarget <= 0) return null;
  const prefillReplicas = Math.ceil(peak / prefillRate);
  const decodeReplicas = Math.ceil(peak / decodeRate);
  const p = simulateServing(sm, prefillOnly(peak / prefillReplicas), { maxQueueS: 120 });
  const d = simulateServing(sm, traffic(sv, peak / decodeReplicas, seed), {
    maxQueueS: 120,
    prefilled: true,
  });
  return {
    prefillReplicas,
    decodeReplicas,
    transferS,
    ttftS: shifted(p.ttftS, transferS + d.ttftS.p99),
    tpotS: d.tpotS,
  };
}

/** The serving workload on one replica of TP × PP GPUs. */
function deploymentOf(sv: ResolvedServing, tp: number, pp: number) {
  return {
    model: sv.model,
    accelerator: { ...sv.accelerator, memoryBytes: sv.memoryBytes },
    tp,
    pp,
    weights: sv.weights,
    kvCache: sv.kvCache,
    scaleUpBytesPerS: sv.scaleUpBytesPerS,
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
  sv: ResolvedServing,
  layout: { readonly tp: number; readonly pp: number },
  ratesPerReplica: readonly number[],
): LoadPoint[] {
  const at = probe(servingStepModel(deploymentOf(sv, layout.tp, layout.pp)), sv);
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

export interface ServingPlanOptions {
  readonly seed?: number;
  /** Rent per GPU-hour, overriding the catalog's cloud price (the scenario's cost.cloudPerGpuHour). */
  readonly cloudPerGpuHourUsd?: number | undefined;
  /** The scenario's price overrides (cost.prices), by catalog item. */
  readonly prices?: Readonly<Record<string, number>> | undefined;
}

export function planServing(sv: ResolvedServing, options: ServingPlanOptions = {}): ServingPlanResult {
  const seed = options.seed ?? 1;
  const m = sv.model;
  const tps =
    sv.constraints.tp !== undefined
      ? [sv.constraints.tp]
      : [1, 2, 4, 8].filter((t) => t <= Math.max(1, sv.scaleUpDomain));
  const pps = sv.constraints.pp !== undefined ? [sv.constraints.pp] : [1];
  const cloud = cloudPrice(sv.accelerator.id, options.cloudPerGpuHourUsd, options.prices);
  const warnings: string[] = [];
  if (!cloud) warnings.push(`no cloud price for ${sv.accelerator.id}: costs per token are not given`);
  const gpuPowerW = sv.site.gpuPowerW;
  const layouts: ServingLayout[] = [];
  const refused: { tp: number; pp: number; why: string }[] = [];
  for (const tp of tps) {
    for (const pp of pps) {
      if (m.heads % tp !== 0) {
        refused.push({ tp, pp, why: `TP ${tp} does not divide ${m.heads} heads` });
        continue;
      }
      const deployment = deploymentOf(sv, tp, pp);
      const sm = servingStepModel(deployment);
      if (!sm.weightsFit) {
        refused.push({ tp, pp, why: 'the weights do not fit in memory' });
        continue;
      }
      const inMean = sv.traffic.input.mean;
      const outMean = sv.traffic.output.mean;
      const offline = estimateServing(deployment, inMean, outMean);
      if (!offline.fits) {
        refused.push({ tp, pp, why: 'the KV cache holds no request of the mean length' });
        continue;
      }
      const upper = offline.outputTokensPerS / outMean;
      const runAt = probe(sm, sv);
      const { rate, light } = maxRate(runAt, sv, upper);
      if (rate <= 0) {
        refused.push({
          tp,
          pp,
          why: `the objectives are missed even at light load (p99 TTFT ${light.ttftS.p99.toFixed(3)} s, p99 TPOT ${(light.tpotS.p99 * 1000).toFixed(1)} ms)`,
        });
        continue;
      }
      // Size for the peak hour; then check the replica under bursts, adding replicas until it holds.
      const peak = sv.traffic.rate * profilePeak(sv);
      let replicas = Math.ceil(peak / rate);
      const sloOptions = { maxQueueS: 120, slo: sloTargets(sv) };
      let at = simulateServing(sm, burstTraffic(sv, peak / replicas, seed), sloOptions);
      for (let extra = 0; extra < 8 && sv.traffic.burst && !meetsSlo(at, sv.slo); extra++) {
        replicas = Math.ceil(replicas * 1.15);
        at = simulateServing(sm, burstTraffic(sv, peak / replicas, seed), sloOptions);
      }
      const gpus = replicas * tp * pp;
      // Tokens per second averaged over the day (the profile's mean) for cost and energy per token.
      const meanRate = sv.traffic.rate * profileMean(sv);
      const outputPerS = meanRate * outMean;
      const inputPerS = meanRate * inMean;
      // Split the cost between input and output by the engine time each takes.
      const prefillPerRequest =
        engineStepS(sm, 0, 0, inMean, inMean * effectiveContext(sm, inMean / 2)) - sm.k.stepOverheadS;
      const decodePerRequest = (outMean * offline.decodeStepS) / Math.max(1, offline.batch);
      const inputShare = prefillPerRequest / (prefillPerRequest + decodePerRequest);
      const perHour = cloud ? gpus * cloud.usd : null;
      layouts.push({
        tp,
        pp,
        gpusPerReplica: tp * pp,
        replicas,
        gpus,
        maxRatePerReplica: rate,
        maxBatch: offline.batch,
        maxBatchLimitedBy: offline.batchLimitedBy,
        ttftS: at.ttftS,
        sloAttainment: at.sloAttainment,
        kneeRatePerReplica: knee(runAt, upper),
        tpotS: at.tpotS,
        outputTokensPerSPerGpu: outputPerS / gpus,
        costPerGpuHourUsd: cloud?.usd ?? null,
        costPerMillionInputUsd: perHour !== null ? (perHour * inputShare) / ((inputPerS * 3600) / 1e6) : null,
        costPerMillionOutputUsd:
          perHour !== null ? (perHour * (1 - inputShare)) / ((outputPerS * 3600) / 1e6) : null,
        energyPerOutputTokenJ: (gpus * gpuPowerW) / outputPerS,
      });
      if (sv.constraints.disaggregated) {
        const dis = planDisaggregated(sm, sv, upper, peak, seed);
        if (!dis) {
          refused.push({
            tp,
            pp,
            why: 'disaggregated pools cannot meet the objectives (the KV transfer or a pool misses them)',
          });
          continue;
        }
        const dgpus = (dis.prefillReplicas + dis.decodeReplicas) * tp * pp;
        const dPerHour = cloud ? dgpus * cloud.usd : null;
        const prefillShare = dis.prefillReplicas / (dis.prefillReplicas + dis.decodeReplicas);
        layouts.push({
          tp,
          pp,
          gpusPerReplica: tp * pp,
          replicas: dis.prefillReplicas + dis.decodeReplicas,
          gpus: dgpus,
          maxRatePerReplica: peak / Math.max(dis.prefillReplicas, dis.decodeReplicas),
          ttftS: dis.ttftS,
          tpotS: dis.tpotS,
          maxBatch: offline.batch,
          maxBatchLimitedBy: offline.batchLimitedBy,
          sloAttainment: null,
          kneeRatePerReplica: null,
          outputTokensPerSPerGpu: outputPerS / dgpus,
          costPerGpuHourUsd: cloud?.usd ?? null,
          costPerMillionInputUsd:
            dPerHour !== null ? (dPerHour * prefillShare) / ((inputPerS * 3600) / 1e6) : null,
          costPerMillionOutputUsd:
            dPerHour !== null ? (dPerHour * (1 - prefillShare)) / ((outputPerS * 3600) / 1e6) : null,
          energyPerOutputTokenJ: (dgpus * gpuPowerW) / outputPerS,
          disaggregated: {
            prefillReplicas: dis.prefillReplicas,
            decodeReplicas: dis.decodeReplicas,
            kvTransferS: dis.transferS,
          },
        });
      }
    }
  }
  layouts.sort((a, b) => a.gpus - b.gpus || a.ttftS.p99 - b.ttftS.p99);
  const best = layouts[0];
  if (!best) {
    return {
      ok: false,
      message: `no layout serves the traffic within the objectives: ${refused.map((r) => `TP${r.tp} PP${r.pp}: ${r.why}`).join('; ')}`,
    };
  }
  const figures: Record<string, Figure> = {
    gpus: figure(
      best.gpus,
      'count',
      'replicas × TP × PP; replicas = ⌈target rate ÷ highest rate one replica serves within the objectives⌉',
      {
        replicas: best.replicas,
        tp: best.tp,
        pp: best.pp,
        targetRatePerS: sv.traffic.rate,
        maxRatePerReplica: best.maxRatePerReplica,
      },
      [SIMULATION_SOURCE],
    ),
    maxRatePerReplica: figure(
      best.maxRatePerReplica,
      'count',
      'bisection on simulated Poisson load for the highest rate meeting every objective with no request dropped (requests/s)',
      {
        ttftP99S: sv.slo.ttft?.p99 ?? 'none',
        tpotP99S: sv.slo.tpot?.p99 ?? 'none',
      },
      [SIMULATION_SOURCE, INFERENCE_CONSTANT_SOURCES.memoryEfficiency],
    ),
    ttftP99: figure(
      best.ttftS.p99,
      's',
      'simulated 99th percentile time to first token of one replica at the peak-hour rate ÷ replicas, bursts included',
      { ratePerReplica: (sv.traffic.rate * profilePeak(sv)) / best.replicas },
      [SIMULATION_SOURCE],
    ),
    tpotP99: figure(
      best.tpotS.p99,
      's',
      'simulated 99th percentile time per output token at that load',
      { ratePerReplica: (sv.traffic.rate * profilePeak(sv)) / best.replicas },
      [SIMULATION_SOURCE],
    ),
    ...(best.sloAttainment === null
      ? {}
      : {
          sloAttainment: figure(
            best.sloAttainment,
            'fraction',
            'completed requests with TTFT and mean TPOT both within the p99 objectives (else p90, else p50) ÷ requests arrived, at that load',
            limitInputs(sloTargets(sv)),
            [SIMULATION_SOURCE],
          ),
        }),
    ...(best.kneeRatePerReplica === null
      ? {}
      : {
          kneeRatePerReplica: figure(
            best.kneeRatePerReplica,
            'count',
            'bisection on simulated Poisson load for the highest rate (requests/s) whose p90 queue wait stays under a tenth of the p90 end-to-end latency, with no request dropped',
            { queueShareOfLatency: KNEE_QUEUE_SHARE },
            [SIMULATION_SOURCE],
          ),
        }),
    costPerMillionOutput: figure(
      best.costPerMillionOutputUsd ?? 0,
      'USD',
      'GPUs × price per GPU-hour × output share of engine time ÷ million output tokens per hour (0 when no price is known)',
      {
        pricePerGpuHour: best.costPerGpuHourUsd ?? 'unknown',
      },
      cloud?.sources ?? [],
    ),
    energyPerOutputToken: figure(
      best.energyPerOutputTokenJ,
      'J',
      "GPUs × power per GPU (the node's rated power ÷ its GPUs) ÷ output tokens per second",
      {
        gpuPowerW,
        nodePowerW: sv.site.nodePowerW,
        gpusPerNode: sv.site.gpusPerNode,
      },
      fieldSources(sv.site.system, 'nodePowerW', 'gpusPerNode'),
    ),
  };
  const trafficSpec: TrafficSpec = {
    ...burstTraffic(sv, sv.traffic.rate, seed),
    profile: sv.traffic.profile,
  };
  return {
    ok: true,
    plan: {
      kind: 'serving',
      name: sv.name,
      model: m.id,
      accelerator: sv.accelerator.id,
      weights: sv.weights,
      kvCache: sv.kvCache,
      traffic: trafficSpec,
      slo: sv.slo,
      best,
      alternatives: layouts.slice(1),
      refused,
      figures,
      warnings,
    },
  };
}
