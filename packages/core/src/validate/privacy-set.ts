import { z } from 'zod';
import { dpSgdEpsilon, dpSgdNoiseFor } from '../privacy/accountant.js';
import { deltaFromRdp, epsilonFromRdp } from '../privacy/conversion.js';
import {
  gaussianDelta,
  gaussianEpsilon,
  gdpMuPoisson,
  gdpMuThrough,
  gdpTruePositiveRate,
} from '../privacy/gaussian.js';
import { noiseMultiplierFor } from '../privacy/inverse.js';
import {
  composePld,
  dpSgdPld,
  gaussianPld,
  IDENTITY_PLD,
  laplacePld,
  mixtureOfGaussiansPld,
  type Pld,
  pldDelta,
  pldEpsilon,
  selfComposePld,
} from '../privacy/pld.js';
import { prvEpsilon } from '../privacy/prv.js';
import {
  DP_ACCOUNTING_ORDERS,
  OPACUS_ORDERS,
  rdpCurve,
  rdpSubsampledGaussian,
  rdpTreeAggregation,
  TF_PRIVACY_ORDERS,
} from '../privacy/rdp.js';
import { accountedRun, effectiveNoiseMultiplier, stepsFromEpochs } from '../privacy/sampling.js';

export const PRIVACY_SET_FORMAT = 'aidc-validation/privacy@1';

/** The records differ by design (validation README): each keeps its library's own fields. */
export const privacySetSchema = z.object({
  format: z.literal(PRIVACY_SET_FORMAT),
  cases: z.array(
    z.looseObject({
      id: z.string(),
      library: z.string(),
      source_file_or_doc: z.string(),
      accountant: z.string(),
      inputs: z.record(z.string(), z.any()),
      expected: z.record(z.string(), z.any()),
      helper_crosscheck: z.record(z.string(), z.any()).optional(),
    }),
  ),
});
export type PrivacyCase = z.output<typeof privacySetSchema>['cases'][number];

/** How close a figure must come: the tolerance its source states, else 1e-6 relative. */
export type PrivacyTolerance =
  | { readonly kind: 'relative'; readonly max: number }
  | { readonly kind: 'absolute'; readonly max: number }
  | { readonly kind: 'below'; readonly bound: number }
  | { readonly kind: 'between'; readonly low: number; readonly high: number }
  | { readonly kind: 'equal' };

export interface PrivacyCheck {
  readonly caseId: string;
  /** The accountant (or part) the figure tests, for the worst-error table. */
  readonly group: string;
  readonly figure: string;
  readonly expected: number;
  readonly actual: number;
  readonly tolerance: PrivacyTolerance;
  /** |actual − expected| ÷ |expected|; 0 when both are equal (infinities included). */
  readonly relativeError: number;
  readonly pass: boolean;
}

const REL = (max = 1e-6): PrivacyTolerance => ({ kind: 'relative', max });
/** Python's assertAlmostEqual with `n` decimal places. */
const PLACES = (n: number): PrivacyTolerance => ({ kind: 'absolute', max: 0.5 * 10 ** -n });
const ABS = (max: number): PrivacyTolerance => ({ kind: 'absolute', max });
const EQUAL: PrivacyTolerance = { kind: 'equal' };

function passes(t: PrivacyTolerance, actual: number, expected: number): boolean {
  switch (t.kind) {
    case 'relative':
      return actual === expected || Math.abs(actual - expected) <= t.max * Math.abs(expected);
    case 'absolute':
      return Math.abs(actual - expected) <= t.max;
    case 'below':
      return actual < t.bound;
    case 'between':
      return actual > t.low && actual < t.high;
    case 'equal':
      return actual === expected;
  }
}

type Check = (
  group: string,
  figure: string,
  actual: number,
  expected: number,
  tolerance?: PrivacyTolerance,
) => void;

const composeAll = (...plds: Pld[]) => plds.reduce((a, b) => composePld(a, b), IDENTITY_PLD);
const TREE_ORDERS = [
  ...Array.from({ length: 99 }, (_, k) => 1 + (k + 1) / 10),
  ...Array.from({ length: 52 }, (_, k) => 12 + k),
];

