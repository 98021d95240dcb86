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

/** Memory per GPU: the software stack (which sets how state and activations are kept) and how the
 * model is trained (every parameter, or adapters on a 16-bit or 4-bit base). A stack no case ran is
 * outside the validated range. */
export const MEMORY_CLASS_LEVELS: readonly (readonly string[])[] = [['stack', 'method'], ['stack'], []];

export function memoryErrorClass(x: {
  readonly stack: string;
  readonly adapterBase: 'bf16' | 'nf4' | null;
}): Record<string, string> {
  return {
    stack: x.stack,
    method: x.adapterBase === null ? 'full' : x.adapterBase === 'nf4' ? 'QLoRA' : 'LoRA',
  };
}

/** Serving throughput per GPU: dense or MoE, the GPU generation, the weights' format width. */
export const SERVING_CLASS_LEVELS: readonly (readonly string[])[] = [
  ['kind', 'generation', 'format'],
  ['kind', 'generation'],
  ['kind'],
  [],
];

const SERVING_FORMAT_WIDTH: Readonly<Record<string, string>> = {
  bf16: '16-bit',
  fp16: '16-bit',
  fp8: '8-bit',
  int8: '8-bit',
  int4: '4-bit',
  nvfp4: '4-bit',
  mxfp4: '4-bit',
};

export function servingErrorClass(x: {
  readonly moe: boolean;
  readonly architecture: string | undefined;
  readonly weights: string;
}): Record<string, string> {
  return {
    kind: x.moe ? 'MoE' : 'dense',
    generation: x.architecture ?? 'unknown generation',
    format: SERVING_FORMAT_WIDTH[x.weights] ?? x.weights,
  };
}

/** A whole run's time: as published from steady throughput (no run-level losses), or elapsed (every
 * stop included). The plan's wall clock is of the elapsed kind. */
export const RUN_CLASS_LEVELS: readonly (readonly string[])[] = [['time'], []];

export function runErrorClass(x: { readonly elapsed: boolean }): Record<string, string> {
  return { time: x.elapsed ? 'elapsed' : 'throughput' };
}
