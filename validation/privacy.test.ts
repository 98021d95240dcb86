import { readFileSync } from 'node:fs';
import {
  accountedRun,
  composePld,
  DP_ACCOUNTING_ORDERS,
  deltaFromRdp,
  dpSgdEpsilon,
  dpSgdNoiseFor,
  dpSgdPld,
  effectiveNoiseMultiplier,
  epsilonFromRdp,
  gaussianDelta,
  gaussianEpsilon,
  gaussianPld,
  gdpMuPoisson,
  gdpMuThrough,
  gdpTruePositiveRate,
  IDENTITY_PLD,
  laplacePld,
  mixtureOfGaussiansPld,
  noiseMultiplierFor,
  OPACUS_ORDERS,
  type Pld,
  pldDelta,
  pldEpsilon,
  prvEpsilon,
  rdpCurve,
  rdpSubsampledGaussian,
  rdpTreeAggregation,
  selfComposePld,
  stepsFromEpochs,
  TF_PRIVACY_ORDERS,
} from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Every vector of validation/privacy.json, with the conventions of the library it comes from. The
// expected figures are read from the file; a tolerance the source states is used, else 1e-6 relative.
// biome-ignore lint/suspicious/noExplicitAny: the records are heterogeneous by design (see the README)
type Case = { id: string; inputs: any; expected: any };
const cases: Case[] = JSON.parse(readFileSync(new URL('./privacy.json', import.meta.url), 'utf8')).cases;
const byId = (id: string): Case => {
  const c = cases.find((x) => x.id === id);
  if (!c) throw new Error(`validation/privacy.json has no ${id}`);
  return c;
};

/** Worst relative error per accountant, printed for the closing note. */
const worst = new Map<string, number>();
function close(
  accountant: string,
  actual: number,
  expected: number,
  tolerance: { rel?: number; abs?: number } = {},
) {
  const relErr = Math.abs(actual - expected) / Math.abs(expected);
  worst.set(accountant, Math.max(worst.get(accountant) ?? 0, relErr));
  if (tolerance.abs !== undefined) expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance.abs);
  else expect(relErr).toBeLessThanOrEqual(tolerance.rel ?? 1e-6);
}
/** Python's assertAlmostEqual(a, b) with `places` decimals. */
const places = (n: number) => ({ abs: 0.5 * 10 ** -n });

const composeAll = (...plds: Pld[]) => plds.reduce((a, b) => composePld(a, b), IDENTITY_PLD);
const DENSE_ORDERS = Array.from({ length: 99_000 }, (_, i) => 0.001 * (i + 1000));

