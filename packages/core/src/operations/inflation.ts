// The placement experiment of Weng et al. (USENIX ATC 2023), as their artifact runs it: every task
// of the trace in a seeded random order, then tasks drawn from it at random until the GPU requests
// reach 130% of the cluster's GPUs; each placed at once by the policy or dropped (no queue, no
// departures), a tie for the best node going to the first in a seeded random order of the nodes;
// after each arrival, the share of the cluster's GPU milli allocated.

import { Random } from '../sim/random.js';
import type { TraceNode, TraceTask } from './cluster-trace.js';
import { type TaskShape, typicalShapes } from './fragmentation.js';
import { ClusterState, type PlacementPolicy, Placer, taskShape } from './placement.js';

/** Requests arrive until they reach this multiple of the cluster's GPUs (the artifact's -tune 1.3). */
export const INFLATION_TARGET = 1.3;

export interface InflationResult {
  readonly policy: PlacementPolicy;
  readonly seed: number;
  readonly arrived: number;
  readonly failed: number;
  /** Unallocated share of GPU milli (%) when arrived requests first reach each integer % of the
   * cluster's GPUs, 0 to 130. */
  readonly unallocatedPctAt: Float64Array;
  /** GPU milli allocated at the end, and in all (never more: a check). */
  readonly allocatedGpuMilli: number;
  readonly totalGpuMilli: number;
}

/** The arrival order: the trace shuffled, then draws with replacement until the target is reached. */
export function inflatedOrder(tasks: readonly TraceTask[], totalGpuMilli: number, rng: Random): TraceTask[] {
  const order = [...tasks];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let requested = order.reduce((a, t) => a + t.gpus * t.gpuMilli, 0);
  const target = INFLATION_TARGET * totalGpuMilli;
  // A trace that asks for no GPU never reaches the target: nothing to draw.
  if (!tasks.some((t) => t.gpus * t.gpuMilli > 0)) return order;
  while (true) {
    const t = tasks[Math.floor(rng.next() * tasks.length)]!;
    const milli = t.gpus * t.gpuMilli;
    if (requested + milli > target) break;
    order.push(t);
    requested += milli;
  }
  return order;
}

export function runInflation(
  nodes: readonly TraceNode[],
  tasks: readonly TraceTask[],
  policy: PlacementPolicy,
  seed: number,
): InflationResult {
  const rng = new Random(seed);
  const state = new ClusterState(nodes);
  const order = inflatedOrder(tasks, state.totalGpuMilli, rng);
  const typical = typicalShapes(tasks.map((t) => taskShape(t, state)));
  // The artifact's scheduler lists nodes by names it prefixes at random per seed, and keeps the first
  // of the nodes tied for the best score: a seeded random order, first wins.
  const nodeOrder = Int32Array.from({ length: state.nodes }, (_, i) => i);
  for (let i = nodeOrder.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [nodeOrder[i], nodeOrder[j]] = [nodeOrder[j]!, nodeOrder[i]!];
  }
  const placer = new Placer(state, policy, typical, rng, undefined, nodeOrder);
  const unallocated = new Float64Array(Math.round(INFLATION_TARGET * 100) + 1).fill(Number.NaN);
  let arrivedMilli = 0;
  let failed = 0;
  let nextPct = 0;
  const shapes = new Map<TraceTask, { shape: TaskShape; key: string }>();
  for (const t of order) {
    let e = shapes.get(t);
    if (!e) {
      const shape = taskShape(t, state);
      e = {
        shape,
        key: `${shape.cpuMilli}|${shape.memoryMib}|${shape.gpus}|${shape.gpuMilli}|${shape.modelMask}`,
      };
      shapes.set(t, e);
    }
    arrivedMilli += t.gpus * t.gpuMilli;
    const n = placer.choose(e.shape, e.key);
    if (n < 0) failed++;
    else state.place(n, e.shape, placer.chosenGpu);
    const pct = (100 * arrivedMilli) / state.totalGpuMilli;
    while (nextPct < unallocated.length && pct >= nextPct) {
      unallocated[nextPct++] = 100 - (100 * state.allocatedGpuMilli) / state.totalGpuMilli;
    }
  }
  // Arrivals stop just short of the target: the last percentages hold the final state.
  const last = 100 - (100 * state.allocatedGpuMilli) / state.totalGpuMilli;
  for (let p = nextPct; p < unallocated.length; p++) unallocated[p] = last;
  return {
    policy,
    seed,
    arrived: order.length,
    failed,
    unallocatedPctAt: unallocated,
    allocatedGpuMilli: state.allocatedGpuMilli,
    totalGpuMilli: state.totalGpuMilli,
  };
}
