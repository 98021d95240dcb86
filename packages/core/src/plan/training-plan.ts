import { derivedFigure, type Figure } from '../explain/figure.js';
import { type Warning, warning } from '../explain/warning.js';
import { LINK_EFFICIENCY } from '../fabric/collectives.js';
import { TRAINING_CONSTANTS, type TrainingConstants } from '../training/constants.js';
import { prepare } from '../training/context.js';
import { FULL_TRAINING, OPERAND_BYTES, type TrainingJob } from '../training/job.js';
import { describeLayout, type Layout } from '../training/layout.js';
import { LAYOUT_REFUSALS, type LayoutRefusal } from '../training/layout-refusals.js';
import { type SearchOptions, type SearchOutcome, searchLayouts } from '../training/search.js';
import { explainStep } from '../training/step-figures.js';
import type { StepResult } from '../training/step-result.js';
import { paramCounts } from '../transformer/params.js';
import { errorBand, type HeldOutErrors, MIN_BAND_CASES, rangeOf } from '../uncertainty/bands.js';
import { memoryErrorClass, trainingErrorClass } from '../uncertainty/classes.js';
import { MEMORY_PEAK_ERRORS } from '../uncertainty/data/memory-peak.js';
import { TRAINING_STEP_ERRORS } from '../uncertainty/data/training-step.js';
import { formatBytes, formatCount, formatPercent, formatSeconds } from '../units/format.js';
import { type NaiveEstimate, type NaiveGap, naiveEstimate, naiveGap } from './naive.js';
import { physicallyImpossibleMessage, physicalViolations } from './physical-law.js';
import {
  calibrationSource,
  type OffloadKind,
  type ResolvedCalibration,
  type ResolvedTraining,
} from './resolve.js';

export interface LayoutSummary {
  readonly layout: Layout;
  readonly description: string;
  readonly stepTimeS: number;
  readonly mfu: number;
  readonly tokensPerS: number;
  readonly memoryBytes: number;
  readonly usableMemoryBytes: number;
  readonly trainingTimeS: number;
  readonly gpuHours: number;
}

/** One phase of the run and the layout the search chose for it. */
export interface PhasePlan {
  readonly name: string;
  readonly tokens: number;
  readonly seqLen: number;
  readonly globalBatchSequences: number;
  readonly globalBatchTokens: number;
  readonly gpus: number;
  readonly best: LayoutSummary;
  readonly steps: number;
}

export interface TrainingPlan {
  readonly kind: 'training';
  readonly name: string;
  readonly model: {
    readonly id: string;
    readonly name: string;
    readonly params: number;
    readonly activeParams: number;
  };
  readonly cluster: {
    readonly accelerator: string;
    readonly acceleratorName: string;
    readonly gpus: number;
    readonly scaleUpDomain: number;
    readonly scaleUpBytesPerS: number;
    readonly scaleOutBytesPerS: number;
    readonly memoryBytes: number;
  };
  readonly job: {
    readonly tokens: number;
    readonly seqLen: number;
    readonly globalBatchSequences: number;
    readonly globalBatchTokens: number;
    readonly precision: string;
    readonly software: string;
    readonly deadlineS: number | null;
  };
  readonly best: LayoutSummary;
  /** The run's phases in order, each with its own best layout: one phase when the scenario gives none. */
  readonly phases: readonly PhasePlan[];
  /** The whole run: training time and GPU-hours summed over phases, and the phase `best` is of. */
  readonly run: { readonly trainingTimeS: number; readonly gpuHours: number; readonly mainPhase: number };
  /** Every figure of the best layout, with its formula, inputs and sources. */
  readonly figures: Readonly<Record<string, Figure>>;
  readonly alternatives: readonly LayoutSummary[];
  readonly search: {
    readonly evaluated: number;
    readonly feasible: number;
    readonly outOfMemory: number;
    /** Layouts refused before timing, by the code of their reason (LAYOUT_REFUSALS has the words). */
    readonly invalidByReason: Readonly<Partial<Record<LayoutRefusal, number>>>;
    /** Layouts faster than the best that miss memory by at most NEAR_MISS_FRACTION: what more memory would buy. */
    readonly fasterOutOfMemory: readonly {
      readonly description: string;
      readonly stepTimeS: number;
      readonly memoryBytes: number;
      readonly overBytes: number;
    }[];
  };
  readonly warnings: readonly Warning[];
}

