// A complex FFT for any length: radix-2 for powers of two, Bluestein's chirp-z for the rest
// (Bluestein 1970). Arrays are split real and imaginary parts, transformed in place.

/** Per power-of-two length: the bit-reversal permutation, and the twiddles of every stage laid end to
 * end (stage of half-length h at offset h: e^{−2πik/(2h)} for k < h), so each stage reads them in
 * order instead of at a stride of n/size (cache misses made the stride version 3× slower at 2²⁰). */
interface Pow2Tables {
  readonly reverse: Uint32Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

const pow2Cache = new Map<number, Pow2Tables>();

function pow2Tables(n: number): Pow2Tables {
  let t = pow2Cache.get(n);
  if (t) return t;
  const reverse = new Uint32Array(n);
  let bits = 0;
  while (1 << bits < n) bits++;
  for (let i = 1; i < n; i++) reverse[i] = (reverse[i >> 1]! >> 1) | ((i & 1) << (bits - 1));
  const cos = new Float64Array(Math.max(n, 1));
  const sin = new Float64Array(Math.max(n, 1));
  // Each from its own angle, so rounding does not accumulate along a stage.
  for (let h = 1; h < n; h *= 2)
    for (let k = 0; k < h; k++) {
      cos[h + k] = Math.cos((Math.PI * k) / h);
      sin[h + k] = Math.sin((Math.PI * k) / h);
    }
  t = { reverse, cos, sin };
  // Two lengths at most are live at once (Bluestein's padded length and a power-of-two grid).
  if (pow2Cache.size >= 4) pow2Cache.clear();
  pow2Cache.set(n, t);
  return t;
}

/** In-place radix-2 FFT; `inverse` uses e^{+i…} and does not scale. */
function fftPow2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  const { reverse, cos, sin } = pow2Tables(n);
  for (let i = 1; i < n; i++) {
    const j = reverse[i]!;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
  // The first stage's twiddle is 1: sums and differences only.
  for (let a = 0; a + 1 < n; a += 2) {
    const xr = re[a + 1]!;
    const xi = im[a + 1]!;
    re[a + 1] = re[a]! - xr;
    im[a + 1] = im[a]! - xi;
    re[a] = re[a]! + xr;
    im[a] = im[a]! + xi;
  }
  const sign = inverse ? 1 : -1;
  // Two radix-2 stages per pass over the data (the same butterflies and rounding, half the memory
  // traffic, which bounds a transform of 2²⁰ points): the stage of half-length h on pairs (x0, x1)
  // and (x2, x3), then that of 2h on (y0, y2) and (y1, y3).
  let half = 2;
  for (; 2 * half < n; half *= 4) {
    const h2 = 2 * half;
    for (let start = 0; start < n; start += 4 * half) {
      for (let k = 0; k < half; k++) {
        const w1r = cos[half + k]!;
        const w1i = sign * sin[half + k]!;
        const w2r = cos[h2 + k]!;
        const w2i = sign * sin[h2 + k]!;
        const w3r = cos[h2 + half + k]!;
        const w3i = sign * sin[h2 + half + k]!;
        const i0 = start + k;
        const i1 = i0 + half;
        const i2 = i1 + half;
        const i3 = i2 + half;
        let tr = re[i1]! * w1r - im[i1]! * w1i;
        let ti = re[i1]! * w1i + im[i1]! * w1r;
        const y0r = re[i0]! + tr;
        const y0i = im[i0]! + ti;
        const y1r = re[i0]! - tr;
        const y1i = im[i0]! - ti;
        tr = re[i3]! * w1r - im[i3]! * w1i;
        ti = re[i3]! * w1i + im[i3]! * w1r;
        const y2r = re[i2]! + tr;
        const y2i = im[i2]! + ti;
        const y3r = re[i2]! - tr;
        const y3i = im[i2]! - ti;
        tr = y2r * w2r - y2i * w2i;
        ti = y2r * w2i + y2i * w2r;
        re[i0] = y0r + tr;
        im[i0] = y0i + ti;
        re[i2] = y0r - tr;
        im[i2] = y0i - ti;
        tr = y3r * w3r - y3i * w3i;
        ti = y3r * w3i + y3i * w3r;
        re[i1] = y1r + tr;
        im[i1] = y1i + ti;
        re[i3] = y1r - tr;
        im[i3] = y1i - ti;
      }
    }
  }
  // An odd count of stages leaves the last one to itself.
  if (half < n) {
    for (let k = 0; k < half; k++) {
      const wr = cos[half + k]!;
      const wi = sign * sin[half + k]!;
      const a = k;
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

/** Bluestein's tables for one length n: the forward chirp e^{−iπk²/n}, and the spectrum of its
 * conjugate padded to m. The inverse transform's are their conjugates (the spectrum's also reversed),
 * so a forward and an inverse transform of the same length share one set: the PRV composition makes
 * exactly that pair per ε. */
interface ChirpTables {
  readonly n: number;
  readonly m: number;
  readonly cr: Float64Array;
  readonly ci: Float64Array;
  readonly spectrumRe: Float64Array;
  readonly spectrumIm: Float64Array;
}

let chirpCache: ChirpTables | undefined;

function chirpTables(n: number): ChirpTables {
  if (chirpCache?.n === n) return chirpCache;
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle exact for large k.
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    cr[k] = Math.cos(angle);
    ci[k] = -Math.sin(angle);
  }
  const spectrumRe = new Float64Array(m);
  const spectrumIm = new Float64Array(m);
  spectrumRe[0] = cr[0]!;
  spectrumIm[0] = -ci[0]!;
  for (let k = 1; k < n; k++) {
    spectrumRe[k] = spectrumRe[m - k] = cr[k]!;
    spectrumIm[k] = spectrumIm[m - k] = -ci[k]!;
  }
  fftPow2(spectrumRe, spectrumIm, false);
  chirpCache = { n, m, cr, ci, spectrumRe, spectrumIm };
  return chirpCache;
}

/** The DFT of any length n (forward: X_k = Σ x_j e^{−2πijk/n}; inverse: e^{+…}, unscaled). */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if ((n & (n - 1)) === 0) {
    fftPow2(re, im, inverse);
    return;
  }
  const { m, cr, ci, spectrumRe, spectrumIm } = chirpTables(n);
  // The inverse's chirp is the forward's conjugate: its imaginary parts change sign.
  const sign = inverse ? -1 : 1;
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const wi = sign * ci[k]!;
    ar[k] = re[k]! * cr[k]! - im[k]! * wi;
    ai[k] = re[k]! * wi + im[k]! * cr[k]!;
  }
  fftPow2(ar, ai, false);
  for (let k = 0; k < m; k++) {
    // The inverse's spectrum: FFT(conj b)[k] = conj(FFT(b)[−k mod m]).
    const j = inverse ? (m - k) % m : k;
    const br = spectrumRe[j]!;
    const bi = sign * spectrumIm[j]!;
    const r = ar[k]! * br - ai[k]! * bi;
    ai[k] = ar[k]! * bi + ai[k]! * br;
    ar[k] = r;
  }
  fftPow2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const r = ar[k]! / m;
    const i = ai[k]! / m;
    const wi = sign * ci[k]!;
    re[k] = r * cr[k]! - i * wi;
    im[k] = r * wi + i * cr[k]!;
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
  // Bin k and its partner h − k need the same two powers, X[k]^times and X[h − k]^times: each pair is
  // raised once, for k ≤ h/2, and both outputs written (half the powers and the trigonometry).
  const er = new Float64Array(h);
  const ei = new Float64Array(h);
  for (let k = 0; k <= h / 2; k++) {
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
    unpackBin(er, ei, k, xr, xi, yr, yi, c, s);
    // Bin h − k: its X is this Y and its partner this X; w^{h−k} = (−c, s).
    if (j !== k && j !== 0) unpackBin(er, ei, j, yr, yi, xr, xi, -c, s);
  }
  fft(er, ei, true);
  const out = new Float64Array(n);
  for (let k = 0; k < h; k++) {
    out[2 * k] = er[k]! / h;
    out[2 * k + 1] = ei[k]! / h;
  }
  return out;
}

/**
 * Z'[k] = E' + i·O' into (er, ei) at k, from X = X[k]^times, Y = X[h − k]^times and w^k = (c, s):
 * E' = (X + conj(Y))/2, O' = (X − conj(Y))/(2 w^k).
 */
function unpackBin(
  er: Float64Array,
  ei: Float64Array,
  k: number,
  xr: number,
  xi: number,
  yr: number,
  yi: number,
  c: number,
  s: number,
): void {
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
