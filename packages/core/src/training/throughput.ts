import type { TrainingContext } from './context.js';
import type { Layout } from './layout.js';
import type { StepResult } from './step-result.js';

/** Tokens per second and MFU into `r`, from the step time already in it. */
export function throughput(ctx: TrainingContext, l: Layout, r: StepResult): void {
  const job = ctx.job;
  const tokens = job.globalBatch * job.seqLen;
  r.modelFlopsPerStep = tokens * ctx.modelFlopsPerToken;
  r.hardwareFlopsPerStep = r.modelFlopsPerStep * hardwareOverModel(ctx, l, r.recomputedLayerShare);
  r.mfu = r.modelFlopsPerStep / (r.stepS * job.gpus * ctx.peakLinearFlopsPerS);
  r.tokensPerS = tokens / r.stepS;
}

/** Hardware FLOPs over model FLOPs: recompute adds a forward pass (full) or the attention core (selective). */
function hardwareOverModel(ctx: TrainingContext, l: Layout, rho: number): number {
  if (rho > 0) return 1 + rho / 3;
  if (l.recompute === 'selective' && ctx.job.software.attention === 'unfused') {
    const attnShare = (ctx.job.model.layers * ctx.attentionFlopsPerToken * 3) / ctx.modelFlopsPerToken;
    return 1 + attnShare / 3;
  }
  return 1;
}
