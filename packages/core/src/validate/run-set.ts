// Whole published pre-training runs (aidc-validation/run@1): each planned as a user would write it
// (model, tokens, phases, accelerator, GPUs, batch), through the scenario, the layout search, the
// failures and the run's other losses, and scored on its published GPU-hours and days.

import { z } from 'zod';
import { resolveScenario } from '../plan/resolve.js';
import { planScenario } from '../plan/scenario-plan.js';
import { scenarioSchema } from '../scenario/schema.js';
import { errorBand } from '../uncertainty/bands.js';
import { runErrorClass } from '../uncertainty/classes.js';
import { RUN_TIME_ERRORS } from '../uncertainty/data/run-time.js';
import { NUMBER_FORMATS } from '../vocab/formats.js';
import { errorPct, intervalCoverage, mape } from './error.js';
import { caseMoeSchema } from './training-set.js';

export const RUN_SET_FORMAT = 'aidc-validation/run@1';

const nullableCount = z.number().positive().nullable();
const range = z.tuple([z.number().positive(), z.number().positive()]);

const runModelSchema = z.object({
  name: z.string().optional(),
  params: z.number().nullable().optional(),
  layers: nullableCount,
  hidden: nullableCount,
  ffnHidden: nullableCount,
  ffn: z.enum(['gelu', 'swiglu']).nullable(),
  heads: nullableCount,
  kvHeads: nullableCount,
  vocab: nullableCount,
  seqLen: nullableCount,
  attention: z.enum(['mha', 'gqa', 'mla']).nullable().optional(),
  moe: caseMoeSchema.nullable(),
  catalogId: z.string().nullable(),
});

/** What a published time counts: a throughput estimate (steady steps, nothing lost), or the run's
 * elapsed time or GPU time with everything that stopped it. */
export const RUN_TIME_COVERS = ['throughput-estimate', 'wall-clock', 'gpu-time'] as const;

const phaseSchema = z.object({
  name: z.string(),
  tokens: z.number().positive(),
  seqLen: nullableCount.optional(),
  globalBatchTokens: nullableCount.optional(),
  gpus: nullableCount.optional(),
});

const runCaseSchema = z.object({
  id: z.string(),
  source: z.string(),
  notes: z.string().optional(),
  confidence: z.enum(['high', 'medium', 'low']).optional(),
  model: runModelSchema,
  tokens: z.number().positive(),
  phases: z.array(phaseSchema).nullable(),
  accelerator: z.string().nullable(),
  /** Scale-out bandwidth per GPU where the source names the instance or network; null: the
   * accelerator's reference system. */
  scaleOutGbpsPerGpu: z.number().positive().nullable().optional(),
  scaleOutSource: z.string().optional(),
  gpus: nullableCount,
  gpusRange: range.optional(),
  globalBatchTokens: nullableCount,
  globalBatchTokensRange: range.optional(),
  precision: z.enum(NUMBER_FORMATS).nullable(),
  framework: z.string().nullable().optional(),
  /** The catalog stack nearest to what the source describes, and why. */
  stack: z.string().optional(),
  stackReason: z.string().optional(),
  /** The layout as the source gives it; counts where it gives counts, words where it gives words. */
  parallelism: z
    .object({
      tp: z.union([z.number(), z.string()]).optional(),
      pp: z.union([z.number(), z.string()]).optional(),
      dp: z.union([z.number(), z.string()]).optional(),
      microBatch: z.union([z.number(), z.string()]).optional(),
      zero: z.union([z.number(), z.string()]).optional(),
      recompute: z.string().optional(),
    })
    .passthrough()
    .nullable()
    .optional(),
  published: z
    .object({
      gpuHours: nullableCount,
      days: nullableCount,
      covers: z.enum(RUN_TIME_COVERS).nullable(),
    })
    .passthrough(),
  unpublished: z.array(z.string()).optional(),
});

export const runSetSchema = z.object({
  format: z.literal(RUN_SET_FORMAT),
  description: z.string().optional(),
  cases: z.array(runCaseSchema).min(1),
});

export type RunCase = z.infer<typeof runCaseSchema>;

/** The layout knobs a source states as plain counts or names, as scenario constraints: FSDP full
 * sharding is ZeRO-3, a distributed optimizer ZeRO-1, "full" checkpointing full recomputation. A
 * degree written in words (a DP that changes over the run) is left to the search. */