function tfPrivacy(c: PrivacyCase, check: Check): void {
  const { inputs: i, expected: e } = c;
  const steps = Math.ceil((i.epochs * i.n) / i.batch_size);
  const rdp = rdpCurve(i.q, i.noise_multiplier, steps, TF_PRIVACY_ORDERS, 'abs');
  const r = epsilonFromRdp(TF_PRIVACY_ORDERS, rdp, i.delta, 'dp-accounting');
  check('rdp', 'epsilon', r.epsilon, e.epsilon);
  check('rdp', 'optimal order', r.order, e.optimal_order, EQUAL);
  check(
    'rdp',
    'classic epsilon',
    epsilonFromRdp(TF_PRIVACY_ORDERS, rdp, i.delta, 'classic').epsilon,
    c.helper_crosscheck?.classic_epsilon,
  );
}

function tfExample(pld: boolean) {
  return (c: PrivacyCase, check: Check): void => {
    const { inputs: i, expected: e } = c;
    const sigma = effectiveNoiseMultiplier(i.noise_multiplier, i.used_microbatching);
    check('conventions', 'effective noise multiplier', sigma, i.effective_sigma, EQUAL);
    // Without a sampling probability TF Privacy counts one full release per epoch: our 'shuffle'.
    const { sampleRate: q, steps: count } = i.poisson_q
      ? accountedRun('poisson', { sampleRate: i.poisson_q, steps: Math.ceil(i.num_epochs / i.poisson_q) })
      : accountedRun('shuffle', { sampleRate: 0.01, steps: Math.round(i.num_epochs / 0.01) });
    const eps = pld
      ? pldEpsilon(dpSgdPld(q, sigma, count), i.delta)
      : epsilonFromRdp(
          DP_ACCOUNTING_ORDERS,
          rdpCurve(q, sigma, count, DP_ACCOUNTING_ORDERS, 'abs'),
          i.delta,
          'dp-accounting',
        ).epsilon;
    check(pld ? 'pld' : 'rdp', 'epsilon', eps, e.epsilon);
  };
}

function opacusInverseRdp(c: PrivacyCase, check: Check): void {
  const { inputs: i, expected: e } = c;
  const steps = i.epochs !== undefined ? stepsFromEpochs(i.epochs, i.q, 'truncate') : i.steps;
  const r = dpSgdNoiseFor(
    { epsilon: i.target_epsilon, delta: i.delta },
    { sampleRate: i.q, steps },
    'rdp-opacus',
  );
  check('inverse-rdp', 'noise multiplier', r.sigma, e.sigma, PLACES(e.places));
}

/** One scorer per record, each with its library's conventions (the record's notes say which). */
/** dp_accounting's PLD round trip: δ at ε = 1, then ε back at that δ (its key names the δ). */
function checkDeltaThenEpsilon(
  check: Check,
  pld: Parameters<typeof pldDelta>[0],
  e: PrivacyCase['expected'],
  epsilonKey: string,
): void {
  check('pld', 'delta at ε = 1', pldDelta(pld, 1), e.delta_at_eps_1, ABS(e.tolerance));
  check('pld', 'epsilon at that delta', pldEpsilon(pld, e.delta_at_eps_1), e[epsilonKey], ABS(e.tolerance));
}

