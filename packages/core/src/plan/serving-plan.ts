import { SERVING_ENGINES } from '../catalog/engines.js';
import { fieldSources } from '../catalog/field-sources.js';
import { cloudPrice } from '../cost/plan.js';
import { catalogRef, type Figure, figure } from '../explain/figure.js';
import type { Failure } from '../explain/refusal.js';
import { type Warning, warning } from '../explain/warning.js';
import { DISPATCH_SOURCE } from '../fabric/expert-dispatch.js';
import {
  burstTraffic,
  KNEE_QUEUE_SHARE,
  limitInputs,
  profilePeak,
  type RefusedLayout,
  type ServingLayout,
  SIMULATION_SOURCE,
  searchServingLayouts,
  sloTargets,
} from '../inference/capacity.js';
import { INFERENCE_CONSTANT_SOURCES } from '../inference/constants.js';
import { EXPERT_PLACEMENT_SOURCES } from '../inference/expert-placement.js';
import { layoutShapeLabel } from '../inference/layouts.js';
import type { TrafficSpec } from '../inference/simulator.js';
import { ACCEPTANCE_LENGTH_SOURCE, MTP_DEFAULTS } from '../inference/speculative.js';
import type { OnProgress } from '../sim/progress.js';
import { errorBand, rangeOf } from '../uncertainty/bands.js';
import { servingErrorClass } from '../uncertainty/classes.js';
import { TPOT_P99_ERRORS, TTFT_P99_ERRORS } from '../uncertainty/data/serving-latency.js';
import { SERVING_THROUGHPUT_ERRORS } from '../uncertainty/data/serving-throughput.js';
import type { ResolvedServing } from './resolve.js';

export interface ServingPlan {
  readonly kind: 'serving';
  readonly name: string;
  readonly model: string;
  readonly accelerator: string;
  readonly weights: string;
  readonly kvCache: string;
  /** The serving engine and the release planned. */
  readonly engine: { readonly id: string; readonly name: string; readonly version: string };
  readonly traffic: TrafficSpec;
  readonly slo: ResolvedServing['slo'];
  /** Speculative decoding as planned, or null. */
  readonly speculative: {
    readonly method: 'mtp' | 'draft';
    readonly draft: string;
    readonly draftTokens: number;
    readonly acceptance: number;
    readonly acceptanceLength: number;
    readonly acceptanceSource: string;
  } | null;
  readonly best: ServingLayout;
  readonly alternatives: readonly ServingLayout[];
  /** Layouts that cannot serve, with why. */
  readonly refused: readonly RefusedLayout[];
  readonly figures: Readonly<Record<string, Figure>>;
  readonly warnings: readonly Warning[];
}

export type ServingPlanResult = { readonly ok: true; readonly plan: ServingPlan } | Failure;

export interface ServingPlanOptions {
  readonly seed?: number;
  /** Rent per GPU-hour, overriding the catalog's cloud price (the scenario's cost.cloudPerGpuHour). */
  readonly cloudPerGpuHourUsd?: number | undefined;
  /** The scenario's price overrides (cost.prices), by catalog item. */
  readonly prices?: Readonly<Record<string, number>> | undefined;
  /** Told the fraction of the capacity search done (0..1, monotone, 1 at the end). */
  readonly onProgress?: OnProgress | undefined;
}

/** Figures that scale with the throughput per GPU (directly, or inversely) and carry its range. */
const WITH_THROUGHPUT: readonly (readonly [string, boolean])[] = [
  ['maxRatePerReplica', false],
  ['kneeRatePerReplica', false],
  ['costPerMillionOutput', true],
  ['energyPerOutputToken', true],
];

/**
 * The serving model's 80% range of throughput per GPU, from its held-out errors of the fleet's class,
 * on the figures that scale with it, and on the GPUs the target needs: whole replicas, fewer where
 * each serves more. Latency percentiles take their own, wider ranges (withLatencyRanges).
 */
