import { z } from 'zod';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { findSoftwareStack } from '../catalog/software.js';
import type { ModelArchitecture } from '../catalog/types.js';
import { trainingJobClass } from '../plan/training-plan.js';
import type { TrainingConstants } from '../training/constants.js';
import { prepare } from '../training/context.js';
import type { TrainingJob } from '../training/job.js';
import { describeLayout, type Layout } from '../training/layout.js';
import { type LayoutConstraints, searchLayouts } from '../training/search.js';
import type { StepResult } from '../training/step-result.js';
import { errorBand, rangeOf } from '../uncertainty/bands.js';
import { TRAINING_STEP_ERRORS } from '../uncertainty/data/training-step.js';
import { NUMBER_FORMATS } from '../vocab/formats.js';
import { RECOMPUTE_MODES } from '../vocab/training.js';
import { errorPct, intervalCoverage, mape as meanAbsPct, worstCase } from './error.js';

/** The published-run format of validation/training.json (aidc-validation/training@1). */
export const TRAINING_SET_FORMAT = 'aidc-validation/training@1';

const nullableInt = z.number().int().positive().nullable();

/** A validation case's MoE layers, as the published sets write them (training@1, run@1). */
export const caseMoeSchema = z.object({
  experts: z.number().int().positive(),
  topK: z.number().int().positive(),
  sharedExperts: z.number().int().nonnegative(),
  expertFfnHidden: z.number().int().positive(),
});

const trainingCaseSchema = z.object({
  id: z.string(),
  source: z.string(),
  notes: z.string().optional(),
  model: z.object({
    name: z.string().optional(),
    layers: z.number().int().positive(),
    hidden: z.number().int().positive(),
    ffnHidden: z.number().int().positive(),
    ffn: z.enum(['gelu', 'swiglu']),
    heads: z.number().int().positive(),
    kvHeads: z.number().int().positive(),
    vocab: z.number().int().positive(),
    seqLen: z.number().int().positive(),
    attention: z.enum(['mha', 'gqa', 'mla']),
    moe: caseMoeSchema.nullable(),
    catalogId: z.string().nullable(),
  }),
  cluster: z.object({
    accelerator: z.string(),
    gpus: z.number().int().positive(),
    scaleUpGpus: z.number().int().positive(),
    /** Null where the source does not state it: the accelerator's reference system's NIC rate. */
    scaleOutGbpsPerGpu: z.number().positive().nullable(),
  }),
  training: z.object({
    globalBatch: z.number().int().positive(),
    microBatch: nullableInt,
    precision: z.enum(NUMBER_FORMATS),
    tp: z.number().int().positive(),
    pp: z.number().int().positive(),
    dp: z.number().int().positive(),
    cp: z.number().int().positive(),
    ep: z.number().int().positive(),
    vpp: nullableInt,
    zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    sequenceParallel: z.boolean().nullable(),
    recompute: z.enum(RECOMPUTE_MODES).nullable(),
  }),
  measured: z.object({ stepTimeS: z.number().positive() }),
  published: z.record(z.string(), z.unknown()).optional(),
  sourceGroup: z.string().optional(),
});

export const trainingSetSchema = z.object({
  format: z.literal(TRAINING_SET_FORMAT),
  cases: z.array(trainingCaseSchema).min(1),
});

export type TrainingCase = z.infer<typeof trainingCaseSchema>;

/**
 * The software each source ran, from what the source itself describes (no field in the set says
 * it). Megatron-LM of 2021–22 materialised the attention scores (FlashAttention came in 2022) and
 * did not overlap tensor-parallel communication; Meta's Llama 3 stack all-gathered K and V for
 * context parallelism with the latency exposed (Dubey et al. 2024, §3.3.2); later Megatron-Core and
 * NeMo runs use fused attention and overlap; the spring-2025 containers had no CUDA graphs for MoE
 * layers yet.
 */
const STACK_BY_SOURCE: readonly { readonly prefix: string; readonly stack: string }[] = [
  { prefix: 'Narayanan et al. 2021', stack: 'megatron-lm-2021' },
  { prefix: 'Korthikanti et al. 2022', stack: 'megatron-lm-2021' },
  { prefix: 'Dubey et al. 2024', stack: 'llama3-2024' },
  // The DGX Cloud recipes of April–May 2025 ran the NeMo 25.04/25.05 containers.
  { prefix: 'NVIDIA/dgxc-benchmarking', stack: 'megatron-core-0.13' },
];
const DEFAULT_CASE_STACK = 'megatron-core';

/** The source a case's error is held out with: its recipe (sourceGroup) or its publication, the
 * source up to its first ',' or '(' (scripts/fit-training.js folds by the same key). */
