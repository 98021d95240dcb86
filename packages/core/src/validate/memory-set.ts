// Peak memory per GPU of published training and fine-tuning runs (validation/memory.json), against the
// training model's memory: each case turned into a job and its one layout, the memory evaluated, and
// the figure the case reports (allocated or reserved) compared like with like. Nothing here is fitted,
// so each source's error is its leave-one-source-out error.
import { z } from 'zod';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { findSoftwareStack, LOSS_KINDS } from '../catalog/software.js';
import { TRAINING_CONSTANTS, type TrainingConstants } from '../training/constants.js';
import { prepare } from '../training/context.js';
import type { TrainingJob, TrainingMethod } from '../training/job.js';
import { describeLayout, type Layout } from '../training/layout.js';
import { LAYOUT_REFUSALS } from '../training/layout-refusals.js';
import { evaluateMemory } from '../training/step-model.js';
import { newStepResult } from '../training/step-result.js';
import { errorBand, rangeOf } from '../uncertainty/bands.js';
import { memoryErrorClass } from '../uncertainty/classes.js';
import { MEMORY_PEAK_ERRORS } from '../uncertainty/data/memory-peak.js';
import { NUMBER_FORMATS } from '../vocab/formats.js';
import { ADAPTER_TARGETS, OPTIMIZERS, RECOMPUTE_MODES } from '../vocab/training.js';
import { errorPct, intervalCoverage, mape } from './error.js';
import { stackForSource } from './training-set.js';

export const MEMORY_SET_FORMAT = 'aidc-validation/memory@1';

const GIB = 2 ** 30;

/** What memory figure a case reports: torch's peak allocated (or active, 'other' in the torchtune
 * tables), its peak reserved (allocated plus the caching allocator's free blocks), or nvidia-smi's. */
export const MEMORY_METRICS = ['max_allocated', 'max_reserved', 'nvidia-smi', 'other'] as const;
export type MemoryMetric = (typeof MEMORY_METRICS)[number];

const setupSchema = z.object({
  stack: z.string(),
  tokensPerSequence: z.number().int().positive().nullable(),
  adapters: z
    .object({
      rank: z.number().int().positive(),
      targets: z.array(z.enum(ADAPTER_TARGETS)).min(1),
      base: z.enum(['bf16', 'nf4']),
    })
    .nullable(),
  optimizer: z.enum(OPTIMIZERS),
  optimizerInBackward: z.boolean(),
  optimizerOffload: z.boolean(),
  activationOffload: z.boolean(),
  loss: z.enum(LOSS_KINDS).nullable(),
  compiled: z.boolean(),
  from: z.string(),
});

const memoryCaseSchema = z.object({
  id: z.string(),
  source: z.string(),
  sourceGroup: z.string().optional(),
  notes: z.string().optional(),
  model: z.object({
    name: z.string().optional(),
    catalogId: z.string().nullable(),
    seqLen: z.number().int().positive().nullable(),
  }),
  cluster: z.object({
    accelerator: z.string().nullable(),
    gpus: z.number().int().positive(),
  }),
  training: z.object({
    microBatch: z.number().int().positive(),
    precision: z.enum(NUMBER_FORMATS),
    tp: z.number().int().positive(),
    pp: z.number().int().positive(),
    cp: z.number().int().positive(),
    ep: z.number().int().positive(),
    zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    sequenceParallel: z.boolean().nullable(),
    recompute: z.enum(RECOMPUTE_MODES).nullable(),
    fsdp: z.boolean(),
    finetune: z.enum(['full', 'lora', 'qlora']).nullable(),
  }),
  measured: z.object({ memoryGiBPerGpu: z.number().positive(), metric: z.enum(MEMORY_METRICS) }),
  setup: setupSchema.optional(),
});

export const memorySetSchema = z.object({
  format: z.literal(MEMORY_SET_FORMAT),
  cases: z.array(memoryCaseSchema).min(1),
});

export type MemoryCase = z.infer<typeof memoryCaseSchema>;

/** The accelerator that stands in where a source does not name the GPU: the memory a run needs does
 * not depend on which GPU runs it (only whether it fits does). */
