import { z } from 'zod';

/**
 * A calibration file (`aidc calibrate`): a model's constants refitted on a team's own measurements
 * (step times, serving throughputs, collective bandwidths), with how well that did on points left
 * out. A scenario names it (`calibration:`) and its plans use the constants.
 */
export const CALIBRATION_FORMAT = 'aidc-calibration@1';

/** The models a team's own measurements can calibrate, and what each is measured by. */
export const CALIBRATED_MODELS = ['training', 'serving', 'collectives'] as const;
export type CalibratedModel = (typeof CALIBRATED_MODELS)[number];

export interface Calibratable {
  /** A constant of the model (training/constants.ts, inference/constants.ts, fabric/collectives.ts). */
  readonly name: string;
  readonly bounds: readonly [number, number];
  readonly what: string;
}

/** The constants each model's measurements can move, in the order they are fitted as points allow
 * (the most general first), each within bounds that keep it physical. */
export const CALIBRATABLE: Readonly<Record<CalibratedModel, readonly Calibratable[]>> = {
  training: [
    {
      name: 'gemmPeakEfficiency',
      bounds: [0.3, 1],
      what: 'share of peak a large matmul reaches on your GPUs',
    },
    { name: 'stepOverheadS', bounds: [0, 2], what: 'fixed time per step (data loading, logging)' },
    { name: 'overlapContention', bounds: [0, 1], what: 'slowdown of compute beside hidden communication' },
    {
      name: 'elementwiseTrafficPerActivationByte',
      bounds: [0, 30],
      what: 'memory traffic of the elementwise kernels',
    },
  ],
  serving: [
    {
      name: 'decodeComputeEfficiency',
      bounds: [0.05, 1],
      what: 'share of peak the decode matmuls reach on your engine',
    },
    { name: 'stepOverheadS', bounds: [0, 0.2], what: 'fixed time per decode step (scheduling, sampling)' },
    { name: 'memoryEfficiency', bounds: [0.2, 1], what: 'share of memory bandwidth decode reaches' },
    { name: 'prefillEfficiency', bounds: [0.05, 1], what: 'share of peak prefill reaches' },
  ],
  collectives: [
    {
      name: 'scaleOut',
      bounds: [0.3, 1],
      what: "share of a NIC's rate large collectives reach across nodes",
    },
    { name: 'scaleUp', bounds: [0.3, 1], what: "share of the scale-up link's rate large collectives reach" },
    { name: 'inNetwork', bounds: [0.2, 1], what: 'share of the link rate in-switch reduction reaches' },
  ],
};

/** What each model's measurements are, for messages. */
export const CALIBRATION_MEASURES: Readonly<Record<CalibratedModel, string>> = {
  training: 'step times (aidc-validation/training@1, as validation/training.json)',
  serving: 'serving throughputs (aidc-validation/inference@1, as validation/inference.json)',
  collectives: 'collective bus bandwidths (aidc-validation/collectives@1, as validation/collectives.json)',
};

export const calibrationSchema = z
  .object({
    format: z.literal(CALIBRATION_FORMAT),
    model: z.enum(CALIBRATED_MODELS),
    /** The measurements it was fitted on (their file name). */
    measurements: z.string(),
    constants: z.record(z.string(), z.number()),
    points: z.number().int().positive(),
    crossValidated: z.object({
      beforeMapePct: z.number(),
      afterMapePct: z.number(),
      heldOut: z.array(z.object({ id: z.string(), errorPct: z.number() })),
    }),
  })
  .strict();

export type Calibration = z.infer<typeof calibrationSchema>;
