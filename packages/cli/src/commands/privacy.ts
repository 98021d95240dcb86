import {
  ACCOUNTANTS,
  type AccountantId,
  accountedRun,
  dpSgdEpsilon,
  dpSgdNoiseFor,
  effectiveNoiseMultiplier,
  PrivacyTargetError,
  SAMPLINGS,
  type Sampling,
  type StepsFromEpochs,
  stepsFromEpochs,
  table,
} from '@aidc/core';
import { UserError } from '../errors.js';
import { writeOut } from '../io.js';
import { progress } from '../render/progress.js';

const num = (v: number): string => (v < 1e-3 ? v.toExponential() : String(v));

export interface PrivacyOptions {
  readonly epsilon?: string;
  readonly noise?: string;
  readonly delta?: string;
  readonly sampleRate?: string;
  readonly batch?: string;
  readonly examples?: string;
  readonly epochs?: string;
  readonly steps?: string;
  readonly stepsFromEpochs?: string;
  readonly accountant?: string;
  readonly microbatching?: boolean;
  readonly sampling?: string;
  readonly tolerance?: string;
  readonly json?: boolean;
}

const CONVENTIONS: readonly StepsFromEpochs[] = ['truncate', 'python-floor-division', 'ceil'];

/** What each accountant reproduces, for the table. */
const ACCOUNTANT_NOTES: Readonly<Record<AccountantId, string>> = {
  'rdp-opacus': 'RDP, Opacus orders, Balle et al. 2020 conversion',
  'rdp-dp-accounting': 'RDP, dp_accounting orders, Canonne et al. 2020 conversion',
  'rdp-classic': 'RDP, Mironov 2017 conversion (older TF Privacy)',
  prv: 'PRV (Gopi et al. 2021) as Opacus, upper bound',
  pld: 'PLD as dp_accounting, connect-the-dots',
  gdp: 'GDP by the CLT (Bu et al. 2020): an estimate, not a bound',
};

function positive(
  name: string,
  text: string | undefined,
  max = Number.POSITIVE_INFINITY,
): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0 || v > max) {
    throw new UserError(
      `--${name}: found ${JSON.stringify(text)}, expected a number above 0${max < Infinity ? ` and at most ${max}` : ''}`,
    );
  }
  return v;
}

/** `aidc privacy`: ε for a noise multiplier, or the noise multiplier for an ε, by every accountant. */
/** An accountant's answer, or the user's error when the target cannot be met or computed: a target no
 * noise reaches (or every noise does), or numerics out of the accountant's range. */
function accountantAnswer<T>(accountant: string, answer: () => T): T {
  try {
    return answer();
  } catch (e) {
    if (e instanceof PrivacyTargetError || e instanceof RangeError)
      throw new UserError(`--accountant ${accountant}: cannot answer: ${e.message}`);
    throw e;
  }
}

