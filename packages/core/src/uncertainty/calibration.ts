import { z } from 'zod';

/**
 * A calibration file (`aidc calibrate`): the training model's constants refitted on a team's own
 * measured step times, with how well that did on points left out. A scenario names it
 * (`calibration:`) and its training plans use the constants.
 */
export const CALIBRATION_FORMAT = 'aidc-calibration@1';

/** The constants a team's step times can move, in the order they are fitted as points allow, each
 * within bounds that keep it physical. */
export const CALIBRATABLE: readonly {
  /** A constant of the training model (training/constants.ts). */
  readonly name: string;
  readonly bounds: readonly [number, number];
  readonly what: string;
}[] = [
  { name: 'gemmPeakEfficiency', bounds: [0.3, 1], what: 'share of peak a large matmul reaches on your GPUs' },
  { name: 'stepOverheadS', bounds: [0, 2], what: 'fixed time per step (data loading, logging)' },
  { name: 'overlapContention', bounds: [0, 1], what: 'slowdown of compute beside hidden communication' },
  {
    name: 'elementwiseTrafficPerActivationByte',
    bounds: [0, 30],
    what: 'memory traffic of the elementwise kernels',
  },
];

export const calibrationSchema = z
  .object({
    format: z.literal(CALIBRATION_FORMAT),
    model: z.literal('training'),
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
