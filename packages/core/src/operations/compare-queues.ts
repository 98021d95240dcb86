// Queue and placement policies side by side on one generated workload and one seed: how long jobs
// wait, by size, and how busy the GPUs are.

import type { OnProgress } from '../sim/progress.js';
import { MILLI_PER_GPU, type TraceNode } from './cluster-trace.js';
import type { PlacementPolicy } from './placement.js';
import {
  type ClusterJob,
  type QueuePolicy,
  type SharedClusterOptions,
  simulateSharedCluster,
} from './shared-cluster.js';
import { type ClusterSummary, generateJobs } from './workload-generator.js';

export interface QueueRow {
  readonly queue: QueuePolicy;
  readonly placement: PlacementPolicy;
  readonly meanWaitS: number;
  readonly medianWaitS: number;
  readonly p95WaitS: number;
  /** Mean wait of jobs of one GPU, of 2–8, and of more than 8 (gangs across nodes). */
  readonly meanWaitByClassS: { readonly single: number; readonly node: number; readonly gang: number };
  /** Allocated share of the GPUs from the first arrival to the last. */
  readonly utilisation: number;
  readonly started: number;
  readonly refused: number;
  /** Share of the GPUs' time free while a waiting job fit in their sum but not on any node. */
  readonly lostToFragmentation: number;
  readonly failures: number;
  /** Share of the GPU-time held that failures took (work since the last checkpoint, restarts). */
  readonly lostToFailures: number;
}

/** Jobs a second that ask for `load` of `gpus` GPUs on average, for jobs like the cluster's: a
 * first draw at one job a second gives the mean GPU-seconds a job asks. */
export function arrivalRateForLoad(c: ClusterSummary, gpus: number, load: number, seed: number): number {
  const probeJobs = 20_000;
  const probe = generateJobs(c, probeJobs, 1, seed);
  let gpuS = 0;
  for (let j = 0; j < probeJobs; j++)
    gpuS += ((probe.gpus[j]! * probe.gpuMilli[j]!) / MILLI_PER_GPU) * probe.runS[j]!;
  return (load * gpus) / (gpuS / probeJobs);
}

/** Jobs like the cluster's, arriving so that they ask for `load` of `gpus` GPUs on average, from
 * `startS` on: `count` of them. */
export function jobsAtLoad(
  c: ClusterSummary,
  gpus: number,
  count: number,
  load: number,
  seed: number,
  startS = 0,
): ClusterJob[] {
  const g = generateJobs(c, count, arrivalRateForLoad(c, gpus, load, seed), seed);
  return Array.from({ length: count }, (_, j) => ({
    arrivalS: startS + g.arrivalS[j]!,
    durationS: g.runS[j]!,
    shape: { cpuMilli: 0, memoryMib: 0, gpus: g.gpus[j]!, gpuMilli: g.gpuMilli[j]!, modelMask: 0 },
  }));
}

/** Jobs like the cluster's, arriving so that they ask for `load` of the nodes' GPUs on average. */
export function generatedWorkload(
  c: ClusterSummary,
  nodes: readonly TraceNode[],
  count: number,
  load: number,
  seed: number,
): ClusterJob[] {
  return jobsAtLoad(
    c,
    nodes.reduce((a, n) => a + n.gpus, 0),
    count,
    load,
    seed,
  );
}

/** The q-quantile of sorted values (the value below which a share q lies); NaN when there are none. */
export const quantile = (sorted: Float64Array, q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export function compareQueues(
  nodes: readonly TraceNode[],
  jobs: readonly ClusterJob[],
  policies: readonly { readonly queue: QueuePolicy; readonly placement: PlacementPolicy }[],
  seed: number,
  onProgress?: OnProgress,
  failures?: SharedClusterOptions['failures'],
): QueueRow[] {
  const lastArrival = jobs.reduce((a, j) => Math.max(a, j.arrivalS), 0);
  const maxNode = nodes.reduce((a, n) => Math.max(a, n.gpus), 0);
  return policies.map((p, i) => {
    const r = simulateSharedCluster(nodes, jobs, { ...p, seed, ...(failures ? { failures } : {}) });
    onProgress?.((i + 1) / policies.length);
    const waits = Float64Array.from(Array.from(r.waitS).filter((w) => w >= 0)).sort();
    const byClass = [0, 0, 0];
    const counts = [0, 0, 0];
    jobs.forEach((j, k) => {
      const w = r.waitS[k]!;
      if (!(w >= 0)) return;
      const c = j.shape.gpus <= 1 ? 0 : j.shape.gpus <= maxNode ? 1 : 2;
      byClass[c]! += w;
      counts[c]!++;
    });
    // GPU milli-seconds held up to the last arrival, over what the GPUs could hold in that time.
    let held = 0;
    for (let s = 0; s < r.timesS.length; s++) {
      const from = r.timesS[s]!;
      const to = Math.min(lastArrival, s + 1 < r.timesS.length ? r.timesS[s + 1]! : r.endS);
      if (to > from) held += r.allocatedGpuMilli[s]! * (to - from);
    }
    const firstArrival = jobs.reduce((a, j) => Math.min(a, j.arrivalS), Number.POSITIVE_INFINITY);
    return {
      ...p,
      meanWaitS: waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length),
      medianWaitS: quantile(waits, 0.5),
      p95WaitS: quantile(waits, 0.95),
      meanWaitByClassS: {
        single: byClass[0]! / Math.max(1, counts[0]!),
        node: byClass[1]! / Math.max(1, counts[1]!),
        gang: byClass[2]! / Math.max(1, counts[2]!),
      },
      utilisation: held / (r.totalGpuMilli * Math.max(1e-9, lastArrival - firstArrival)),
      started: r.started,
      refused: r.jobs - r.started,
      lostToFragmentation: r.fragmentedGpuMilliS / (r.totalGpuMilli * Math.max(1e-9, r.endS - firstArrival)),
      failures: r.failures,
      lostToFailures: r.lostGpuMilliS / Math.max(1, r.jobGpuMilliS),
    };
  });
}
