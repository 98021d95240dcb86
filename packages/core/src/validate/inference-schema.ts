import { z } from 'zod';
import { SERVING_FORMATS } from '../vocab/formats.js';

export const INFERENCE_SET_FORMAT = 'aidc-validation/inference@1';

const percentiles = z
  .object({ mean: z.number(), p50: z.number(), p90: z.number(), p99: z.number() })
  .passthrough();

const inferenceCase = z.object({
  id: z.string(),
  source: z.string(),
  sourceGroup: z.string().optional(),
  notes: z.string().optional(),
  model: z.object({ catalogId: z.string() }).passthrough(),
  cluster: z
    .object({
      accelerator: z.string(),
      gpus: z.number().int().positive(),
      tp: z.number().int().positive().nullable(),
      pp: z.number().int().positive().nullable(),
      ep: z.number().int().positive().nullable(),
      /** Expert slots beyond the routed experts (an EP load balancer's copies), where the source says. */
      redundantExperts: z.number().int().nonnegative().nullable().optional(),
      attentionDp: z.number().int().positive().nullable().optional(),
      instances: z.number().int().positive().nullable().optional(),
      disaggregated: z
        .object({
          prefillGpus: z.number().int().positive().nullable(),
          decodeGpus: z.number().int().positive().nullable(),
        })
        .nullable()
        .optional(),
    })
    .passthrough(),
  serving: z
    .object({
      weights: z.enum(SERVING_FORMATS).nullable(),
      kvCache: z.enum(SERVING_FORMATS).nullable(),
      scenario: z.enum(['offline', 'concurrency', 'server']),
      inputTokens: z.number().positive().nullable(),
      outputTokens: z.number().positive().nullable(),
      batch: z.number().int().positive().nullable().optional(),
      requestRate: z.number().positive().nullable().optional(),
    })
    .passthrough(),
  measured: z
    .object({
      outputTokensPerSPerGpu: z.number().positive().optional(),
      inputTokensPerSPerGpu: z.number().positive().optional(),
      requestsPerS: z.number().positive().optional(),
      ttftMs: percentiles.optional(),
      tpotMs: percentiles.optional(),
      e2eMs: percentiles.optional(),
    })
    .passthrough(),
});
export const inferenceSetSchema = z.object({
  format: z.literal(INFERENCE_SET_FORMAT),
  cases: z.array(inferenceCase).min(1),
});
export type InferenceCase = z.infer<typeof inferenceCase>;
