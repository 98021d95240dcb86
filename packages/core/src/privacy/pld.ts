import { gridTooLarge, MAX_GRID_POINTS } from './grid.js';
import { PrivacyTargetError } from './inverse.js';
import {
  composePmfs,
  IDENTITY_PMF,
  type Pmf,
  pmfDelta,
  pmfEpsilon,
  selfComposePmf,
  TAIL_MASS_TRUNCATION,
} from './pld-pmf.js';
import { logAddExp, logNormalCdf, normalCdf, normalQuantile } from './special.js';

/**
 * The privacy loss distribution (PLD) accountant with the choices of Google's dp_accounting
 * PLDAccountant, so that its figures match the library's (validation/privacy.json, privacy-05 to -07
 * and -22 to -25): add-or-remove-one neighbours, each direction kept as its own PMF and the worse
 * one reported; losses on a grid of d = 1e-4; "connect the dots" discretisation (Doroshenko et al.
 * 2022), which is pessimistic; tails beyond 0.5·e^{−50} of mass cut; composed tails beyond 1e-15.
 */
export const PLD_DISCRETIZATION = 1e-4;
const LOG_MASS_TRUNCATION_BOUND = -50;

type Adjacency = 'remove' | 'add';

/** One mechanism in one direction: where its privacy loss lies, and its exact δ(ε) there. */
interface LossProfile {
  readonly epsilonUpper: number;
  readonly epsilonLower: number;
  readonly delta: (epsilons: Float64Array) => Float64Array;
}

/** A PLD: the remove direction, and the add direction when it differs. */
export interface Pld {
  readonly remove: Pmf;
  readonly add: Pmf | undefined;
}

/** log(a·e^b + c) for a > 0, either sign of c (dp_accounting's helper). */
function logAExpBPlusC(a: number, b: number, c: number): number {
  const u = b + Math.log(a);
  if (c === 0) return u;
  if (c > 0) {
    const v = Math.log(c);
    return Math.max(u, v) + Math.log1p(Math.exp(Math.min(u, v) - Math.max(u, v)));
  }
  return u + Math.log1p(-Math.exp(Math.log(-c) - u));
}

const isClose = (a: number, b: number, rel: number, abs = 0): boolean =>
  Math.abs(a - b) <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), abs);

/** Connect-the-dots: the PMF whose δ(ε) meets the mechanism's exactly at each grid point. */
function connectDots(profile: LossProfile, d: number): Pmf {
  const kUpper = Math.ceil(profile.epsilonUpper / d);
  const kLower = Math.floor(profile.epsilonLower / d);
  const n = kUpper - kLower + 1;
  if (!(n <= MAX_GRID_POINTS)) throw new PrivacyTargetError(gridTooLarge('PLD', n, 'loss grid'));
  const eps = new Float64Array(n);
  for (let i = 0; i < n; i++) eps[i] = (kLower + i) * d;
  const delta = profile.delta(eps);
  for (let i = 0; i + 1 < n; i++) {
    if (delta[i + 1]! - delta[i]! > 1e-12) throw new RangeError('δ(ε) must not increase');
  }
  for (let i = 1; i < n; i++) delta[i] = Math.min(delta[i]!, delta[i - 1]!);
  const probs = new Float64Array(n);
  if (n === 1) {
    probs[0] = 1 - delta[0]!;
  } else {
    const em1 = Math.expm1(d);
    probs[0] = 1 - delta[0]! + (delta[1]! - delta[0]!) / em1;
    for (let i = 1; i < n - 1; i++) {
      probs[i] = (delta[i + 1]! - delta[i]! - Math.exp(d) * (delta[i]! - delta[i - 1]!)) / em1;
    }
    probs[n - 1] = (delta[n - 1]! - delta[n - 2]!) / Math.expm1(-d);
  }
  for (let i = 0; i < n; i++) probs[i] = Math.max(0, probs[i]!);
  return { lower: kLower, probs, infinityMass: delta[n - 1]! };
}

const clip01 = (v: number): number => Math.min(1, Math.max(0, v));

/** Additive noise with sensitivity s, Poisson-subsampled at q (q = 1: not subsampled). */
interface AdditiveNoise {
  readonly cdf: (x: number) => number;
  readonly logCdf: (x: number) => number;
  /** The loss without subsampling, L(x), and its inverse. */
  readonly loss: (x: number, adj: Adjacency) => number;
  readonly inverse: (l: number, adj: Adjacency) => number;
  /** The x range outside which the tails are cut: [lower, upper] before the adjacency shift. */
  readonly tail: (adj: Adjacency) => { lower: number; upper: number };
}

