import type { TrainingContext } from './context.js';
import type { Layout } from './layout.js';
import { stageMemory, stageParams } from './memory.js';
import { stageLayers } from './stages.js';
import type { StepResult } from './step-result.js';
import { stepTime } from './step-time.js';
import { throughput } from './throughput.js';
import { invalidReason } from './validity.js';

/**
 * The analytical model of one training step on one layout: fills a caller-owned `StepResult` and
 * allocates nothing, so the search can call it for every layout of a cluster. Memory comes before
 * time because partial recompute's share, which the time depends on, is what it takes to fit.
 */
export function evaluate(ctx: TrainingContext, l: Layout, r: StepResult): StepResult {
  evaluateMemory(ctx, l, r);
  if (r.invalid !== null) return r;
  return evaluateTime(ctx, l, r);
}

/** The first half of `evaluate`: validity and memory (final once this returns). */
export function evaluateMemory(ctx: TrainingContext, l: Layout, r: StepResult): StepResult {
  r.invalid = invalidReason(ctx, l);
  if (r.invalid !== null) return r;
  r.microbatches = ctx.job.globalBatch / (l.dp * l.microBatch);
  const stages = stageLayers(ctx.job.model.layers, l.pp, l.vpp, ctx.stages);
  // MTP modules run after the last layer, on the last stage (on the only one without PP).
  const mtp = ctx.job.mtpModules ?? 0;
  if (mtp > 0) {
    stages.last += mtp;
    if (l.pp === 1) {
      stages.first = stages.last;
      stages.middle = stages.last;
    }
  }
  r.layersFirstStage = stages.first;
  r.layersLastStage = stages.last;
  stageParams(ctx, l, stages, ctx.stageParams);
  stageMemory(ctx, l, r);
  return r;
}

/** The second half of `evaluate`, on a layout `evaluateMemory` found valid: step time and throughput. */
export function evaluateTime(ctx: TrainingContext, l: Layout, r: StepResult): StepResult {
  stepTime(ctx, l, r);
  throughput(ctx, l, r);
  return r;
}