export function publishedLayout(p: RunCase['parallelism']): Record<string, number | string> {
  if (!p) return {};
  const out: Record<string, number | string> = {};
  for (const k of ['tp', 'pp', 'dp', 'microBatch'] as const) {
    const v = p[k];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) out[k] = v;
  }
  const zero = p.zero;
  if (typeof zero === 'number') out.zero = zero;
  else if (typeof zero === 'string') {
    const stage = /fsdp|zero-3|stage 3/i.test(zero)
      ? 3
      : /distributed optimizer|zero-1|stage 1/i.test(zero)
        ? 1
        : null;
    if (stage !== null) out.zero = stage;
  }
  if (p.recompute && /^full/i.test(p.recompute)) out.recompute = 'full';
  return out;
}

/** A number format the case's accelerator has, when the source does not say: 16-bit, BF16 from the
 * A100 on (V100s and older have no BF16 matmuls). */
function defaultPrecision(accelerator: string): 'bf16' | 'fp16' {
  return /^v100|^rtx-2080/.test(accelerator) ? 'fp16' : 'bf16';
}

export interface RunPrediction {
  readonly gpuHours: number;
  readonly days: number;
  /** Training time at full speed over wall clock, as the plan has it. */
  readonly effectiveTrainingTime: number;
  readonly mfu: number;
  readonly layout: string;
}

export interface RunCaseScore {
  readonly id: string;
  readonly source: string;
  readonly covers: (typeof RUN_TIME_COVERS)[number] | null;
  readonly published: { readonly gpuHours: number | null; readonly days: number | null };
  /** The plan at the case's settings (the middle of each unpublished range). */
  readonly predicted?: RunPrediction;
  /** The plans at the ends of the unpublished ranges (GPUs, batch), where the source leaves them out. */
  readonly span?: { readonly gpuHours: readonly [number, number]; readonly days: readonly [number, number] };
  readonly errorPct: { readonly gpuHours: number | null; readonly days: number | null };
  /** The 80% ranges of the scored figures: the step time's range (held-out errors of its class)
   * carried to the run, widened to the ends of any unpublished range. */
  readonly interval?: {
    readonly gpuHours?: readonly [number, number];
    readonly days?: readonly [number, number];
  };
  readonly intervalBasis?: string;
  /** The class of its error and the source it is held out with (uncertainty/classes.ts). */
  readonly errorClass?: Readonly<Record<string, string>>;
  readonly sourceKey?: string;
  /** What the case left out and the plan took instead. */
  readonly assumed: readonly string[];
  readonly error?: string;
}

export interface RunSetScore {
  readonly format: typeof RUN_SET_FORMAT;
  readonly cases: readonly RunCaseScore[];
  readonly gpuHours: RunFigureScore;
  readonly days: RunFigureScore;
}

export interface RunFigureScore {
  readonly mape: number | null;
  readonly cases: number;
  /** Published values inside their 80% ranges. */
  readonly coverage: { readonly inside: number; readonly of: number; readonly level: number };
}

const MODEL_FIELDS = ['layers', 'hidden', 'ffnHidden', 'ffn', 'heads', 'vocab', 'seqLen'] as const;

/** The case as a scenario: what a user would write for it. */
function scenarioOf(
  c: RunCase,
  gpus: number,
  batchTokens: number,
  withLayout: boolean,
  assumed: string[],
): unknown {
  const m = c.model;
  const model = m.catalogId ?? {
    id: c.id,
    name: m.name ?? c.id,
    layers: m.layers,
    hidden: m.hidden,
    ffnHidden: m.ffnHidden,
    ffn: m.ffn,
    heads: m.heads,
    ...(m.kvHeads !== null ? { kvHeads: m.kvHeads } : {}),
    vocab: m.vocab,
    ...(m.moe ? { moe: m.moe } : {}),
  };
  const accelerator = c.accelerator!;
  const precision = c.precision ?? defaultPrecision(accelerator);
  if (c.precision === null) assumed.push(`precision ${precision}`);
  const stack = c.stack ?? 'megatron-core';
  if (!c.stack) assumed.push(`stack ${stack}`);
  const layout = withLayout ? publishedLayout(c.parallelism) : {};
  const seqLen = m.seqLen!;
  const phases = c.phases?.map((p) => ({
    name: p.name,
    tokens: Math.round(p.tokens),
    ...(p.seqLen ? { seqLen: p.seqLen } : {}),
    ...(p.globalBatchTokens ? { globalBatch: `${p.globalBatchTokens} tokens` } : {}),
    ...(p.gpus ? { gpus: p.gpus } : {}),
  }));
  const maxGpus = Math.max(gpus, ...(c.phases ?? []).map((p) => p.gpus ?? 0));
  return {
    name: c.id,
    hardware: {
      accelerator,
      gpus: maxGpus,
      ...(c.scaleOutGbpsPerGpu ? { scaleOut: `${c.scaleOutGbpsPerGpu} Gb/s` } : {}),
    },
    software: stack,
    workloads: [
      {
        train: {
          model,
          gpus,
          ...(phases ? { phases } : { tokens: Math.round(c.tokens) }),
          seqLen,
          globalBatch: Number.isInteger(batchTokens / seqLen)
            ? batchTokens / seqLen
            : `${batchTokens} tokens`,
          precision,
          ...(Object.keys(layout).length > 0 ? { parallelism: layout } : {}),
        },
      },
    ],
  };
}

