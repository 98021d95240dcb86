import type { SoftwareStack } from '../catalog/software.js';
import type { Accelerator, ModelArchitecture, Source } from '../catalog/types.js';
import type { NumberFormat } from '../vocab/formats.js';

/** A training job on a cluster, resolved: every catalog reference filled in, SI units. */
export interface TrainingJob {
  readonly model: ModelArchitecture;
  readonly accelerator: Accelerator;
  readonly gpus: number;
  /** GPUs per scale-up domain (NVLink / NVL72 / IF). */
  readonly scaleUpDomain: number;
  /** Scale-up bandwidth per GPU, one direction, bytes/s (link rate, before derating). */
  readonly scaleUpBytesPerS: number;
  /** Scale-out bandwidth per GPU, one direction, bytes/s (link rate, before derating). */
  readonly scaleOutBytesPerS: number;
  /** Oversubscription of the scale-out fabric (leaf down-links per up-link); 1 when absent. */
  readonly oversubscription?: number;
  /** Memory capacity per GPU, bytes. */
  readonly memoryBytes: number;
  readonly seqLen: number;
  /** Sequences per optimizer step. */
  readonly globalBatch: number;
  /** Format of the weight matmuls; attention and logits run in `attentionFormat` of it. */
  readonly precision: NumberFormat;
  readonly software: SoftwareStack;
  /** Tokens of the whole run, for days and GPU-hours. */
  readonly tokens: number;
  /** Per-example gradient clipping of DP-SGD, when the run is private. */
  readonly privateClipping?: PrivateClipping | undefined;
}

/** What DP-SGD's clipping adds to a step (see privacy/clipping.ts for the published figures). */
export interface PrivateClipping {
  readonly stepTimeFactor: number;
  readonly activationMemoryFactor: number;
  readonly perSampleGradients: boolean;
  /** Where the factors were measured. */
  readonly sources: readonly Source[];
}

/** 16-bit format used beside a low-precision one (attention core, logits, communication). */
export function sixteenBitFormat(p: NumberFormat): 'fp16' | 'bf16' {
  return p === 'fp16' ? 'fp16' : 'bf16';
}

/**
 * Format of the attention core and the logits: 16 bits beside a 16-bit or narrower weight format
 * (Transformer Engine keeps them in 16 bits under FP8 and FP4); the weight format itself when it is
 * wider (fp32, tf32), since a run that keeps its weight matmuls wide keeps its attention as wide.
 * Never faster than the weight format, so MFU against the weight format's peak stays at most 100%.
 */
export function attentionFormat(p: NumberFormat): NumberFormat {
  return OPERAND_BYTES[p] > 2 ? p : sixteenBitFormat(p);
}

/** Bytes per element a matmul operand takes in a format (block scales ignored). */
export const OPERAND_BYTES: Readonly<Record<NumberFormat, number>> = {
  fp32: 4,
  tf32: 4,
  fp16: 2,
  bf16: 2,
  fp8: 1,
  mxfp8: 1,
  nvfp4: 0.5,
};