function withThroughputRanges(
  figures: Record<string, Figure>,
  sv: ResolvedServing,
  gpusPerReplica: number,
): Record<string, Figure> {
  const band = errorBand(
    SERVING_THROUGHPUT_ERRORS,
    servingErrorClass({
      moe: sv.model.moe !== null,
      architecture: sv.accelerator.architecture,
      weights: sv.weights,
    }),
  );
  if (!band) return figures;
  const out = { ...figures };
  for (const [name, inverse] of WITH_THROUGHPUT) {
    const f = out[name];
    if (f) out[name] = { ...f, range: rangeOf(f.value, band, SERVING_THROUGHPUT_ERRORS.figure, inverse) };
  }
  const gpus = out.gpus;
  const rate = out.maxRatePerReplica;
  if (gpus && rate) {
    const target = Number(gpus.inputs.targetRatePerS);
    const replicas = (perReplica: number) => Math.ceil(target / perReplica) * gpusPerReplica;
    const r = rangeOf(gpus.value, band, SERVING_THROUGHPUT_ERRORS.figure, true);
    out.gpus = {
      ...gpus,
      range: {
        ...r,
        low: replicas(rate.value * band.highFactor),
        high: replicas(rate.value * band.lowFactor),
      },
    };
  }
  return out;
}

/** The p99 latencies' 80% ranges from the simulator's errors on published MLPerf Server runs at
 * matched load (uncertainty/data/serving-latency.ts): several times the throughput's. */
function withLatencyRanges(figures: Record<string, Figure>): Record<string, Figure> {
  const out = { ...figures };
  for (const [name, errors] of [
    ['ttftP99', TTFT_P99_ERRORS],
    ['tpotP99', TPOT_P99_ERRORS],
  ] as const) {
    const f = out[name];
    const band = errorBand(errors, {});
    if (f && band) out[name] = { ...f, range: rangeOf(f.value, band, errors.figure) };
  }
  return out;
}