const STAND_IN_ACCELERATOR = 'a100-sxm-80gb';

export interface MemoryParts {
  readonly weightsGiB: number;
  readonly gradientsGiB: number;
  readonly optimizerGiB: number;
  readonly activationsGiB: number;
  readonly buffersGiB: number;
}

export interface MemoryCaseScore {
  readonly id: string;
  readonly source: string;
  readonly measured: { readonly memoryGiBPerGpu: number; readonly metric: MemoryMetric };
  readonly predicted: { readonly memoryGiBPerGpu: number };
  /** Signed, %; NaN when not scored. */
  readonly errorPct: number;
  readonly layout: string;
  readonly parts: MemoryParts | null;
  /** What was chosen where the case is silent. */
  readonly assumed: readonly string[];
  /** Its error's class, and the 80% range around the prediction from the other sources' errors of
   * that class (nothing in the memory model is fitted on this set, so every error is held out). */
  readonly errorClass: Readonly<Record<string, string>>;
  readonly interval?: { readonly memoryGiBPerGpu: readonly [number, number] };
  readonly intervalBasis?: string;
}

export interface MemoryScore {
  readonly format: string;
  readonly mape: number;
  readonly cases: readonly MemoryCaseScore[];
  readonly unscored: readonly { readonly id: string; readonly why: string }[];
  readonly bySource: readonly { readonly source: string; readonly cases: number; readonly mape: number }[];
  /** Of the cases with an interval, how many measured inside it. */
  readonly coverage: { readonly inside: number; readonly of: number; readonly level: number };
}

type Built =
  | {
      readonly ok: true;
      readonly job: TrainingJob;
      readonly layout: Layout;
      readonly assumed: readonly string[];
    }
  | { readonly ok: false; readonly why: string };

/** A case as a job on its one layout, or why it cannot be one. */
export function memoryCaseJob(c: MemoryCase): Built {
  const assumed: string[] = [];
  const model = c.model.catalogId ? findModel(c.model.catalogId) : undefined;
  if (!model) return { ok: false, why: `the model is not in the catalog ('${c.model.catalogId ?? 'none'}')` };
  const acceleratorId = c.cluster.accelerator ?? STAND_IN_ACCELERATOR;
  if (c.cluster.accelerator === null) {
    assumed.push(
      `GPU not named: ${STAND_IN_ACCELERATOR} stands in (the memory needed does not depend on it)`,
    );
  }
  const accelerator = findAccelerator(acceleratorId);
  if (!accelerator) return { ok: false, why: `unknown accelerator '${acceleratorId}'` };
  const stackId = c.setup?.stack ?? stackForSource(c.source);
  const software = findSoftwareStack(stackId);
  if (!software) return { ok: false, why: `unknown software stack '${stackId}'` };
  const tokens = c.setup ? c.setup.tokensPerSequence : c.model.seqLen;
  if (tokens === null) {
    return {
      ok: false,
      why: 'the tokens per sequence are not stated (an unpacked dataset, padded per batch to lengths the source does not give)',
    };
  }
  if (c.setup && c.model.seqLen === null) assumed.push(`${tokens} tokens per sequence (${c.setup.from})`);
  const t = c.training;
  const dp = c.cluster.gpus / (t.tp * t.pp * t.cp);
  if (!Number.isInteger(dp)) return { ok: false, why: 'the GPU count is not a multiple of TP × PP × CP' };
  const s = c.setup;
  const method: TrainingMethod = {
    adapters: s?.adapters ?? null,
    optimizer: s?.optimizer ?? 'adam',
    optimizerInBackward: s?.optimizerInBackward ?? false,
    optimizerOffload: s?.optimizerOffload ?? false,
    activationOffload: s?.activationOffload ?? false,
    loss: s?.loss ?? null,
    compiled: s?.compiled ?? false,
  };
  const job: TrainingJob = {
    model,
    accelerator,
    gpus: c.cluster.gpus,
    scaleUpDomain: accelerator.scaleUpDomain,
    scaleUpBytesPerS: accelerator.scaleUpBytesPerS,
    scaleOutBytesPerS: accelerator.scaleOutBitsPerS / 8,
    memoryBytes: accelerator.memoryBytes,
    seqLen: tokens,
    // One micro-batch per replica: the memory of a step does not depend on gradient accumulation.
    globalBatch: t.microBatch * dp,
    precision: t.precision,
    software,
    tokens: t.microBatch * dp * tokens,
    method,
  };
  const layout: Layout = {
    tp: t.tp,
    pp: t.pp,
    dp,
    cp: t.cp,
    ep: t.ep,
    vpp: 1,
    microBatch: t.microBatch,
    zero: t.fsdp ? 3 : (t.zero ?? 0),
    recompute: t.recompute ?? 'none',
    sequenceParallel: t.sequenceParallel ?? false,
  };
  return { ok: true, job, layout, assumed };
}

