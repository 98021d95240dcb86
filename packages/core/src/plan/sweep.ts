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
      /** The seed formula's T = P/(N·C) + D/B for the training run at this size. */
      readonly naiveS: number | null;
      /** Items with no price, which the costs of this row leave out. */
      readonly unpricedItems: readonly string[];
    }
  | { readonly gpus: number; readonly ok: false; readonly reason: string };

export interface ClusterChoice {
  readonly gpus: number;
  readonly why: string;
  /** The choice is the largest size planned and the rule did not stop it: larger may be better. */
  readonly atEdge: boolean;
}

/** Most sizes one sweep plans, the listed ones and the doublings added between them. */
export const MAX_SWEEP_SIZES = 64;

/**
 * The sizes to plan for a list: the list, and every doubling of its smallest size up to its largest
 * (within MAX_SWEEP_SIZES). Without a deadline or budget the choice is made on the doublings and the
 * largest size, so two lists with the same ends choose the same size whatever they hold between.
 */
export function sweepSizes(listed: readonly number[]): number[] {
  const sizes = new Set(listed.filter((n) => Number.isFinite(n) && n > 0));
  if (sizes.size === 0) return [];
  const lo = Math.min(...sizes);
  const hi = Math.max(...sizes);
  for (let n = lo * 2; n < hi && sizes.size < MAX_SWEEP_SIZES; n *= 2) sizes.add(n);
  return [...sizes].sort((a, b) => a - b);
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
      naiveS: p.naive?.estimate.totalS ?? null,
      unpricedItems: p.cost.unpricedItems,
    };
  });
}

/**
 * The spec's question, "the best number of nodes": with a deadline, the size that meets it at least
 * cost; with a budget, the fastest size within it; with both, the cheapest that meets both; with
 * neither, the size after which each step up buys less than MIN_MARGINAL_SPEEDUP of its ideal speed-up.
 */
/** With neither a deadline nor a budget, a step up in size is worth it while each doubling of the GPUs
 * buys at least this share of its ideal speed-up (twice the GPUs giving half the time). A convention of
 * scaling studies, not a fitted value. */
export const MIN_MARGINAL_SPEEDUP = 0.8;

/**
 * The speed-up a step from `a` to `b` GPUs gives per doubling of the GPUs: (Tₐ ÷ T_b)^(ln 2 ÷ ln(b ÷ a)).
 * Steps of any ratio compare on one scale, so a list with big steps is judged as one with small ones.
 */
export function speedupPerDoubling(
  a: { readonly gpus: number; readonly wallClockS: number },
  b: { readonly gpus: number; readonly wallClockS: number },
): number {
  return (a.wallClockS / b.wallClockS) ** (Math.LN2 / Math.log(b.gpus / a.gpus));
}

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
    const largest = ok.reduce((a, b) => (b.gpus > a.gpus ? b : a));
    // Only "the fastest within the budget" could still improve past the largest size planned.
    const atEdge = deadlineS === undefined && best === largest;
    return {
      gpus: best.gpus,
      why: atEdge ? `${why}, and the largest size planned: a larger one may be faster still` : why,
      atEdge,
    };
  }
  // The knee is looked for on the doublings of the smallest size (and the largest size), so sizes a
  // list adds between them cannot move it; they are still planned and shown.
  const all = [...ok].sort((a, b) => a.gpus - b.gpus);
  const lo = all[0]!.gpus;
  const hi = all[all.length - 1]!.gpus;
  const sorted = all.filter((r) => r.gpus === hi || Number.isInteger(Math.log2(r.gpus / lo)));
  let choice = sorted[0]!;
  let stopped = false;
  for (let i = 1; i < sorted.length && !stopped; i++) {
    if (speedupPerDoubling(sorted[i - 1]!, sorted[i]!) < 2 * MIN_MARGINAL_SPEEDUP) stopped = true;
    else choice = sorted[i]!;
  }
  const rule = `each doubling of the GPUs buys ${formatPercent(MIN_MARGINAL_SPEEDUP)} of its ideal speed-up`;
  return stopped
    ? { gpus: choice.gpus, why: `the largest size while ${rule}`, atEdge: false }
    : {
        gpus: choice.gpus,
        why: `the largest size planned, and up to it ${rule}: a larger size may pay back too; extend the list`,
        atEdge: true,
      };
}

/** Why sizes could not be planned, one line per distinct reason with the sizes it stopped. */
export function sweepFailures(rows: readonly DatacenterSweepRow[]): string[] {
  const byReason = new Map<string, number[]>();
  for (const r of rows) if (!r.ok) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.gpus]);
  return [...byReason].map(([reason, gpus]) => `${gpus.join(', ')} GPUs: ${reason}`);
}
