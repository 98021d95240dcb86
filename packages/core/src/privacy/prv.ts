import { epsilonFromRdp } from './conversion.js';
import { circularSelfConvolve } from './fft.js';
import { gridTooLarge, MAX_GRID_POINTS } from './grid.js';
import { integrate } from './integrate.js';
import { PrivacyTargetError } from './inverse.js';
import { OPACUS_ORDERS, rdpCurve } from './rdp.js';
import { erfc } from './special.js';

/**
 * The privacy random variable (PRV) accountant of Gopi, Lee and Wutschitz 2021 ("Numerical
 * Composition of Differential Privacy"), with the discretisation Opacus's PRVAccountant uses, so that
 * its figures match Opacus's to rounding (validation/privacy.json, privacy-10 and -13):
 * - domain half-width L = max(RDP ε of the whole run at δ_err/4, RDP ε of one step at
 *   δ_err/(8T), ε_err) + 3 (Gopi et al., remark 5.6), with Opacus's RDP orders and conversion;
 * - mesh dt = ε_err / √(T ln(12/δ_err) / 2), the grid aligned to multiples of dt, an even count;
 * - the PRV truncated to the grid, each point the CDF mass of its cell, the grid shifted so the
 *   discrete mean equals the continuous mean;
 * - T-fold composition by FFT (circular), ε read off the composed PMF; the upper bound is the ε at
 *   δ − δ_err plus ε_err.
 */

/** CDF of the privacy loss of one Poisson-subsampled Gaussian step (Gopi et al., Prop. B4). */
function prvCdf(q: number, sigma: number, t: number): number {
  if (!(t > Math.log1p(-q))) return 0;
  const z = Math.log((Math.exp(t) + q - 1) / q);
  const s2 = 2 * Math.SQRT2 * sigma;
  return (
    (-q * erfc((2 * z * sigma * sigma - 1) / s2)) / 2 -
    ((1 - q) * erfc((2 * z * sigma * sigma + 1) / s2)) / 2 +
    1
  );
}

/** Opacus's RDP ε (its orders, signed series, Balle et al. conversion), which sizes the domain. */
function opacusRdpEpsilon(q: number, sigma: number, steps: number, delta: number): number {
  const rdp = rdpCurve(q, sigma, steps, OPACUS_ORDERS, 'signed');
  return epsilonFromRdp(OPACUS_ORDERS, rdp, delta, 'opacus').epsilon;
}

export interface PrvOptions {
  /** Allowed error in ε (Opacus default 0.01). */
  readonly epsError?: number;
  /** Allowed error in δ (Opacus default δ/1000). */
  readonly deltaError?: number;
}

export interface PrvResult {
  readonly epsilonLower: number;
  readonly epsilonEstimate: number;
  readonly epsilonUpper: number;
  /** Grid points of the discretised PRV. */
  readonly gridPoints: number;
}

/** numpy.linspace(a, b, n): a + i·step, the last point exactly b. */
function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + a;
  out[n - 1] = b;
  return out;
}

/** The first index whose value is ≥ v, by the same binary search numpy.searchsorted(side='left') makes. */
function searchLeft(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function prvEpsilon(
  q: number,
  sigma: number,
  steps: number,
  delta: number,
  options: PrvOptions = {},
): PrvResult {
  const epsError = options.epsError ?? 0.01;
  const deltaError = options.deltaError ?? delta / 1000;
  const L =
    Math.max(
      opacusRdpEpsilon(q, sigma, steps, deltaError / 4),
      opacusRdpEpsilon(q, sigma, 1, deltaError / (8 * steps)),
      epsError,
    ) + 3;
  const mesh = epsError / Math.sqrt((steps * Math.log(12 / deltaError)) / 2);
  const tMin = Math.floor(-L / mesh) * mesh;
  let tMax = Math.ceil(L / mesh) * mesh;
  let size = Math.round((tMax - tMin) / mesh) + 1;
  if (size % 2 === 1) {
    size += 1;
    tMax += mesh;
  }
  if (!(size <= MAX_GRID_POINTS)) throw new PrivacyTargetError(gridTooLarge('PRV', size, 'grid'));
  const dt = (tMax - tMin) / (size - 1);
  const cdfMin = prvCdf(q, sigma, tMin);
  const mass = prvCdf(q, sigma, tMax) - cdfMin;
  const cdf = (t: number) => (t < tMin ? 0 : t < tMax ? (prvCdf(q, sigma, t) - cdfMin) / mass : 1);

  const ts = linspace(tMin, tMax, size);
  const pmf = new Float64Array(size);
  let meanD = 0;
  // A cell's upper edge is the next cell's lower one: the CDF is taken once per edge, not twice.
  let lower = cdf(ts[0]! - dt / 2);
  for (let i = 0; i < size; i++) {
    const upper = cdf(ts[i]! + dt / 2);
    pmf[i] = upper - lower;
    lower = upper;
    meanD += ts[i]! * pmf[i]!;
  }
  // The continuous mean by parts, ∫ t dF = [t F] − ∫ F, over the pieces Opacus integrates.
  const cuts = [tMin, -0.1, -0.01, -0.001, -1e-4, -1e-5, 1e-5, 1e-4, 0.001, 0.01, 0.1, tMax];
  let meanC = 0;
  let converged = true;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const l = cuts[i]!;
    const r = cuts[i + 1]!;
    const integral = integrate(cdf, l, r, 1e-13);
    converged &&= integral.converged;
    meanC += r * cdf(r) - l * cdf(l) - integral.value;
  }
  const shift = meanC - meanD;
  if (!(Math.abs(shift) < dt / 2))
    throw new PrivacyTargetError(
      `the PRV accountant cannot centre its grid at a noise multiplier of ${sigma.toPrecision(3)}: ${converged ? 'the discrete mean differs from the continuous one by half a cell' : 'the privacy loss is too nearly a step for its quadrature'}; use a larger noise multiplier, or an RDP accountant`,
    );

  let composed = circularSelfConvolve(pmf, steps);
  const roll = steps - 1 + (steps % 2 === 0 ? size / 2 : 0);
  const rolled = new Float64Array(size);
  for (let i = 0; i < size; i++) rolled[(i + roll) % size] = composed[i]!;
  composed = rolled;
  const t = linspace(tMin + steps * shift, tMax + steps * shift, size);

  const d1 = new Float64Array(size);
  const d2 = new Float64Array(size);
  let s1 = 0;
  let s2 = 0;
  for (let i = size - 1; i >= 0; i--) {
    s1 += composed[i]!;
    s2 += composed[i]! * Math.exp(-t[i]!);
    d1[i] = s1;
    d2[i] = s2;
  }
  const ndelta = new Float64Array(size);
  for (let i = 0; i < size; i++) ndelta[i] = Math.exp(t[i]!) * d2[i]! - d1[i]!;
  const epsilonAt = (target: number) => {
    const i = searchLeft(ndelta, -target);
    if (i <= 0) throw new RangeError('cannot compute ε: the domain is too small for this δ');
    return Math.log((d1[i]! - target) / d2[i]!);
  };
  return {
    epsilonUpper: epsilonAt(delta - deltaError) + epsError,
    epsilonLower: epsilonAt(delta + deltaError) - epsError,
    epsilonEstimate: epsilonAt(delta),
    gridPoints: size,
  };
}