export type TrainingPlanResult =
  | { readonly ok: true; readonly plan: TrainingPlan }
  | {
      readonly ok: false;
      readonly code: 'out-of-memory' | 'no-valid-layout' | 'physically-impossible';
      /** Why nothing can run, in a sentence with the closest misses. */
      readonly message: string;
      readonly search: SearchOutcome;
    };

/** The plan, or its refusal when it breaks the law of physical validity (physical-law.ts). */
function lawful(plan: TrainingPlan, search: SearchOutcome): TrainingPlanResult {
  const broken = physicalViolations(plan);
  if (broken.length === 0) return { ok: true, plan };
  return { ok: false, code: 'physically-impossible', message: physicallyImpossibleMessage(broken), search };
}

function summarize(job: TrainingJob, layout: Layout, r: StepResult): LayoutSummary {
  const trainingTimeS = job.tokens / r.tokensPerS;
  return {
    layout,
    description: describeLayout(layout, r.recomputedLayerShare),
    stepTimeS: r.stepS,
    mfu: r.mfu,
    tokensPerS: r.tokensPerS,
    memoryBytes: r.memoryBytes,
    usableMemoryBytes: r.usableMemoryBytes,
    trainingTimeS,
    gpuHours: (trainingTimeS * job.gpus) / 3600,
  };
}

/** The figures that scale with step time (directly, or inversely for rates) and carry its range. */
const WITH_STEP_TIME: readonly (readonly [string, boolean])[] = [
  ['stepTime', false],
  ['trainingTime', false],
  ['gpuHours', false],
  ['mfu', true],
  ['tokensPerS', true],
];

/** The step time's 80% range from the training model's held-out errors of the plan's class, on every
 * figure that scales with it; memory's from the memory model's. */
function withRanges(
  figures: Record<string, Figure>,
  job: TrainingJob,
  layout: Layout,
  calibration: ResolvedCalibration | undefined,
  links: ResolvedCalibration | undefined,
): Record<string, Figure> {
  const errors = calibration ? calibrationErrors(calibration) : undefined;
  const cls = trainingJobClass(job, layout.pp);
  // A calibration's own left-out errors give the band once there are enough of them; until then the
  // public band stands, not narrowed, and the range says why.
  const own = errors ? errorBand(errors, {}) : undefined;
  const band = own ?? errorBand(TRAINING_STEP_ERRORS, cls);
  const out = { ...figures };
  if (band) {
    for (const [name, inverse] of WITH_STEP_TIME) {
      const f = out[name];
      if (!f) continue;
      const range = rangeOf(f.value, band, own ? errors!.figure : TRAINING_STEP_ERRORS.figure, inverse);
      out[name] = {
        ...f,
        range:
          calibration && !own
            ? {
                ...range,
                basis: `${range.basis}; not narrowed by the calibration: its ${calibration.points} points are fewer than the ${MIN_BAND_CASES} a range needs`,
              }
            : range,
      };
    }
  }
  const cited = [calibration, links].flatMap((c) => (c ? [calibrationSource(c)] : []));
  const step = out.stepTime;
  if (step && cited.length > 0) out.stepTime = { ...step, sources: [...cited, ...step.sources] };
  // Memory per GPU from the memory model's errors against torch's measured peaks.
  const memory = errorBand(
    MEMORY_PEAK_ERRORS,
    memoryErrorClass({ stack: job.software.id, adapterBase: job.method?.adapters?.base ?? null }),
  );
  for (const name of ['memoryTotal', 'memoryReserved']) {
    const f = out[name];
    if (f && memory) out[name] = { ...f, range: rangeOf(f.value, memory, MEMORY_PEAK_ERRORS.figure) };
  }
  return out;
}

/** The class a training job's step-time error is judged in (uncertainty/classes.ts). */
export function trainingJobClass(job: TrainingJob, pp: number): Record<string, string> {
  return trainingErrorClass({
    moe: job.model.moe !== null,
    architecture: job.accelerator.architecture,
    operandBytes: OPERAND_BYTES[job.precision],
    pp,
  });
}

/** The calibration's left-out errors as a band's data: each point its own source (they are all the
 * team's own cluster, and each was predicted without itself). */
function calibrationErrors(c: ResolvedCalibration): HeldOutErrors {
  return {
    figure: `step time calibrated on ${c.file}`,
    set: c.measurements,
    script: 'aidc calibrate',
    levels: [[]],
    minSources: 1,
    cases: c.crossValidated.heldOut.map((h) => ({ id: h.id, source: h.id, errorPct: h.errorPct, cls: {} })),
  };
}

