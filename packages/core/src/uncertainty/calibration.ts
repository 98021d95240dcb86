import { z } from 'zod';

/**
 * A calibration file (`aidc calibrate`): the training model's constants refitted on a team's own
 * measured step times, with how well that did on points left out. A scenario names it
 * (`calibration:`) and its training plans use the constants.
 */
export const CALIBRATION_FORMAT = 'aidc-calibration@1';

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
