// A complex FFT for any length: radix-2 for powers of two, Bluestein's chirp-z for the rest
// (Bluestein 1970). Arrays are split real and imaginary parts, transformed in place.

function bitReverse(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
}

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos and sin of 2πk/n for k < n/2, each from its own angle so errors do not accumulate. */
function twiddles(n: number) {
  let t = twiddleCache.get(n);
  if (!t) {
    const cos = new Float64Array(n / 2);
    const sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / n);
      sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    t = { cos, sin };
    twiddleCache.set(n, t);
  }
  return t;
}

/** In-place radix-2 FFT; `inverse` uses e^{+i…} and does not scale. */
function fftPow2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  bitReverse(re, im);
  const { cos, sin } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]!;
        const wi = sign * sin[k * step]!;
        const a = start + k;
        const b = a + half;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
}

/** The DFT of any length n (forward: X_k = Σ x_j e^{−2πijk/n}; inverse: e^{+…}, unscaled). */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if ((n & (n - 1)) === 0) {
    fftPow2(re, im, inverse);
    return;
  }
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const sign = inverse ? 1 : -1;
  // Chirp w_k = e^{sign·iπk²/n}; k² mod 2n keeps the angle exact for large k.
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    cr[k] = Math.cos(angle);
    ci[k] = sign * Math.sin(angle);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k]! * cr[k]! - im[k]! * ci[k]!;
    ai[k] = re[k]! * ci[k]! + im[k]! * cr[k]!;
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = cr[0]!;
  bi[0] = -ci[0]!;
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = cr[k]!;
    bi[k] = bi[m - k] = -ci[k]!;
  }
  fftPow2(ar, ai, false);
  fftPow2(br, bi, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  fftPow2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const r = ar[k]! / m;
    const i = ai[k]! / m;
    re[k] = r * cr[k]! - i * ci[k]!;
    im[k] = r * ci[k]! + i * cr[k]!;
  }
}

/** The result of `power`, kept here so that a million calls allocate nothing. */
let powerRe = 0;
let powerIm = 0;

/**
 * z^times for a complex number, into powerRe and powerIm. A whole `times` is raised by squaring:
 * log2(times) complex products, several times faster than the polar form's log, exp, atan2, cos and
 * sin, with the same order of rounding (the relative error grows with `times` either way). Other
 * powers take the polar form. The transforms here are of probabilities (|z| ≤ 1): nothing overflows.
 */
function power(re: number, im: number, times: number): void {
  if (Number.isInteger(times) && times >= 0 && times <= Number.MAX_SAFE_INTEGER) {
    let rr = 1;
    let ri = 0;
    let br = re;
    let bi = im;
    for (let e = times; e > 0; e = Math.floor(e / 2)) {
      if (e % 2 === 1) {
        const t = rr * br - ri * bi;
        ri = rr * bi + ri * br;
        rr = t;
      }
      const t = br * br - bi * bi;
      bi = 2 * br * bi;
      br = t;
    }
    powerRe = rr;
    powerIm = ri;
    return;
  }
  const r = Math.exp(0.5 * times * Math.log(re * re + im * im));
  const theta = times * Math.atan2(im, re);
  powerRe = r * Math.cos(theta);
  powerIm = r * Math.sin(theta);
}

/**
 * The `times`-fold circular self-convolution of a real sequence: the inverse DFT of its DFT raised to
 * the power `times`, as the PRV accountant composes (Gopi, Lee, Wutschitz 2021). An even length is
 * transformed as a complex sequence of half the length (evens as real, odds as imaginary parts),
 * which halves the work.
 */
export function circularSelfConvolve(p: Float64Array, times: number): Float64Array {
  const n = p.length;
  if (n % 2 !== 0 || n < 4) return circularSelfConvolveComplex(p, times);
  const h = n / 2;
  const zr = new Float64Array(h);
  const zi = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    zr[k] = p[2 * k]!;
    zi[k] = p[2 * k + 1]!;
  }
  fft(zr, zi);
  // X[k] = E[k] + w^k O[k], w = e^{−2πi/n}, for k = 0..h; then X[k]^times; then back to E and O.
  const er = new Float64Array(h);
  const ei = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    const j = (h - k) % h;
    const eR = (zr[k]! + zr[j]!) / 2;
    const eI = (zi[k]! - zi[j]!) / 2;
    const oR = (zi[k]! + zi[j]!) / 2;
    const oI = -(zr[k]! - zr[j]!) / 2;
    const c = Math.cos((2 * Math.PI * k) / n);
    const s = -Math.sin((2 * Math.PI * k) / n);
    power(eR + c * oR - s * oI, eI + c * oI + s * oR, times);
    const xr = powerRe;
    const xi = powerIm;
    // The partner bin: X[h − k] = conj(E[k] − w^k O[k]), since w^{h−k} = −conj(w^k).
    power(eR - c * oR + s * oI, -eI + c * oI + s * oR, times);
    const yr = powerRe;
    const yi = powerIm;
    // Y = X[h − k] conjugated back into E', O' at k: E' = (X + conj(Y'))/2, O' = (X − conj(Y'))/(2 w^k).
    const e2r = (xr + yr) / 2;
    const e2i = (xi - yi) / 2;
    const dr = (xr - yr) / 2;
    const di = (xi + yi) / 2;
    // Divide by w^k: multiply by conj(w^k) = (c, −s).
    const o2r = dr * c + di * s;
    const o2i = di * c - dr * s;
    er[k] = e2r - o2i;
    ei[k] = e2i + o2r;
  }
  fft(er, ei, true);
  const out = new Float64Array(n);
  for (let k = 0; k < h; k++) {
    out[2 * k] = er[k]! / h;
    out[2 * k + 1] = ei[k]! / h;
  }
  return out;
}

function circularSelfConvolveComplex(p: Float64Array, times: number): Float64Array {
  const n = p.length;
  const re = Float64Array.from(p);
  const im = new Float64Array(n);
  fft(re, im);
  for (let k = 0; k < n; k++) {
    power(re[k]!, im[k]!, times);
    re[k] = powerRe;
    im[k] = powerIm;
  }
  fft(re, im, true);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = re[k]! / n;
  return out;
}
