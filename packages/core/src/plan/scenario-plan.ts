import type { FieldFailure } from '../explain/refusal.js';
import { type FederatedResult, planFederated } from '../privacy/federated.js';
import { planSecurity } from '../security/plan.js';
import { type OnProgress, progressSpan } from '../sim/progress.js';
import { paramCounts } from '../transformer/params.js';
import { planDatacenter } from './datacenter-plan.js';
import type { DatacenterPlan, FederatedComparison, PrivacyPlan } from './datacenter-types.js';
import { faultPath, physicallyImpossibleMessage, physicalViolations } from './physical-law.js';
import { planPrivateTraining } from './privacy-plan.js';
import { layoutMisfit, type ResolvedScenario, type ResolvedTraining } from './resolve.js';
import { planServing, type ServingPlan } from './serving-plan.js';

/** A whole scenario planned, or the one workload that could not be, with its field path. */
export type ScenarioPlanResult = { readonly ok: true; readonly plan: DatacenterPlan } | FieldFailure;

export interface ScenarioPlanOptions {
  /** Called with the fraction done (0..1, monotone) as the planner goes. */
  readonly onProgress?: OnProgress | undefined;
}

/** A serving fleet's capacity search takes seconds where a training search takes a tenth of one:
 * the share of a scenario's progress its serving fleets take when it has both (a weight by
 * measured time on the examples, not a physical constant). */
const SERVING_SHARE_WITH_TRAINING = 0.9;

/** The serving fleets of a scenario, each planned against its site's prices. */
export function planServings(
  scenario: ResolvedScenario,
  options: ScenarioPlanOptions = {},
): { readonly ok: true; readonly plans: readonly ServingPlan[] } | FieldFailure {
  const plans: ServingPlan[] = [];
  const n = scenario.servings.length;
  for (const [i, sv] of scenario.servings.entries()) {
    const r = planServing(sv, {
      cloudPerGpuHourUsd: scenario.datacenter?.cost.cloudPerGpuHour,
      prices: scenario.datacenter?.cost.prices,
      onProgress: progressSpan(options.onProgress, i / n, (i + 1) / n),
    });
    if (!r.ok) return { ok: false, code: r.code, path: faultPath(r.code, sv.path), message: r.message };
    // `aidc serve` shows these plans alone: they are held to the law as a whole-site plan is.
    const broken = physicalViolations({ serving: { [i]: r.plan } });
    if (broken.length > 0)
      return {
        ok: false,
        code: 'physically-impossible',
        path: faultPath('physically-impossible', sv.path),
        message: physicallyImpossibleMessage(broken),
      };
    plans.push(r.plan);
  }
  return { ok: true, plans };
}

/** Scenario to the whole-site plan: the one call the CLI, the API and the browser make. */
export function planScenario(
  scenario: ResolvedScenario,
  options: ScenarioPlanOptions = {},
): ScenarioPlanResult {
  const dc = scenario.datacenter;
  const asked = scenario.trainings[0];
  if (!dc || (!asked && scenario.servings.length === 0)) {
    return {
      ok: false,
      code: 'nothing-to-plan',
      path: [],
      message: 'nothing to plan: the scenario needs hardware and a train or serve workload',
    };
  }
  // One monotone fraction: the serving fleets first, then the training search and the site.
  const servingShare = scenario.servings.length === 0 ? 0 : asked ? SERVING_SHARE_WITH_TRAINING : 1;
  const servings = planServings(scenario, {
    onProgress: progressSpan(options.onProgress, 0, servingShare),
  });
  if (!servings.ok) return servings;
  const siteProgress = progressSpan(options.onProgress, servingShare, 1);
  const split = splitCluster(dc.clusterGpus, asked, servings.plans);
  if (!split.ok) return split;
  const training = split.training;
  const site = (t: ResolvedTraining | undefined) =>
    planDatacenter(
      { training: t, servings: servings.plans.map((plan, i) => ({ resolved: scenario.servings[i]!, plan })) },
      dc,
      siteProgress ? { onProgress: siteProgress } : {},
    );
  let plan: DatacenterPlan;
  let privacy: PrivacyPlan | undefined;
  if (training?.privacy) {
    const p = planPrivateTraining(training, dc, site);
    if (!p.ok) return p;
    plan = p.site;
    privacy = p.privacy;
  } else {
    const r = site(training);
    if (!r.ok)
      return {
        ok: false,
        code: r.code,
        path: training ? faultPath(r.code, training.path) : ['workloads'],
        message: r.message,
      };
    plan = r.plan;
  }
  let federated: FederatedComparison | undefined;
  if (training?.federated) {
    const f = federatedBeside(training);
    if (!f.ok)
      return { ok: false, code: f.code, path: [...training.path, 'federated', f.field], message: f.message };
    federated = { ...f.plan, centralWallClockS: plan.reliability?.wallClockS ?? null };
  }
  const security = scenario.security
    ? planSecurity(
        scenario.security,
        {
          accelerator: dc.system.accelerator,
          gpus: plan.gpus.total,
          nodes: plan.power.nodes,
          fabricSwitch: dc.fabric.switchSpec.id,
        },
        plan.reliability
          ? { wallClockS: plan.reliability.wallClockS, runCostUsd: plan.cost.runCostUsd }
          : null,
      )
    : undefined;
  siteProgress?.(1);
  const whole: DatacenterPlan = {
    ...plan,
    name: scenario.name,
    privacy,
    federated,
    security,
    warnings: [
      ...plan.warnings,
      ...(privacy?.warnings ?? []),
      ...(federated?.warnings ?? []),
      ...(security?.warnings ?? []),
    ],
  };
  const broken = physicalViolations(whole);
  if (broken.length > 0) {
    return {
      ok: false,
      code: 'physically-impossible',
      path: lawBreaker(scenario, broken[0]!.path),
      message: physicallyImpossibleMessage(broken),
    };
  }
  return { ok: true, plan: whole };
}

