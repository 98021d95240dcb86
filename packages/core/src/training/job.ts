import type { LossKind, SoftwareStack } from '../catalog/software.js';
import type { Accelerator, ModelArchitecture, Source } from '../catalog/types.js';
import type { NumberFormat } from '../vocab/formats.js';
import type { AdapterTarget, Optimizer } from '../vocab/training.js';

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
  /** What is trained and how the optimizer and activations are kept; FULL_TRAINING when absent. */
  readonly method?: TrainingMethod | undefined;
  /** Multi-token-prediction modules trained beside the model (DeepSeek-V3: 1), each a layer of the
   * model's kind and another pass of the output head and loss, on the last pipeline stage. 0 when absent. */
  readonly mtpModules?: number | undefined;
}

/** Low-rank adapters on a frozen base (Hu et al. 2021, LoRA); QLoRA keeps the wrapped base weights in
 * 4-bit NormalFloat (Dettmers et al. 2023). */
export interface Adapters {
  readonly rank: number;
  readonly targets: readonly AdapterTarget[];
  /** Format of the frozen weights the adapters wrap; the rest of the base stays 16-bit. */
  readonly base: 'bf16' | 'nf4';
}

export interface TrainingMethod {
  /** null: every parameter is trained. */
  readonly adapters: Adapters | null;
  readonly optimizer: Optimizer;
  /** Each parameter is stepped, and its gradient freed, as soon as backward produces it (torchtune's
   * optimizer_in_bwd), so the whole gradient set never exists at once. */
  readonly optimizerInBackward: boolean;
  /** The optimizer's state lives in host memory (ZeRO-Offload; bitsandbytes paged optimizers evicted
   * to the host when the GPU is full), so the GPU holds none of it. */
  readonly optimizerOffload: boolean;
  /** The activations kept for backward wait in host memory (torchtune's enable_activation_offloading). */
  readonly activationOffload: boolean;
  /** null: the software stack's own. */
  readonly loss: LossKind | null;
  /** The model runs under torch.compile, which fuses an eager stack's elementwise ops. */
  readonly compiled: boolean;
}

export const FULL_TRAINING: TrainingMethod = {
  adapters: null,
  optimizer: 'adam',
  optimizerInBackward: false,
  optimizerOffload: false,
  activationOffload: false,
  loss: null,
  compiled: false,
};

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
