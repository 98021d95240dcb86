// Special functions the accountants need, accurate to a few ulps in relative terms far into the
// tails (privacy curves live in probabilities of 1e-10 and below).

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x) for |x| < 2 from the series of positive terms 2/√π e^{−x²} Σ 2ⁿ x^{2n+1} / (2n+1)!!. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** erfc(x) · e^{x²} · √π for x ≥ 2, by the continued fraction 1/(x+ (1/2)/(x+ 1/(x+ (3/2)/(x+ …)))) (modified Lentz). */
function erfcScaledCf(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/** Width of the intervals [k·w, (k + 1)·w) on which erfcx = e^{x²}·erfc(x) is interpolated. */
const ERFCX_WIDTH = 0.5;
/** Intervals, up to x = 28: beyond, erfc underflows (27.3² > 745) and only log erfc is asked for. */
const ERFCX_INTERVALS = 56;
const ERFCX_END = ERFCX_WIDTH * ERFCX_INTERVALS;
/** Chebyshev nodes per interval: erfcx is entire, and on a half-unit interval its 14th coefficient is
 * below 4·10⁻¹⁵ of the first, the reference's own rounding (privacy.test.ts holds the interpolation
 * to the reference within 5·10⁻¹⁴ relative, and to tabulated erfc within 10⁻¹⁴). */
const ERFCX_NODES = 14;
let erfcxCoefficients: Float64Array | undefined;

/** e^{x²}·erfc(x) from its definitions, the slow, exact way: the series below 2, the continued fraction above. */
const erfcxReference = (x: number): number =>
  x < 2 ? Math.exp(x * x) * (1 - erfSeries(x)) : erfcScaledCf(x) / SQRT_PI;

/**
 * Chebyshev coefficients of erfcx on each unit interval, interpolated at the Chebyshev nodes from
 * `erfcxReference` once, on first use: an evaluation then costs one Clenshaw sum of 24 terms instead
 * of up to a few hundred steps of the continued fraction near x = 2 or the series below it (the PLD
 * accountant asks for millions of them per noise multiplier, fuzz seed 1 case 41795).
 */
function erfcxTable(): Float64Array {
  if (erfcxCoefficients) return erfcxCoefficients;
  const table = new Float64Array(ERFCX_INTERVALS * ERFCX_NODES);
  const values = new Float64Array(ERFCX_NODES);
  for (let k = 0; k < ERFCX_INTERVALS; k++) {
    for (let i = 0; i < ERFCX_NODES; i++)
      values[i] = erfcxReference(
        ERFCX_WIDTH * (k + 0.5 + 0.5 * Math.cos((Math.PI * (i + 0.5)) / ERFCX_NODES)),
      );
    for (let j = 0; j < ERFCX_NODES; j++) {
      let sum = 0;
      for (let i = 0; i < ERFCX_NODES; i++)
        sum += values[i]! * Math.cos((Math.PI * j * (i + 0.5)) / ERFCX_NODES);
      table[k * ERFCX_NODES + j] = ((j === 0 ? 1 : 2) * sum) / ERFCX_NODES;
    }
  }
  erfcxCoefficients = table;
  return table;
}

/** The last two arguments of `erfcxInterpolated` and their values: Φ and log Φ at the same point, as
 * the PLD accountant asks for them (Φ(x), Φ(x + 1) and log Φ(x) at each grid point), share one sum. */
let recentArgumentA = Number.NaN;
let recentErfcxA = Number.NaN;
let recentArgumentB = Number.NaN;
let recentErfcxB = Number.NaN;

/** e^{x²}·erfc(x) for 0 ≤ x < ERFCX_END, by Clenshaw's sum on x's interval. */
function erfcxInterpolated(x: number): number {
  if (x === recentArgumentA) return recentErfcxA;
  if (x === recentArgumentB) return recentErfcxB;
  const table = erfcxTable();
  const u = x / ERFCX_WIDTH;
  const k = Math.floor(u);
  const t = 2 * (u - k) - 1;
  const base = k * ERFCX_NODES;
  let b1 = 0;
  let b2 = 0;
  for (let j = ERFCX_NODES - 1; j > 0; j--) {
    const b0 = 2 * t * b1 - b2 + table[base + j]!;
    b2 = b1;
    b1 = b0;
  }
  recentArgumentB = recentArgumentA;
  recentErfcxB = recentErfcxA;
  recentArgumentA = x;
  recentErfcxA = t * b1 - b2 + table[base]!;
  return recentErfcxA;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x > 27.3) return 0;
  return Math.exp(-x * x) * erfcxInterpolated(x);
}