type Planned = { ok: true; prediction: RunPrediction } | { ok: false; error: string };

function planCase(c: RunCase, gpus: number, batchTokens: number, assumed: string[]): Planned {
  const published = Object.keys(publishedLayout(c.parallelism)).length > 0;
  const first = planAs(c, gpus, batchTokens, published, assumed);
  if (first.ok || !published) return first;
  // The published layout does not plan here (it misses memory by this model, or a knob the stack
  // lacks): the search lays the run out instead, and the case says so.
  const searched = planAs(c, gpus, batchTokens, false, assumed);
  if (searched.ok) assumed.push(`the published layout does not plan (${first.error}); searched instead`);
  return searched;
}

function planAs(
  c: RunCase,
  gpus: number,
  batchTokens: number,
  withLayout: boolean,
  assumed: string[],
): Planned {
  const parsed = scenarioSchema.safeParse(scenarioOf(c, gpus, batchTokens, withLayout, assumed));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, error: `not a valid scenario: ${i?.path.join('.')}: ${i?.message}` };
  }
  const resolved = resolveScenario(parsed.data);
  if (!resolved.ok) {
    const p = resolved.problems[0];
    return { ok: false, error: `${p?.path.join('.')}: ${p?.message}` };
  }
  const r = planScenario(resolved.value);
  if (!r.ok) return { ok: false, error: r.message };
  const plan = r.plan;
  const t = plan.training;
  const rel = plan.reliability;
  if (!t || !rel) return { ok: false, error: 'no training plan' };
  const wall = c.published.covers !== 'throughput-estimate';
  return {
    ok: true,
    prediction: {
      gpuHours: wall ? rel.wallClockGpuHours : t.run.gpuHours,
      days: (wall ? rel.wallClockS : t.run.trainingTimeS) / 86400,
      effectiveTrainingTime: rel.losses.effectiveTrainingTime,
      mfu: t.best.mfu,
      layout: t.best.description,
    },
  };
}

/** The nearest multiple of 8 GPUs (a node) to a count. */
const wholeNodes = (gpus: number) => Math.max(8, Math.round(gpus / 8) * 8);

/** The source a run's error is held out with: its citation up to the first ',' or '(' (a team's
 * runs share their stack and cluster, so they move together). */