export function planServing(sv: ResolvedServing, options: ServingPlanOptions = {}): ServingPlanResult {
  const seed = options.seed ?? 1;
  const cloud = cloudPrice(sv.accelerator.id, options.cloudPerGpuHourUsd, options.prices);
  const warnings: Warning[] = [];
  if (!cloud)
    warnings.push(
      warning('no-cloud-price', `no cloud price for ${sv.accelerator.id}: costs per token are not given`),
    );
  const { layouts, refused } = searchServingLayouts(sv, {
    seed,
    gpuHourUsd: cloud?.usd ?? null,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const best = layouts[0];
  if (!best) {
    return {
      ok: false,
      code: 'serving-infeasible',
      message:
        refused.length > 0
          ? `no layout serves the traffic within the objectives: ${refused.map((r) => `${layoutShapeLabel(r)}: ${r.why}`).join('; ')}`
          : `no layout ${SERVING_ENGINES[sv.engine].name} offers matches the parallelism given (${JSON.stringify(sv.constraints)}): expected TP alone, attention DP with EP over the same GPUs (tp 1, ep = attentionDp), or EP over a TP instance's GPUs (ep dividing tp × attentionDp)`,
    };
  }
  const spec = sv.speculative;
  const figures: Record<string, Figure> = {
    gpus: figure(
      best.gpus,
      'count',
      'replicas × attention DP × TP × PP; replicas = ⌈target rate ÷ highest rate one replica serves within the objectives⌉',
      {
        replicas: best.replicas,
        attentionDp: best.attentionDp,
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
      [
        ...(sv.calibrated ? [sv.calibrated.source] : []),
        SIMULATION_SOURCE,
        INFERENCE_CONSTANT_SOURCES.memoryEfficiency,
      ],
    ),
    decodeStep: figure(
      best.decodeStep.totalS,
      's',
      (best.decodeStep.twoBatchOverlap
        ? 'one decode step at the largest batch, as two half-batches: 2 × max(half the work, half the all-to-all and all-reduce) + overhead; work = max(weights and KV cache read ÷ memory bandwidth, matmuls ÷ peak)'
        : 'one decode step at the largest batch: work (max of weights and KV cache read ÷ memory bandwidth, matmuls ÷ peak) + expert all-to-all + TP all-reduce + overhead') +
        (spec
          ? `; speculative: each sequence's matmuls for its ${spec.draftTokens} drafted tokens and one more, plus ${spec.draftTokens} draft passes`
          : ''),
      {
        sequences: best.decodeBatch,
        workS: best.decodeStep.workS,
        allToAllS: best.decodeStep.allToAllS,
        allReduceS: best.decodeStep.allReduceS,
        ...(spec ? { draftS: best.decodeStep.draftS, verifyTokens: spec.draftTokens + 1 } : {}),
        overheadS: best.decodeStep.overheadS,
        twoBatchOverlap: best.decodeStep.twoBatchOverlap ? 'yes' : 'no',
      },
      [
        ...(sv.calibrated ? [sv.calibrated.source] : []),
        INFERENCE_CONSTANT_SOURCES.memoryEfficiency,
        INFERENCE_CONSTANT_SOURCES.stepOverheadS,
      ],
    ),
    ...(best.decodeStep.allToAllS > 0
      ? {
          allToAllPerStep: figure(
            best.decodeStep.allToAllS,
            's',
            'MoE layers × (dispatch + combine): tokens per GPU × top-k copies × hidden × (dispatch bytes + 2 B combine), the share off the GPU over the scale-up links and the share off the domain over the NICs, the busier link setting the pace, plus one hop each (DeepEP low-latency mode)',
            {
              ep: best.ep,
              attentionDp: best.attentionDp,
              sequences: best.decodeBatch,
              scaleUpDomain: sv.scaleUpDomain,
              scaleUpBytesPerS: sv.scaleUpBytesPerS,
              scaleOutBytesPerS: sv.site.scaleOutBytesPerS,
            },
            [DISPATCH_SOURCE],
          ),
        }
      : {}),
    ...(best.expertPlacement && sv.model.moe
      ? {
          busiestExpertLoad: figure(
            best.expertPlacement.busiestLoad,
            'count',
            best.expertPlacement.redundantExperts > 0
              ? 'busiest EP rank’s share of the expert work ÷ the mean share: experts + redundant slots over the EP ranks, each expert’s tokens split evenly over its copies, copies packed heaviest first onto the least loaded rank (uniform routing); the expert matmuls of a step wait for that rank'
              : 'busiest EP rank’s share of the expert work ÷ the mean share: ⌈experts ÷ EP⌉ whole experts on the busiest rank × EP ÷ experts (uniform routing); the expert matmuls of a step wait for that rank',
            {
              experts: sv.model.moe.experts,
              redundantExperts: best.expertPlacement.redundantExperts,
              ep: best.ep,
              slotsOnBusiestRank: best.expertPlacement.slotsPerRank,
            },
            EXPERT_PLACEMENT_SOURCES,
          ),
        }
      : {}),
    ...(spec
      ? {
          acceptanceLength: figure(
            spec.acceptanceLength,
            'count',
            '(1 − acceptance^(drafted + 1)) ÷ (1 − acceptance): tokens a decode step yields per sequence, its own included',
            {
              method: spec.method,
              draft: spec.draft.name,
              drafted: spec.draftTokens,
              acceptance: spec.acceptance,
              acceptanceFrom: spec.acceptanceSource,
            },
            spec.acceptanceSource === MTP_DEFAULTS.source.title
              ? [ACCEPTANCE_LENGTH_SOURCE, MTP_DEFAULTS.source]
              : [ACCEPTANCE_LENGTH_SOURCE],
          ),
        }
      : {}),
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
    // With no price known there is no figure: a 0 would read as free serving.
    ...(best.costPerMillionOutputUsd === null || best.costPerGpuHourUsd === null
      ? {}
      : {
          costPerMillionOutput: figure(
            best.costPerMillionOutputUsd,
            'USD',
            'GPUs × price per GPU-hour × output share of engine time ÷ million output tokens per hour',
            { pricePerGpuHour: best.costPerGpuHourUsd },
            cloud?.sources ?? [],
          ),
        }),
    energyPerOutputToken: figure(
      best.energyPerOutputTokenJ,
      'J',
      "GPUs × power per GPU (the node's rated power ÷ its GPUs) ÷ output tokens per second",
      {
        gpuPowerW: sv.site.gpuPowerW,
        // A catalog system's rating is a field of its entry; a derived node's is worked out here.
        nodePowerW: sv.site.systemDerived
          ? sv.site.nodePowerW
          : catalogRef('systems', sv.site.system.id, 'nodePowerW', sv.site.nodePowerW),
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
      model: sv.model.id,
      accelerator: sv.accelerator.id,
      weights: sv.weights,
      kvCache: sv.kvCache,
      engine: { id: sv.engine, name: SERVING_ENGINES[sv.engine].name, version: sv.engineVersion },
      traffic: trafficSpec,
      slo: sv.slo,
      speculative: spec
        ? {
            method: spec.method,
            draft: spec.draft.name,
            draftTokens: spec.draftTokens,
            acceptance: spec.acceptance,
            acceptanceLength: spec.acceptanceLength,
            acceptanceSource: spec.acceptanceSource,
          }
        : null,
      best,
      alternatives: layouts.slice(1),
      refused,
      figures: withLatencyRanges(withThroughputRanges(figures, sv, best.gpus / best.replicas)),
      warnings,
    },
  };
}
