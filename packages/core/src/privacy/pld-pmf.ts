import { circularSelfConvolve, fft } from './fft.js';
import { gridTooLarge, MAX_GRID_POINTS } from './grid.js';
import { PrivacyTargetError } from './inverse.js';

/**
 * A privacy loss distribution's PMF on the grid k·d (k from `lower`), plus the mass at +∞, with the
 * pessimistic tail handling of Google's dp_accounting (Koskela et al. 2020; Doroshenko et al. 2022,
 * "Connect the Dots"): composed tails beyond `tailMass` are folded into the first point on the left
 * and sent to infinity on the right, so the result never understates δ.
 */
export interface Pmf {
  readonly lower: number;
  readonly probs: Float64Array;
  readonly infinityMass: number;
}

/** dp_accounting's default tail mass truncation for compositions. */
export const TAIL_MASS_TRUNCATION = 1e-15;

export const IDENTITY_PMF: Pmf = { lower: 0, probs: Float64Array.of(1), infinityMass: 0 };

function nextPow2(n: number): number {
  let m = 1;
  while (m < n) m *= 2;
  return m;
}

/** Keeps the middle of the PMF: up to tmt/2 of mass on each side is moved (left) or dropped to ∞ (right). */
function truncateTails(p: Pmf, tmt: number): Pmf {
  if (tmt === 0) return p;
  const n = p.probs.length;
  let l = n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += p.probs[i]!;
    if (sum > tmt / 2) {
      l = i;
      break;
    }
  }
  let fromRight = n;
  sum = 0;
  for (let i = n - 1; i >= 0; i--) {
    sum += p.probs[i]!;
    if (sum > tmt / 2) {
      fromRight = n - 1 - i;
      break;
    }
  }
  const r = Math.max(n - fromRight, l + 1);
  const kept = p.probs.slice(l, r);
  let left = 0;
  for (let i = 0; i < l; i++) left += p.probs[i]!;
  let right = 0;
  for (let i = r; i < n; i++) right += p.probs[i]!;
  kept[0] = kept[0]! + left;
  return { lower: p.lower + l, probs: kept, infinityMass: p.infinityMass + right };
}

/** Linear convolution by FFT. */
function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const len = a.length + b.length - 1;
  if (len > 2 * MAX_GRID_POINTS) throw new PrivacyTargetError(gridTooLarge('PLD', len, 'composition'));
  if (a.length === 1) return b.map((v) => v * a[0]!);
  if (b.length === 1) return a.map((v) => v * b[0]!);
  const m = nextPow2(len);
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  ar.set(a);
  br.set(b);
  fft(ar, ai);
  fft(br, bi);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  fft(ar, ai, true);
  const out = new Float64Array(len);
  for (let k = 0; k < len; k++) out[k] = ar[k]! / m;
  return out;
}

export function composePmfs(a: Pmf, b: Pmf, tmt = TAIL_MASS_TRUNCATION): Pmf {
  return truncateTails(
    {
      lower: a.lower + b.lower,
      probs: convolve(a.probs, b.probs),
      infinityMass: a.infinityMass + b.infinityMass - a.infinityMass * b.infinityMass,
    },
    tmt,
  );
}

/**
 * n-fold self-composition: the FFT power over a window the Chernoff bound proves holds all but tmt of
 * the mass (dp_accounting's dense self_compose), tmt then counted at infinity.
 */
export function selfComposePmf(p: Pmf, n: number, tmt = TAIL_MASS_TRUNCATION): Pmf {
  if (n === 1) return p;
  const len = p.probs.length;
  const { lo, hi } = chernoffWindow(p.probs, n, tmt);
  const outLen = hi - lo + 1;
  if (!(outLen <= 2 * MAX_GRID_POINTS))
    throw new PrivacyTargetError(gridTooLarge('PLD', outLen, `composition of ${n} steps`));
  const padded = new Float64Array(Math.max(4, nextPow2(Math.max(outLen, len))));
  padded.set(p.probs);
  const composed = circularSelfConvolve(padded, n);
  const size = padded.length;
  const probs = new Float64Array(outLen);
  for (let j = 0; j < outLen; j++) probs[j] = composed[(j + lo) % size]!;
  return { lower: p.lower * n + lo, probs, infinityMass: tmt - Math.expm1(n * Math.log1p(-p.infinityMass)) };
}

/** The orders t = j/len, j = ±1…±CHERNOFF_ORDERS, at which dp_accounting bounds a composition's tails. */
const CHERNOFF_ORDERS = 20;
const moments = new Float64Array(2 * CHERNOFF_ORDERS);

/**
 * The index window [lo, hi] of the n-fold composition outside which the Chernoff bound
 * P(S ≥ x) ≤ M(t)^n e^{−tx} puts less than tmt/2 on each side, at t = ±j/len. M(±j/len) = Σ p_i e^{±ij/len}
 * is summed directly: i·j/len ≤ CHERNOFF_ORDERS, so no term overflows, and the powers of e^{±i/len}
 * come by multiplication, one exp per point instead of one per point and order.
 */
function chernoffWindow(probs: Float64Array, n: number, tmt: number): { lo: number; hi: number } {
  const len = probs.length;
  moments.fill(0);
  for (let i = 0; i < len; i++) {
    const pi = probs[i]!;
    if (!(pi > 0)) continue;
    const up = Math.exp(i / len);
    const down = 1 / up;
    let wUp = pi;
    let wDown = pi;
    for (let j = 0; j < CHERNOFF_ORDERS; j++) {
      wUp *= up;
      wDown *= down;
      moments[j] = moments[j]! + wUp;
      moments[CHERNOFF_ORDERS + j] = moments[CHERNOFF_ORDERS + j]! + wDown;
    }
  }
  let lo = 0;
  let hi = (len - 1) * n;
  const logTail = Math.log(2 / tmt);
  for (let j = 0; j < CHERNOFF_ORDERS; j++) {
    const o = (j + 1) / len;
    const upper = (n * Math.log(moments[j]!) + logTail) / o;
    const lower = (n * Math.log(moments[CHERNOFF_ORDERS + j]!) + logTail) / -o;
    if (Number.isFinite(upper)) hi = Math.min(hi, Math.ceil(upper));
    if (Number.isFinite(lower)) lo = Math.max(lo, Math.floor(lower));
  }
  return { lo, hi };
}

/** δ(ε) = ∞-mass + Σ_{loss > ε} (1 − e^{ε − loss}) p. */
export function pmfDelta(p: Pmf, epsilon: number, d: number): number {
  let delta = p.infinityMass;
  for (let i = 0; i < p.probs.length; i++) {
    const loss = (i + p.lower) * d;
    if (loss > epsilon) delta += -Math.expm1(epsilon - loss) * p.probs[i]!;
  }
  return delta;
}

/** The least ε with δ(ε) ≤ δ, in closed form between grid points (dp_accounting get_epsilon_for_delta). */
export function pmfEpsilon(p: Pmf, delta: number, d: number): number {
  if (p.infinityMass > delta) return Number.POSITIVE_INFINITY;
  let upper = p.infinityMass;
  let weighted = 0;
  let loss = (p.lower + p.probs.length - 1) * d;
  for (let i = p.probs.length - 1; i >= 0; i--, loss -= d) {
    const prob = p.probs[i]!;
    if (upper > delta && weighted > 0 && Math.log((upper - delta) / weighted) >= loss) break;
    upper += prob;
    weighted += Math.exp(-loss) * prob;
    if (upper >= delta && weighted === 0) return Math.max(0, loss);
  }
  if (upper <= weighted + delta) return 0;
  return Math.log((upper - delta) / weighted);
}