const SCORERS: Readonly<Record<string, (c: PrivacyCase, check: Check) => void>> = {
  'privacy-00': ({ inputs: i, expected: e, helper_crosscheck: x }, check) => {
    const orders = i.orders.map((o: number | string) => (o === 'inf' ? Number.POSITIVE_INFINITY : o));
    const rdp = rdpCurve(i.q, i.sigma, i.steps, orders, 'abs');
    e.rdp_total.forEach((v: number | string, k: number) => {
      const expected = v === 'inf' ? Number.POSITIVE_INFINITY : (v as number);
      check('rdp', `rdp at α = ${orders[k]}`, rdp[k]!, expected, v === 'inf' ? EQUAL : REL(e.rtol));
    });
    // The exact (signed) series gives the integral the notes quote.
    check(
      'rdp',
      'exact rdp at α = 1.5',
      i.steps * rdpSubsampledGaussian(i.q, i.sigma, 1.5, 'signed'),
      x?.['alpha_1.5_exact_integral'],
    );
    check(
      'rdp',
      'exact rdp at α = 2.5',
      i.steps * rdpSubsampledGaussian(i.q, i.sigma, 2.5, 'signed'),
      x?.['alpha_2.5_exact_integral'],
    );
  },
  'privacy-01': ({ inputs: i, expected: e }, check) =>
    check('rdp', 'rdp', rdpSubsampledGaussian(1, i.sigma, i.order, 'abs') * i.steps, e.rdp_value),
  'privacy-02': ({ inputs: i, expected: e }, check) => {
    const orders = Array.from({ length: 31 }, (_, k) => k + 2);
    const rdp = orders.map(() => 1.1);
    const r = epsilonFromRdp(orders, rdp, i.delta, 'dp-accounting');
    check('conversion', 'epsilon', r.epsilon, e.epsilon);
    check('conversion', 'optimal order', r.order, e.optimal_order, EQUAL);
    const d = deltaFromRdp(orders, rdp, e.epsilon);
    check('conversion', 'delta at that epsilon', d.delta, i.delta);
    check('conversion', 'order of that delta', d.order, 32, EQUAL);
  },
  'privacy-03': ({ inputs: i, expected: e }, check) => {
    const orders = Array.from({ length: 99_000 }, (_, k) => 0.001 * (k + 1000));
    const rdp = rdpCurve(i.q, i.sigma, i.steps, orders, 'abs');
    check(
      'conversion',
      'epsilon',
      epsilonFromRdp(orders, rdp, i.delta, 'dp-accounting').epsilon,
      e.epsilon,
      PLACES(7),
    );
  },
  'privacy-04': ({ inputs: i, expected: e }, check) =>
    i.noise_multiplier.forEach((sigma: number, k: number) => {
      const rdp = TREE_ORDERS.map((a) => rdpTreeAggregation(sigma, i.steps, a));
      const eps = epsilonFromRdp(TREE_ORDERS, rdp, i.delta, 'dp-accounting').epsilon;
      check('rdp', `tree aggregation ε at σ = ${sigma}`, eps, e.epsilon_upper_bound[k], {
        kind: 'below',
        bound: e.epsilon_upper_bound[k],
      });
    }),
  'privacy-05': ({ expected: e }, check) => {
    const pld = composeAll(gaussianPld(Math.sqrt(3)), gaussianPld(Math.sqrt(3) / Math.sqrt(2)));
    checkDeltaThenEpsilon(check, pld, e, 'eps_at_delta_0.126936');
    const mu = gdpMuThrough(1, pldDelta(pld, 1));
    check('gaussian', 'GDP μ', mu, e.gdp_mu_estimate, ABS(e.tolerance));
    check('gaussian', 'TPR at FPR 0.1', gdpTruePositiveRate(mu, 0.1), e['tpr_at_fpr_0.1'], ABS(e.tolerance));
  },
  'privacy-06': ({ inputs: i, expected: e }, check) => {
    checkDeltaThenEpsilon(check, dpSgdPld(i.q, i.sigma, i.compositions), e, 'eps_at_delta_0.15594');
  },
  'privacy-07': ({ expected: e }, check) => {
    const lap = composeAll(selfComposePld(laplacePld(1), 3), selfComposePld(laplacePld(2), 2));
    check('pld', 'Laplace ε at δ = 1e-14', pldEpsilon(lap, 1e-14), e['laplace_eps_at_delta_1e-14']);
    const mog = composeAll(
      selfComposePld(mixtureOfGaussiansPld(1, [0, 1, 2], [0.2, 0.6, 0.2]), 3),
      selfComposePld(mixtureOfGaussiansPld(2, [0, 2, 3], [0.33, 0.34, 0.33]), 2),
    );
    check('pld', 'mixture ε at δ = 1e-6', pldEpsilon(mog, 1e-6), e['mog_eps_at_delta_1e-6']);
    // dp_accounting's own test also holds δ(17.193115) to 1e-6 within 1e-12.
    check('pld', 'mixture δ at that ε', pldDelta(mog, e['mog_eps_at_delta_1e-6']), 1e-6, ABS(1e-12));
  },
  'privacy-08': ({ inputs: i, expected: e, helper_crosscheck: x }, check) => {
    const steps = stepsFromEpochs(90, i.q, 'truncate');
    check('conventions', 'steps', steps, i.steps, EQUAL);
    const r = dpSgdEpsilon({ sampleRate: i.q, noiseMultiplier: i.sigma, steps }, i.delta, 'rdp-opacus');
    check('rdp', 'epsilon', r.epsilon, e.epsilon, PLACES(7));
    check('rdp', 'optimal order', r.order ?? Number.NaN, x?.optimal_order, EQUAL);
    const rdp = rdpCurve(i.q, i.sigma, steps, OPACUS_ORDERS, 'signed');
    check(
      'rdp',
      'classic epsilon',
      epsilonFromRdp(OPACUS_ORDERS, rdp, i.delta, 'classic').epsilon,
      x?.classic_epsilon,
    );
  },
  'privacy-09': ({ inputs: i, expected: e }, check) => {
    const steps = stepsFromEpochs(90, i.q, 'python-floor-division');
    check('conventions', 'steps (90 // 0.04)', steps, 2249, EQUAL);
    const eps = gaussianEpsilon(i.delta, gdpMuPoisson(i.q, i.sigma, steps));
    const [low, high] = e.epsilon_range;
    check('gdp', 'epsilon', eps, (low + high) / 2, { kind: 'between', low, high });
  },
  'privacy-10': ({ inputs: i, expected: e }, check) => {
    const steps = stepsFromEpochs(90, i.q, 'python-floor-division');
    check(
      'prv',
      'epsilon (upper)',
      prvEpsilon(i.q, i.sigma, steps, i.delta, { epsError: i.eps_error }).epsilonUpper,
      e.epsilon,
    );
  },
  'privacy-11': opacusInverseRdp,
  'privacy-12': opacusInverseRdp,
  'privacy-13': ({ inputs: i, expected: e }, check) =>
    i.cases.forEach((c: { epochs?: number; steps?: number }, k: number) => {
      const steps = c.epochs !== undefined ? stepsFromEpochs(c.epochs, i.q, 'truncate') : c.steps!;
      const r = dpSgdNoiseFor(
        { epsilon: i.target_epsilon, delta: i.delta },
        { sampleRate: i.q, steps },
        'prv',
      );
      check('inverse-prv', `noise multiplier, ${steps} steps`, r.sigma, e.sigma[k], PLACES(e.places));
    }),
  'privacy-14': ({ inputs: i, expected: e }, check) => {
    const steps = stepsFromEpochs(i.epochs, i.q, 'truncate');
    const r = noiseMultiplierFor(
      (s) => gaussianEpsilon(i.delta, gdpMuPoisson(i.q, s, steps)),
      i.target_epsilon,
    );
    check('inverse-gdp', 'noise multiplier', r.sigma, e.sigma);
  },
  'privacy-15': tfPrivacy,
  'privacy-16': tfPrivacy,
  'privacy-17': tfPrivacy,
  'privacy-18': tfExample(false),
  'privacy-19': tfExample(false),
  'privacy-20': tfExample(false),
  'privacy-21': tfExample(false),
  'privacy-22': tfExample(true),
  'privacy-23': tfExample(true),
  'privacy-24': tfExample(true),
  'privacy-25': tfExample(true),
  'privacy-29': ({ inputs: i, expected: e }, check) => {
    for (const mu of i.grid.mu) {
      const key = `mu=${Number.isInteger(mu) ? mu.toFixed(1) : mu}`;
      i.grid.eps.forEach((eps: number, k: number) => {
        check('gaussian', `δ(ε = ${eps}) at μ = ${mu}`, gaussianDelta(eps, mu), e.delta[key][k]);
      });
    }
  },
};

