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
export function dataShards(l: Pick<Layout, 'dp' | 'cp'>): number {
  return l.dp * l.cp;
}

/** The same for expert parameters, of which expert parallelism already spreads one copy over EP ranks. */
export function expertDataShards(l: Pick<Layout, 'dp' | 'cp' | 'ep'>): number {
  return Math.max(1, dataShards(l) / l.ep);
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
