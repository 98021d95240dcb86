/**
 * The classes a model's errors are grouped by: what the validation shows the error depends on. A
 * plan's figure takes its band from the cases of its own class (uncertainty/bands.ts).
 */

/** Training step time: dense or MoE, the GPU generation, the matmul format's width, and whether
 * the layout pipelines (most of the spread between sources follows these). */
export const TRAINING_CLASS_LEVELS: readonly (readonly string[])[] = [
  ['kind', 'generation', 'format', 'layout'],
  ['kind', 'generation', 'format'],
  ['kind', 'generation'],
  ['kind'],
  [],
];

export function trainingErrorClass(x: {
  readonly moe: boolean;
  readonly architecture: string | undefined;
  readonly operandBytes: number;
  readonly pp: number;
}): Record<string, string> {
  return {
    kind: x.moe ? 'MoE' : 'dense',
    generation: x.architecture ?? 'unknown generation',
    format:
      x.operandBytes >= 4
        ? '32-bit'
        : x.operandBytes >= 2
          ? '16-bit'
          : x.operandBytes >= 1
            ? '8-bit'
            : '4-bit',
    layout: x.pp > 1 ? 'pipelined' : 'not pipelined',
  };
}
