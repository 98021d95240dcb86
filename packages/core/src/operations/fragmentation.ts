// GPU fragmentation as Weng et al. (USENIX ATC 2023, "Beware of Fragmentation") measure it: the
// unallocated GPU share of a node that a typical task could not use, weighted by how often each task
// shape occurs. Typical shapes: the most frequent task shapes of the workload covering 95% of its
// tasks (the authors' artifact, --pod-popularity-threshold 95).

import { MILLI_PER_GPU } from './cluster-trace.js';

/** A task shape: what it asks of one node. */
export interface TaskShape {
  readonly cpuMilli: number;
  readonly memoryMib: number;
  readonly gpus: number;
  /** Thousandths of each GPU (below 1000 only for a share of one GPU). */
  readonly gpuMilli: number;
  /** Bit i set: the task may run on GPU model i; 0: any model. */
  readonly modelMask: number;
}

/** The share of tasks the typical shapes cover. Fitted to nothing: the artifact's default. */
export const TYPICAL_SHAPE_COVERAGE = 0.95;

export interface TypicalShapes {
  readonly shapes: readonly TaskShape[];
  /** Popularity of each, renormalised to sum to 1. */
  readonly weights: Float64Array;
}

const shapeKey = (s: TaskShape) => `${s.cpuMilli}|${s.gpus}|${s.gpuMilli}|${s.modelMask}`;

/** The most frequent shapes of `tasks` until they cover TYPICAL_SHAPE_COVERAGE of them. */
export function typicalShapes(tasks: readonly TaskShape[]): TypicalShapes {
  const counts = new Map<string, { shape: TaskShape; n: number }>();
  for (const t of tasks) {
    const k = shapeKey(t);
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { shape: t, n: 1 });
  }
  const sorted = [...counts.values()].sort(
    (a, b) => b.n - a.n || shapeKey(a.shape).localeCompare(shapeKey(b.shape)),
  );
  const kept: { shape: TaskShape; n: number }[] = [];
  let covered = 0;
  for (const e of sorted) {
    if (covered >= TYPICAL_SHAPE_COVERAGE * tasks.length) break;
    kept.push(e);
    covered += e.n;
  }
  const weights = new Float64Array(kept.length);
  kept.forEach((e, i) => {
    weights[i] = e.n / covered;
  });
  return { shapes: kept.map((e) => e.shape), weights };
}

/**
 * A node's fragmentation for the typical shapes, in GPU milli: for each shape, all of the node's
 * unallocated GPU milli when the shape cannot run there (no GPU asked, a GPU model it may not use, too
 * little CPU or GPU; memory is not part of the measure, as in the authors' artifact), else only the GPUs whose free share is below what the shape asks of
 * each; weighted by the shapes' popularity. `free` holds the node's GPUs' free milli.
 */
export function nodeFragmentation(
  free: Float64Array,
  from: number,
  to: number,
  cpuFree: number,
  model: number,
  typical: TypicalShapes,
): number {
  let unallocated = 0;
  for (let g = from; g < to; g++) unallocated += free[g]!;
  if (unallocated <= 0) return 0;
  let total = 0;
  const { shapes, weights } = typical;
  for (let m = 0; m < shapes.length; m++) {
    const s = shapes[m]!;
    const w = weights[m]!;
    if (s.gpus === 0 || (s.modelMask !== 0 && (s.modelMask & (1 << model)) === 0)) {
      total += w * unallocated;
      continue;
    }
    const need = s.gpuMilli;
    let fitting = 0;
    let below = 0;
    for (let g = from; g < to; g++) {
      const f = free[g]!;
      if (f >= need) fitting++;
      else below += f;
    }
    const fits = cpuFree >= s.cpuMilli && fitting >= (need < MILLI_PER_GPU ? 1 : s.gpus);
    total += w * (fits ? below : unallocated);
  }
  return total;
}