/** The figure a case reports, from the model's peak allocated bytes: reserved adds the caching
 * allocator's share (fragmentationFraction), nvidia-smi also the CUDA context and workspaces. */
function reported(metric: MemoryMetric, allocatedBytes: number, k: TrainingConstants): number {
  const reserved = allocatedBytes / (1 - k.fragmentationFraction);
  if (metric === 'max_reserved') return reserved;
  if (metric === 'nvidia-smi') return reserved + k.reservedMemoryBytes;
  return allocatedBytes;
}

export function scoreMemoryCase(
  c: MemoryCase,
  k: TrainingConstants = TRAINING_CONSTANTS,
): MemoryCaseScore | string {
  const built = memoryCaseJob(c);
  if (!built.ok) return built.why;
  const ctx = prepare(built.job, k);
  const r = evaluateMemory(ctx, built.layout, newStepResult());
  if (r.invalid !== null) return `the layout cannot run: ${LAYOUT_REFUSALS[r.invalid]}`;
  const predicted = reported(c.measured.metric, r.memoryBytes, k) / GIB;
  const source = c.sourceGroup ?? c.source;
  const errorClass = memoryErrorClass({
    stack: built.job.software.id,
    adapterBase: built.job.method?.adapters?.base ?? null,
  });
  const band = errorBand(MEMORY_PEAK_ERRORS, errorClass, source);
  return {
    id: c.id,
    source,
    measured: c.measured,
    predicted: { memoryGiBPerGpu: predicted },
    errorPct: errorPct(predicted, c.measured.memoryGiBPerGpu),
    layout: describeLayout(built.layout),
    parts: {
      weightsGiB: r.weightsBytes / GIB,
      gradientsGiB: r.gradientsBytes / GIB,
      optimizerGiB: r.optimizerBytes / GIB,
      activationsGiB: r.activationsBytes / GIB,
      buffersGiB: r.commBuffersBytes / GIB,
    },
    assumed: built.assumed,
    errorClass,
    ...(band
      ? {
          interval: { memoryGiBPerGpu: [predicted * band.lowFactor, predicted * band.highFactor] as const },
          intervalBasis: rangeOf(predicted, band, MEMORY_PEAK_ERRORS.figure).basis,
        }
      : {}),
  };
}

export function scoreMemorySet(cases: readonly MemoryCase[], k?: TrainingConstants): MemoryScore {
  const scored: MemoryCaseScore[] = [];
  const unscored: { id: string; why: string }[] = [];
  for (const c of cases) {
    const s = scoreMemoryCase(c, k);
    if (typeof s === 'string') unscored.push({ id: c.id, why: s });
    else scored.push(s);
  }
  const sources = [...new Set(scored.map((s) => s.source))];
  return {
    format: MEMORY_SET_FORMAT,
    mape: mape(scored.map((s) => s.errorPct)),
    cases: scored,
    unscored,
    bySource: sources.map((source) => {
      const group = scored.filter((s) => s.source === source);
      return { source, cases: group.length, mape: mape(group.map((s) => s.errorPct)) };
    }),
    coverage: intervalCoverage(scored.map((s) => [s.measured.memoryGiBPerGpu, s.interval?.memoryGiBPerGpu])),
  };
}
