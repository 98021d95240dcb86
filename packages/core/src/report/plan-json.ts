// The plan as JSON, in the one envelope every face writes: a format id that names the shape and its
// version (docs/plan-json.md), then the payload.
import type { DatacenterPlan } from '../plan/datacenter-types.js';
import type { ServingPlan } from '../plan/serving-plan.js';
import type { ClusterChoice, DatacenterSweepRow } from '../plan/sweep.js';
import type { TrainingPlan } from '../plan/training-plan.js';

/** The shapes aidc writes, by format id. */
export interface PlanDocuments {
  readonly 'aidc-plan/datacenter@1': { readonly plan: DatacenterPlan };
  readonly 'aidc-plan/training@1': { readonly plans: readonly TrainingPlan[] };
  readonly 'aidc-plan/serving@1': { readonly plans: readonly ServingPlan[] };
  readonly 'aidc-plan/sweep@1': {
    /** The sizes asked for; `rows` also holds the doublings planned between them. */
    readonly listed: readonly number[];
    readonly rows: readonly DatacenterSweepRow[];
    readonly choice: ClusterChoice | null;
  };
}

export type PlanFormat = keyof PlanDocuments;

/** A plan document as text: the format id first, then its payload, indented for people. */
export function planJson<F extends PlanFormat>(format: F, payload: PlanDocuments[F]): string {
  return JSON.stringify({ format, ...payload }, null, 2);
}

/** The site plan as `aidc plan --json` writes it and the page exports it. */
export const datacenterPlanJson = (plan: DatacenterPlan): string =>
  planJson('aidc-plan/datacenter@1', { plan });
