import type { Source } from '../catalog/types.js';
import { derivedFigure, figure } from '../explain/figure.js';
import type { FieldFailure } from '../explain/refusal.js';
import { type Warning, warning } from '../explain/warning.js';
import { dpSgdEpsilon, dpSgdNoiseFor, trivialDeltaReason } from '../privacy/accountant.js';
import { CLIPPING_METHODS } from '../privacy/clipping.js';
import { PrivacyTargetError } from '../privacy/inverse.js';
import { accountedRun } from '../privacy/sampling.js';
import type { AccountantId } from '../vocab/privacy.js';
import type { planDatacenter } from './datacenter-plan.js';
import type { DatacenterPlan, PrivacyPlan, RunSummary } from './datacenter-types.js';
import { faultPath } from './physical-law.js';
import type { ResolvedDatacenter, ResolvedTraining } from './resolve.js';
import { sweepDatacenter } from './sweep.js';

/** Accountants whose numerical grids grow with the step count: refused beyond this many steps. */
const NUMERICAL_STEP_LIMIT = 100_000;

function summary(p: DatacenterPlan): RunSummary {
  const t = p.training!;
  return {
    gpus: p.gpus.training,
    layout: t.best.description,
    stepTimeS: t.best.stepTimeS,
    memoryBytes: t.best.memoryBytes,
    wallClockS: p.reliability!.wallClockS,
    energyJ: p.energy.runJ ?? 0,
    runCostUsd: p.cost.runCostUsd,
    cloudRunCostUsd: p.cost.cloudRunCostUsd,
  };
}

const ACCOUNTANT_SOURCES: Readonly<Record<AccountantId, Source>> = {
  'rdp-opacus': {
    title:
      'Mironov, Talwar, Zhang 2019 (RDP of the sampled Gaussian); Balle et al. 2020, Thm 21 (conversion), as Opacus',
  },
  'rdp-dp-accounting': {
    title:
      'Mironov, Talwar, Zhang 2019; Canonne, Kamath, Steinke 2020, Prop. 12 (conversion), as dp_accounting',
  },
  'rdp-classic': { title: 'Mironov 2017, "Rényi Differential Privacy", Prop. 3' },
  prv: { title: 'Gopi, Lee, Wutschitz 2021, "Numerical Composition of Differential Privacy", as Opacus' },
  pld: { title: 'Doroshenko et al. 2022, "Connect the Dots"; dp_accounting PLDAccountant' },
  gdp: {
    title: 'Bu, Dong, Long, Su 2020, "Deep Learning with Gaussian Differential Privacy" (CLT; an estimate)',
  },
};

/**
 * The smallest of `sizes` (ascending) at which the private run takes no longer than `wallClockS`, or
 * null. Sizes are planned one at a time and the first that is fast enough ends the search: each is a
 * whole site plan, seconds for a large MoE model (fuzz case 478: DeepSeek-V3 on 256 GPUs planned all
 * eight sizes, 12.8 s).
 */
function smallestAsFast(
  t: ResolvedTraining,
  dc: ResolvedDatacenter,
  sizes: readonly number[],
  wallClockS: number,
): number | null {
  for (const gpus of new Set(sizes)) {
    const [r] = sweepDatacenter(t, dc, [gpus]);
    if (r?.ok && r.wallClockS <= wallClockS) return gpus;
  }
  return null;
}

export type PrivacyPlanResult =
  | { readonly ok: true; readonly site: DatacenterPlan; readonly privacy: PrivacyPlan }
  | FieldFailure;

/**
 * A DP-SGD run: the noise that meets the guarantee (or the guarantee the noise gives), the clipping
 * method's time and memory, and the site planned with and without them.
 */