export function trainingCaseSource(c: Pick<TrainingCase, 'source' | 'sourceGroup'>): string {
  return c.sourceGroup ?? c.source.split(/[,(]/)[0]!.trim();
}

export function stackForSource(source: string): string {
  return STACK_BY_SOURCE.find((s) => source.startsWith(s.prefix))?.stack ?? DEFAULT_CASE_STACK;
}

function inlineModel(c: TrainingCase): ModelArchitecture {
  const m = c.model;
  return {
    id: c.id,
    name: m.name ?? c.id,
    layers: m.layers,
    hidden: m.hidden,
    ffnHidden: m.ffnHidden,
    ffn: m.ffn,
    heads: m.heads,
    kvHeads: m.kvHeads,
    headDim: m.hidden / m.heads,
    vocab: m.vocab,
    attention: { kind: m.attention === 'mla' ? 'gqa' : m.attention },
    moe: m.moe ? { ...m.moe, denseLayers: 0, layerInterval: 1 } : null,
    tiedEmbeddings: true,
    causal: true,
    maxSeqLen: m.seqLen,
    sources: [{ title: c.source, note: `inline architecture of validation case ${c.id}` }],
  };
}

export type CaseJob =
  | { readonly ok: true; readonly job: TrainingJob; readonly constraints: LayoutConstraints }
  | { readonly ok: false; readonly error: string };

export function caseJob(c: TrainingCase): CaseJob {
  const accelerator = findAccelerator(c.cluster.accelerator);
  if (!accelerator) return { ok: false, error: `unknown accelerator '${c.cluster.accelerator}'` };
  const catalogModel = c.model.catalogId ? findModel(c.model.catalogId) : undefined;
  if (c.model.catalogId && !catalogModel) return { ok: false, error: `unknown model '${c.model.catalogId}'` };
  const software = findSoftwareStack(stackForSource(c.source));
  if (!software) return { ok: false, error: `unknown software stack for '${c.source}'` };
  const t = c.training;
  const job: TrainingJob = {
    model: catalogModel ?? inlineModel(c),
    accelerator,
    gpus: c.cluster.gpus,
    scaleUpDomain: c.cluster.scaleUpGpus,
    scaleUpBytesPerS: accelerator.scaleUpBytesPerS,
    scaleOutBytesPerS:
      c.cluster.scaleOutGbpsPerGpu === null
        ? accelerator.scaleOutBitsPerS / 8
        : (c.cluster.scaleOutGbpsPerGpu * 1e9) / 8,
    memoryBytes: accelerator.memoryBytes,
    seqLen: c.model.seqLen,
    globalBatch: t.globalBatch,
    precision: t.precision,
    software,
    tokens: t.globalBatch * c.model.seqLen,
    // A model that ships MTP modules was trained with them (DeepSeek-V3; NeMo's and Megatron-Bridge's
    // DeepSeek-V3 recipes set one MTP layer).
    mtpModules: catalogModel?.mtpModules ?? 0,
  };
  const constraints: LayoutConstraints = {
    tp: t.tp,
    pp: t.pp,
    dp: t.dp,
    cp: t.cp,
    ep: t.ep,
    vpp: t.vpp ?? undefined,
    microBatch: t.microBatch ?? undefined,
    zero: t.zero ?? undefined,
    sequenceParallel: t.sequenceParallel ?? undefined,
    recompute: t.recompute ?? undefined,
  };
  return { ok: true, job, constraints };
}

export interface CaseScore {
  readonly id: string;
  readonly source: string;
  readonly predicted: { readonly stepTimeS: number };
  readonly measured: { readonly stepTimeS: number };
  /** Signed: (predicted − measured) / measured × 100. */
  readonly errorPct: number;
  readonly layout: string;
  /** Knobs the source did not publish and the search chose, e.g. "microBatch=2". */
  readonly chosen: readonly string[];
  readonly software: string;
  /** True when no layout of the published settings fits in memory by this model. */
  readonly memoryModelSaysOom: boolean;
  readonly mfu: number;
  /** The class its error belongs to, for error bands (uncertainty/classes.ts). */
  readonly errorClass?: Readonly<Record<string, string>>;
  /** The 80% range around the prediction from the held-out errors of the other sources' cases of its
   * class (uncertainty/data/training-step.ts), and what it rests on. */
  readonly interval?: { readonly stepTimeS: readonly [number, number] };
  readonly intervalBasis?: string;
  readonly error?: string;
}

export interface RankGroup {
  readonly key: string;
  readonly ids: readonly string[];
  readonly spearman: number;
}

export interface TrainingScore {
  readonly format: string;
  /** Over the scored cases (those with a prediction). */
  readonly mape: number;
  /** Cases with no prediction, and why. */
  readonly unscored: readonly { readonly id: string; readonly why: string }[];
  readonly worst: { readonly id: string; readonly errorPct: number } | null;
  readonly cases: readonly CaseScore[];
  readonly rankGroups: readonly RankGroup[];
  /** Of the cases with an interval, how many measured inside it. */
  readonly coverage: { readonly inside: number; readonly of: number; readonly level: number };
}

const CHOSEN_KEYS: readonly (keyof Layout)[] = ['microBatch', 'vpp', 'zero', 'sequenceParallel', 'recompute'];

export function scoreCase(c: TrainingCase, constants?: TrainingConstants): CaseScore {
  const base = { id: c.id, source: c.source, measured: { stepTimeS: c.measured.stepTimeS } };
  const cj = caseJob(c);
  if (!cj.ok) {
    return {
      ...base,
      predicted: { stepTimeS: Number.NaN },
      errorPct: Number.NaN,
      layout: '',
      chosen: [],
      software: '',
      memoryModelSaysOom: false,
      mfu: Number.NaN,
      error: cj.error,
    };
  }
  const ctx = prepare(cj.job, constants);
  const outcome = searchLayouts(ctx, cj.constraints, { top: 1 });
  const best = outcome.ranked[0] ?? outcome.closestOutOfMemory[0];
  const chosenFrom = best?.layout;
  const result: StepResult | undefined = best?.result;
  const predicted = result ? result.stepS : Number.NaN;
  const chosen = [
    ...(c.cluster.scaleOutGbpsPerGpu === null
      ? [
          `scale-out ${(cj.job.scaleOutBytesPerS * 8) / 1e9} Gb/s per GPU (the accelerator's reference system)`,
        ]
      : []),
    ...(chosenFrom
      ? CHOSEN_KEYS.filter((key) => cj.constraints[key] === undefined).map(
          (key) => `${key}=${chosenFrom[key]}`,
        )
      : []),
  ];
  const errorClass = trainingJobClass(cj.job, chosenFrom?.pp ?? c.training.pp);
  const band = Number.isFinite(predicted)
    ? errorBand(TRAINING_STEP_ERRORS, errorClass, trainingCaseSource(c))
    : undefined;
  return {
    ...base,
    predicted: { stepTimeS: predicted },
    errorPct: errorPct(predicted, c.measured.stepTimeS),
    errorClass,
    ...(band
      ? {
          interval: { stepTimeS: [predicted * band.lowFactor, predicted * band.highFactor] as const },
          intervalBasis: rangeOf(predicted, band, TRAINING_STEP_ERRORS.figure).basis,
        }
      : {}),
    layout: chosenFrom && result ? describeLayout(chosenFrom, result.recomputedLayerShare) : '',
    chosen,
    software: cj.job.software.id,
    memoryModelSaysOom: outcome.ranked.length === 0,
    mfu: result?.mfu ?? Number.NaN,
    ...(best ? {} : { error: 'no valid layout under the published settings' }),
  };
}

/** Spearman rank correlation (average ranks for ties). */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const ranks = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let q = i; q <= j; q++) ranks[order[q]![1]] = (i + j) / 2;
      i = j + 1;
    }
    return ranks;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const n = xs.length;
  const mean = (n - 1) / 2;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < n; i++) {
    num += (rx[i]! - mean) * (ry[i]! - mean);
    dx += (rx[i]! - mean) ** 2;
    dy += (ry[i]! - mean) ** 2;
  }
  return dx === 0 || dy === 0 ? 0 : num / Math.sqrt(dx * dy);
}