const OFFLOAD_WORDS: Readonly<Record<OffloadKind, string>> = {
  optimizer: "the optimizer's state",
  activations: 'the activations saved for backward',
};

export interface PlanOptions extends SearchOptions {
  readonly constants?: TrainingConstants;
  /** Alternatives to list beside the best. */
  readonly alternatives?: number;
}

/** The run planned phase by phase (one phase when the scenario gives none): each laid out by the
 * search on its own; the plan shows the longest phase's layout and the run's sums. */
export function planTraining(t: ResolvedTraining, options: PlanOptions = {}): TrainingPlanResult {
  const phases = t.phases;
  if (!phases || phases.length === 0) return planJob(t, options);
  const plans: TrainingPlan[] = [];
  for (const [i, ph] of phases.entries()) {
    const r = planJob(
      { ...t, job: ph.job, constraints: ph.constraints, deadlineS: undefined },
      { ...options, onProgress: (f) => options.onProgress?.((i + f) / phases.length) },
    );
    if (!r.ok) return { ...r, message: `phase '${ph.name}': ${r.message}` };
    plans.push(r.plan);
  }
  // Each phase passed the physical-law check; sums of lawful figures stay lawful.
  return { ok: true, plan: withPhases(t, plans) };
}

/** The longest phase's plan, with every phase's layout and the run's time, GPU-hours and steps summed. */
function withPhases(t: ResolvedTraining, plans: readonly TrainingPlan[]): TrainingPlan {
  const phases = t.phases!;
  let main = 0;
  for (let i = 1; i < plans.length; i++) if (phases[i]!.job.tokens > phases[main]!.job.tokens) main = i;
  const rows: PhasePlan[] = plans.map((p, i) => ({
    name: phases[i]!.name,
    tokens: p.job.tokens,
    seqLen: p.job.seqLen,
    globalBatchSequences: p.job.globalBatchSequences,
    globalBatchTokens: p.job.globalBatchTokens,
    gpus: p.cluster.gpus,
    best: p.best,
    steps: p.figures.steps?.value ?? 0,
  }));
  const timeS = rows.reduce((a, r) => a + r.best.trainingTimeS, 0);
  const gpuHours = rows.reduce((a, r) => a + r.best.gpuHours, 0);
  const steps = rows.reduce((a, r) => a + r.steps, 0);
  const byPhase = (f: (r: PhasePlan) => number) =>
    Object.fromEntries(rows.map((r) => [r.name, f(r)] as const));
  const base = plans[main]!;
  const figures = { ...base.figures };
  const sum = (
    name: string,
    value: number,
    unit: Figure['unit'],
    formula: string,
    inputs: Record<string, number>,
  ) => {
    const f = figures[name];
    // The main phase's range carries over in proportion: every phase shares the model's class.
    const range = f?.range && {
      ...f.range,
      low: (value * f.range.low) / f.value,
      high: (value * f.range.high) / f.value,
    };
    figures[name] = { ...derivedFigure(value, unit, formula, inputs), ...(range ? { range } : {}) };
  };
  sum(
    'trainingTime',
    timeS,
    's',
    'Σ over phases: tokens of the phase ÷ its tokens per second',
    byPhase((r) => r.best.trainingTimeS),
  );
  sum(
    'gpuHours',
    gpuHours,
    'GPU·h',
    'Σ over phases: training time × GPUs of the phase ÷ 3600',
    byPhase((r) => r.best.gpuHours),
  );
  sum(
    'steps',
    steps,
    'count',
    'Σ over phases: tokens of the phase ÷ its tokens per step',
    byPhase((r) => r.steps),
  );
  const warnings = [
    ...new Map(plans.flatMap((p) => p.warnings).map((w) => [`${w.code}:${w.message}`, w])).values(),
  ];
  if (t.deadlineS !== undefined && timeS > t.deadlineS) {
    warnings.push(
      warning(
        'past-deadline',
        `the run takes ${formatSeconds(timeS)}, past the deadline of ${formatSeconds(t.deadlineS)}`,
      ),
    );
  }
  return {
    ...base,
    job: { ...base.job, tokens: t.job.tokens, deadlineS: t.deadlineS ?? null },
    figures,
    phases: rows,
    run: { trainingTimeS: timeS, gpuHours, mainPhase: main },
    warnings,
  };
}

