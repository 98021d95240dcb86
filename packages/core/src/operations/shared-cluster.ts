// A shared GPU cluster over time: jobs arrive, wait in a queue, are placed on nodes by a placement
// policy, run for their duration and leave. The queue policy decides who goes next. Events on the
// kernel's queue; state in typed arrays (placement.ts), so an event allocates nothing.
//
// A job larger than any node runs as a gang on whole idle nodes. Issue #16 in progress: no
// topology, failures, preemption, quotas, serving fleets or cloud capacity yet.

import { EventQueue } from '../sim/event-queue.js';
import { Random } from '../sim/random.js';
import { MILLI_PER_GPU, type TraceNode } from './cluster-trace.js';
import { type TaskShape, typicalShapes } from './fragmentation.js';
import { ClusterState, type PlacementPolicy, Placer } from './placement.js';

/**
 * Who starts next: `fifo` the earliest arrival, and nobody behind it while it cannot start;
 * `sjf` the shortest job (its duration known, an oracle), blocking the same way; `first-fit` every
 * waiting job that fits, earliest first (a job too large for the free GPUs waits while smaller
 * ones pass it).
 */
export const QUEUE_POLICIES = ['fifo', 'sjf', 'first-fit'] as const;
export type QueuePolicy = (typeof QUEUE_POLICIES)[number];

export interface ClusterJob {
  readonly arrivalS: number;
  readonly durationS: number;
  readonly shape: TaskShape;
}

export interface SharedClusterOptions {
  readonly queue: QueuePolicy;
  readonly placement: PlacementPolicy;
  readonly seed: number;
  /** Stop the clock here; jobs still running or waiting are counted as such. */
  readonly horizonS?: number;
}

export interface SharedClusterResult {
  readonly jobs: number;
  readonly started: number;
  readonly completed: number;
  /** Seconds each job waited from arrival to start; NaN for a job that never started. */
  readonly waitS: Float64Array;
  /** The allocated GPU milli as a step function: from timesS[i] it is allocatedGpuMilli[i]. */
  readonly timesS: Float64Array;
  readonly allocatedGpuMilli: Float64Array;
  /** GPU milli-seconds allocated over the run, by integrating the step function. */
  readonly allocatedGpuMilliS: number;
  /** The same, summed over jobs (what each held, while it held it; a gang holds its nodes whole):
   * equal to the above. */
  readonly jobGpuMilliS: number;
  readonly endS: number;
  readonly totalGpuMilli: number;
}

/** A node taken whole by a gang: all its GPUs, CPU and memory. */
function wholeNode(s: ClusterState, m: number): TaskShape {
  return {
    cpuMilli: s.cpuTotal[m]!,
    memoryMib: 0,
    gpus: s.gpuStart[m + 1]! - s.gpuStart[m]!,
    gpuMilli: MILLI_PER_GPU,
    modelMask: 0,
  };
}

const ARRIVAL = 0;
const COMPLETION = 1;

