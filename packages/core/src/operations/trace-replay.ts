// A cluster trace replayed over time: each task arrives at its creation and, once placed, holds its
// CPU, memory and GPUs (or share of one) for as long as the trace kept it running. Queue and placement
// policies then decide who waits, on the trace's own nodes.

import { MILLI_PER_GPU, type TraceNode, type TraceTask } from './cluster-trace.js';
import { ClusterState, taskShape } from './placement.js';
import type { ClusterJob } from './shared-cluster.js';

export interface ReplayJobs {
  readonly jobs: ClusterJob[];
  /** Tasks left out: never scheduled in the trace (no start), or without times. */
  readonly skipped: number;
  /** The most GPUs the tasks ask for at once if each starts on arrival, as a share of the GPUs, as
   * recorded. */
  readonly recordedPeak: number;
  /** The same with every task arriving at once: the most any scale can reach. */
  readonly allAtOncePeak: number;
  /** What arrival times were multiplied by to reach the load asked for (1: as recorded). */
  readonly timeScale: number;
}

/** The tasks the trace started, as jobs: arrival at creation, duration from its start to deletion.
 * With `peak`, arrivals are brought closer (or spread) until the most GPUs asked for at once is that
 * share of the GPUs: a trace that samples a cluster's tasks asks for far less than the cluster ran,
 * and its long tasks make an average load say little about the busiest hours. */
export function traceJobs(
  nodes: readonly TraceNode[],
  tasks: readonly TraceTask[],
  peak?: number,
): ReplayJobs {
  const state = new ClusterState(nodes);
  const jobs: ClusterJob[] = [];
  let skipped = 0;
  for (const t of tasks) {
    if (
      t.creationS === null ||
      t.deletionS === null ||
      t.scheduledS === null ||
      t.deletionS <= t.scheduledS
    ) {
      skipped++;
      continue;
    }
    jobs.push({ arrivalS: t.creationS, durationS: t.deletionS - t.scheduledS, shape: taskShape(t, state) });
  }
  const gpus = nodes.reduce((a, n) => a + n.gpus, 0);
  const recordedPeak = gpus > 0 ? peakDemandGpus(jobs, 1) / gpus : 0;
  const allAtOncePeak = gpus > 0 ? peakDemandGpus(jobs, 0) / gpus : 0;
  const timeScale =
    peak !== undefined && recordedPeak > 0 && peak <= allAtOncePeak ? scaleForPeak(jobs, peak * gpus) : 1;
  const first = jobs.reduce((a, j) => Math.min(a, j.arrivalS), Number.POSITIVE_INFINITY);
  const scaled =
    timeScale === 1 ? jobs : jobs.map((j) => ({ ...j, arrivalS: first + (j.arrivalS - first) * timeScale }));
  return { jobs: scaled, skipped, recordedPeak, allAtOncePeak, timeScale };
}

/** The most GPUs asked for at once, with arrivals (from the first) multiplied by `scale` and each job
 * running from its arrival. */
export function peakDemandGpus(jobs: readonly ClusterJob[], scale: number): number {
  if (jobs.length === 0) return 0;
  const first = jobs.reduce((a, j) => Math.min(a, j.arrivalS), Number.POSITIVE_INFINITY);
  // Starts and ends as one sorted list: an end before a start at the same instant.
  const times = new Float64Array(2 * jobs.length);
  const deltas = new Float64Array(2 * jobs.length);
  jobs.forEach((j, i) => {
    const at = first + (j.arrivalS - first) * scale;
    const g = (j.shape.gpus * j.shape.gpuMilli) / MILLI_PER_GPU;
    times[2 * i] = at;
    deltas[2 * i] = g;
    times[2 * i + 1] = at + j.durationS;
    deltas[2 * i + 1] = -g;
  });
  const order = Int32Array.from(times.keys()).sort(
    (a, b) => times[a]! - times[b]! || deltas[a]! - deltas[b]!,
  );
  let now = 0;
  let most = 0;
  for (const k of order) {
    now += deltas[k]!;
    most = Math.max(most, now);
  }
  return most;
}

/** The arrival scale at which the peak demand is `targetGpus`, by bisection in log scale. */
function scaleForPeak(jobs: readonly ClusterJob[], targetGpus: number): number {
  let lo = 1e-6;
  let hi = 1e3;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    // Closer arrivals (a smaller scale) overlap more: a higher peak.
    if (peakDemandGpus(jobs, mid) > targetGpus) lo = mid;
    else hi = mid;
  }
  return hi;
}
