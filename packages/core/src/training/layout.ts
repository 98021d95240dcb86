import type { StackSchedules } from '../catalog/software.js';
import type { Recompute, ZeroStage } from '../vocab/training.js';
/** How a training job is spread over a cluster: the knobs the search turns. */

export interface Layout {
  /** Tensor parallel ranks (one layer's matmuls split across them). */
  readonly tp: number;
  /** Pipeline stages. */
  readonly pp: number;
  /** Data-parallel replicas (excluding context parallelism). */
  readonly dp: number;
  /** Context-parallel ranks (one sequence split across them). */
  readonly cp: number;
  /** Expert-parallel ranks (MoE experts spread across data-parallel ranks); 1 for dense models. */
  readonly ep: number;
  /** Virtual pipeline stages (model chunks) per pipeline rank; 1 = plain 1F1B. */
  readonly vpp: number;
  /** Sequences per micro-batch. */
  readonly microBatch: number;
  readonly zero: ZeroStage;
  readonly recompute: Recompute;
  /** Megatron sequence parallelism: norms and dropouts split across TP ranks. */
  readonly sequenceParallel: boolean;
}

export function gpusOf(l: Pick<Layout, 'tp' | 'pp' | 'dp' | 'cp'>): number {
  return l.tp * l.pp * l.dp * l.cp;
}

/** Ranks that hold the same non-expert parameters: ZeRO shards state over them and gradients reduce
 * among them. */
/**
 * The sharding a layout runs as. FSDP under pipeline stages, where the stack keeps each stage's
 * parameters gathered through the step and its gradients unsharded until the last micro-batch
 * (torchtitan's default: no reshard after forward under PP, to avoid per-micro-batch all-gathers),
 * holds and moves what ZeRO-1 does: one gather and one reduce-scatter per step, state sharded.
 */
export function effectiveZero(
  l: Pick<Layout, 'zero' | 'pp'>,
  s: Pick<StackSchedules, 'fsdpUnderPipeline'>,
): ZeroStage {
  return l.zero === 3 && l.pp > 1 && s.fsdpUnderPipeline === 'unsharded-stage' ? 1 : l.zero;
}

/** One GPU, nothing split, nothing recomputed: where the search starts and single-device runs sit. */
export const SINGLE_GPU_LAYOUT: Layout = {
  tp: 1,
  pp: 1,
  dp: 1,
  cp: 1,
  ep: 1,
  vpp: 1,
  microBatch: 1,
  zero: 0,
  recompute: 'none',
  sequenceParallel: false,
};

export function dataShards(l: Pick<Layout, 'dp' | 'cp'>): number {
  return l.dp * l.cp;
}

/** Tensor-parallel ranks an expert's weights are split over: TP, or 1 where the stack folds expert
 * parallelism over the TP ranks (SoftwareStack.expertLayout). */
export function expertTensorParallel(l: Pick<Layout, 'tp'>, folded: boolean): number {
  return folded ? 1 : l.tp;
}

/** Ranks the EP group is drawn from: DP × CP, and TP too where the stack folds it. */
export function expertParallelPool(l: Pick<Layout, 'tp' | 'dp' | 'cp'>, folded: boolean): number {
  return dataShards(l) * (folded ? l.tp : 1);
}

/** The same as dataShards for expert parameters, of which expert parallelism already spreads one copy
 * over EP ranks (and expert tensor parallelism over ETP). */
export function expertDataShards(l: Pick<Layout, 'tp' | 'dp' | 'cp' | 'ep'>, folded: boolean): number {
  return Math.max(1, expertParallelPool(l, folded) / (l.ep * expertTensorParallel(l, folded)));
}

/** A layout in one line; `recomputedShare` says how much of each stage partial recompute covers. */
export function describeLayout(l: Layout, recomputedShare?: number): string {
  const parts = [`TP${l.tp}`, `PP${l.pp}`, `DP${l.dp}`];
  if (l.cp > 1) parts.push(`CP${l.cp}`);
  if (l.ep > 1) parts.push(`EP${l.ep}`);
  if (l.vpp > 1) parts.push(`VPP${l.vpp}`);
  const share =
    l.recompute === 'partial' && recomputedShare !== undefined
      ? `(${Math.round(recomputedShare * 100)}% of layers)`
      : '';
  parts.push(`mb${l.microBatch}`, `ZeRO-${l.zero}`, `recompute:${l.recompute}${share}`);
  if (l.sequenceParallel) parts.push('SP');
  return parts.join(' ');
}
