import type { Refusal } from '../explain/refusal.js';
import type { OnProgress } from '../sim/progress.js';
import type { DatacenterPlan } from './datacenter-types.js';
import { loadScenario } from './load.js';
import { type OperationsPlan, type PolicyOutcome, planOperations } from './operations-plan.js';
import type { ReadRelative } from './resolve.js';
import { planScenario } from './scenario-plan.js';
import { planRefusal } from './text-plan.js';

/** One size of the site in a comparison of owned GPUs against rented ones, under the first policy. */
export interface SiteSizeRow {
  readonly gpus: number;
  readonly outcome: PolicyOutcome;
}

export type OperateTextResult =
  | {
      readonly ok: true;
      readonly plan: DatacenterPlan;
      readonly operations: OperationsPlan;
      /** The same site at other sizes, when asked: what owning more GPUs saves in cloud spend. */
      readonly sizes: readonly SiteSizeRow[];
    }
  | { readonly ok: false; readonly refusal: Refusal };

/** Scenario text with an operations section to the site's plan and its shared cluster simulated
 * under each policy; progress goes from planning the site (the first tenth) to the simulations. */
export function operateText(
  text: string,
  file: string,
  readRelative?: ReadRelative,
  onProgress?: OnProgress,
  siteGpus: readonly number[] = [],
): OperateTextResult {
  const loaded = loadScenario(text, file, readRelative);
  if (!loaded.ok) return loaded;
  const ops = loaded.value.operations;
  if (!ops)
    return {
      ok: false,
      refusal: planRefusal(text, file, {
        code: 'missing-field',
        path: ['operations'],
        message:
          'expected an operations section (batch jobs, policies, cloud): see docs/operations.md and examples/shared-cluster.yaml',
      }),
    };
  // Progress: the scenario's own policies, then one simulation per size of the comparison.
  const parts = ops.policies.length + siteGpus.length;
  const span = (from: number, to: number) => (f: number) => onProgress?.((from + f * (to - from)) / parts);
  const r = planScenario(loaded.value, { onProgress: span(0, 0.1) });
  if (!r.ok) return { ok: false, refusal: planRefusal(text, file, r) };
  const o = planOperations(ops, r.plan, span(0.1, ops.policies.length));
  if (!o.ok) return { ok: false, refusal: planRefusal(text, file, o) };
  const sizes: SiteSizeRow[] = [];
  const dc = loaded.value.datacenter!;
  for (const [i, gpus] of siteGpus.entries()) {
    const at = ops.policies.length + i;
    const sized = planScenario(
      { ...loaded.value, datacenter: { ...dc, clusterGpus: gpus } },
      { onProgress: span(at, at + 0.1) },
    );
    if (!sized.ok) return { ok: false, refusal: planRefusal(text, file, sized) };
    const s = planOperations(
      { ...ops, policies: [ops.policies[0]!] },
      sized.plan,
      span(at + 0.1, at + 1),
      o.plan.workload.batchGpus,
    );
    if (!s.ok) return { ok: false, refusal: planRefusal(text, file, s) };
    sizes.push({ gpus: s.plan.site.gpus, outcome: s.plan.policies[0]! });
  }
  return { ok: true, plan: r.plan, operations: o.plan, sizes };
}
