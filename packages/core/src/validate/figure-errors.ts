import type { ScoredCase } from './datacenter-sets.js';
import { errorPct } from './error.js';

/** A case's figures flattened to dotted names: `ttftMs: {p99}` → `ttftMs.p99`. */
export function flatFigures(v: Readonly<Record<string, unknown>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, x] of Object.entries(v)) {
    if (typeof x === 'number') out[key] = x;
    else if (x && typeof x === 'object') {
      for (const [q, y] of Object.entries(x)) if (typeof y === 'number') out[`${key}.${q}`] = y;
    }
  }
  return out;
}

/** The figures a case measures that the model predicts, with their signed errors. */
export function figureErrors(c: ScoredCase): Record<string, number> {
  const m = flatFigures(c.measured);
  const p = flatFigures(c.predicted);
  const out: Record<string, number> = {};
  for (const [key, measured] of Object.entries(m)) {
    const predicted = p[key];
    if (predicted !== undefined && measured > 0) out[key] = errorPct(predicted, measured);
  }
  return out;
}
