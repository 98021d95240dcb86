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

/** The most ε may keep of itself when σ doubles, above the target, before the search calls it the
 * accountant's floor: where the noise is large ε falls about as 1/σ (to half), and an RDP conversion's
 * floor, log(1/δ)/(α_max − 1), or a numerical accountant's holds it instead. */
export const DOUBLING_LEAST_FALL = 0.9;

/** A privacy target no noise multiplier meets, or one every noise multiplier meets: a user's input to
 * refuse with a reason, not a failure of aidc. */
export class PrivacyTargetError extends Error {
  override readonly name = 'PrivacyTargetError';
}

/**
 * How the bracket on σ is narrowed: 'bisection' halves it, as Opacus's get_noise_multiplier does, so
 * that σ agrees with Opacus exactly (RDP, PRV, GDP); 'interpolation' tries the σ where the line in
 * (ln σ, ln ε) through the last two evaluations, or else through the bracket's ends, meets the middle
 * of the accepted band (the secant and false-position steps of Dekker's method), and halves when that
 * falls outside the bracket or the same end has stayed three times running; until the bracket has a
 * low end with a finite ε, it halves as bisection does. ε(σ) is close to a power
 * law, so the guess lands near the answer and a search takes a few evaluations instead of a dozen or
 * more: the PLD accountant, with no library σ to match, takes up to seconds per evaluation on fine
 * grids (fuzz seed 2 case 1996: 17 evaluations, 12 s, by bisection).
 */
export type NoiseSearch = 'bisection' | 'interpolation';

/** Times the same end of the bracket may stay before an interpolating search halves it instead. */
const INTERPOLATION_KEPT_LIMIT = 3;

/**
 * The noise multiplier that spends at most `targetEpsilon`, found the way Opacus's
 * get_noise_multiplier finds it, so the answers agree exactly (validation/privacy.json, privacy-11 to
 * -14): σ_high doubles from 10 until ε(σ_high) < target; then the bracket [σ_low, σ_high] narrows
 * until target − ε(σ_high) ≤ tolerance; σ_high is returned (a σ that meets the target, not the least
 * one). `search` says how the bracket narrows (bisection is Opacus's).
 */
