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
  /** Jobs fail while running, each GPU at this rate; a failed job goes back to the queue, keeps
   * the work of its last checkpoint and pays a restart. Absent: nothing fails. */
  readonly failures?: {
    readonly perGpuHour: number;
    readonly checkpointIntervalS: number;
    readonly restartS: number;
  };
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
  /** Free GPU milli-seconds while a waiting job asked for no more than the free GPUs added up to:
   * capacity lost to fragmentation, not to demand. */
  readonly fragmentedGpuMilliS: number;
  readonly failures: number;
  /** Jobs given up after MAX_RESTARTS failures. */
  readonly abandoned: number;
  /** GPU milli-seconds of work kept, and lost to failures (work since the last checkpoint, and the
   * restarts): together, what the jobs held. */
  readonly usefulGpuMilliS: number;
  readonly lostGpuMilliS: number;
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
const FAILURE = 2;

/** Restarts after which a job is given up: one that fails faster than it checkpoints never ends. */
export const MAX_RESTARTS = 1000;

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
  let timesS = new Float64Array(2 * n + 2);
  let allocated = new Float64Array(2 * n + 2);
  const remainingS = Float64Array.from(jobs, (j) => j.durationS);
  const segmentS = new Float64Array(n);
  const running = new Uint8Array(n);
  const restarting = new Uint8Array(n);
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[scanOrder[i]!] = i;
  let failures = 0;
  let abandoned = 0;
  const attempts = new Int32Array(n);
  let useful = 0;
  let lost = 0;
  let held = 0;
  let steps = 0;
  let integral = 0;
  let fragmented = 0;
  let fragmentedNow = 0;
  let blockedDemand = Number.POSITIVE_INFINITY;
  let lastT = 0;
  let started = 0;
  let completed = 0;
  let scanFrom = 0;
  const horizon = o.horizonS ?? Number.POSITIVE_INFINITY;

  const record = (t: number) => {
    integral += state.allocatedGpuMilli * (t - lastT);
    fragmented += fragmentedNow * (t - lastT);
    lastT = t;
    if (steps > 0 && timesS[steps - 1] === t) allocated[steps - 1] = state.allocatedGpuMilli;
    else {
      if (steps === timesS.length) {
        const t2 = new Float64Array(timesS.length * 2);
        t2.set(timesS);
        timesS = t2;
        const a2 = new Float64Array(allocated.length * 2);
        a2.set(allocated);
        allocated = a2;
      }
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
    if (!(startS[j]! >= 0)) {
      startS[j] = t;
      waitS[j] = t - jobs[j]!.arrivalS;
      started++;
    }
    segmentS[j] = t;
    running[j] = 1;
    const f = o.failures;
    const runFor = remainingS[j]! + (restarting[j] && f ? f.restartS : 0);
    const ratePerS = f ? (f.perGpuHour * heldGpuMilli[j]!) / MILLI_PER_GPU / 3600 : 0;
    const ttf = ratePerS > 0 ? rng.exponential(1 / ratePerS) : Number.POSITIVE_INFINITY;
    if (ttf < runFor) events.push(t + ttf, FAILURE, j);
    else events.push(t + runFor, COMPLETION, j);
    return true;
  };

  /** What a run segment of job j from segmentS to t did: its restart and the work since its last
   * checkpoint are lost when it failed; the rest is kept. Returns the work kept, in seconds. */
  const settle = (j: number, t: number, failed: boolean): number => {
    const f = o.failures;
    const elapsed = t - segmentS[j]!;
    const restart = restarting[j] && f ? Math.min(elapsed, f.restartS) : 0;
    const progress = elapsed - restart;
    const kept =
      failed && f ? Math.floor(progress / f.checkpointIntervalS) * f.checkpointIntervalS : progress;
    useful += kept * heldGpuMilli[j]!;
    lost += (elapsed - kept) * heldGpuMilli[j]!;
    held += elapsed * heldGpuMilli[j]!;
    return kept;
  };

  const release = (j: number) => {
    running[j] = 0;
    if (gangAt[j]! >= 0) {
      for (let i = 0; i < gangCount[j]!; i++) {
        const m = gangPool[gangAt[j]! + i]!;
        for (let g = state.gpuStart[m]!; g < state.gpuStart[m + 1]!; g++)
          wholeTaken[g - state.gpuStart[m]!] = g;
        state.release(m, wholeNode(state, m), wholeTaken, 0);
      }
      gangAt[j] = -1;
    } else state.release(node[j]!, jobs[j]!.shape, gpusTaken, j * 8);
  };

  const schedule = (t: number) => {
    schedulePass(t);
    // Free GPUs are lost to fragmentation while a job that tried and could not start asks for no
    // more than they add up to: only their split over nodes keeps it waiting.
    const free = state.totalGpuMilli - state.allocatedGpuMilli;
    fragmentedNow = blockedDemand <= free ? free : 0;
  };

  const schedulePass = (t: number) => {
    blockedDemand = Number.POSITIVE_INFINITY;
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
      const demand = jobs[j]!.shape.gpus * jobs[j]!.shape.gpuMilli;
      if (demand > 0 && demand < blockedDemand) blockedDemand = demand;
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
    } else if (events.kind === COMPLETION) {
      settle(j, t, false);
      release(j);
      completed++;
    } else {
      remainingS[j] = remainingS[j]! - settle(j, t, true);
      release(j);
      failures++;
      restarting[j] = 1;
      // A job that fails more often than its checkpoints keep work would run forever: given up.
      if (++attempts[j]! > MAX_RESTARTS) abandoned++;
      else {
        waiting[j] = 1;
        if (position[j]! < scanFrom) scanFrom = position[j]!;
      }
    }
    // Jobs that arrive or end at the same instant are all seen before anyone is placed.
    if (events.nextTime === t) continue;
    schedule(t);
    record(t);
  }
  const endS = Math.min(horizon, lastT);
  record(endS);
  // Jobs still running at the horizon: what they did so far.
  for (let j = 0; j < n; j++) {
    if (running[j]) settle(j, endS, false);
  }
  return {
    jobs: n,
    started,
    completed,
    waitS,
    timesS: timesS.subarray(0, steps),
    allocatedGpuMilli: allocated.subarray(0, steps),
    allocatedGpuMilliS: integral,
    jobGpuMilliS: held,
    endS,
    totalGpuMilli: state.totalGpuMilli,
    fragmentedGpuMilliS: fragmented,
    failures,
    abandoned,
    usefulGpuMilliS: useful,
    lostGpuMilliS: lost,
  };
}
