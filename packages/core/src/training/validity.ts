import type { TrainingContext } from './context.js';
import type { Layout } from './layout.js';
import { expertParallelPool } from './layout.js';
import type { LayoutRefusal } from './layout-refusals.js';

/** Checks the layout against the job: null when it can run, otherwise why not. */
export function invalidReason(ctx: TrainingContext, l: Layout): LayoutRefusal | null {
  const job = ctx.job;
  const m = job.model;
  if (l.tp * l.pp * l.dp * l.cp !== job.gpus) return 'gpu-count';
  if (job.globalBatch % (l.dp * l.microBatch) !== 0) return 'batch-split';
  if (m.heads % l.tp !== 0 || (m.attention.kind !== 'mla' && m.kvHeads % l.tp !== 0)) return 'heads-tp';
  if (l.pp * l.vpp > m.layers) return 'pipeline-chunks';
  if (l.vpp > 1 && l.pp === 1) return 'vpp-needs-pp';
  const pool = expertParallelPool(l, job.software.expertLayout === 'folded');
  if (m.moe ? m.moe.experts % l.ep !== 0 || pool % l.ep !== 0 : l.ep !== 1) return 'experts-ep';
  if (l.cp > 1 && job.seqLen % (2 * l.cp) !== 0) return 'sequence-cp';
  if (ctx.peakLinearFlopsPerS <= 0 || ctx.peakAttentionFlopsPerS <= 0) return 'format-peak';
  if (l.recompute === 'selective' && job.software.attention !== 'unfused') return 'selective-fused';
  return null;
}