/** log erfc(x), finite for any x (no underflow in the far tail). */
export function logErfc(x: number): number {
  if (x < 0) return Math.log(erfc(x));
  if (!Number.isFinite(x)) return x > 0 ? Number.NEGATIVE_INFINITY : Math.LN2;
  return -x * x + Math.log(x < ERFCX_END ? erfcxInterpolated(x) : erfcScaledCf(x) / SQRT_PI);
}

/** The reference erfcx, for the tests that hold the interpolation to it. */
export const erfcxByDefinition = erfcxReference;
/** The interpolated erfcx, for the same tests. */
export const erfcx = (x: number): number => (x < ERFCX_END ? erfcxInterpolated(x) : erfcxReference(x));

/** The standard normal CDF Φ(x). */
export const normalCdf = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);

/** log Φ(x), accurate for very negative x. */
export const logNormalCdf = (x: number): number => Math.log(0.5) + logErfc(-x / Math.SQRT2);

/** log(eˣ + eʸ) without overflow. */
export function logAdd(x: number, y: number): number {
  const a = Math.min(x, y);
  const b = Math.max(x, y);
  if (a === Number.NEGATIVE_INFINITY) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/** log(eˣ − eʸ) for x ≥ y. */
export function logSub(x: number, y: number): number {
  if (y === Number.NEGATIVE_INFINITY) return x;
  if (x === y) return Number.NEGATIVE_INFINITY;
  if (x < y) throw new RangeError('logSub: the difference must not be negative');
  return Math.log(Math.expm1(x - y)) + y;
}

/** The root of an increasing or decreasing f on [lo, hi] by bisection to the last representable bit. */
export function bisect(f: (x: number) => number, lo: number, hi: number, maxIter = 200): number {
  let flo = f(lo);
  for (let i = 0; i < maxIter; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Φ⁻¹(p): Newton's method on log Φ, which keeps full relative accuracy down to p ≈ 1e-300. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1))
    return p === 0 ? Number.NEGATIVE_INFINITY : p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  if (p > 0.5) return -normalQuantile(1 - p);
  const logP = Math.log(p);
  let x = p > 0.2 ? 0 : -Math.sqrt(-2 * logP);
  for (let i = 0; i < 100; i++) {
    const logCdf = logNormalCdf(x);
    const logPdf = -0.5 * x * x - 0.5 * Math.log(2 * Math.PI);
    const step = (logCdf - logP) / Math.exp(logPdf - logCdf);
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/** numpy.logaddexp: a + ln 2 when equal, else max + log1p(e^{−|a−b|}). */
export function logAddExp(a: number, b: number): number {
  if (a === b) return a + Math.LN2;
  const m = Math.max(a, b);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** ln Γ(x) for x > 0: Stirling's series from x ≥ 15, shifted up by the recurrence below it
 * (it matches ln n! within 3.4e-13 for n up to 171). */
export function logGamma(x: number): number {
  let shift = 0;
  while (x < 15) {
    shift -= Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680))));
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p). Terms fall away on both sides of the mode, so the smaller tail is
 * summed from its end nearest the mode outwards, by the ratio of successive terms, until a term no
 * longer changes the sum: O(√n) terms, each anchored by ln Γ. Above the mode that is the answer;
 * at or below it, the answer is 1 − P(X ≤ k − 1), which keeps full precision near 1.
 */
export function binomialUpperTail(n: number, p: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const mode = Math.floor((n + 1) * p);
  const upper = k > mode;
  const from = upper ? k : k - 1;
  const step = upper ? 1 : -1;
  const end = upper ? n : 0;
  let logT = logGamma(n + 1) - logGamma(from + 1) - logGamma(n - from + 1) + from * logP + (n - from) * logQ;
  let sum = 0;
  for (let s = from; ; s += step) {
    const t = Math.exp(logT);
    sum += t;
    if (s === end || t <= sum * 1e-17) break;
    // term(s + 1) ÷ term(s) = (n − s) ÷ (s + 1) × p ÷ q, and its inverse walking down.
    logT += upper ? Math.log((n - s) / (s + 1)) + logP - logQ : Math.log(s / (n - s + 1)) + logQ - logP;
  }
  return upper ? Math.min(1, sum) : Math.max(0, 1 - sum);
}
