// The models `aidc calibrate` can refit, each on measurements in its public set's format: step
// times (training), serving throughputs, collective bus bandwidths.

import type { z } from 'zod';
import { LINK_EFFICIENCY, type LinkEfficiency } from '../fabric/collectives.js';
import { INFERENCE_CONSTANTS, type InferenceConstants } from '../inference/constants.js';
import { TRAINING_CONSTANTS, type TrainingConstants } from '../training/constants.js';
import type { CalibratedModel } from '../uncertainty/calibration.js';
import { type CalibrationResult, type CalibrationTarget, calibrate } from './calibrate.js';
import { COLLECTIVES_SET_FORMAT, collectivesSetSchema, scoreCollectivesSet } from './datacenter-sets.js';
import {
  INFERENCE_SET_FORMAT,
  type InferenceCase,
  inferenceSetSchema,
  scoreInferenceSet,
} from './inference-set.js';
import {
  scoreTrainingSet,
  TRAINING_SET_FORMAT,
  type TrainingCase,
  trainingSetSchema,
} from './training-set.js';

type CollectiveCase = z.infer<typeof collectivesSetSchema>['cases'][number];

const asNumbers = (k: object): Readonly<Record<string, number>> => k as unknown as Record<string, number>;

export const TRAINING_TARGET: CalibrationTarget<TrainingCase> = {
  model: 'training',
  measures: 'step times',
  publicConstants: asNumbers(TRAINING_CONSTANTS),
  errors: (cases, k) =>
    scoreTrainingSet(cases, k as unknown as TrainingConstants).cases.map((c) =>
      Number.isFinite(c.errorPct) ? c.errorPct : (c.error ?? 'no layout'),
    ),
  measured: (c) => c.measured.stepTimeS,
  runKey: (c) => JSON.stringify({ model: c.model, cluster: c.cluster, training: c.training }),
};

export const SERVING_TARGET: CalibrationTarget<InferenceCase> = {
  model: 'serving',
  measures: 'serving throughputs',
  publicConstants: asNumbers(INFERENCE_CONSTANTS),
  errors: (cases, k) => {
    const score = scoreInferenceSet(cases, k as unknown as InferenceConstants);
    const byId = new Map(score.cases.map((c) => [c.id, c.errorPct]));
    const why = new Map(score.unscored.map((u) => [u.id, u.why]));
    return cases.map((c) => byId.get(c.id) ?? why.get(c.id) ?? 'no throughput to compare');
  },
  measured: (c) => c.measured.outputTokensPerSPerGpu ?? c.measured.inputTokensPerSPerGpu ?? Number.NaN,
  runKey: (c) => JSON.stringify({ model: c.model, cluster: c.cluster, serving: c.serving }),
};

export const COLLECTIVES_TARGET: CalibrationTarget<CollectiveCase> = {
  model: 'collectives',
  measures: 'collective bus bandwidths',
  publicConstants: asNumbers(LINK_EFFICIENCY),
  errors: (cases, k) =>
    scoreCollectivesSet(cases, k as unknown as LinkEfficiency).cases.map(
      (c) => c.errorPct ?? c.error ?? 'not scored',
    ),
  measured: (c) => c.measured.busBandwidthGBps ?? c.measured.busBandwidthGBpsPerNic ?? Number.NaN,
  runKey: (c) => JSON.stringify(c.input),
  informs: (cases) => new Set(cases.map(collectiveLink)),
};

/** The link a collective measurement times: reduction in the switch, between nodes, or inside one. */
function collectiveLink(c: CollectiveCase): keyof LinkEfficiency {
  if (/^(nvls|collnet|sharp)/i.test(c.input.algorithm)) return 'inNetwork';
  return c.input.nodes > 1 ? 'scaleOut' : 'scaleUp';
}

/** A measurement file's set format, the model it calibrates, and how to read and fit it. */
export const CALIBRATION_SETS: readonly {
  readonly format: string;
  readonly model: CalibratedModel;
  calibrate(data: unknown, measurements: string): CalibrationResult | { ok: false; parseError: string };
}[] = [
  {
    format: TRAINING_SET_FORMAT,
    model: 'training',
    calibrate: (data, m) =>
      parsedThen(trainingSetSchema.safeParse(data), (d) => calibrate(TRAINING_TARGET, d.cases, m)),
  },
  {
    format: INFERENCE_SET_FORMAT,
    model: 'serving',
    calibrate: (data, m) =>
      parsedThen(inferenceSetSchema.safeParse(data), (d) => calibrate(SERVING_TARGET, d.cases, m)),
  },
  {
    format: COLLECTIVES_SET_FORMAT,
    model: 'collectives',
    calibrate: (data, m) =>
      parsedThen(collectivesSetSchema.safeParse(data), (d) => calibrate(COLLECTIVES_TARGET, d.cases, m)),
  },
];

function parsedThen<T>(
  r: { success: true; data: T } | { success: false; error: z.ZodError },
  then: (d: T) => CalibrationResult,
): CalibrationResult | { ok: false; parseError: string } {
  if (r.success) return then(r.data);
  const i = r.error.issues[0]!;
  return { ok: false, parseError: `${i.path.join('.') || '(top)'}: ${i.message}` };
}

/** The training model calibrated on step times (aidc-validation/training@1). */
export function calibrateTraining(cases: readonly TrainingCase[], measurements: string): CalibrationResult {
  return calibrate(TRAINING_TARGET, cases, measurements);
}
