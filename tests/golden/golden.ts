import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { operateText, planText } from '@aidc/core';

/** A figure may move this much (relative) before the golden test calls it a change: far above float
 * noise across machines, far below any change a reader of the plan would notice. */
export const GOLDEN_RELATIVE_TOLERANCE = 1e-3;
/** Significant digits kept in the golden files: enough to see a change the tolerance catches. */
const DIGITS = 6;

/** Plans an example file the way the CLI does (references read beside the file); an example with an
 * operations section is also simulated, as `aidc operate` does, and each policy's figures join. */
export function planExample(file: string): unknown {
  const base = dirname(resolve(file));
  const text = readFileSync(file, 'utf8');
  const read = (rel: string) => {
    try {
      return readFileSync(resolve(base, rel), 'utf8');
    } catch {
      return undefined;
    }
  };
  if (/^operations:/m.test(text)) {
    const o = operateText(text, file, read);
    if (!o.ok) throw new Error(`${file} does not operate: ${JSON.stringify(o.refusal.diagnostics)}`);
    return {
      ...o.plan,
      operations: Object.fromEntries(o.operations.policies.map((p) => [p.policy, p.figures])),
    };
  }
  const r = planText(text, file, read);
  if (!r.ok) throw new Error(`${file} does not plan: ${JSON.stringify(r.refusal.diagnostics)}`);
  return r.plan;
}

/** Headline counts that are not figures: the GPUs each part of the site takes, and each serving
 * fleet's layout. */
const HEADLINE_KEYS = new Set([
  'total',
  'training',
  'serving',
  'tp',
  'pp',
  'ep',
  'attentionDp',
  'replicas',
  'gpusPerReplica',
]);
const HEADLINE_PARENTS = /^(gpus|serving\[\d+\]\.best)$/;

const isFigure = (x: Record<string, unknown>): boolean =>
  typeof x.value === 'number' && typeof x.unit === 'string' && typeof x.formula === 'string';

/** Every figure of a plan by its path (`training.figures.stepTime`), plus the chosen layouts' words,
 * flattened and rounded so the file reads as a table and diffs line by line. */
export function goldenFigures(plan: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const walk = (x: unknown, path: string): void => {
    if (Array.isArray(x)) {
      for (const [i, item] of x.entries()) walk(item, `${path}[${i}]`);
      return;
    }
    if (x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (isFigure(o)) {
      const v = o.value as number;
      out[`${path} (${o.unit as string})`] = Number.isFinite(v) ? Number(v.toPrecision(DIGITS)) : String(v);
      return;
    }
    for (const [k, v] of Object.entries(o)) {
      const at = path ? `${path}.${k}` : k;
      if (k === 'description' && typeof v === 'string') out[at] = v;
      else if (typeof v === 'number' && HEADLINE_KEYS.has(k) && HEADLINE_PARENTS.test(path)) out[at] = v;
      else walk(v, at);
    }
  };
  walk(plan, '');
  return out;
}

/** The figures that differ beyond the tolerance, appeared or vanished, one readable line each. */
export function goldenDiff(
  expected: Readonly<Record<string, string | number>>,
  actual: Readonly<Record<string, string | number>>,
): string[] {
  const lines: string[] = [];
  for (const [k, want] of Object.entries(expected)) {
    if (!(k in actual)) {
      lines.push(`${k}: ${want} → (gone)`);
      continue;
    }
    const got = actual[k]!;
    const same =
      typeof want === 'number' && typeof got === 'number'
        ? Math.abs(got - want) <= GOLDEN_RELATIVE_TOLERANCE * Math.max(Math.abs(want), Math.abs(got), 1e-12)
        : want === got;
    if (!same) lines.push(`${k}: ${want} → ${got}`);
  }
  for (const k of Object.keys(actual)) if (!(k in expected)) lines.push(`${k}: (new) → ${actual[k]}`);
  return lines;
}
