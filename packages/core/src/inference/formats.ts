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

export function servingPeakFlopsPerS(a: Accelerator, f: ServingFormat): number {
  for (const n of COMPUTE_FORMAT[f]) {
    const p = a.peakFlopsPerS[n];
    if (p !== undefined) return p;
  }
  return 0;
}

/**
 * The KV-cache format when a case does not state it: TensorRT-LLM and vLLM serve ModelOpt-quantized
 * checkpoints whose KV cache is FP8 along with FP8 or NVFP4 weights; 16-bit weights keep a 16-bit cache.
 */
export function defaultKvCache(weights: ServingFormat): ServingFormat {
  return weights === 'bf16' || weights === 'fp16' ? weights : 'fp8';
}