/** Groups of cases with one model on one cluster, for the rank correlation. */
function groupKey(c: TrainingCase): string {
  const m = c.model;
  const model = m.catalogId ?? `${m.layers}x${m.hidden}`;
  return `${model} on ${c.cluster.gpus}× ${c.cluster.accelerator}`;
}

export function scoreTrainingSet(
  cases: readonly TrainingCase[],
  constants?: TrainingConstants,
): TrainingScore {
  const scores = cases.map((c) => scoreCase(c, constants));
  const finite = scores.filter((s) => Number.isFinite(s.errorPct));
  const mape = meanAbsPct(finite.map((s) => s.errorPct));
  const worst: TrainingScore['worst'] = worstCase(finite);
  const groups = new Map<string, number[]>();
  cases.forEach((c, i) => {
    const key = groupKey(c);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const rankGroups: RankGroup[] = [];
  for (const [key, idx] of groups) {
    if (idx.length < 2) continue;
    const ps = idx.map((i) => scores[i]!.predicted.stepTimeS);
    const ms = idx.map((i) => scores[i]!.measured.stepTimeS);
    rankGroups.push({ key, ids: idx.map((i) => scores[i]!.id), spearman: spearman(ps, ms) });
  }
  return {
    format: TRAINING_SET_FORMAT,
    mape,
    unscored: scores
      .filter((s) => !Number.isFinite(s.errorPct))
      .map((s) => ({
        id: s.id,
        why: [
          s.error,
          s.memoryModelSaysOom ? 'the memory model finds no layout of the published settings that fits' : '',
        ]
          .filter(Boolean)
          .join(': '),
      })),
    worst: worst ? { id: worst.id, errorPct: worst.errorPct } : null,
    cases: scores,
    rankGroups,
    coverage: intervalCoverage(scores.map((s) => [s.measured.stepTimeS, s.interval?.stepTimeS])),
  };
}