export function planPrivateTraining(
  t: ResolvedTraining,
  dc: ResolvedDatacenter,
  sitePlan: (training: ResolvedTraining) => ReturnType<typeof planDatacenter>,
): PrivacyPlanResult {
  const p = t.privacy!;
  const path = [...t.path, 'privacy'];
  const job = t.job;
  const q = job.globalBatch / p.examples;
  if (q > 1) {
    return {
      ok: false,
      code: 'privacy-unreachable',
      path: [...path, 'examples'],
      message: `the batch of ${job.globalBatch} sequences is larger than the ${p.examples} examples: expected examples ≥ the global batch`,
    };
  }
  const steps = Math.ceil(job.tokens / (job.globalBatch * job.seqLen));
  if ((p.accountant === 'prv' || p.accountant === 'pld') && steps > NUMERICAL_STEP_LIMIT) {
    return {
      ok: false,
      code: 'privacy-unreachable',
      path: [...path, 'accountant'],
      message: `${steps} steps is beyond what the ${p.accountant} accountant's grid handles here (${NUMERICAL_STEP_LIMIT}); use rdp-dp-accounting or rdp-opacus`,
    };
  }
  // The accountant sees the noise per unit of sensitivity: micro-batch clipping doubles the sensitivity.
  const split = p.microbatching ? 2 : 1;
  const accounted = accountedRun(p.sampling, { sampleRate: q, steps });
  const trivial = p.epsilon !== undefined ? trivialDeltaReason(accounted, p.delta) : undefined;
  if (trivial !== undefined)
    return { ok: false, code: 'privacy-unreachable', path: [...path, 'delta'], message: trivial };
  let noiseMultiplier: number;
  let epsilon: number;
  // A target no noise meets (or every noise meets), or one the accountant's numerics cannot reach, is
  // the user's input: refused at its field, never a crash.
  try {
    if (p.epsilon !== undefined) {
      const r = dpSgdNoiseFor({ epsilon: p.epsilon, delta: p.delta }, accounted, p.accountant);
      noiseMultiplier = r.sigma * split;
      epsilon = r.epsilon;
    } else {
      noiseMultiplier = p.noiseMultiplier!;
      epsilon = dpSgdEpsilon(
        { ...accounted, noiseMultiplier: noiseMultiplier / split },
        p.delta,
        p.accountant,
      ).epsilon;
    }
  } catch (e) {
    if (!(e instanceof PrivacyTargetError || e instanceof RangeError)) throw e;
    return {
      ok: false,
      code: 'privacy-unreachable',
      path: [...path, p.epsilon !== undefined ? 'epsilon' : 'noiseMultiplier'],
      message: `the ${p.accountant} accountant cannot meet this guarantee: ${e.message}`,
    };
  }
  if (!Number.isFinite(epsilon) || !Number.isFinite(noiseMultiplier)) {
    return {
      ok: false,
      code: 'privacy-unreachable',
      path: [...path, p.epsilon !== undefined ? 'epsilon' : 'noiseMultiplier'],
      message: `the ${p.accountant} accountant gives no finite ε for this run (ε = ${epsilon}, noise ${noiseMultiplier})`,
    };
  }
  const priv = sitePlan(t);
  if (!priv.ok)
    return {
      ok: false,
      code: priv.code,
      path: faultPath(priv.code, t.path),
      message: `with DP clipping: ${priv.message}`,
    };
  const base = sitePlan({ ...t, job: { ...job, privateClipping: undefined }, privacy: undefined });
  if (!base.ok)
    return { ok: false, code: base.code, path: faultPath(base.code, t.path), message: base.message };
  const a = summary(priv.plan);
  const b = summary(base.plan);
  const node = dc.system.gpusPerNode;
  const sizes = [1.125, 1.25, 1.5, 1.75, 2, 2.5, 3, 4].map((f) =>
    Math.max(node, Math.round((job.gpus * f) / node) * node),
  );
  const faster = a.wallClockS <= b.wallClockS ? job.gpus : smallestAsFast(t, dc, sizes, b.wallClockS);
  const clip = CLIPPING_METHODS[p.clipping];
  const warnings: Warning[] = [];
  if (p.delta * p.examples > 1)
    warnings.push(
      warning(
        'weak-delta',
        `δ = ${p.delta} is above 1 ÷ examples (${(1 / p.examples).toExponential(1)}): a guarantee that allows leaking a whole example`,
      ),
    );
  if (p.accountant === 'gdp')
    warnings.push(
      warning('estimate-not-bound', 'the GDP accountant is a central-limit estimate, not a guaranteed bound'),
    );
  if (faster === null)
    warnings.push(
      warning(
        'privacy-never-catches-up',
        'no size up to 4× the GPUs makes the private run as fast as the non-private one',
      ),
    );
  const src = [ACCOUNTANT_SOURCES[p.accountant]];
  const accountInputs = {
    sampleRate: q,
    steps,
    delta: p.delta,
    accountant: p.accountant,
    microbatching: p.microbatching,
  };
  return {
    ok: true,
    site: priv.plan,
    privacy: {
      accountant: p.accountant,
      clipping: { id: clip.id, name: clip.name, stepTimeFactor: clip.stepTimeFactor, range: clip.range },
      solvedFor: p.epsilon !== undefined ? 'noiseMultiplier' : 'epsilon',
      epsilon,
      delta: p.delta,
      noiseMultiplier,
      sampleRate: q,
      steps,
      epochs: steps * q,
      microbatching: p.microbatching,
      sampling: p.sampling,
      private: a,
      nonPrivate: b,
      gpusForSameWallClock: faster,
      warnings,
      figures: {
        privacyEpsilon: figure(
          epsilon,
          'count',
          p.epsilon !== undefined
            ? 'ε the solved noise reaches (≤ the target)'
            : 'ε of the run by the accountant',
          { ...accountInputs, noiseMultiplier },
          src,
        ),
        privacyNoiseMultiplier: figure(
          noiseMultiplier,
          'count',
          p.epsilon !== undefined
            ? "Opacus's search: the noise multiplier whose ε is within 0.01 under the target"
            : 'given',
          { ...accountInputs, targetEpsilon: p.epsilon ?? 'none' },
          src,
        ),
        privacySampleRate: derivedFigure(
          q,
          'fraction',
          'global batch (sequences) ÷ examples: the Poisson sampling rate',
          { globalBatch: job.globalBatch, examples: p.examples },
        ),
        privacySteps: derivedFigure(steps, 'count', '⌈tokens ÷ (global batch × sequence length)⌉', {
          tokens: job.tokens,
          globalBatch: job.globalBatch,
          seqLen: job.seqLen,
        }),
        privacyEpochs: derivedFigure(steps * q, 'count', 'steps × sampling rate', { steps, sampleRate: q }),
        privacyExtraWallClock: figure(
          a.wallClockS - b.wallClockS,
          's',
          'private wall-clock − the same training without privacy',
          { privateS: a.wallClockS, nonPrivateS: b.wallClockS },
          clip.sources,
        ),
        privacyExtraEnergy: derivedFigure(a.energyJ - b.energyJ, 'J', 'private run energy − non-private', {
          privateJ: a.energyJ,
          nonPrivateJ: b.energyJ,
        }),
        privacyExtraRunCost: derivedFigure(
          a.runCostUsd - b.runCostUsd,
          'USD',
          'private run cost (owned) − non-private',
          { privateUsd: a.runCostUsd, nonPrivateUsd: b.runCostUsd },
        ),
        ...(faster !== null
          ? {
              privacyGpusForSameWallClock: derivedFigure(
                faster,
                'count',
                'fewest GPUs tried (1.125× to 4×, whole nodes) at which the private run is as fast as the non-private one',
                { nonPrivateGpus: b.gpus, nonPrivateWallClockS: b.wallClockS },
              ),
            }
          : {}),
      },
    },
  };
}