function subsampledProfile(noise: AdditiveNoise, q: number, s: number, adj: Adjacency): LossProfile {
  // The logarithms the loss and its inverse take of q, computed once rather than at every grid point.
  const logQ = Math.log(q);
  const logInvQ = Math.log(1 / q);
  const logOneMinusQ = Math.log(1 - q);
  const logInvQMinusOne = q === 1 ? Number.NEGATIVE_INFINITY : Math.log(1 / q - 1);
  /** log(q·e^b + 1 − q) (logAExpBPlusC(q, b, 1 − q)). */
  const subsample = (b: number): number => {
    const u = b + logQ;
    return (
      Math.max(u, logOneMinusQ) + Math.log1p(Math.exp(Math.min(u, logOneMinusQ) - Math.max(u, logOneMinusQ)))
    );
  };
  /** log(e^b/q + 1 − 1/q), its inverse (logAExpBPlusC(1/q, b, 1 − 1/q)). */
  const unsubsample = (b: number): number => {
    const u = b + logInvQ;
    return u + Math.log1p(-Math.exp(logInvQMinusOne - u));
  };
  const pl = (x: number): number => {
    const l = noise.loss(x, adj);
    if (q === 1) return l;
    return adj === 'remove' ? subsample(l) : -subsample(-l);
  };
  const inverse = (l: number): number => {
    if (q === 1) return noise.inverse(l, adj);
    if (adj === 'remove') {
      if (isClose(l, logOneMinusQ, 1e-9)) return noise.inverse(Number.NEGATIVE_INFINITY, adj);
      return noise.inverse(unsubsample(l), adj);
    }
    if (isClose(l, -logOneMinusQ, 1e-9)) return noise.inverse(Number.POSITIVE_INFINITY, adj);
    return noise.inverse(-unsubsample(-l), adj);
  };
  const upperCdf = (x: number) =>
    adj === 'remove'
      ? q === 1
        ? noise.cdf(x + s)
        : (1 - q) * noise.cdf(x) + q * noise.cdf(x + s)
      : noise.cdf(x);
  const logLowerCdf = (x: number) =>
    adj === 'remove'
      ? noise.logCdf(x)
      : q === 1
        ? noise.logCdf(x - s)
        : logAddExp(Math.log1p(-q) + noise.logCdf(x), Math.log(q) + noise.logCdf(x - s));
  const { lower, upper } = noise.tail(adj);
  return {
    epsilonUpper: pl(lower),
    epsilonLower: pl(upper),
    delta: (epsilons) =>
      epsilons.map((e) => {
        if (q < 1 && adj === 'add' && !(e < -Math.log1p(-q))) return 0;
        if (q < 1 && adj === 'remove' && !(e > Math.log1p(-q))) return -Math.expm1(e);
        const x = inverse(e);
        return clip01(upperCdf(x) - Math.exp(e + logLowerCdf(x)));
      }),
  };
}

function gaussianNoise(sigma: number, s: number): AdditiveNoise {
  const z = sigma * normalQuantile(0.5 * Math.exp(LOG_MASS_TRUNCATION_BOUND));
  return {
    cdf: (x) => normalCdf(x / sigma),
    logCdf: (x) => logNormalCdf(x / sigma),
    loss: (x, adj) =>
      adj === 'add' ? (s * (0.5 * s - x)) / (sigma * sigma) : (s * (-0.5 * s - x)) / (sigma * sigma),
    inverse: (l, adj) => (adj === 'add' ? 0.5 * s : -0.5 * s) - (l * sigma * sigma) / s,
    tail: (adj) => ({ lower: adj === 'remove' ? z - s : z, upper: adj === 'add' ? -z + s : -z }),
  };
}

function laplaceNoise(b: number, s: number): AdditiveNoise {
  const cdf = (x: number) => (x <= 0 ? 0.5 * Math.exp(x / b) : 1 - 0.5 * Math.exp(-x / b));
  return {
    cdf,
    logCdf: (x) => Math.log(cdf(x)),
    loss: (x, adj) =>
      adj === 'add' ? (Math.abs(x - s) - Math.abs(x)) / b : (Math.abs(x) - Math.abs(x + s)) / b,
    inverse: (l, adj) => {
      const t = l * b;
      if (t > s) return Number.NEGATIVE_INFINITY;
      if (t <= -s) return Number.POSITIVE_INFINITY;
      return adj === 'add' ? 0.5 * (s - t) : 0.5 * (-s - t);
    },
    // No truncation: the loss is bounded by s/b, reached on half-lines.
    tail: (adj) => (adj === 'add' ? { lower: 0, upper: s } : { lower: -s, upper: 0 }),
  };
}

