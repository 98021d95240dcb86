import { logAdd, logErfc, logSub } from './special.js';

/**
 * How the fractional-order series of the subsampled Gaussian is summed (Mironov, Talwar, Zhang 2019,
 * "Rényi Differential Privacy of the Sampled Gaussian Mechanism", §3.3). 'signed' follows the signs
 * of the binomial coefficients and is exact (Opacus). 'abs' adds their absolute values, an upper
 * bound, as dp_accounting does (validation/privacy.json, privacy-00 notes).
 */
export type FractionalSeries = 'signed' | 'abs';

/** Orders Opacus's RDPAccountant uses (DEFAULT_ALPHAS): 1.1 … 10.9 by tenths, then 12 … 63. */
export const OPACUS_ORDERS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, i) => 1 + (i + 1) / 10),
  ...Array.from({ length: 52 }, (_, i) => 12 + i),
];

/** Orders dp_accounting's RdpAccountant uses by default (DEFAULT_RDP_ORDERS). */
export const DP_ACCOUNTING_ORDERS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, i) => 1 + (i + 1) / 10),
  ...Array.from({ length: 53 }, (_, i) => 11 + i),
  128,
  256,
  512,
  1024,
];

/** Orders of TensorFlow Privacy's compute_dp_sgd_privacy. */
export const TF_PRIVACY_ORDERS: readonly number[] = [
  1.25,
  1.5,
  1.75,
  2,
  2.25,
  2.5,
  3,
  3.5,
  4,
  4.5,
  ...Array.from({ length: 59 }, (_, i) => 5 + i),
  128,
  256,
  512,
];

/** log A_α for integer α: the exact binomial expansion. */
function logAInteger(q: number, sigma: number, alpha: number): number {
  let logA = Number.NEGATIVE_INFINITY;
  let logBinom = 0;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  for (let i = 0; i <= alpha; i++) {
    if (i > 0) logBinom += Math.log(alpha - i + 1) - Math.log(i);
    logA = logAdd(logA, logBinom + i * lq + (alpha - i) * l1q + (i * i - i) / (2 * sigma * sigma));
  }
  return logA;
}

/** log A_α for fractional α: the two-sided series of Mironov, Talwar and Zhang 2019 §3.3. */
function logAFractional(q: number, sigma: number, alpha: number, series: FractionalSeries): number {
  let logA0 = Number.NEGATIVE_INFINITY;
  let logA1 = Number.NEGATIVE_INFINITY;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  let coef = 1;
  for (let i = 0; ; i++) {
    if (i > 0) coef *= (alpha - i + 1) / i;
    const logCoef = Math.log(Math.abs(coef));
    const j = alpha - i;
    const logT0 = logCoef + i * lq + j * l1q;
    const logT1 = logCoef + j * lq + i * l1q;
    const logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.SQRT2 * sigma));
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.SQRT2 * sigma));
    const logS0 = logT0 + (i * i - i) / (2 * sigma * sigma) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
    if (coef > 0 || series === 'abs') {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < -30) break;
    if (i > 100_000) throw new RangeError('the fractional RDP series does not converge');
  }
  return logAdd(logA0, logA1);
}

/**
 * Rényi DP of one step of the Poisson-subsampled Gaussian mechanism at order α: sampling rate q,
 * noise multiplier σ (noise std ÷ clipping norm), add-or-remove-one neighbours. Mironov et al. 2019.
 */
export function rdpSubsampledGaussian(
  q: number,
  sigma: number,
  alpha: number,
  series: FractionalSeries,
): number {
  if (q === 0) return 0;
  if (sigma === 0) return Number.POSITIVE_INFINITY;
  if (q === 1) return alpha / (2 * sigma * sigma);
  if (!Number.isFinite(alpha)) return Number.POSITIVE_INFINITY;
  const logA = Number.isInteger(alpha)
    ? logAInteger(q, sigma, alpha)
    : logAFractional(q, sigma, alpha, series);
  return logA / (alpha - 1);
}

/** The RDP curve of `steps` compositions at each order. */
export function rdpCurve(
  q: number,
  sigma: number,
  steps: number,
  orders: readonly number[],
  series: FractionalSeries,
): number[] {
  return orders.map((a) => steps * rdpSubsampledGaussian(q, sigma, a, series));
}

/**
 * RDP of DP-FTRL's tree aggregation over one epoch of T steps (Kairouz et al. 2021, "Practical and
 * Private (Deep) Learning without Sampling or Shuffling"): each example touches ⌈log₂(T + 1)⌉ tree
 * nodes, so the run is one Gaussian mechanism with squared sensitivity ⌈log₂(T + 1)⌉:
 * RDP(α) = α ⌈log₂(T + 1)⌉ / (2σ²).
 */
export const rdpTreeAggregation = (sigma: number, steps: number, alpha: number): number =>
  (alpha * Math.ceil(Math.log2(steps + 1))) / (2 * sigma * sigma);
