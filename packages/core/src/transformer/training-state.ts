// What mixed-precision training keeps and moves per parameter: the arithmetic of the training state,
// shared by the step model (memory, optimizer time) and storage (checkpoint size).
import type { Source } from '../catalog/types.js';

/** Bytes of a 16-bit (BF16 or FP16) copy of a parameter, the copy the passes read. */
export const WEIGHT_BYTES_16BIT = 2;

/** Adam's state per parameter under mixed precision: fp32 master weights and two fp32 moments. */
export const ADAM_STATE_BYTES_PER_PARAM = 12;

export const MIXED_PRECISION_ADAM_SOURCE: Source = {
  title:
    'Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", §3.1',
  note: 'mixed-precision Adam holds 2Ψ (fp16 parameters) + 2Ψ (fp16 gradients) + KΨ bytes, K = 12: fp32 parameters, momentum and variance',
};

/** Memory traffic of one Adam step per parameter: the fp32 master weights and both moments read and
 * written (24 B), the fp32 gradient read (4 B) and its buffer zeroed for the next step (4 B), the
 * 16-bit weights written (2 B). */
export const ADAM_STEP_TRAFFIC_BYTES_PER_PARAM = 2 * ADAM_STATE_BYTES_PER_PARAM + 4 + 4 + WEIGHT_BYTES_16BIT;

export const ADAM_STEP_TRAFFIC_SOURCE: Source = {
  title: 'derived by aidc from the state of mixed-precision Adam',
  note: `${ADAM_STEP_TRAFFIC_BYTES_PER_PARAM} B per parameter: master weights and moments read and written (24 B), fp32 gradient read (4 B) and zeroed (4 B), 16-bit weights written (2 B); state sizes as ${MIXED_PRECISION_ADAM_SOURCE.title}`,
};

/**
 * Memory traffic of one optimizer step per trained parameter: its state (master weights and
 * moments) read and written, the gradient read (and zeroed for the next step when its buffer
 * persists), and the 16-bit weights written (read too when they are the master copy, in pure 16-bit
 * training). Mixed-precision Adam: ADAM_STEP_TRAFFIC_BYTES_PER_PARAM.
 */
export function optimizerStepTrafficBytesPerParam(
  stateFormat: 'mixed' | 'pure-16bit',
  optimizer: 'adam' | 'adam-8bit',
  gradBytes: number,
  persistentGradients: boolean,
): number {
  const weights = stateFormat === 'mixed' ? WEIGHT_BYTES_16BIT : 2 * WEIGHT_BYTES_16BIT;
  return (
    2 * optimizerStateBytesPerParam(stateFormat, optimizer) +
    gradBytes * (persistentGradients ? 2 : 1) +
    weights
  );
}

/** Bytes a checkpoint holds per parameter: 16-bit weights, fp32 master weights and two Adam moments. */
export const CHECKPOINT_BYTES_PER_PARAM = WEIGHT_BYTES_16BIT + ADAM_STATE_BYTES_PER_PARAM;

/** Bytes per parameter of a base weight in 4-bit NormalFloat with double-quantised block scales. */
export const NF4_BYTES_PER_PARAM = (4 + 0.127) / 8;

export const NF4_SOURCE: Source = {
  title:
    'Dettmers et al. 2023, "QLoRA: Efficient Finetuning of Quantized LLMs", §3 (NF4, Double Quantization)',
  note: '4-bit NormalFloat weights in blocks of 64; double quantization brings the scales from 0.5 to 0.127 bits per parameter',
};

/** Bytes per parameter of one Adam moment kept in 8 bits (block-wise scales are a few bytes per
 * 2,048 values, left out). */
export const ADAM_8BIT_MOMENT_BYTES = 1;

export const ADAM_8BIT_SOURCE: Source = {
  title: 'Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization" (ICLR), §2',
  note: 'both Adam states quantised to 8 bits in blocks of 2,048 with one FP32 absmax per block: 2 bytes per parameter instead of 8',
};

/**
 * Optimizer state per trained parameter: Adam's two moments, in FP32 under mixed precision (beside
 * the FP32 master weights) or in the parameter's own 16-bit format when the model is trained in pure
 * BF16 (PyTorch optimizers create their state like the parameter); 8-bit Adam keeps each moment in
 * one byte whatever the format.
 */
export function optimizerStateBytesPerParam(
  stateFormat: 'mixed' | 'pure-16bit',
  optimizer: 'adam' | 'adam-8bit',
): number {
  const master = stateFormat === 'mixed' ? 4 : 0;
  const moment =
    optimizer === 'adam-8bit' ? ADAM_8BIT_MOMENT_BYTES : stateFormat === 'mixed' ? 4 : WEIGHT_BYTES_16BIT;
  return master + 2 * moment;
}

/** Output chunks of a chunked cross-entropy (torchtune CEWithChunkedOutputLoss, num_output_chunks). */
export const LOSS_CHUNKS = 8;

/**
 * Bytes the loss holds per token and vocabulary entry at the start of backward, by how it is computed:
 * - 'fused-fp32': a fused (vocab-parallel) cross-entropy keeps the FP32 logits (Megatron);
 * - 'standard': the 16-bit logits, the FP32 log-softmax kept for backward and the FP32 gradient
 *   that arrives for it (PyTorch's cross_entropy on logits.float());
 * - 'chunked': the 16-bit logits, and the FP32 pair for one chunk at a time.
 */
export const LOSS_WORKING_SET_BYTES: Readonly<Record<'fused-fp32' | 'standard' | 'chunked', number>> = {
  'fused-fp32': 4,
  standard: 2 + 4 + 4,
  chunked: 2 + (4 + 4) / LOSS_CHUNKS,
};

export const LOSS_WORKING_SET_SOURCE: Source = {
  title: 'derived by aidc from the tensors autograd keeps (PyTorch log_softmax saves its output)',
  note: 'torchtune CEWithChunkedOutputLoss: 8 chunks, each upcast to FP32 inside the loss; Megatron fused vocab-parallel cross-entropy keeps FP32 logits',
};
