/** The largest noise multiplier Opacus's search tries before it gives up (MAX_SIGMA). */
export const MAX_SIGMA = 1e6;

/**
 * The noise multiplier that spends at most `targetEpsilon`, found the way Opacus's
 * get_noise_multiplier finds it, so the answers agree exactly (validation/privacy.json, privacy-11 to
 * -14): σ_high doubles from 10 until ε(σ_high) < target; then bisection on [0, σ_high] until
 * target − ε(σ_high) ≤ tolerance; σ_high is returned (a σ that meets the target, not the least one).
 */
export function noiseMultiplierFor(
  epsilonAt: (sigma: number) => number,
  targetEpsilon: number,
  epsilonTolerance = 0.01,
): { sigma: number; epsilon: number; evaluations: number } {
  let evaluations = 0;
  const eps = (s: number) => {
    evaluations++;
    return epsilonAt(s);
  };
  let sigmaLow = 0;
  let sigmaHigh = 10;
  let epsHigh = Number.POSITIVE_INFINITY;
  while (epsHigh > targetEpsilon) {
    sigmaHigh *= 2;
    epsHigh = eps(sigmaHigh);
    if (sigmaHigh > MAX_SIGMA)
      throw new RangeError(`no noise multiplier up to ${MAX_SIGMA} reaches ε = ${targetEpsilon}`);
  }
  while (targetEpsilon - epsHigh > epsilonTolerance) {
    const sigma = (sigmaLow + sigmaHigh) / 2;
    const e = eps(sigma);
    if (e < targetEpsilon) {
      sigmaHigh = sigma;
      epsHigh = e;
    } else sigmaLow = sigma;
  }
  return { sigma: sigmaHigh, epsilon: epsHigh, evaluations };
}
