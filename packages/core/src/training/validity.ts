import type { StackSchedules } from '../catalog/software.js';
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
  return stackRefusal(job.software.schedules, l);
}

/** What the software stack cannot run of a layout (SoftwareStack.schedules), or null. */
function stackRefusal(s: StackSchedules, l: Layout): LayoutRefusal | null {
  if (l.tp > 1 && !s.tensorParallel) return 'stack-tp';
  if (l.pp > 1 && !s.pipeline) return 'stack-pp';
  if (l.vpp > 1 && !s.interleavedPipeline) return 'stack-vpp';
  if (l.sequenceParallel && !s.sequenceParallel) return 'stack-sp';
  if (l.cp > 1 && !s.contextParallel) return 'stack-cp';
  if (!s.zero.includes(l.zero) || (l.pp > 1 && l.zero > 1 && !s.zeroAboveOneWithPipeline))
    return 'stack-zero';
  return null;
}

/** The knobs a scenario fixes that the software stack cannot run, each with the reason: refused where
 * the scenario sets them, before any search. */
export function unsupportedLayoutKnobs(
  par: { readonly [K in keyof Layout]?: Layout[K] | undefined },
  stack: { readonly name: string; readonly schedules: StackSchedules },
): { readonly knob: keyof Layout; readonly message: string }[] {
  const s = stack.schedules;
  const out: { knob: keyof Layout; message: string }[] = [];
  const no = (knob: keyof Layout, what: string) =>
    out.push({
      knob,
      message: `${stack.name} has no ${what}: expected another software stack (train.software), or no ${knob}`,
    });
  if ((par.tp ?? 1) > 1 && !s.tensorParallel) no('tp', 'tensor parallelism');
  if ((par.pp ?? 1) > 1 && !s.pipeline) no('pp', 'pipeline parallelism');
  if ((par.vpp ?? 1) > 1 && !s.interleavedPipeline) no('vpp', 'interleaved pipeline schedule');
  if (par.sequenceParallel === true && !s.sequenceParallel) no('sequenceParallel', 'sequence parallelism');
  if ((par.cp ?? 1) > 1 && !s.contextParallel) no('cp', 'context parallelism');
  if (par.zero !== undefined && !s.zero.includes(par.zero)) {
    out.push({
      knob: 'zero',
      message: `${stack.name} does not offer ZeRO stage ${par.zero} (it offers ${s.zero.join(', ')}): expected one of those, or no zero`,
    });
  } else if (par.zero !== undefined && par.zero > 1 && (par.pp ?? 1) > 1 && !s.zeroAboveOneWithPipeline) {
    out.push({
      knob: 'zero',
      message: `${stack.name} runs ZeRO stages above 1 only without pipeline stages: expected zero 0 or 1 with pp ${par.pp}`,
    });
  }
  return out;
}
