import { bisect, normalCdf, normalQuantile } from './special.js';

/**
 * The exact privacy curve of the Gaussian mechanism, equivalently μ-GDP (Balle & Wang 2018, Thm 8;
 * Dong, Roth, Su 2019): δ(ε) = Φ(−ε/μ + μ/2) − e^ε Φ(−ε/μ − μ/2), with μ = √T / σ for T
 * compositions of sensitivity-1 Gaussian noise of multiplier σ.
 */
export function gaussianDelta(epsilon: number, mu: number): number {
  if (mu <= 0) return 0;
  return normalCdf(-epsilon / mu + mu / 2) - Math.exp(epsilon) * normalCdf(-epsilon / mu - mu / 2);
}

/** The ε at which the μ-GDP curve reaches δ: a root on [0, 500], as Opacus's eps_from_mu brackets it. */
export function gaussianEpsilon(delta: number, mu: number): number {
  if (gaussianDelta(0, mu) <= delta) return 0;
  return bisect((e) => gaussianDelta(e, mu) - delta, 0, 500);
}

/**
 * μ of T steps of Poisson-subsampled Gaussian DP-SGD by the central limit theorem of Bu, Dong, Long,
 * Su 2020 ("Deep Learning with Gaussian Differential Privacy"), as Opacus's GDP accountant computes
 * it: μ = q √(T (e^{1/σ²} − 1)). An approximation, not a guaranteed bound.
 */
export const gdpMuPoisson = (q: number, sigma: number, steps: number): number =>
  Math.sqrt(Math.expm1(sigma ** -2)) * Math.sqrt(steps) * q;

/** The power of the best test at a false-positive rate, under μ-GDP: 1 − Φ(Φ⁻¹(1 − fpr) − μ). */
export const gdpTruePositiveRate = (mu: number, fpr: number): number =>
  1 - normalCdf(normalQuantile(1 - fpr) - mu);

/** The μ whose Gaussian curve passes through (ε, δ): a one-point GDP estimate of a privacy curve. */
export const gdpMuThrough = (epsilon: number, delta: number): number =>
  bisect((mu) => gaussianDelta(epsilon, mu) - delta, 1e-9, 100);
