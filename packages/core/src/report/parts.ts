import type { Figure } from '../explain/figure.js';

/** A part of a training plan's step time or memory: its figure, a label for text, one for charts. */
export interface ReportPart {
  readonly figure: string;
  readonly label: string;
  readonly short: string;
}

const part = (figure: string, label: string, short = label): ReportPart => ({ figure, label, short });

/** The parts of a step, in the order every report shows them; DP clipping only in private runs. */
export const STEP_TIME_PARTS: readonly ReportPart[] = [
  part('compute', 'compute (forward + backward)', 'compute'),
  part('recompute', 'recompute'),
  part('bubble', 'pipeline bubble'),
  part('tensorParallelExposed', 'tensor-parallel comm (exposed)', 'TP comm'),
  part('contextParallelExposed', 'context-parallel comm (exposed)', 'CP comm'),
  part('expertParallelExposed', 'expert-parallel comm (exposed)', 'EP comm'),
  part('hostBound', 'waiting on the host (kernel launches)', 'host-bound'),
  part('activationOffloadExposed', 'activation offload (exposed)', 'offload'),
  part('pipelineExposed', 'pipeline P2P (exposed)', 'PP comm'),
  part('dataParallelExposed', 'data-parallel sync (exposed)', 'DP sync'),
  part('privacyClipping', 'DP per-example clipping', 'DP clipping'),
  part('optimizer', 'optimizer step', 'optimizer'),
  part('stepOverhead', 'fixed step overhead', 'step overhead'),
];

/** The parts of memory per GPU; per-sample gradients only with naive DP clipping. */
export const MEMORY_PARTS: readonly ReportPart[] = [
  part('memoryWeights', 'weights'),
  part('memoryGradients', 'gradients'),
  part('memoryOptimizer', 'optimizer state'),
  part('memoryActivations', 'activations'),
  part('memoryPerSampleGradients', 'per-sample gradients'),
  part('memoryCommBuffers', 'communication buffers', 'buffers'),
];

/** The parts a plan has, with their figures (a private run has more than a plain one). */
export function planParts(
  parts: readonly ReportPart[],
  figures: Readonly<Record<string, Figure>>,
): { readonly part: ReportPart; readonly figure: Figure }[] {
  return parts.flatMap((p) => (figures[p.figure] ? [{ part: p, figure: figures[p.figure]! }] : []));
}
