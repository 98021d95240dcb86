import { z } from 'zod';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import {
  busBandwidthFactor,
  type Collective,
  type CollectiveAlgorithm,
  collectiveTimeS,
  LINK_EFFICIENCY,
  type LinkEfficiency,
} from '../fabric/collectives.js';
import { sizeFabric } from '../fabric/topology.js';
import {
  checkpointPolicy,
  expectedInterruptions,
  FAILURE_RATES,
  failureRatePerHour,
  PLANNED_INTERRUPTIONS_PER_DAY,
} from '../reliability/failures.js';
import { paramCounts } from '../transformer/params.js';
import { CHECKPOINT_BYTES_PER_PARAM } from '../transformer/training-state.js';
import { FABRIC_TOPOLOGIES } from '../vocab/fabric.js';
import { errorPct, mape } from './error.js';

/**
 * Scorers of the datacenter validation sets (fabric, collectives, reliability). Each case comes back
 * with `predicted` holding the keys of its `measured`, as for training.
 */
export interface ScoredCase {
  readonly id: string;
  readonly source: string;
  readonly predicted: Readonly<Record<string, unknown>>;
  readonly measured: Readonly<Record<string, unknown>>;
  /** Signed percentage error of the case's headline figure; null where the score is exact match. */
  readonly errorPct: number | null;
  /** Whether every predicted count equals the measured one (fabric). */
  readonly exact?: boolean;
  readonly error?: string;
  /** What was assumed where the case is silent. */
  readonly assumed?: readonly string[];
  /** The class of its headline error, and the 80% range of that figure from the other sources'
   * held-out errors of the class (serving sets). */
  readonly errorClass?: Readonly<Record<string, string>>;
  readonly interval?: Readonly<Record<string, readonly [number, number]>>;
  readonly intervalBasis?: string;
}

export interface SetScore {
  readonly format: string;
  /** Mean absolute percentage error over the cases' headline figures; null for exact-match sets. */
  readonly mape: number | null;
  readonly allExact: boolean | null;
  readonly cases: readonly ScoredCase[];
}

const mapeOf = (cases: readonly ScoredCase[]) => mape(cases.map((c) => c.errorPct ?? 0));

// ── fabric ────────────────────────────────────────────────────────────────────────────────────────

export const FABRIC_SET_FORMAT = 'aidc-validation/fabric@1';

const fabricCase = z.object({
  id: z.string(),
  source: z.string(),
  notes: z.string().optional(),
  input: z.object({
    gpus: z.number().int().positive(),
    gpusPerNode: z.number().int().positive(),
    nodesPerScalableUnit: z.number().int().positive(),
    railsPerNode: z.number().int().positive(),
    linkGbps: z.number().positive(),
    switchPorts: z.number().int().positive(),
    oversubscription: z.number().positive(),
    topology: z.enum(FABRIC_TOPOLOGIES),
  }),
  measured: z.record(z.string(), z.number()),
});
export const fabricSetSchema = z.object({
  format: z.literal(FABRIC_SET_FORMAT),
  cases: z.array(fabricCase).min(1),
});

export function scoreFabricSet(cases: readonly z.infer<typeof fabricCase>[]): SetScore {
  const scored = cases.map((c): ScoredCase => {
    // The published fabrics are compute fabrics: they join nodes only.
    const r = sizeFabric({ ...c.input, reachesOtherDevices: false });
    if (!r.ok) {
      return {
        id: c.id,
        source: c.source,
        predicted: {},
        measured: c.measured,
        errorPct: null,
        exact: false,
        error: `${r.field}: ${r.message}`,
      };
    }
    const f = r.fabric as unknown as Record<string, number>;
    const predicted: Record<string, number> = {};
    for (const key of Object.keys(c.measured)) predicted[key] = f[key] ?? Number.NaN;
    const exact = Object.keys(c.measured).every((key) => predicted[key] === c.measured[key]);
    return { id: c.id, source: c.source, predicted, measured: c.measured, errorPct: null, exact };
  });
  return { format: FABRIC_SET_FORMAT, mape: null, allExact: scored.every((c) => c.exact), cases: scored };
}

// ── collectives ───────────────────────────────────────────────────────────────────────────────────

export const COLLECTIVES_SET_FORMAT = 'aidc-validation/collectives@1';

const collectiveCase = z.object({
  id: z.string(),
  source: z.string(),
  notes: z.string().optional(),
  input: z.object({
    accelerator: z.string(),
    gpus: z.number().int().positive().optional(),
    gpusPerNode: z.number().int().positive().optional(),
    nodes: z.number().int().positive(),
    nicGbpsPerGpu: z.number().positive().optional(),
    collective: z.enum(['all-reduce', 'reduce-scatter', 'all-gather', 'all-to-all']),
    algorithm: z.string(),
    bytes: z.number().positive(),
  }),
  measured: z.object({
    busBandwidthGBps: z.number().positive().optional(),
    busBandwidthGBpsPerNic: z.number().positive().optional(),
  }),
});
export const collectivesSetSchema = z.object({
  format: z.literal(COLLECTIVES_SET_FORMAT),
  cases: z.array(collectiveCase).min(1),
});

/** nccl-tests algorithm names to aidc's. */
const ALGORITHM_NAMES: Readonly<Record<string, CollectiveAlgorithm>> = {
  ring: 'ring',
  tree: 'tree',
  nvls: 'in-network',
  collnet: 'in-network',
  sharp: 'in-network',
  hierarchical: 'hierarchical',
};