export function privacyCommand(o: PrivacyOptions): void {
  const delta = positive('delta', o.delta, 1);
  if (delta === undefined) throw new UserError('--delta is required, e.g. --delta 1e-5');
  if ((o.epsilon === undefined) === (o.noise === undefined)) {
    throw new UserError('give --epsilon (to find the noise multiplier) or --noise (to find ε), not both');
  }
  let q = positive('sample-rate', o.sampleRate, 1);
  const batch = positive('batch', o.batch);
  const examples = positive('examples', o.examples);
  if (q === undefined && batch !== undefined && examples !== undefined) q = batch / examples;
  if (q === undefined) throw new UserError('--sample-rate is required (or --batch with --examples)');
  const convention = (o.stepsFromEpochs ?? 'truncate') as StepsFromEpochs;
  if (!CONVENTIONS.includes(convention)) {
    throw new UserError(
      `--steps-from-epochs: found "${o.stepsFromEpochs}", expected one of ${CONVENTIONS.join(', ')}`,
    );
  }
  const epochs = positive('epochs', o.epochs);
  const givenSteps = positive('steps', o.steps);
  if ((epochs === undefined) === (givenSteps === undefined)) throw new UserError('give --epochs or --steps');
  const steps = givenSteps !== undefined ? Math.round(givenSteps) : stepsFromEpochs(epochs!, q, convention);
  if (steps < 1) throw new UserError(`${epochs} epochs at sample rate ${q} is less than one step`);
  const accountants = (o.accountant ?? ACCOUNTANTS.join(',')).split(',').map((a) => a.trim());
  for (const a of accountants) {
    if (!(ACCOUNTANTS as readonly string[]).includes(a)) {
      throw new UserError(`--accountant: found "${a}", expected some of ${ACCOUNTANTS.join(', ')}`);
    }
  }
  const microbatching = o.microbatching === true;
  const sampling = (o.sampling ?? 'poisson') as Sampling;
  if (!SAMPLINGS.includes(sampling)) {
    throw new UserError(`--sampling: found "${o.sampling}", expected one of ${SAMPLINGS.join(', ')}`);
  }
  // Shuffled batches get no amplification: one full-batch release per epoch (TF Privacy).
  const accounted = accountedRun(sampling, { sampleRate: q, steps });
  const how =
    sampling === 'poisson'
      ? `Poisson sampling q = ${q}, ${steps} steps`
      : `shuffled batches, ${steps} steps counted as ${accounted.steps} full releases (no amplification)`;
  const setting = {
    delta,
    sampleRate: q,
    steps,
    stepsFrom: epochs !== undefined ? convention : 'given',
    microbatching,
  };
  if (o.noise !== undefined) {
    const sigma = positive('noise', o.noise)!;
    const effective = effectiveNoiseMultiplier(sigma, microbatching);
    const rows = accountants.map((a) =>
      accountantAnswer(a, () =>
        dpSgdEpsilon({ ...accounted, noiseMultiplier: effective }, delta, a as AccountantId),
      ),
    );
    if (o.json) {
      writeOut(
        JSON.stringify(
          {
            format: 'aidc-privacy/epsilon@1',
            ...setting,
            noiseMultiplier: sigma,
            effectiveNoiseMultiplier: effective,
            results: rows,
          },
          null,
          2,
        ),
      );
      return;
    }
    writeOut(
      [
        `DP-SGD, ${how}, noise multiplier ${sigma}${microbatching ? ` (${effective} with micro-batches)` : ''}, δ = ${num(delta)}`,
        table(
          ['accountant', 'ε', 'order', 'what it reproduces'],
          rows.map((r) => [
            r.accountant,
            r.epsilon.toPrecision(6),
            r.order === undefined ? '' : String(r.order),
            ACCOUNTANT_NOTES[r.accountant],
          ]),
        ),
      ].join('\n'),
    );
    return;
  }
  const target = positive('epsilon', o.epsilon)!;
  const tolerance = positive('tolerance', o.tolerance ?? '0.01')!;
  const bar = progress(`searching noise multipliers (${accountants.length} accountants)`);
  const rows = accountants.map((a, i) => {
    bar.update(i / accountants.length);
    const r = accountantAnswer(a, () =>
      dpSgdNoiseFor({ epsilon: target, delta }, { sampleRate: q, steps }, a as AccountantId, tolerance),
    );
    // With micro-batches the optimizer must add twice the noise the accountant needs.
    return {
      accountant: a as AccountantId,
      noiseMultiplier: microbatching ? 2 * r.sigma : r.sigma,
      epsilon: r.epsilon,
    };
  });
  if (o.json) {
    writeOut(
      JSON.stringify(
        { format: 'aidc-privacy/noise@1', ...setting, targetEpsilon: target, tolerance, results: rows },
        null,
        2,
      ),
    );
    return;
  }
  writeOut(
    [
      `Noise multiplier for ε ≤ ${target} at δ = ${num(delta)}: DP-SGD, ${how}${microbatching ? ', micro-batches' : ''} (Opacus's search, tolerance ${tolerance})`,
      table(
        ['accountant', 'noise multiplier', 'ε reached', 'what it reproduces'],
        rows.map((r) => [
          r.accountant,
          String(Number(r.noiseMultiplier.toPrecision(8))),
          r.epsilon.toPrecision(6),
          ACCOUNTANT_NOTES[r.accountant],
        ]),
      ),
    ].join('\n'),
  );
}
