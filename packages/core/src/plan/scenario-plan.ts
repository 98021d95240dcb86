import type { ResolvedScenario } from '../scenario/resolve.js';
import { type DatacenterPlan, planDatacenter } from './datacenter-plan.js';
import { planServing, type ServingPlan } from './serving-plan.js';

/** A whole scenario planned, or the one workload that could not be, with its field path. */
export type ScenarioPlanResult =
  | { readonly ok: true; readonly plan: DatacenterPlan }
  | { readonly ok: false; readonly path: readonly (string | number)[]; readonly message: string };

export interface ScenarioPlanOptions {
  /** Called with the fraction done (0..1) as the planner goes. */
  readonly onProgress?: (fraction: number) => void;
}

/** The serving fleets of a scenario, each planned against its site's prices. */
export function planServings(
  scenario: ResolvedScenario,
):
  | { readonly ok: true; readonly plans: readonly ServingPlan[] }
  | { readonly ok: false; readonly path: readonly (string | number)[]; readonly message: string } {
  const plans: ServingPlan[] = [];
  for (const sv of scenario.servings) {
    const r = planServing(sv, {
      cloudPerGpuHourUsd: scenario.datacenter?.cost.cloudPerGpuHour,
      prices: scenario.datacenter?.cost.prices,
    });
    if (!r.ok) return { ok: false, path: sv.path, message: r.message };
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
  const training = scenario.trainings[0];
  if (!dc || (!training && scenario.servings.length === 0)) {
    return {
      ok: false,
      path: [],
      message: 'nothing to plan: the scenario needs hardware and a train or serve workload',
    };
  }
  const servings = planServings(scenario);
  if (!servings.ok) return servings;
  const r = planDatacenter(
    {
      training,
      servings: servings.plans.map((plan, i) => ({ resolved: scenario.servings[i]!, plan })),
    },
    dc,
    options.onProgress ? { onProgress: options.onProgress } : {},
  );
  if (!r.ok) return { ok: false, path: training ? training.path : ['workloads'], message: r.message };
  return r;
}