function fromNoise(noise: AdditiveNoise, q: number, s: number, d: number): Pld {
  const remove = connectDots(subsampledProfile(noise, q, s, 'remove'), d);
  // Without subsampling the two directions have the same PLD; dp_accounting builds only one.
  const add = q === 1 ? undefined : connectDots(subsampledProfile(noise, q, s, 'add'), d);
  return { remove, add };
}

/** Gaussian noise of standard deviation σ (sensitivity 1), Poisson-subsampled at q. */
export const gaussianPld = (sigma: number, q = 1, d = PLD_DISCRETIZATION): Pld =>
  fromNoise(gaussianNoise(sigma, 1), q, 1, d);

/** Laplace noise of scale b (sensitivity 1), Poisson-subsampled at q. */
export const laplacePld = (b: number, q = 1, d = PLD_DISCRETIZATION): Pld =>
  fromNoise(laplaceNoise(b, 1), q, 1, d);

/**
 * A mixture of Gaussians: the sensitivity is s_i with probability p_i (e.g. a sample's participation
 * count in a random batch), noise std σ. dp_accounting's MixtureGaussianPrivacyLoss.
 */
export function mixtureOfGaussiansPld(
  sigma: number,
  sensitivities: readonly number[],
  probabilities: readonly number[],
  d = PLD_DISCRETIZATION,
): Pld {
  const keep = probabilities.map((p, i) => [sensitivities[i]!, p] as const).filter(([, p]) => p > 0);
  const sens = keep.map(([s]) => s);
  const probs = keep.map(([, p]) => p);
  const lp = probs.map((p) => Math.log(p));
  const qStar = Math.min(
    1,
    Math.max(
      0,
      keep.filter(([s]) => s > 0).reduce((a, [, p]) => a + p, 0),
    ),
  );
  const s2 = sigma * sigma;
  const reduce = (terms: number[]) => terms.slice(1).reduce((a, t) => logAddExp(a, t), terms[0]!);
  const pl = (x: number, adj: Adjacency) =>
    adj === 'remove'
      ? reduce(sens.map((s, i) => lp[i]! - (s * s) / (2 * s2) - (s * x) / s2))
      : -reduce(sens.map((s, i) => lp[i]! - (s * s) / (2 * s2) + (s * x) / s2));
  const cdf = (x: number) => normalCdf(x / sigma);
  const logCdf = (x: number) => logNormalCdf(x / sigma);
  const upperCdf = (x: number, adj: Adjacency) =>
    adj === 'remove' ? sens.reduce((a, s, i) => a + probs[i]! * cdf(x + s), 0) : cdf(x);
  const logLowerCdf = (x: number, adj: Adjacency) => {
    if (adj === 'remove') return logCdf(x);
    const terms = sens.map((s) => logCdf(x - s));
    const m = Math.max(...terms);
    if (m === Number.NEGATIVE_INFINITY) return m;
    return m + Math.log(terms.reduce((a, t, i) => a + probs[i]! * Math.exp(t - m), 0));
  };
  const tail = 0.5 * Math.exp(LOG_MASS_TRUNCATION_BOUND);
  const z = sigma * normalQuantile(tail);
  const maxSens = Math.max(...sens);
  const positive = sens.filter((s) => s > 0);
  const lq = qStar === 1 ? Number.NEGATIVE_INFINITY : Math.log1p(-qStar);
  const PRECISION = 1e-6;

  /** x for each loss by quantised bisection (the losses must be sorted either way). */
  const inverses = (losses: readonly number[], adj: Adjacency): Map<number, number> => {
    const out = new Map<number, number>();
    const finite: number[] = [];
    const infiniteAt = adj === 'add' ? -lq : lq;
    for (const l of losses) {
      if (Math.abs(l - infiniteAt) <= 1e-8 + 1e-5 * Math.abs(infiniteAt)) {
        out.set(l, adj === 'add' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
      } else finite.push(l);
    }
    if (finite.length === 0) return out;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    for (const l of finite) {
      mn = Math.min(mn, l);
      mx = Math.max(mx, l);
    }
    const xs: number[] = [];
    for (const l of [mn, mx]) {
      for (const s of [Math.min(...positive), Math.max(...sens)]) {
        const unsampled =
          adj === 'add'
            ? -logAExpBPlusC(1 / qStar, -l, 1 - 1 / qStar)
            : logAExpBPlusC(1 / qStar, l, 1 - 1 / qStar);
        const x = 0.5 * s - (unsampled * s2) / s;
        xs.push(adj === 'remove' ? x - s : x);
      }
    }
    const sorted = [...finite].sort((a, b) => a - b);
    const search = (ls: number[], b0: number, b1: number): void => {
      if (ls.length === 0) return;
      if (b1 - b0 <= PRECISION) {
        const x = Math.floor(b1 / PRECISION) * PRECISION;
        for (const l of ls) out.set(l, x);
        return;
      }
      const mid = (b0 + b1) / 2;
      const t = pl(mid, adj);
      const below: number[] = [];
      const rest: number[] = [];
      for (const l of ls) (l < t ? below : rest).push(l);
      search(below, mid, b1);
      search(rest, b0, mid);
    };
    search(
      sorted,
      Math.floor(Math.min(...xs) / PRECISION) * PRECISION,
      Math.ceil(Math.max(...xs) / PRECISION) * PRECISION,
    );
    return out;
  };

  const profile = (adj: Adjacency): LossProfile => {
    let lowerX = z;
    if (adj === 'remove') {
      let lo = z - maxSens;
      let hi = z;
      while (hi - lo > 1e-4) {
        const mid = (lo + hi) / 2;
        if (upperCdf(mid, adj) <= tail) lo = mid;
        else hi = mid;
      }
      lowerX = lo;
    }
    return {
      epsilonUpper: pl(lowerX, adj),
      epsilonLower: pl(-z, adj),
      delta: (epsilons) => {
        const through: number[] = [];
        for (const e of epsilons) {
          if (qStar === 1 || (adj === 'add' ? e < -Math.log1p(-qStar) : e > Math.log1p(-qStar)))
            through.push(e);
        }
        const xOf = inverses(through, adj);
        const out = epsilons.map((e) => {
          const x = xOf.get(e);
          if (x === undefined) return adj === 'add' ? 0 : -Math.expm1(e);
          return clip01(upperCdf(x, adj) - Math.exp(e + logLowerCdf(x, adj)));
        });
        for (let i = out.length - 2; i >= 0; i--) out[i] = Math.max(out[i]!, out[i + 1]!);
        return out;
      },
    };
  };
  return { remove: connectDots(profile('remove'), d), add: connectDots(profile('add'), d) };
}

/** Sequential composition of two PLDs. */
export function composePld(a: Pld, b: Pld, tmt = TAIL_MASS_TRUNCATION): Pld {
  const remove = composePmfs(a.remove, b.remove, tmt);
  const add = a.add || b.add ? composePmfs(a.add ?? a.remove, b.add ?? b.remove, tmt) : undefined;
  return { remove, add };
}

export function selfComposePld(p: Pld, n: number, tmt = TAIL_MASS_TRUNCATION): Pld {
  return { remove: selfComposePmf(p.remove, n, tmt), add: p.add ? selfComposePmf(p.add, n, tmt) : undefined };
}

/** The PLD that loses nothing: the start of an accountant. */
export const IDENTITY_PLD: Pld = { remove: IDENTITY_PMF, add: undefined };

export function pldDelta(p: Pld, epsilon: number, d = PLD_DISCRETIZATION): number {
  return Math.max(pmfDelta(p.remove, epsilon, d), p.add ? pmfDelta(p.add, epsilon, d) : 0);
}

export function pldEpsilon(p: Pld, delta: number, d = PLD_DISCRETIZATION): number {
  return Math.max(pmfEpsilon(p.remove, delta, d), p.add ? pmfEpsilon(p.add, delta, d) : 0);
}

/**
 * DP-SGD as dp_accounting's PLDAccountant composes it: T Gaussian steps without sampling fold into
 * one Gaussian of σ/√T; with Poisson sampling at q the subsampled PLD is self-composed T times.
 */
export function dpSgdPld(q: number, sigma: number, steps: number, d = PLD_DISCRETIZATION): Pld {
  const step =
    q === 1 ? gaussianPld(sigma / Math.sqrt(steps), 1, d) : selfComposePld(gaussianPld(sigma, q, d), steps);
  return composePld(IDENTITY_PLD, step);
}
