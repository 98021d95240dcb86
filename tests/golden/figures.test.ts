// Every figure of every example plan explains itself: it cites the source of its constants, or says it
// is derived from its inputs alone.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planExample } from './golden.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f));

interface FigureLike {
  readonly value: number;
  readonly formula: string;
  readonly sources: readonly { readonly title: string }[];
  readonly derived: boolean;
}

/** Every figure in a plan, by its path. */
function figuresOf(x: unknown, path = ''): [string, FigureLike][] {
  if (Array.isArray(x)) return x.flatMap((y, i) => figuresOf(y, `${path}[${i}]`));
  if (x === null || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  if (typeof o.value === 'number' && typeof o.formula === 'string')
    return [[path, o as unknown as FigureLike]];
  return Object.entries(o).flatMap(([k, v]) => figuresOf(v, path ? `${path}.${k}` : k));
}

describe('figures explain themselves', () => {
  it.each(examples)('examples/%s: every figure has a source or is derived', (example) => {
    const figures = figuresOf(planExample(join(ROOT, 'examples', example)));
    expect(figures.length).toBeGreaterThan(5);
    const unexplained = figures.filter(([, f]) => !f.derived && f.sources.length === 0).map(([p]) => p);
    expect(unexplained).toEqual([]);
    for (const [path, f] of figures) {
      expect(f.formula.length, path).toBeGreaterThan(0);
      for (const s of f.sources) expect(s.title.length, path).toBeGreaterThan(0);
    }
  });
});