function planJob(t: ResolvedTraining, options: PlanOptions): TrainingPlanResult {
  const links = t.collectivesCalibration;
  const k = options.constants ?? {
    ...TRAINING_CONSTANTS,
    ...(t.calibration?.constants ?? {}),
    ...(links ? { linkEfficiency: { ...LINK_EFFICIENCY, ...links.constants } } : {}),
  };
  const top = 1 + (options.alternatives ?? 4);
  let job = t.job;
  let search = searchLayouts(prepare(job, k), t.constraints, { ...options, top });
  // Offload only slows a step, so the plan turns it on (what the scenario left to 'auto') only when
  // nothing fits without it: the optimizer's state first, then the activations too.
  const offloaded: OffloadKind[] = [];
  for (const kind of t.offloadIfNeeded) {
    if (search.ranked.length > 0 || search.outOfMemory === 0) break;
    offloaded.push(kind);
    const method = job.method ?? FULL_TRAINING;
    job = {
      ...job,
      method: {
        ...method,
        optimizerOffload: method.optimizerOffload || kind === 'optimizer',
        activationOffload: method.activationOffload || kind === 'activations',
      },
    };
    search = searchLayouts(prepare(job, k), t.constraints, { ...options, top });
  }
  const best = search.ranked[0];
  if (!best)
    return {
      ok: false,
      code: search.outOfMemory > 0 ? 'out-of-memory' : 'no-valid-layout',
      message: noLayoutMessage(search, job),
      search,
    };
  const p = paramCounts(job.model);
  const warnings: Warning[] = (t.notes ?? []).map((n) => warning('resolver-note', n));
  if (offloaded.length > 0) {
    warnings.push(
      warning(
        'offload-chosen',
        `no layout fits in GPU memory without offload: the plan keeps ${offloaded.map((o) => OFFLOAD_WORDS[o]).join(' and ')} in host memory (set train.optimizer.offload or train.activationOffload to false to refuse it)`,
      ),
    );
  }
  const summary = summarize(job, best.layout, best.result);
  if (t.deadlineS !== undefined && summary.trainingTimeS > t.deadlineS) {
    warnings.push(
      warning(
        'past-deadline',
        `the run takes ${formatSeconds(summary.trainingTimeS)}, past the deadline of ${formatSeconds(t.deadlineS)}`,
      ),
    );
  }
  if (job.seqLen > job.model.maxSeqLen) {
    warnings.push(
      warning(
        'beyond-context',
        `sequence length ${job.seqLen} is longer than the model's published context ${job.model.maxSeqLen}`,
      ),
    );
  }
  if (best.result.memoryBytes > 0.95 * best.result.usableMemoryBytes) {
    warnings.push(
      warning(
        'little-memory-headroom',
        `the best layout uses ${formatPercent(best.result.memoryBytes / best.result.usableMemoryBytes)} of usable memory: little headroom`,
      ),
    );
  }
  return lawful(
    {
      kind: 'training',
      name: t.name,
      model: {
        id: job.model.id,
        name: job.model.name,
        params: p.total,
        activeParams: p.activeNonEmbedding + p.embedding,
      },
      cluster: {
        accelerator: job.accelerator.id,
        acceleratorName: job.accelerator.name,
        gpus: job.gpus,
        scaleUpDomain: job.scaleUpDomain,
        scaleUpBytesPerS: job.scaleUpBytesPerS,
        scaleOutBytesPerS: job.scaleOutBytesPerS,
        memoryBytes: job.memoryBytes,
      },
      job: {
        tokens: job.tokens,
        seqLen: job.seqLen,
        globalBatchSequences: job.globalBatch,
        globalBatchTokens: job.globalBatch * job.seqLen,
        precision: job.precision,
        software: job.software.id,
        deadlineS: t.deadlineS ?? null,
      },
      best: summary,
      phases: [
        {
          name: 'the whole run',
          tokens: job.tokens,
          seqLen: job.seqLen,
          globalBatchSequences: job.globalBatch,
          globalBatchTokens: job.globalBatch * job.seqLen,
          gpus: job.gpus,
          best: summary,
          steps: job.tokens / (job.globalBatch * job.seqLen),
        },
      ],
      run: { trainingTimeS: summary.trainingTimeS, gpuHours: summary.gpuHours, mainPhase: 0 },
      figures: withRanges(
        explainStep(job, best.layout, best.result, k),
        job,
        best.layout,
        t.calibration,
        t.collectivesCalibration,
      ),
      alternatives: search.ranked.slice(1).map((x) => summarize(job, x.layout, x.result)),
      search: {
        evaluated: search.evaluated,
        feasible: search.feasible,
        outOfMemory: search.outOfMemory,
        invalidByReason: search.invalidByReason,
        fasterOutOfMemory: search.fastestNearMisses
          .filter((o) => o.result.stepS < best.result.stepS)
          .map((o) => ({
            description: describeLayout(o.layout, o.result.recomputedLayerShare),
            stepTimeS: o.result.stepS,
            memoryBytes: o.result.memoryBytes,
            overBytes: o.overBytes,
          })),
      },
      warnings,
    },
    search,
  );
}

