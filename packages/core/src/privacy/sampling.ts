import type { Sampling } from '../vocab/privacy.js';
/**
 * How many noisy steps a run takes, and with what effective noise: the conventions the reference
 * libraries differ on, made explicit because mixing them is the most common silent mistake.
 */

/** How steps come from epochs at sampling rate q:
 * - 'truncate': ⌊epochs / q⌋ as computed (Opacus get_noise_multiplier: int(epochs / q));
 * - 'python-floor-division': Python's epochs // q, which rounds 90 // 0.04 down to 2249 because 0.04
 *   is stored slightly above 0.04 (Opacus's accountant tests);
 * - 'ceil': ⌈epochs / q⌉ (TensorFlow Privacy: ⌈epochs · n / batch⌉). */
export type StepsFromEpochs = 'truncate' | 'python-floor-division' | 'ceil';

/** Python's float floor division a // b for positive a and b (CPython float_floor_div). */
export function pythonFloorDiv(a: number, b: number): number {
  const mod = a % b;
  const div = (a - mod) / b;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}

export function stepsFromEpochs(epochs: number, q: number, convention: StepsFromEpochs): number {
  switch (convention) {
    case 'truncate':
      return Math.trunc(epochs / q);
    case 'python-floor-division':
      return pythonFloorDiv(epochs, q);
    case 'ceil':
      return Math.ceil(epochs / q);
  }
}

/**
 * The noise multiplier the accountant must see. With micro-batches (per-micro-batch clipping, as
 * TensorFlow Privacy's optimizers do when num_microbatches < batch), one example's change moves a
 * whole micro-batch's clipped sum, so the sensitivity doubles and the effective multiplier halves
 * (TF Privacy compute_dp_sgd_privacy_lib; validation/privacy.json privacy-19, -21).
 */
export const effectiveNoiseMultiplier = (sigma: number, microbatching: boolean): number =>
  microbatching ? sigma / 2 : sigma;

/** The run the accountant composes: Poisson steps as they are, or one full-batch release per epoch. */
export function accountedRun(
  sampling: Sampling,
  run: { readonly sampleRate: number; readonly steps: number },
): { readonly sampleRate: number; readonly steps: number } {
  return sampling === 'poisson'
    ? run
    : { sampleRate: 1, steps: Math.ceil(run.steps * run.sampleRate - 1e-9) };
}