export function runCaseSource(c: Pick<RunCase, 'source'>): string {
  return c.source.split(/[,(]/)[0]!.trim();
}

/** The run's one error for the bands: GPU-hours where published, else days. */
export function runCaseError(s: RunCaseScore): number | null {
  return s.errorPct.gpuHours ?? s.errorPct.days;
}

export function scoreRunCase(c: RunCase): RunCaseScore {
  const base = {
    id: c.id,
    source: c.source,
    covers: c.published.covers,
    published: { gpuHours: c.published.gpuHours, days: c.published.days },
  };
  const none = { gpuHours: null, days: null };
  const missing = MODEL_FIELDS.filter((f) => c.model.catalogId === null && c.model[f] === null);
  const gpuRange = c.gpus !== null ? null : (c.gpusRange ?? null);
  const batchRange = c.globalBatchTokens !== null ? null : (c.globalBatchTokensRange ?? null);
  const why = [
    ...(c.accelerator === null ? ['its accelerator is not in the catalog'] : []),
    ...(missing.length > 0 ? [`the model's ${missing.join(', ')} not published`] : []),
    ...(c.gpus === null && !gpuRange ? ['neither the GPU count nor a range of it published'] : []),
    ...(c.globalBatchTokens === null && !batchRange ? ['neither the batch nor a range of it published'] : []),
    ...(c.published.gpuHours === null && c.published.days === null ? ['no GPU-hours or days published'] : []),
  ];
  if (why.length > 0)
    return { ...base, errorPct: none, assumed: [], error: `not planned: ${why.join('; ')}` };
  const assumed: string[] = [];
  // Where the source leaves the GPUs or the batch out, the run is planned at both ends of the range it
  // gives, each a whole number of nodes: the prediction is their geometric mean, the ends its span.
  const ends = (r: readonly [number, number] | null, given: number, round: (v: number) => number) =>
    r ? [round(r[0]), round(r[1])] : [given, given];
  const gpuEnds = ends(gpuRange, c.gpus ?? 0, wholeNodes);
  const batchEnds = ends(batchRange, c.globalBatchTokens ?? 0, (v) => v);
  if (gpuRange) assumed.push(`GPUs unpublished: planned at ${gpuEnds[0]} and ${gpuEnds[1]}`);
  if (batchRange) assumed.push(`batch unpublished: planned at ${batchEnds[0]} and ${batchEnds[1]} tokens`);
  const plans: RunPrediction[] = [];
  let error = '';
  for (const i of gpuRange || batchRange ? [0, 1] : [0]) {
    const r = planCase(c, gpuEnds[i]!, batchEnds[i]!, i === 0 ? assumed : []);
    if (r.ok) plans.push(r.prediction);
    else error = r.error;
  }
  if (plans.length === 0) return { ...base, errorPct: none, assumed, error };
  const geo = (f: (x: RunPrediction) => number) =>
    Math.exp(plans.reduce((a, x) => a + Math.log(f(x)), 0) / plans.length);
  const p: RunPrediction =
    plans.length === 1
      ? plans[0]!
      : {
          gpuHours: geo((x) => x.gpuHours),
          days: geo((x) => x.days),
          effectiveTrainingTime: geo((x) => x.effectiveTrainingTime),
          mfu: geo((x) => x.mfu),
          layout: plans.map((x) => x.layout).join(' … '),
        };
  const span: RunCaseScore['span'] =
    plans.length > 1
      ? {
          gpuHours: [Math.min(...plans.map((x) => x.gpuHours)), Math.max(...plans.map((x) => x.gpuHours))],
          days: [Math.min(...plans.map((x) => x.days)), Math.max(...plans.map((x) => x.days))],
        }
      : undefined;
  const daysScored = c.published.days !== null && c.gpus !== null;
  // The 80% range from the other sources' runs of its kind (their errors are all held out: nothing
  // is fitted on the set), around each end of any unpublished input.
  const errorClass = runErrorClass({ elapsed: c.published.covers !== 'throughput-estimate' });
  const source = runCaseSource(c);
  const band = errorBand(RUN_TIME_ERRORS, errorClass, source);
  const intervalOf = (f: (x: RunPrediction) => number): readonly [number, number] | undefined =>
    band
      ? [
          Math.min(...plans.map((x) => f(x) * band.lowFactor)),
          Math.max(...plans.map((x) => f(x) * band.highFactor)),
        ]
      : undefined;
  const gpuHoursInterval = c.published.gpuHours !== null ? intervalOf((x) => x.gpuHours) : undefined;
  const daysInterval = daysScored ? intervalOf((x) => x.days) : undefined;
  return {
    ...base,
    predicted: p,
    ...(span ? { span } : {}),
    errorPct: {
      gpuHours: c.published.gpuHours !== null ? errorPct(p.gpuHours, c.published.gpuHours) : null,
      days: daysScored ? errorPct(p.days, c.published.days!) : null,
    },
    errorClass,
    sourceKey: source,
    ...(band
      ? {
          intervalBasis: `${RUN_TIME_ERRORS.figure}, errors of the other sources' runs of ${band.classLabel} (${band.cases} cases, ${band.sources} sources)`,
        }
      : {}),
    ...(gpuHoursInterval || daysInterval
      ? {
          interval: {
            ...(gpuHoursInterval ? { gpuHours: gpuHoursInterval } : {}),
            ...(daysInterval ? { days: daysInterval } : {}),
          },
        }
      : {}),
    assumed,
  };
}

export function scoreRunSet(cases: readonly RunCase[], onCase?: (done: number) => void): RunSetScore {
  const scored = cases.map((c, i) => {
    const s = scoreRunCase(c);
    onCase?.(i + 1);
    return s;
  });
  const of = (k: 'gpuHours' | 'days'): RunFigureScore => {
    const hit = scored.filter((s) => s.errorPct[k] !== null);
    const errors = hit.map((s) => s.errorPct[k]!);
    return {
      mape: errors.length > 0 ? mape(errors) : null,
      cases: errors.length,
      coverage: intervalCoverage(hit.map((s) => [s.published[k]!, s.interval?.[k]] as const)),
    };
  };
  return { format: RUN_SET_FORMAT, cases: scored, gpuHours: of('gpuHours'), days: of('days') };
}
