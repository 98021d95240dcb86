// Where a serving set's error lies: the MAPE of each figure by model family, layout kind, accelerator,
// scenario and source. Nothing is fitted on a held-out set, so its per-source error is its leave-one-source-out
// error.
import { findModel } from '../catalog/lookup.js';
import type { ScoredCase } from './datacenter-sets.js';
import { mape } from './error.js';
import { figureErrors } from './figure-errors.js';
import type { InferenceCase } from './inference-schema.js';

export type BreakdownAxis = 'family' | 'layout' | 'accelerator' | 'scenario' | 'source';

export interface BreakdownRow {
  readonly axis: BreakdownAxis;
  readonly group: string;
  readonly cases: number;
  /** MAPE by figure over the group's scored cases. */
  readonly mapeByFigure: Readonly<Record<string, number>>;
}

/** The layout kind a case ran: disaggregated pools, attention DP with EP, EP under TP, or TP/PP. */
export function layoutKind(c: InferenceCase): string {
  if (c.cluster.disaggregated) return 'disaggregated';
  if ((c.cluster.attentionDp ?? 1) > 1) return 'attention DP + EP';
  if ((c.cluster.ep ?? 1) > 1) return 'EP';
  return 'TP/PP';
}

const AXES: Readonly<Record<BreakdownAxis, (c: InferenceCase) => string>> = {
  family: (c) => (findModel(c.model.catalogId)?.moe ? 'MoE' : 'dense'),
  layout: layoutKind,
  accelerator: (c) => c.cluster.accelerator,
  // A Server run's throughput is its offered rate when it keeps up: an easy figure, kept apart.
  scenario: (c) => c.serving.scenario,
  source: (c) => c.sourceGroup ?? c.source,
};

export function inferenceBreakdown(
  cases: readonly InferenceCase[],
  scored: readonly ScoredCase[],
): BreakdownRow[] {
  const rows: BreakdownRow[] = [];
  for (const axis of Object.keys(AXES) as BreakdownAxis[]) {
    const groups = new Map<string, Record<string, number[]>>();
    const counts = new Map<string, number>();
    cases.forEach((c, i) => {
      const s = scored[i];
      if (!s || s.errorPct === null) return;
      const key = AXES[axis](c);
      const errs = groups.get(key) ?? {};
      for (const [figure, e] of Object.entries(figureErrors(s))) errs[figure] = [...(errs[figure] ?? []), e];
      groups.set(key, errs);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    for (const [group, errs] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const mapeByFigure: Record<string, number> = {};
      for (const [figure, e] of Object.entries(errs)) mapeByFigure[figure] = mape(e);
      rows.push({ axis, group, cases: counts.get(group) ?? 0, mapeByFigure });
    }
  }
  return rows;
}