describe('privacy accountants against the reference libraries (validation/privacy.json)', () => {
  it('has every vector the file holds covered below', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(
      [...Array.from({ length: 26 }, (_, i) => `privacy-${String(i).padStart(2, '0')}`), 'privacy-29'].sort(),
    );
  });

  it('privacy-00: RDP of the subsampled Gaussian at integer, fractional and infinite orders (dp_accounting |·| series)', () => {
    const { inputs: i, expected: e } = byId('privacy-00');
    const orders = i.orders.map((o: number | string) => (o === 'inf' ? Number.POSITIVE_INFINITY : o));
    const rdp = rdpCurve(i.q, i.sigma, i.steps, orders, 'abs');
    e.rdp_total.forEach((v: number | string, k: number) => {
      if (v === 'inf') expect(rdp[k]).toBe(Number.POSITIVE_INFINITY);
      else close('rdp', rdp[k]!, v as number, { rel: e.rtol });
    });
    // The exact (signed) series gives the integral the notes quote.
    const c = (byId('privacy-00') as unknown as { helper_crosscheck: Record<string, number> })
      .helper_crosscheck;
    close('rdp', 50 * rdpSubsampledGaussian(0.01, 2.5, 1.5, 'signed'), c['alpha_1.5_exact_integral']!);
    close('rdp', 50 * rdpSubsampledGaussian(0.01, 2.5, 2.5, 'signed'), c['alpha_2.5_exact_integral']!);
  });

  it('privacy-01: the Gaussian closed form α/(2σ²)', () => {
    const { inputs: i, expected: e } = byId('privacy-01');
    close('rdp', rdpSubsampledGaussian(1, i.sigma, i.order, 'abs') * i.steps, e.rdp_value);
  });

  it('privacy-02: the improved conversion alone, and its inverse', () => {
    const { inputs: i, expected: e } = byId('privacy-02');
    const orders = Array.from({ length: 31 }, (_, k) => k + 2);
    const r = epsilonFromRdp(
      orders,
      orders.map(() => 1.1),
      i.delta,
      'dp-accounting',
    );
    close('conversion', r.epsilon, e.epsilon);
    expect(r.order).toBe(e.optimal_order);
    const d = deltaFromRdp(
      orders,
      orders.map(() => 1.1),
      e.epsilon,
    );
    close('conversion', d.delta, i.delta);
    expect(d.order).toBe(32);
  });

  it('privacy-03: σ chosen so the improved conversion gives exactly (1, 1e-6), over a dense order grid', () => {
    const { inputs: i, expected: e } = byId('privacy-03');
    const rdp = rdpCurve(i.q, i.sigma, i.steps, DENSE_ORDERS, 'abs');
    close(
      'conversion',
      epsilonFromRdp(DENSE_ORDERS, rdp, i.delta, 'dp-accounting').epsilon,
      e.epsilon,
      places(7),
    );
  });

  it('privacy-04: tree aggregation (DP-FTRL) stays under the published bounds', () => {
    const { inputs: i, expected: e } = byId('privacy-04');
    const orders = [
      ...Array.from({ length: 99 }, (_, k) => 1 + (k + 1) / 10),
      ...Array.from({ length: 52 }, (_, k) => 12 + k),
    ];
    i.noise_multiplier.forEach((sigma: number, k: number) => {
      const rdp = orders.map((a) => rdpTreeAggregation(sigma, i.steps, a));
      expect(epsilonFromRdp(orders, rdp, i.delta, 'dp-accounting').epsilon).toBeLessThan(
        e.epsilon_upper_bound[k],
      );
    });
  });

  it('privacy-05: PLD of a Gaussian composed 3 times, its trade-off and its GDP μ', () => {
    const { expected: e } = byId('privacy-05');
    const pld = composeAll(gaussianPld(Math.sqrt(3)), gaussianPld(Math.sqrt(3) / Math.sqrt(2)));
    close('pld', pldDelta(pld, 1), e.delta_at_eps_1, { abs: e.tolerance });
    close('pld', pldEpsilon(pld, e.delta_at_eps_1), e['eps_at_delta_0.126936'], { abs: e.tolerance });
    const mu = gdpMuThrough(1, pldDelta(pld, 1));
    close('gaussian', mu, e.gdp_mu_estimate, { abs: e.tolerance });
    close('gaussian', gdpTruePositiveRate(mu, 0.1), e['tpr_at_fpr_0.1'], { abs: e.tolerance });
  });

  it('privacy-06: PLD of the Poisson-subsampled Gaussian, self-composed', () => {
    const { inputs: i, expected: e } = byId('privacy-06');
    const pld = dpSgdPld(i.q, i.sigma, i.compositions);
    close('pld', pldDelta(pld, 1), e.delta_at_eps_1, { abs: e.tolerance });
    close('pld', pldEpsilon(pld, e.delta_at_eps_1), e['eps_at_delta_0.15594'], { abs: e.tolerance });
  });

  it('privacy-07: PLD regression values for Laplace and a mixture of Gaussians', () => {
    const { expected: e } = byId('privacy-07');
    const lap = composeAll(selfComposePld(laplacePld(1), 3), selfComposePld(laplacePld(2), 2));
    close('pld', pldEpsilon(lap, 1e-14), e['laplace_eps_at_delta_1e-14']);
    const mog = composeAll(
      selfComposePld(mixtureOfGaussiansPld(1, [0, 1, 2], [0.2, 0.6, 0.2]), 3),
      selfComposePld(mixtureOfGaussiansPld(2, [0, 2, 3], [0.33, 0.34, 0.33]), 2),
    );
    close('pld', pldEpsilon(mog, 1e-6), e['mog_eps_at_delta_1e-6']);
    // dp_accounting's own test also holds δ(17.193115) to 1e-6 within 1e-12.
    expect(Math.abs(pldDelta(mog, e['mog_eps_at_delta_1e-6']) - 1e-6)).toBeLessThan(1e-12);
  });

  it('privacy-08: Opacus RDP, 90 epochs at q = 0.04', () => {
    const { inputs: i, expected: e } = byId('privacy-08');
    const steps = stepsFromEpochs(90, i.q, 'truncate');
    expect(steps).toBe(i.steps);
    const r = dpSgdEpsilon({ sampleRate: i.q, noiseMultiplier: i.sigma, steps }, i.delta, 'rdp-opacus');
    close('rdp', r.epsilon, e.epsilon, places(7));
    expect(r.order).toBe(3.9);
    const classic = epsilonFromRdp(
      OPACUS_ORDERS,
      rdpCurve(i.q, i.sigma, steps, OPACUS_ORDERS, 'signed'),
      i.delta,
      'classic',
    );
    close(
      'rdp',
      classic.epsilon,
      (byId('privacy-08') as unknown as { helper_crosscheck: { classic_epsilon: number } }).helper_crosscheck
        .classic_epsilon,
    );
  });

  it('privacy-09: Opacus GDP (CLT) with Python floor-division steps', () => {
    const { inputs: i, expected: e } = byId('privacy-09');
    const steps = stepsFromEpochs(90, i.q, 'python-floor-division');
    expect(steps).toBe(2249);
    const eps = gaussianEpsilon(i.delta, gdpMuPoisson(i.q, i.sigma, steps));
    expect(eps).toBeGreaterThan(e.epsilon_range[0]);
    expect(eps).toBeLessThan(e.epsilon_range[1]);
  });

  it('privacy-10: Opacus PRV, upper bound', () => {
    const { inputs: i, expected: e } = byId('privacy-10');
    const steps = stepsFromEpochs(90, i.q, 'python-floor-division');
    close('prv', prvEpsilon(i.q, i.sigma, steps, i.delta, { epsError: i.eps_error }).epsilonUpper, e.epsilon);
  });

  for (const id of ['privacy-11', 'privacy-12']) {
    it(`${id}: Opacus's noise multiplier for ε = 8 (RDP)`, () => {
      const { inputs: i, expected: e } = byId(id);
      const steps = i.epochs !== undefined ? stepsFromEpochs(i.epochs, i.q, 'truncate') : i.steps;
      const r = dpSgdNoiseFor(
        { epsilon: i.target_epsilon, delta: i.delta },
        { sampleRate: i.q, steps },
        'rdp-opacus',
      );
      close('inverse-rdp', r.sigma, e.sigma, places(e.places));
    });
  }

  it('privacy-13: Opacus noise multipliers for ε = 8 (PRV), by epochs and by steps', () => {
    const { inputs: i, expected: e } = byId('privacy-13');
    i.cases.forEach((c: { epochs?: number; steps?: number }, k: number) => {
      const steps = c.epochs !== undefined ? stepsFromEpochs(c.epochs, i.q, 'truncate') : c.steps!;
      const r = dpSgdNoiseFor(
        { epsilon: i.target_epsilon, delta: i.delta },
        { sampleRate: i.q, steps },
        'prv',
      );
      close('inverse-prv', r.sigma, e.sigma[k], places(e.places));
    });
  }, 120_000);

  it('privacy-14: Opacus noise multiplier for ε = 8 (GDP)', () => {
    const { inputs: i, expected: e } = byId('privacy-14');
    const steps = stepsFromEpochs(i.epochs, i.q, 'truncate');
    const r = noiseMultiplierFor(
      (s) => gaussianEpsilon(i.delta, gdpMuPoisson(i.q, s, steps)),
      i.target_epsilon,
    );
    close('inverse-gdp', r.sigma, e.sigma);
  });

  for (const id of ['privacy-15', 'privacy-16', 'privacy-17']) {
    it(`${id}: TensorFlow Privacy compute_dp_sgd_privacy (RDP, improved conversion)`, () => {
      const { inputs: i, expected: e } = byId(id);
      const steps = Math.ceil((i.epochs * i.n) / i.batch_size);
      const rdp = rdpCurve(i.q, i.noise_multiplier, steps, TF_PRIVACY_ORDERS, 'abs');
      const r = epsilonFromRdp(TF_PRIVACY_ORDERS, rdp, i.delta, 'dp-accounting');
      close('rdp', r.epsilon, e.epsilon);
      expect(r.order).toBe(e.optimal_order);
      close(
        'rdp',
        epsilonFromRdp(TF_PRIVACY_ORDERS, rdp, i.delta, 'classic').epsilon,
        (byId(id) as unknown as { helper_crosscheck: { classic_epsilon: number } }).helper_crosscheck
          .classic_epsilon,
      );
    });
  }

  for (const id of [
    'privacy-18',
    'privacy-19',
    'privacy-20',
    'privacy-21',
    'privacy-22',
    'privacy-23',
    'privacy-24',
    'privacy-25',
  ]) {
    it(`${id}: TensorFlow Privacy example-level ε (micro-batching, sampling, RDP or PLD)`, () => {
      const { inputs: i, expected: e } = byId(id);
      const sigma = effectiveNoiseMultiplier(i.noise_multiplier, i.used_microbatching);
      expect(sigma).toBe(i.effective_sigma);
      // Without a sampling probability TF Privacy counts one full release per epoch: our 'shuffle'.
      const { sampleRate: q, steps: count } = i.poisson_q
        ? accountedRun('poisson', { sampleRate: i.poisson_q, steps: Math.ceil(i.num_epochs / i.poisson_q) })
        : accountedRun('shuffle', { sampleRate: 0.01, steps: Math.round(i.num_epochs / 0.01) });
      const pld = Number(id.slice(-2)) >= 22;
      const eps = pld
        ? pldEpsilon(dpSgdPld(q, sigma, count), i.delta)
        : epsilonFromRdp(
            DP_ACCOUNTING_ORDERS,
            rdpCurve(q, sigma, count, DP_ACCOUNTING_ORDERS, 'abs'),
            i.delta,
            'dp-accounting',
          ).epsilon;
      close(pld ? 'pld' : 'rdp', eps, e.epsilon);
    }, 60_000);
  }

  it('privacy-29: the exact Gaussian (μ-GDP) curve', () => {
    const { inputs: i, expected: e } = byId('privacy-29');
    for (const mu of i.grid.mu) {
      const key = `mu=${Number.isInteger(mu) ? mu.toFixed(1) : mu}`;
      i.grid.eps.forEach((eps: number, k: number) => {
        close('gaussian', gaussianDelta(eps, mu), e.delta[key][k]);
      });
    }
  });

  it('reports the worst relative error per accountant', () => {
    console.log(
      `privacy worst relative error: ${JSON.stringify(Object.fromEntries([...worst].map(([k, v]) => [k, Number(v.toPrecision(3))])))}`,
    );
    expect(worst.size).toBeGreaterThan(0);
  });
});
