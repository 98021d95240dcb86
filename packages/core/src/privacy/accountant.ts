import type { AccountantId } from '../vocab/privacy.js';
import { epsilonFromRdp, type RdpConversion } from './conversion.js';
import { gaussianEpsilon, gdpMuPoisson } from './gaussian.js';
import { type NoiseSearch, noiseMultiplierFor, PrivacyTargetError } from './inverse.js';
import { dpSgdPld, pldEpsilon } from './pld.js';
import { prvEpsilon } from './prv.js';
import { DP_ACCOUNTING_ORDERS, type FractionalSeries, OPACUS_ORDERS, rdpCurve } from './rdp.js';

const RDP_SETUPS: Readonly<
  Record<
    'rdp-opacus' | 'rdp-dp-accounting' | 'rdp-classic',
    { orders: readonly number[]; series: FractionalSeries; conversion: RdpConversion }
  >
> = {
  'rdp-opacus': { orders: OPACUS_ORDERS, series: 'signed', conversion: 'opacus' },
  'rdp-dp-accounting': { orders: DP_ACCOUNTING_ORDERS, series: 'abs', conversion: 'dp-accounting' },
  'rdp-classic': { orders: DP_ACCOUNTING_ORDERS, series: 'signed', conversion: 'classic' },
};

/** DP-SGD as the accountant sees it: Poisson sampling at rate q, T steps, noise multiplier σ. */
export interface DpSgdRun {
  readonly sampleRate: number;
  readonly noiseMultiplier: number;
  readonly steps: number;
}

export interface EpsilonResult {
  readonly accountant: AccountantId;
  readonly epsilon: number;
  /** The RDP order that gave ε (RDP accountants only). */
  readonly order?: number;
  /** Whether ε is a guaranteed upper bound (GDP's CLT is not). */
  readonly bound: boolean;
}

/**
 * ε of a DP-SGD run at δ by an accountant, never below 0: Balle et al.'s conversion (Opacus) goes
 * negative when the noise is large and δ is too (σ = 10⁴ at δ = 0.999999 gives ε = −3.4); the
 * guarantee then holds at ε = 0, and a privacy budget is not a negative quantity.
 */
export function dpSgdEpsilon(run: DpSgdRun, delta: number, accountant: AccountantId): EpsilonResult {
  const r = accountantEpsilon(run, delta, accountant);
  return r.epsilon < 0 ? { ...r, epsilon: 0 } : r;
}

function accountantEpsilon(run: DpSgdRun, delta: number, accountant: AccountantId): EpsilonResult {
  const { sampleRate: q, noiseMultiplier: sigma, steps } = run;
  if (accountant === 'prv')
    return { accountant, epsilon: prvEpsilon(q, sigma, steps, delta).epsilonUpper, bound: true };
  if (accountant === 'pld')
    return { accountant, epsilon: pldEpsilon(dpSgdPld(q, sigma, steps), delta), bound: true };
  if (accountant === 'gdp')
    return { accountant, epsilon: gaussianEpsilon(delta, gdpMuPoisson(q, sigma, steps)), bound: false };
  const s = RDP_SETUPS[accountant];
  const r = epsilonFromRdp(s.orders, rdpCurve(q, sigma, steps, s.orders, s.series), delta, s.conversion);
  return { accountant, epsilon: r.epsilon, order: r.order, bound: true };
}

/** How each accountant's noise search narrows σ: as Opacus does where Opacus has the accountant, so
 * that σ agrees with it (validation/privacy.json), and by interpolation for PLD, which Opacus lacks and
 * whose evaluations are the slowest. */
const NOISE_SEARCH: Readonly<Record<AccountantId, NoiseSearch>> = {
  'rdp-opacus': 'bisection',
  'rdp-dp-accounting': 'bisection',
  'rdp-classic': 'bisection',
  prv: 'bisection',
  gdp: 'bisection',
  pld: 'interpolation',
};

/**
 * The chance that a given example is in any of the run's Poisson-sampled batches, 1 − (1 − q)^T. The
 * privacy loss is zero unless the example is drawn, so a run is (0, that chance)-DP whatever its noise:
 * a δ at or above it makes every ε hold with no noise at all (fuzz seed 1 case 4932: δ = 0.5 with
 * q = 2·10⁻⁴ over 4 steps), and a noise search would halve σ towards 0 to no end.
 */
export function chanceEverSampled(run: Omit<DpSgdRun, 'noiseMultiplier'>): number {
  return -Math.expm1(run.steps * Math.log1p(-run.sampleRate));
}

/** Why δ makes any ε trivial for the run, or undefined when it does not. */
export function trivialDeltaReason(
  run: Omit<DpSgdRun, 'noiseMultiplier'>,
  delta: number,
): string | undefined {
  const p = chanceEverSampled(run);
  return delta >= p
    ? `δ = ${delta} is at least the chance that an example is drawn into any of the run's ${run.steps} batches (${p.toPrecision(3)}), so every ε holds without noise; choose δ well below 1 ÷ examples`
    : undefined;
}

/** The noise multiplier for a target ε at δ, by the accountant's search (see noiseMultiplierFor). */
export function dpSgdNoiseFor(
  target: { readonly epsilon: number; readonly delta: number },
  run: Omit<DpSgdRun, 'noiseMultiplier'>,
  accountant: AccountantId,
  epsilonTolerance = 0.01,
): { sigma: number; epsilon: number } {
  const trivial = trivialDeltaReason(run, target.delta);
  if (trivial !== undefined) throw new PrivacyTargetError(trivial);
  const r = noiseMultiplierFor(
    (sigma) => dpSgdEpsilon({ ...run, noiseMultiplier: sigma }, target.delta, accountant).epsilon,
    target.epsilon,
    epsilonTolerance,
    NOISE_SEARCH[accountant],
  );
  return { sigma: r.sigma, epsilon: r.epsilon };
}