export function simulateSharedCluster(
  nodes: readonly TraceNode[],
  jobs: readonly ClusterJob[],
  o: SharedClusterOptions,
): SharedClusterResult {
  const state = new ClusterState(nodes);
  const rng = new Random(o.seed);
  const placer = new Placer(state, o.placement, typicalShapes(jobs.map((j) => j.shape)), rng);
  const keys = jobs.map(
    (j) =>
      `${j.shape.cpuMilli}|${j.shape.memoryMib}|${j.shape.gpus}|${j.shape.gpuMilli}|${j.shape.modelMask}`,
  );
  const n = jobs.length;
  const events = new EventQueue(Math.max(16, 2 * n));
  const waitS = new Float64Array(n).fill(Number.NaN);
  const startS = new Float64Array(n).fill(Number.NaN);
  const node = new Int32Array(n).fill(-1);
  const gpusTaken = new Int32Array(n * 8);
  // Waiting jobs, in arrival order; `order` is the SJF order (by duration, then arrival).
  const waiting = new Uint8Array(n);
  const byArrival = Int32Array.from(jobs.keys()).sort(
    (a, b) => jobs[a]!.arrivalS - jobs[b]!.arrivalS || a - b,
  );
  const bySize = Int32Array.from(byArrival).sort((a, b) => jobs[a]!.durationS - jobs[b]!.durationS || a - b);
  const scanOrder = o.queue === 'sjf' ? bySize : byArrival;
  // A job no node could hold even empty never runs: it is refused, not queued forever.
  const empty = new ClusterState(nodes);
  const runnable = new Uint8Array(n);
  let maxNodeGpus = 0;
  for (const x of nodes) maxNodeGpus = Math.max(maxNodeGpus, x.gpus);
  const clusterGpus = empty.gpuFree.length;
  for (let j = 0; j < n; j++) {
    const shape = jobs[j]!.shape;
    let fits = shape.gpus > maxNodeGpus && shape.gpuMilli === MILLI_PER_GPU && shape.gpus <= clusterGpus;
    for (let m = 0; m < empty.nodes && !fits; m++) fits = empty.fits(m, shape);
    runnable[j] = fits ? 1 : 0;
    events.push(jobs[j]!.arrivalS, ARRIVAL, j);
  }
  const wholeTaken = new Int32Array(Math.max(8, maxNodeGpus));
  const timesS = new Float64Array(2 * n + 2);
  const allocated = new Float64Array(2 * n + 2);
  let steps = 0;
  let integral = 0;
  let lastT = 0;
  let started = 0;
  let completed = 0;
  let scanFrom = 0;
  const horizon = o.horizonS ?? Number.POSITIVE_INFINITY;

  const record = (t: number) => {
    integral += state.allocatedGpuMilli * (t - lastT);
    lastT = t;
    if (steps > 0 && timesS[steps - 1] === t) allocated[steps - 1] = state.allocatedGpuMilli;
    else {
      timesS[steps] = t;
      allocated[steps++] = state.allocatedGpuMilli;
    }
  };

  // A job larger than any node runs as a gang on whole idle nodes: where it starts in `gangPool`
  // (its node indices), how many, and the GPUs they hold (a partly used last node is held whole).
  let gangPool = new Int32Array(1024);
  let gangUsed = 0;
  const gangAt = new Int32Array(n).fill(-1);
  const gangCount = new Int32Array(n);
  const heldGpuMilli = new Float64Array(n);
  const idle = (m: number) =>
    state.gpuFreeSum[m] === (state.gpuStart[m + 1]! - state.gpuStart[m]!) * MILLI_PER_GPU &&
    state.cpuFree[m] === state.cpuTotal[m];

  const startGang = (j: number): boolean => {
    const want = jobs[j]!.shape.gpus;
    let have = 0;
    let k = 0;
    const from = gangUsed;
    for (let m = 0; m < state.nodes && have < want; m++) {
      if (!idle(m)) continue;
      if (from + k >= gangPool.length) {
        const grown = new Int32Array(gangPool.length * 2);
        grown.set(gangPool);
        gangPool = grown;
      }
      gangPool[from + k++] = m;
      have += state.gpuStart[m + 1]! - state.gpuStart[m]!;
    }
    if (have < want) return false;
    for (let i = 0; i < k; i++) {
      const m = gangPool[from + i]!;
      state.place(m, wholeNode(state, m), -1);
    }
    gangAt[j] = from;
    gangCount[j] = k;
    gangUsed += k;
    heldGpuMilli[j] = have * MILLI_PER_GPU;
    return true;
  };

  const tryStart = (j: number, t: number): boolean => {
    const shape = jobs[j]!.shape;
    if (shape.gpus > maxNodeGpus) {
      if (!startGang(j)) return false;
    } else {
      const at = placer.choose(shape, keys[j]!);
      if (at < 0) return false;
      state.place(at, shape, placer.chosenGpu, gpusTaken, j * 8);
      node[j] = at;
      heldGpuMilli[j] = shape.gpus * shape.gpuMilli;
    }
    waiting[j] = 0;
    startS[j] = t;
    waitS[j] = t - jobs[j]!.arrivalS;
    started++;
    events.push(t + jobs[j]!.durationS, COMPLETION, j);
    return true;
  };

  const schedule = (t: number) => {
    // Skip the jobs already started or gone from the front of the scan.
    while (scanFrom < n) {
      const j = scanOrder[scanFrom]!;
      if (waiting[j] || !(startS[j]! >= 0 || !runnable[j])) break;
      scanFrom++;
    }
    for (let i = scanFrom; i < n; i++) {
      const j = scanOrder[i]!;
      if (!waiting[j]) continue;
      if (tryStart(j, t)) continue;
      if (o.queue !== 'first-fit') return;
    }
  };

  while (events.pop()) {
    const t = events.time;
    if (t > horizon) break;
    record(t);
    const j = events.id;
    if (events.kind === ARRIVAL) {
      if (runnable[j]) waiting[j] = 1;
    } else {
      if (gangAt[j]! >= 0) {
        for (let i = 0; i < gangCount[j]!; i++) {
          const m = gangPool[gangAt[j]! + i]!;
          for (let g = state.gpuStart[m]!; g < state.gpuStart[m + 1]!; g++)
            wholeTaken[g - state.gpuStart[m]!] = g;
          state.release(m, wholeNode(state, m), wholeTaken, 0);
        }
      } else state.release(node[j]!, jobs[j]!.shape, gpusTaken, j * 8);
      completed++;
    }
    // Jobs that arrive or end at the same instant are all seen before anyone is placed.
    if (events.nextTime === t) continue;
    schedule(t);
    record(t);
  }
  const endS = Math.min(horizon, lastT);
  record(endS);
  let jobGpuMilliS = 0;
  for (let j = 0; j < n; j++) {
    if (!(startS[j]! >= 0)) continue;
    const end = Math.min(endS, startS[j]! + jobs[j]!.durationS);
    jobGpuMilliS += heldGpuMilli[j]! * Math.max(0, end - startS[j]!);
  }
  return {
    jobs: n,
    started,
    completed,
    waitS,
    timesS: timesS.subarray(0, steps),
    allocatedGpuMilli: allocated.subarray(0, steps),
    allocatedGpuMilliS: integral,
    jobGpuMilliS,
    endS,
    totalGpuMilli: state.totalGpuMilli,
  };
}
