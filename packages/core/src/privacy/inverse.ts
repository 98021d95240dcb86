/** The largest noise multiplier Opacus's search tries before it gives up (MAX_SIGMA). */
export const MAX_SIGMA = 1e6;

/** Bisection steps before the search gives up: from σ ≤ 2 × MAX_SIGMA, 200 halvings pass any float's
 * resolution, so a search that has not met the tolerance by then never will (Opacus loops forever). */
export const MAX_BISECTION_STEPS = 200;

/** Relative width of the bracket at which the bisection gives up: noise multipliers are set to a few
 * digits, so an ε that still moves by more than the tolerance within one part in 10⁴ of σ is
 * a jump, not a slope (a degenerate δ or ε), and halving further would only spend evaluations (each
 * of a numerical accountant takes up to a second; 14 halvings reach it from the bracket). */
export const SIGMA_RESOLUTION = 1e-4;

/** A privacy target no noise multiplier meets, or one every noise multiplier meets: a user's input to
 * refuse with a reason, not a failure of aidc. */
export class PrivacyTargetError extends Error {
  override readonly name = 'PrivacyTargetError';
}

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
      throw new PrivacyTargetError(`no noise multiplier up to ${MAX_SIGMA} reaches ε = ${targetEpsilon}`);
  }
  for (let step = 0; targetEpsilon - epsHigh > epsilonTolerance; step++) {
    if (step >= MAX_BISECTION_STEPS || sigmaHigh - sigmaLow <= SIGMA_RESOLUTION * sigmaHigh)
      throw new PrivacyTargetError(
        `ε cannot be brought within ${epsilonTolerance} of ${targetEpsilon}: it is ${epsHigh.toPrecision(3)} at a noise multiplier of ${sigmaHigh.toPrecision(3)} and above the target just below it, so this (ε, δ) is degenerate for the run (δ too large, or ε too large or too small?)`,
      );
    const sigma = (sigmaLow + sigmaHigh) / 2;
    const e = eps(sigma);
    if (e < targetEpsilon) {
      sigmaHigh = sigma;
      epsHigh = e;
    } else sigmaLow = sigma;
  }
  return { sigma: sigmaHigh, epsilon: epsHigh, evaluations };
}