/** Where a refusal of a plan that breaks the law points: the model of the workload whose figure broke
 * it (the usual cause is a dimension the models do not handle), else the first workload's model. */
function lawBreaker(scenario: ResolvedScenario, figurePath: string): readonly (string | number)[] {
  const served = /^serving\.(\d+)/.exec(figurePath);
  const workload = served
    ? scenario.servings[Number(served[1])]
    : (scenario.trainings[0] ?? scenario.servings[0]);
  return workload ? [...workload.path, 'model'] : ['workloads'];
}

/** The training run planned as federated training on its clients. */
function federatedBeside(t: ResolvedTraining): FederatedResult {
  const f = t.federated!;
  const bw =
    typeof f.clientBandwidth === 'number'
      ? { down: f.clientBandwidth, up: f.clientBandwidth }
      : f.clientBandwidth;
  return planFederated({
    params: paramCounts(t.job.model).total,
    tokens: t.job.tokens,
    clients: f.clients,
    clientsPerRound: f.clientsPerRound,
    clientFlopsPerS: f.clientCompute,
    downBytesPerS: bw.down,
    upBytesPerS: bw.up,
    rounds: f.rounds,
    secureAggregation: f.secureAggregation,
    localTokens: f.localTokens,
    overcommit: f.overcommit,
    dropout: f.dropout,
    clientSpread: f.clientSpread,
  });
}

/**
 * hardware.gpus is the whole site: the serving fleets take what their search sizes, and a training run
 * without train.gpus takes the rest. Refused when the workloads need more than the site has.
 */
function splitCluster(
  clusterGpus: number | 'auto',
  training: ResolvedTraining | undefined,
  servings: readonly ServingPlan[],
): { readonly ok: true; readonly training: ResolvedTraining | undefined } | FieldFailure {
  const servingGpus = servings.reduce((a, p) => a + p.best.gpus, 0);
  if (clusterGpus === 'auto') return { ok: true, training };
  const fleets = servings.length > 0 ? `the serving fleets need ${servingGpus} GPUs` : '';
  if (!training) {
    return servingGpus <= clusterGpus
      ? { ok: true, training }
      : {
          ok: false,
          code: 'cluster-too-small',
          path: ['hardware', 'gpus'],
          message: `${fleets}, more than the ${clusterGpus} of the cluster: raise hardware.gpus or set it to auto`,
        };
  }
  if (!training.gpusFromSite || servings.length === 0) {
    const needed = training.job.gpus + servingGpus;
    return needed <= clusterGpus
      ? { ok: true, training }
      : {
          ok: false,
          code: 'cluster-too-small',
          path: ['hardware', 'gpus'],
          message: `training takes ${training.job.gpus} GPUs and ${fleets}: ${needed} in all, more than the ${clusterGpus} of the cluster`,
        };
  }
  const left = clusterGpus - servingGpus;
  if (left < 1) {
    return {
      ok: false,
      code: 'cluster-too-small',
      path: ['hardware', 'gpus'],
      message: `${fleets}, leaving none of the ${clusterGpus} for training: raise hardware.gpus or give train.gpus and set hardware.gpus to auto`,
    };
  }
  const misfit = layoutMisfit(training.constraints, left);
  if (misfit) {
    return {
      ok: false,
      code: 'layout-misfit',
      path: [...training.path, 'parallelism'],
      message: `${misfit}: the ${left} GPUs the serving fleets leave of hardware.gpus = ${clusterGpus} (give train.gpus)`,
    };
  }
  return { ok: true, training: { ...training, job: { ...training.job, gpus: left } } };
}