export function noiseMultiplierFor(
  epsilonAt: (sigma: number) => number,
  targetEpsilon: number,
  epsilonTolerance = 0.01,
  search: NoiseSearch = 'bisection',
): { sigma: number; epsilon: number; evaluations: number } {
  let evaluations = 0;
  // Opacus's first midpoint, (0 + 2σ)/2, is the last σ the doubling tried: it is remembered, not
  // asked of the accountant again (half a second of PRV at δ = 10⁻³⁰⁰, fuzz seed 7 case 198).
  let lastSigma = Number.NaN;
  let lastEps = Number.NaN;
  const eps = (s: number) => {
    if (s === lastSigma) return lastEps;
    evaluations++;
    lastSigma = s;
    lastEps = epsilonAt(s);
    return lastEps;
  };
  let sigmaLow = 0;
  let epsLow = Number.POSITIVE_INFINITY;
  let sigmaHigh = 10;
  let epsHigh = Number.POSITIVE_INFINITY;
  while (epsHigh > targetEpsilon) {
    // Opacus's bracket starts at 0 whatever the doubling saw; interpolation keeps the last σ the
    // doubling found too small as its low end, rather than evaluating it again as the first midpoint.
    if (search === 'interpolation' && Number.isFinite(epsHigh)) {
      sigmaLow = sigmaHigh;
      epsLow = epsHigh;
    }
    const sigmaBefore = sigmaHigh;
    const epsBefore = epsHigh;
    sigmaHigh *= 2;
    epsHigh = eps(sigmaHigh);
    if (sigmaHigh > MAX_SIGMA)
      throw new PrivacyTargetError(`no noise multiplier up to ${MAX_SIGMA} reaches ε = ${targetEpsilon}`);
    // Twice the noise must cut ε, by half or so where the noise is large (ε falls as 1/σ there). An ε
    // that rises, or holds, is the accountant's floor or its numerics, not a slope to follow to
    // σ = 10⁶ (fuzz seed 1 case 15151: PRV at δ = 10⁻³⁰⁰ gave 6.7 at σ = 20, 13.1 at 40, then 12.8 at
    // every σ to 1.3·10⁶, 17 evaluations).
    if (epsHigh > epsBefore + epsilonTolerance)
      throw notFalling(sigmaBefore, epsBefore, sigmaHigh, epsHigh, targetEpsilon);
    if (epsHigh > targetEpsilon && epsHigh >= DOUBLING_LEAST_FALL * epsBefore)
      throw new PrivacyTargetError(
        `ε stays near ${epsHigh.toPrecision(3)} as the noise doubles from σ = ${sigmaBefore} to ${sigmaHigh}: the accountant goes no lower at this δ, so no noise multiplier reaches ε = ${targetEpsilon}`,
      );
  }
  // The middle of the accepted band [target − tolerance, target), in ln ε: where interpolation aims.
  const aim = Math.log(targetEpsilon - epsilonTolerance / 2);
  // The evaluation before the last, and the last (the secant's two points).
  let sigmaBefore = Number.NaN;
  let epsBefore = Number.NaN;
  let sigmaLast = sigmaHigh;
  let epsLast = epsHigh;
  /** The end the last evaluations left in place, and how many times running. */
  let kept: 'low' | 'high' | undefined;
  let keptRun = 0;
  for (let step = 0; targetEpsilon - epsHigh > epsilonTolerance; step++) {
    if (step >= MAX_BISECTION_STEPS || sigmaHigh - sigmaLow <= SIGMA_RESOLUTION * sigmaHigh)
      throw new PrivacyTargetError(
        `ε cannot be brought within ${epsilonTolerance} of ${targetEpsilon}: it is ${epsHigh.toPrecision(3)} at a noise multiplier of ${sigmaHigh.toPrecision(3)} and above the target just below it, so this (ε, δ) is degenerate for the run (δ too large, or ε too large or too small?)`,
      );
    // Only inside a bracket whose low end has been evaluated: a guess never goes below a σ already
    // computed, where an accountant's grid would be finer than any it has built (and may not fit).
    const interpolate =
      search === 'interpolation' &&
      sigmaLow > 0 &&
      Number.isFinite(epsLow) &&
      keptRun < INTERPOLATION_KEPT_LIMIT;
    const inside = (x: number | undefined) => x !== undefined && x > sigmaLow && x < sigmaHigh;
    let sigma = (sigmaLow + sigmaHigh) / 2;
    if (interpolate) {
      const secant = powerLawRoot(sigmaBefore, epsBefore, sigmaLast, epsLast, aim);
      const falsePosition = powerLawRoot(sigmaLow, epsLow, sigmaHigh, epsHigh, aim);
      if (inside(secant)) sigma = secant!;
      else if (inside(falsePosition)) sigma = falsePosition!;
    } else if (search === 'interpolation') {
      // No low end yet: the secant through the last two σ, both meeting the target, extrapolated
      // towards it, when that lies between the midpoint and the high end. It approaches from above
      // instead of halving past the answer to a σ whose grid is the finest and slowest of the search
      // (fuzz seed 1 case 15386: PLD at σ = 0.156, 2.6 s, for an answer of 0.2465).
      const extrapolated = powerLawRoot(sigmaBefore, epsBefore, sigmaLast, epsLast, aim);
      if (extrapolated !== undefined && extrapolated > sigma && extrapolated < sigmaHigh)
        sigma = extrapolated;
    }
    const e = eps(sigma);
    // ε must fall as σ grows. A numerical accountant past what its grid resolves breaks that (fuzz
    // case 18510: PLD at a sampling rate of 2·10⁻¹³ gave ε = 0.106 at σ = 0.20694 and 0.123 at 0.20700):
    // no σ is its answer, and narrowing further only spends evaluations of seconds each.
    const above = e > epsLow + epsilonTolerance && Number.isFinite(epsLow);
    const below = e < epsHigh - epsilonTolerance;
    if (above) throw notFalling(sigmaLow, epsLow, sigma, e, targetEpsilon);
    if (below) throw notFalling(sigma, e, sigmaHigh, epsHigh, targetEpsilon);
    sigmaBefore = sigmaLast;
    epsBefore = epsLast;
    sigmaLast = sigma;
    epsLast = e;
    const side = e < targetEpsilon ? 'low' : 'high';
    keptRun = interpolate && side === kept ? keptRun + 1 : 1;
    kept = side;
    if (side === 'low') {
      sigmaHigh = sigma;
      epsHigh = e;
    } else {
      sigmaLow = sigma;
      epsLow = e;
    }
  }
  return { sigma: sigmaHigh, epsilon: epsHigh, evaluations };
}

/** The refusal of an ε that rises as σ grows from σ_a to σ_b: the doubling's and the bracket's alike. */
function notFalling(
  sigmaA: number,
  epsA: number,
  sigmaB: number,
  epsB: number,
  targetEpsilon: number,
): PrivacyTargetError {
  return new PrivacyTargetError(
    `the accountant's ε does not fall as the noise grows (ε = ${epsA.toPrecision(3)} at σ = ${sigmaA.toPrecision(4)}, ${epsB.toPrecision(3)} at σ = ${sigmaB.toPrecision(4)}): its numerics cannot resolve ε = ${targetEpsilon} for this run; use an RDP accountant`,
  );
}

/**
 * The σ at which ln ε, taken as linear in ln σ through two points, equals `aim`; undefined when a
 * point has no finite, positive σ and ε or the two have the same ε.
 */
function powerLawRoot(
  sigmaA: number,
  epsA: number,
  sigmaB: number,
  epsB: number,
  aim: number,
): number | undefined {
  if (!(sigmaA > 0 && sigmaB > 0 && epsA > 0 && epsB > 0 && Number.isFinite(epsA) && Number.isFinite(epsB)))
    return undefined;
  const fA = Math.log(epsA) - aim;
  const fB = Math.log(epsB) - aim;
  if (fA === fB) return undefined;
  const xA = Math.log(sigmaA);
  const x = xA + ((Math.log(sigmaB) - xA) * fA) / (fA - fB);
  return Number.isFinite(x) ? Math.exp(x) : undefined;
}