/** `efficiency` is for the fit (scripts/fit-collectives.js); by default the models' LINK_EFFICIENCY. */
export function scoreCollectivesSet(
  cases: readonly z.infer<typeof collectiveCase>[],
  efficiency: LinkEfficiency = LINK_EFFICIENCY,
): SetScore {
  const scored = cases.map((c): ScoredCase => {
    const base = { id: c.id, source: c.source, measured: c.measured };
    const acc = findAccelerator(c.input.accelerator);
    const algorithm = ALGORITHM_NAMES[c.input.algorithm];
    if (!acc || !algorithm) {
      const error = !acc
        ? `unknown accelerator '${c.input.accelerator}'`
        : `unknown algorithm '${c.input.algorithm}'`;
      return { ...base, predicted: {}, errorPct: null, error };
    }
    const perNode = c.input.gpusPerNode ?? (c.input.gpus ?? 1) / c.input.nodes;
    const n = perNode * c.input.nodes;
    const nicBytesPerS = ((c.input.nicGbpsPerGpu ?? acc.scaleOutBitsPerS / 1e9) * 1e9) / 8;
    const placement = {
      size: n,
      perDomain: perNode,
      scaleUpBytesPerS: acc.scaleUpBytesPerS,
      scaleOutBytesPerS: nicBytesPerS,
    };
    const kind: Collective = c.input.collective;
    const t = collectiveTimeS(kind, c.input.bytes, placement, algorithm, efficiency);
    const busGBps = ((c.input.bytes / t) * busBandwidthFactor(kind, n)) / 1e9;
    const predicted: Record<string, number> = {};
    if (c.measured.busBandwidthGBps !== undefined) predicted.busBandwidthGBps = busGBps;
    // nccl-tests across nodes: bus bandwidth per NIC, one NIC per GPU in a node.
    if (c.measured.busBandwidthGBpsPerNic !== undefined) predicted.busBandwidthGBpsPerNic = busGBps / perNode;
    const key = c.measured.busBandwidthGBps !== undefined ? 'busBandwidthGBps' : 'busBandwidthGBpsPerNic';
    const m = c.measured[key] ?? Number.NaN;
    return { ...base, predicted, errorPct: errorPct(predicted[key] ?? Number.NaN, m) };
  });
  return { format: COLLECTIVES_SET_FORMAT, mape: mapeOf(scored), allExact: null, cases: scored };
}

// ── reliability ───────────────────────────────────────────────────────────────────────────────────

export const RELIABILITY_SET_FORMAT = 'aidc-validation/reliability@1';

const reliabilityCase = z.object({
  id: z.string(),
  source: z.string(),
  notes: z.string().optional(),
  input: z.object({
    accelerator: z.string(),
    gpus: z.number().int().positive(),
    gpusPerNode: z.number().int().positive(),
    days: z.number().positive(),
  }),
  measured: z.object({
    interruptions: z.number().optional(),
    plannedInterruptions: z.number().optional(),
    unexpectedInterruptions: z.number(),
    unexpectedByCause: z.record(z.string(), z.number()).optional(),
    effectiveTrainingTimeFraction: z.number().optional(),
  }),
});
export const reliabilitySetSchema = z.object({
  format: z.literal(RELIABILITY_SET_FORMAT),
  cases: z.array(reliabilityCase).min(1),
});

/**
 * The run each source describes, for the size of its checkpoints (the set gives only the cluster):
 * Dubey et al. 2024 is Llama 3.1 405B pre-training.
 */
const MODEL_BY_SOURCE: readonly { readonly prefix: string; readonly model: string }[] = [
  { prefix: 'Dubey et al. 2024', model: 'llama-3.1-405b' },
];

/** Checkpoint write bandwidth per GPU: Llama 3's storage sustained 2 TB/s for 16,384 GPUs. */
export const CHECKPOINT_BYTES_PER_S_PER_GPU = 2e12 / 16384;

export function scoreReliabilitySet(cases: readonly z.infer<typeof reliabilityCase>[]): SetScore {
  const scored = cases.map((c): ScoredCase => {
    const hours = c.input.days * 24;
    const expected = expectedInterruptions(c.input.gpus, hours);
    const planned = PLANNED_INTERRUPTIONS_PER_DAY * c.input.days;
    const predicted: Record<string, unknown> = {};
    const m = c.measured;
    if (m.interruptions !== undefined) predicted.interruptions = expected.total + planned;
    if (m.plannedInterruptions !== undefined) predicted.plannedInterruptions = planned;
    predicted.unexpectedInterruptions = expected.total;
    if (m.unexpectedByCause) {
      const byCause: Record<string, number> = {};
      for (const cause of Object.keys(m.unexpectedByCause)) {
        const rate = FAILURE_RATES.find((r) => r.cause === cause);
        byCause[cause] = rate ? rate.perGpuHour * c.input.gpus * hours : 0;
      }
      predicted.unexpectedByCause = byCause;
    }
    if (m.effectiveTrainingTimeFraction !== undefined) {
      const modelId = MODEL_BY_SOURCE.find((s) => c.source.startsWith(s.prefix))?.model;
      const model = modelId ? findModel(modelId) : undefined;
      const params = model ? paramCounts(model).total : 0;
      const checkpointS =
        (params * CHECKPOINT_BYTES_PER_PARAM) / (CHECKPOINT_BYTES_PER_S_PER_GPU * c.input.gpus);
      const policy = checkpointPolicy(checkpointS, 3600 / failureRatePerHour(c.input.gpus));
      predicted.effectiveTrainingTimeFraction = policy.goodput;
    }
    return {
      id: c.id,
      source: c.source,
      predicted,
      measured: m,
      errorPct: errorPct(expected.total, m.unexpectedInterruptions),
    };
  });
  return { format: RELIABILITY_SET_FORMAT, mape: mapeOf(scored), allExact: null, cases: scored };
}
