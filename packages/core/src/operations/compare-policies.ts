// Placement policies side by side on one trace and the same seeds: the unallocated GPU share when the
// arrived requests reach the cluster's GPU capacity, as Weng et al. (USENIX ATC 2023) compare them.

import type { OnProgress } from '../sim/progress.js';
import type { TraceNode, TraceTask } from './cluster-trace.js';
import { runInflation } from './inflation.js';
import type { PlacementPolicy } from './placement.js';

export interface PolicyRow {
  readonly policy: PlacementPolicy;
  /** Unallocated GPU share (%) at 100% arrived, per seed. */
  readonly unallocatedAt100: readonly number[];
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Tasks that found no node, mean over seeds. */
  readonly failed: number;
  readonly arrived: number;
}

export function comparePolicies(
  nodes: readonly TraceNode[],
  tasks: readonly TraceTask[],
  policies: readonly PlacementPolicy[],
  seeds: readonly number[],
  onProgress?: OnProgress,
): PolicyRow[] {
  const total = policies.length * seeds.length;
  let done = 0;
  return policies.map((policy) => {
    const runs = seeds.map((seed) => {
      const r = runInflation(nodes, tasks, policy, seed);
      onProgress?.(++done / total);
      return r;
    });
    const at = runs.map((r) => r.unallocatedPctAt[100]!);
    return {
      policy,
      unallocatedAt100: at,
      mean: at.reduce((a, b) => a + b, 0) / at.length,
      min: Math.min(...at),
      max: Math.max(...at),
      failed: runs.reduce((a, r) => a + r.failed, 0) / runs.length,
      arrived: runs.reduce((a, r) => a + r.arrived, 0) / runs.length,
    };
  });
}
