import { readFileSync } from 'node:fs';
import { comparePolicies, type PlacementPolicy, parseTraceNodes, parseTraceTasks } from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Placement policies on the Alibaba GPU-sharing trace of 2023 against the comparison of Weng et al.
// (USENIX ATC 2023; the published means are over seeds 42–51, validation/placement.json). Two seeds
// here keep the test short (docs/operations.md gives all ten). Nothing is fitted: ties for the best
// node go to the first in a seeded random node order, as the authors' artifact lists its nodes. The
// limits are what two seeds reach now plus about half a point; `random` draws its nodes, so two
// seeds stray further from the ten-seed mean.
const SEEDS = [42, 43];
const LIMIT_POINTS: Readonly<Record<string, number>> = {
  'default/random': 1.0,
  'default/dot-product': 0.6,
  'default/best-fit': 0.6,
  'default/clustering': 0.6,
  'default/packing': 0.6,
  'default/fgd': 0.5,
  'multigpu50/random': 1.3,
  'multigpu50/dot-product': 0.7,
  'multigpu50/best-fit': 0.6,
  'multigpu50/clustering': 0.7,
  'multigpu50/packing': 0.7,
  'multigpu50/fgd': 0.5,
};

interface PlacementCase {
  readonly id: string;
  readonly trace: string;
  readonly nodes: string;
  readonly policy: PlacementPolicy;
  readonly measured: { readonly unallocatedGpuPctAt100: number };
}
const set = JSON.parse(readFileSync(new URL('./placement.json', import.meta.url), 'utf8')) as {
  format: string;
  cases: PlacementCase[];
};
const read = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
const traceName = (file: string) => /pod_list_(\w+)\.csv$/.exec(file)![1]!;

describe('placement policies against the FGD paper (validation/placement.json)', () => {
  const byTrace = new Map<string, PlacementCase[]>();
  for (const c of set.cases) byTrace.set(c.trace, [...(byTrace.get(c.trace) ?? []), c]);
  for (const [trace, cases] of byTrace) {
    it(`${traceName(trace)}: each policy's unallocated GPUs at full arrival within its limit`, () => {
      const nodes = parseTraceNodes(read(cases[0]!.nodes));
      const tasks = parseTraceTasks(read(trace));
      if (!nodes.ok || !tasks.ok) throw new Error('trace unreadable');
      const rows = comparePolicies(
        nodes.rows,
        tasks.rows,
        cases.map((c) => c.policy),
        SEEDS,
      );
      const lines = rows.map((r, i) => {
        const published = cases[i]!.measured.unallocatedGpuPctAt100;
        return { key: `${traceName(trace)}/${r.policy}`, published, aidc: r.mean, diff: r.mean - published };
      });
      console.table(lines);
      for (const l of lines) {
        expect(LIMIT_POINTS[l.key], l.key).toBeDefined();
        expect(Math.abs(l.diff), l.key).toBeLessThanOrEqual(LIMIT_POINTS[l.key]!);
      }
      // Best-fit leaves fewer unallocated than dot-product and random, as published.
      const of = (p: string) => rows.find((r) => r.policy === p)!.mean;
      expect(of('best-fit')).toBeLessThan(of('dot-product'));
      expect(of('dot-product')).toBeLessThan(of('random'));
    }, 120_000);
  }
});
