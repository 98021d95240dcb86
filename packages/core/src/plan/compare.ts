import type { FigureUnit } from '../explain/figure.js';
import type { DatacenterPlan } from './datacenter-types.js';

/** One figure of two plans side by side; a side is null when that plan has no such figure. */
export interface ComparisonRow {
  /** `site.<name>` for the headline figures, `training.<name>` for the training run's. */
  readonly key: string;
  readonly unit: FigureUnit;
  readonly a: number | null;
  readonly b: number | null;
  /** b − a, when both exist. */
  readonly delta: number | null;
  /** b / a, when both exist and a is not zero. */
  readonly ratio: number | null;
}

function figuresOf(p: DatacenterPlan): Map<string, { value: number; unit: FigureUnit }> {
  const m = new Map<string, { value: number; unit: FigureUnit }>();
  m.set('site.gpus', { value: p.gpus.total, unit: 'count' });
  for (const [k, f] of Object.entries(p.figures)) m.set(`site.${k}`, f);
  for (const [k, f] of Object.entries(p.training?.figures ?? {})) m.set(`training.${k}`, f);
  return m;
}

/** Every figure either plan has, in the first plan's order, then the second's extras. */
export function comparePlans(a: DatacenterPlan, b: DatacenterPlan): ComparisonRow[] {
  const fa = figuresOf(a);
  const fb = figuresOf(b);
  const keys = [...fa.keys(), ...[...fb.keys()].filter((k) => !fa.has(k))];
  return keys.map((key) => {
    const x = fa.get(key);
    const y = fb.get(key);
    const both = x !== undefined && y !== undefined;
    return {
      key,
      unit: (x ?? y)!.unit,
      a: x?.value ?? null,
      b: y?.value ?? null,
      delta: both ? y.value - x.value : null,
      ratio: both && x.value !== 0 ? y.value / x.value : null,
    };
  });
}