/** Every check of one record; an unknown record gives one failing check saying so. */
export function scorePrivacyCase(c: PrivacyCase): PrivacyCheck[] {
  const scorer = SCORERS[c.id];
  if (!scorer) {
    return [
      {
        caseId: c.id,
        group: 'none',
        figure: 'no scorer for this record',
        expected: 0,
        actual: Number.NaN,
        tolerance: EQUAL,
        relativeError: Number.NaN,
        pass: false,
      },
    ];
  }
  const checks: PrivacyCheck[] = [];
  scorer(c, (group, figure, actual, expected, tolerance = REL()) => {
    const relativeError = actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
    checks.push({
      caseId: c.id,
      group,
      figure,
      expected,
      actual,
      tolerance,
      relativeError,
      pass: typeof expected === 'number' && passes(tolerance, actual, expected),
    });
  });
  return checks;
}

/** The worst relative error per group, over checks against an exact figure (not bounds or ranges). */
export function worstPrivacyErrors(checks: readonly PrivacyCheck[]): Record<string, number> {
  const worst: Record<string, number> = {};
  for (const c of checks) {
    if (c.tolerance.kind !== 'relative' && c.tolerance.kind !== 'absolute') continue;
    worst[c.group] = Math.max(worst[c.group] ?? 0, c.relativeError);
  }
  return worst;
}
