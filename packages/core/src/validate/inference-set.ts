import { z } from 'zod';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import type { InferenceConstants } from '../inference/constants.js';
import { defaultKvCache } from '../inference/formats.js';
import { estimateServing } from '../inference/throughput.js';
import { SERVING_FORMATS } from '../vocab/formats.js';
import type { ScoredCase } from './datacenter-sets.js';
import { errorPct, mape, worstCase } from './error.js';

export const INFERENCE_SET_FORMAT = 'aidc-validation/inference@1';

const inferenceCase = z.object({
  id: z.string(),
  source: z.string(),
  notes: z.string().optional(),
  model: z.object({ catalogId: z.string() }).passthrough(),
  cluster: z.object({
    accelerator: z.string(),
    gpus: z.number().int().positive(),
    tp: z.number().int().positive(),
    pp: z.number().int().positive(),
    ep: z.number().int().positive(),
  }),
  serving: z
    .object({
      weights: z.enum(SERVING_FORMATS),
      kvCache: z.enum(SERVING_FORMATS).nullable(),
      scenario: z.enum(['offline', 'concurrency', 'server']),
      inputTokens: z.number().positive(),
      outputTokens: z.number().positive(),
      batch: z.number().int().positive().nullable().optional(),
    })
    .passthrough(),
  measured: z.record(z.string(), z.unknown()),
});
export const inferenceSetSchema = z.object({
  format: z.literal(INFERENCE_SET_FORMAT),
  cases: z.array(inferenceCase).min(1),
});
export type InferenceCase = z.infer<typeof inferenceCase>;

export interface InferenceScore {
  readonly format: string;
  /** MAPE per measured figure (only figures some case measures). */
  readonly mapeByFigure: Readonly<Record<string, number>>;
  readonly mape: number;
  readonly worst: { readonly id: string; readonly errorPct: number } | null;
  readonly cases: readonly ScoredCase[];
}

export function scoreInferenceSet(
  cases: readonly InferenceCase[],
  constants?: InferenceConstants,
): InferenceScore {
  const scored = cases.map((c): ScoredCase => {
    const base = { id: c.id, source: c.source, measured: c.measured };
    const model = findModel(c.model.catalogId);
    const acc = findAccelerator(c.cluster.accelerator);
    if (!model || !acc) {
      const error = !model
        ? `unknown model '${c.model.catalogId}'`
        : `unknown accelerator '${c.cluster.accelerator}'`;
      return { ...base, predicted: {}, errorPct: null, error };
    }
    if (c.serving.scenario !== 'offline') {
      return {
        ...base,
        predicted: {},
        errorPct: null,
        error: `scenario '${c.serving.scenario}' needs the serving simulator`,
      };
    }
    const e = estimateServing(
      {
        model,
        accelerator: acc,
        tp: c.cluster.tp,
        pp: c.cluster.pp,
        weights: c.serving.weights,
        kvCache: c.serving.kvCache ?? defaultKvCache(c.serving.weights),
        scaleUpBytesPerS: acc.scaleUpBytesPerS,
      },
      c.serving.inputTokens,
      c.serving.outputTokens,
      constants,
      c.serving.batch ?? undefined,
    );
    const predicted: Record<string, number> = {};
    const errors: number[] = [];
    for (const [key, m] of Object.entries(c.measured)) {
      if (key === 'outputTokensPerSPerGpu' && typeof m === 'number') {
        predicted[key] = e.outputTokensPerSPerGpu;
        errors.push(errorPct(e.outputTokensPerSPerGpu, m));
      }
    }
    return { ...base, predicted, errorPct: errors[0] ?? null };
  });
  const byFigure: Record<string, number[]> = {};
  for (const c of scored) {
    for (const key of Object.keys(c.predicted)) {
      const m = c.measured[key];
      const p = c.predicted[key];
      if (typeof m === 'number' && typeof p === 'number') {
        byFigure[key] = [...(byFigure[key] ?? []), errorPct(p, m)];
      }
    }
  }
  const mapeByFigure: Record<string, number> = {};
  for (const [key, errs] of Object.entries(byFigure)) mapeByFigure[key] = mape(errs);
  const finite = scored.flatMap((c) => (c.errorPct === null ? [] : [{ id: c.id, errorPct: c.errorPct }]));
  const worst: InferenceScore['worst'] = worstCase(finite);
  return {
    format: INFERENCE_SET_FORMAT,
    mapeByFigure,
    mape: mape(finite.map((c) => c.errorPct)),
    worst,
    cases: scored,
  };
}
