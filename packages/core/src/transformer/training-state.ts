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

/** Bytes a checkpoint holds per parameter: 16-bit weights, fp32 master weights and two Adam moments. */
export const CHECKPOINT_BYTES_PER_PARAM = WEIGHT_BYTES_16BIT + ADAM_STATE_BYTES_PER_PARAM;
