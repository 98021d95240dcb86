import { formatPercent } from '../units/format.js';
import { planDatacenter } from './datacenter-plan.js';
import type { ResolvedDatacenter, ResolvedTraining } from './resolve.js';
import type { PlanOptions } from './training-plan.js';

/** One cluster size in a datacenter sweep. */
export type DatacenterSweepRow =
  | {
      readonly gpus: number;
      readonly ok: true;
      readonly layout: string;
      readonly wallClockS: number;
      readonly goodput: number;
      readonly runCostUsd: number;
      readonly hardwareCapexUsd: number;
      readonly energyJ: number;
      readonly operationalKg: number;
      readonly facilityW: number;
    }
  | { readonly gpus: number; readonly ok: false; readonly reason: string };

export interface ClusterChoice {
  readonly gpus: number;
  readonly why: string;
}

/** The whole site for each cluster size: time, cost, energy and goodput side by side. */
export function sweepDatacenter(
  t: ResolvedTraining,
  dc: ResolvedDatacenter,
  gpuCounts: readonly number[],
  options: PlanOptions = {},
): DatacenterSweepRow[] {
  return gpuCounts.map((gpus, i) => {
    // Each size is the site: the cluster is what is swept, so hardware.gpus does not hold it.
    const r = planDatacenter(
      { ...t, job: { ...t.job, gpus }, constraints: { ...t.constraints, dp: undefined } },
      { ...dc, clusterGpus: 'auto' },
      {
        ...options,
        alternatives: 0,
        onProgress: (f) => options.onProgress?.((i + f) / gpuCounts.length),
      },
    );
    if (!r.ok) return { gpus, ok: false, reason: r.message };
    const p = r.plan;
    if (!p.training || !p.reliability || p.energy.runJ === null)
      return { gpus, ok: false, reason: 'no training plan' };
    return {
      gpus,
      ok: true,
      layout: p.training.best.description,
      wallClockS: p.reliability.wallClockS,
      goodput: p.reliability.policy.goodput,
      runCostUsd: p.cost.runCostUsd,
      hardwareCapexUsd: p.cost.hardwareCapexUsd,
      energyJ: p.energy.runJ,
      operationalKg: p.carbon.operationalKg,
      facilityW: p.power.facilityW,
    };
  });
}

/**
 * The spec's question, "the best number of nodes": with a deadline, the size that meets it at least
 * cost; with a budget, the fastest size within it; with both, the cheapest that meets both; with
 * neither, the size after which each step up buys less than MIN_MARGINAL_SPEEDUP of its ideal speed-up.
 */
/** With neither a deadline nor a budget, a step up in size is worth it while it buys at least this share
 * of its ideal speed-up (GPUs × k giving time ÷ k). A convention of scaling studies, not a fitted value. */
export const MIN_MARGINAL_SPEEDUP = 0.8;

export function chooseClusterSize(
  rows: readonly DatacenterSweepRow[],
  deadlineS: number | undefined,
  budgetUsd: number | undefined,
): ClusterChoice | null {
  const ok = rows.filter((r): r is Extract<DatacenterSweepRow, { ok: true }> => r.ok);
  if (ok.length === 0) return null;
  const fits = ok.filter(
    (r) =>
      (deadlineS === undefined || r.wallClockS <= deadlineS) &&
      (budgetUsd === undefined || r.runCostUsd <= budgetUsd),
  );
  if (deadlineS !== undefined || budgetUsd !== undefined) {
    if (fits.length === 0) return null;
    const best =
      deadlineS !== undefined
        ? fits.reduce((a, b) => (b.runCostUsd < a.runCostUsd ? b : a))
        : fits.reduce((a, b) => (b.wallClockS < a.wallClockS ? b : a));
    const why =
      deadlineS !== undefined
        ? `the cheapest size that finishes within the deadline${budgetUsd !== undefined ? ' and the budget' : ''}`
        : 'the fastest size within the budget';
    return { gpus: best.gpus, why };
  }
  const sorted = [...ok].sort((a, b) => a.gpus - b.gpus);
  let choice = sorted[0]!;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    const marginal = prev.wallClockS / cur.wallClockS / (cur.gpus / prev.gpus);
    if (marginal < MIN_MARGINAL_SPEEDUP) break;
    choice = cur;
  }
  return {
    gpus: choice.gpus,
    why: `the largest size before a step up buys less than ${formatPercent(MIN_MARGINAL_SPEEDUP)} of its ideal speed-up`,
  };
}
