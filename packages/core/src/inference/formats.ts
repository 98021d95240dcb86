import type { Accelerator } from '../catalog/types.js';
import type { NumberFormat, ServingFormat } from '../vocab/formats.js';

/**
 * Bytes per element, block scales included: NVFP4 keeps one FP8 scale per 16 values, MXFP4 one
 * 8-bit scale per 32 (OCP Microscaling spec v1.0; NVIDIA "Introducing NVFP4", 2025).
 */
export const SERVING_BYTES: Readonly<Record<ServingFormat, number>> = {
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5 + 2 / 128,
  nvfp4: 0.5 + 1 / 16,
  mxfp4: 0.5 + 1 / 32,
};

/**
 * Bytes per element of a token's hidden state sent to its experts: the input format of the expert
 * matmul, quantized before sending so the all-to-all carries the smaller form. FP8 with one FP32 scale
 * per 128 values (DeepEP's FP8 dispatch, DeepSeek-V3 Technical Report sec. 3.3.2); NVFP4 experts take
 * NVFP4 activations (W4A4; vLLM's NVFP4 dispatch, "Driving vLLM WideEP … on Blackwell", 2026); weight-only
 * formats (int4, MXFP4 as served on Hopper) and 16-bit keep 16-bit activations.
 */
export const DISPATCH_BYTES: Readonly<Record<ServingFormat, number>> = {
  bf16: 2,
  fp16: 2,
  fp8: 1 + 4 / 128,
  int8: 1 + 4 / 128,
  int4: 2,
  nvfp4: 0.5 + 1 / 16,
  mxfp4: 2,
};

/**
 * The format attention's matmuls run in, by the KV cache's: FP8 attention over an FP8 cache (FlashMLA
 * and FlashAttention-3 FP8, TensorRT-LLM FP8 context and generation kernels), 16-bit otherwise; never
 * the 4-bit formats, whose scales are for weights.
 */
export const ATTENTION_FORMAT: Readonly<Record<ServingFormat, ServingFormat>> = {
  bf16: 'bf16',
  fp16: 'fp16',
  fp8: 'fp8',
  int8: 'bf16',
  int4: 'bf16',
  nvfp4: 'fp8',
  mxfp4: 'fp8',
};

/** The matmul peak a serving format runs at: its own where the accelerator has it, else the next wider. */
const COMPUTE_FORMAT: Readonly<Record<ServingFormat, readonly NumberFormat[]>> = {
  bf16: ['bf16', 'fp16'],
  fp16: ['fp16', 'bf16'],
  fp8: ['fp8', 'bf16', 'fp16'],
  int8: ['fp8', 'bf16', 'fp16'],
  int4: ['fp8', 'bf16', 'fp16'],
  nvfp4: ['nvfp4', 'fp8', 'bf16', 'fp16'],
  mxfp4: ['nvfp4', 'fp8', 'bf16', 'fp16'],
};

/** The format a serving format's matmuls run in on an accelerator (undefined: none it has). */
export function servingComputeFormat(a: Accelerator, f: ServingFormat): NumberFormat | undefined {
  return COMPUTE_FORMAT[f].find((n) => a.peakFlopsPerS[n] !== undefined);
}

export function servingPeakFlopsPerS(a: Accelerator, f: ServingFormat): number {
  const n = servingComputeFormat(a, f);
  return n === undefined ? 0 : (a.peakFlopsPerS[n] ?? 0);
}

/**
 * The KV-cache format when a case does not state it: TensorRT-LLM and vLLM serve ModelOpt-quantized
 * checkpoints whose KV cache is FP8 along with FP8 or NVFP4 weights; 16-bit weights keep a 16-bit cache.
 */
export function defaultKvCache(weights: ServingFormat): ServingFormat {
  return weights === 'bf16' || weights === 'fp16' ? weights : 'fp8';
}