/** What to do when every layout split the batch unevenly: the batch cannot be shared by so many GPUs. */
function batchSplitAdvice(s: SearchOutcome, job: TrainingJob): string {
  const splits = s.invalidByReason['batch-split'] ?? 0;
  const other = Object.entries(s.invalidByReason).reduce(
    (a, [code, n]) => a + (code === 'batch-split' ? 0 : n),
    0,
  );
  if (splits === 0 || splits < other) return '';
  const many = job.gpus > job.globalBatch;
  return (
    ` Each data-parallel replica needs a whole number of micro-batches of the global batch of ${formatCount(job.globalBatch)} sequences` +
    (many
      ? `; ${job.gpus.toLocaleString('en-US')} GPUs outnumber those sequences, so only model parallelism (TP, PP, CP) could use the rest, and not that much of it.`
      : ', so the data-parallel degree must divide it.') +
    ' Use fewer GPUs, a GPU count whose data-parallel share divides the batch, or a larger globalBatch.'
  );
}

function noLayoutMessage(s: SearchOutcome, job: TrainingJob): string {
  if (s.outOfMemory > 0) {
    const closest = s.closestOutOfMemory
      .slice(0, 3)
      .map(
        (o) =>
          `${describeLayout(o.layout)} needs ${formatBytes(o.result.memoryBytes)}, ${formatBytes(o.overBytes)} over the usable ${formatBytes(o.result.usableMemoryBytes)}`,
      )
      .join('; ');
    return `no layout fits in memory (${s.outOfMemory} of ${s.evaluated} tried ran out of memory). Closest: ${closest}. Use more GPUs, GPUs with more memory, a shorter sequence or a smaller micro-batch.`;
  }
  const reasons = Object.entries(s.invalidByReason)
    .map(([code, n]) => `${LAYOUT_REFUSALS[code as LayoutRefusal]} (${n})`)
    .join('; ');
  return `no valid layout for this cluster and batch: ${reasons || 'nothing to try'}.${batchSplitAdvice(s, job)}`;
}

/** One row of a cluster-size sweep, with the naive formula's answer beside aidc's and what separates them. */
export type SweepRow =
  | {
      readonly gpus: number;
      readonly ok: true;
      readonly best: LayoutSummary;
      readonly naive: NaiveEstimate;
      readonly gap: NaiveGap;
    }
  | { readonly gpus: number; readonly ok: false; readonly reason: string };

/** The same job on each cluster size, nodes of `gpusPerNode`: where more GPUs stop paying back. */
export function sweepGpus(
  t: ResolvedTraining,
  gpuCounts: readonly number[],
  gpusPerNode: number,
  options: PlanOptions = {},
): SweepRow[] {
  return gpuCounts.map((gpus, i) => {
    // Phases on a share of the run's GPUs keep that share.
    const scale = gpus / t.job.gpus;
    const phases = t.phases?.map((ph) => ({
      ...ph,
      job: { ...ph.job, gpus: Math.max(1, Math.round(ph.job.gpus * scale)) },
      constraints: { ...ph.constraints, dp: undefined },
    }));
    const r = planTraining(
      {
        ...t,
        job: { ...t.job, gpus },
        constraints: { ...t.constraints, dp: undefined },
        ...(phases ? { phases } : {}),
      },
      {
        ...options,
        alternatives: 0,
        onProgress: (f) => options.onProgress?.((i + f) / gpuCounts.length),
      },
    );
    if (!r.ok) return { gpus, ok: false, reason: r.message };
    const naive = naiveEstimate({ ...t.job, gpus }, gpusPerNode);
    const steps = r.plan.figures.steps?.value ?? 0;
    // The whole run's time and GPU-hours (every phase) beside the longest phase's layout.
    const best = { ...r.plan.best, trainingTimeS: r.plan.run.trainingTimeS, gpuHours: r.plan.run.gpuHours };
    return { gpus, ok: true, best, naive, gap: naiveGap(r.plan.figures, steps, naive) };
  });
}
