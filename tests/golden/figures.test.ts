// Every figure of every example plan explains itself: it cites the source of its constants, or says it
// is derived from its inputs alone.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findAccelerator, findModel, findSystem } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { planExample } from './golden.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f));

interface FigureLike {
  readonly value: number;
  readonly formula: string;
  readonly inputs: Readonly<Record<string, unknown>>;
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

const CATALOGS: Readonly<Record<string, (id: string) => unknown>> = {
  accelerators: findAccelerator,
  systems: findSystem,
  models: findModel,
};

/** The value a reference points at: a figure of the plan, or a field of a catalog entry. */
function resolveRef(plan: Record<string, unknown>, ref: string): unknown {
  const catalog = /^catalog:(\w+)\/([^#]+)#(.+)$/.exec(ref);
  if (catalog) {
    let v: unknown = CATALOGS[catalog[1]!]?.(catalog[2]!);
    for (const key of catalog[3]!.split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
    return v;
  }
  const [group, name] = ref.split('.') as [string, string];
  const figures =
    group === 'training'
      ? (plan.training as { figures?: Record<string, FigureLike> } | null)?.figures
      : group === 'site'
        ? (plan.figures as Record<string, FigureLike>)
        : undefined;
  return figures?.[name]?.value;
}

describe('figure inputs that name another figure or a catalog field', () => {
  it.each(examples)('examples/%s: every reference resolves to the value it carries', (example) => {
    const plan = planExample(join(ROOT, 'examples', example)) as Record<string, unknown>;
    const refs = figuresOf(plan).flatMap(([path, f]) =>
      Object.entries(f.inputs)
        .filter(([, v]) => typeof v === 'object' && v !== null && 'ref' in v)
        .map(([k, v]) => [`${path}.inputs.${k}`, v as { ref: string; value: number | string }] as const),
    );
    if (/llama3-8b-h100|405b|bert-100m/.test(example)) expect(refs.length).toBeGreaterThan(5);
    for (const [at, r] of refs) {
      const target = resolveRef(plan, r.ref);
      expect(target, `${at} → ${r.ref}`).toBeDefined();
      if (typeof r.value === 'number') expect(target as number, `${at} → ${r.ref}`).toBeCloseTo(r.value, 6);
      else expect(target, `${at} → ${r.ref}`).toBe(r.value);
    }
  });
});
