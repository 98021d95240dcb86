// A shared GPU cluster over time: batch jobs arrive, wait in a queue, are placed on nodes by a
// placement policy, run (failing and restarting from checkpoints) and leave; serving fleets scale
// with their daily traffic and take GPUs from batch jobs when they must (preemption); a job that
// has waited too long may run on rented cloud GPUs. Events on the kernel's queue; state in typed
// arrays (placement.ts), so an event allocates nothing.
//
// Entities 0..n-1 are the batch jobs; after them, each fleet has a slot per replica it may run.
// A job or replica larger than any node runs as a gang on whole idle nodes.

import { EventQueue } from '../sim/event-queue.js';
import { IndexedMinHeap } from '../sim/indexed-heap.js';
import type { OnProgress } from '../sim/progress.js';
import { Random } from '../sim/random.js';
import { QUEUE_POLICIES, type QueuePolicy } from '../vocab/operations.js';
import { type CloudBursting, type CloudRun, cloudPricePerGpuHour, cloudRun } from './cloud-burst.js';
import { MILLI_PER_GPU, type TraceNode } from './cluster-trace.js';
import { type ClusterTopology, FabricLevels } from './fabric-levels.js';
import { type TaskShape, typicalShapes } from './fragmentation.js';
import { GangFormer } from './gang-former.js';
import { Growable } from './growable.js';
import { JobQueues } from './job-queues.js';
import { LAS_THRESHOLDS_GPU_S, lasQueue, serviceToNextQueue, suspendResumeS } from './least-attained.js';
import { ClusterState, type PlacementPolicy, Placer } from './placement.js';
import { fleetDemandPerS, type ServingFleet, targetReplicas } from './serving-fleet.js';

/**
 * Who starts next: `fifo` the earliest arrival, and nobody behind it while it cannot start;
 * `sjf` the shortest job (its duration known, an oracle), blocking the same way; `sjf-estimate`
 * the same by an estimate of the duration off by a log-normal factor (DURATION_ESTIMATE_SIGMA);
 * `first-fit` every waiting job that fits, earliest first (a job too large for the free GPUs waits
 * while smaller ones pass it); `backfill` the earliest first, and a later job passes a blocked one
 * only if it ends before the blocked one could start (EASY backfilling, durations known); `las`
 * least attained service as Tiresias runs it (least-attained.ts): queues by GPU-seconds had, first
 * come first served within each, every job that fits starts, and a waiting job suspends running jobs
 * of a lower queue to make room (they resume from a checkpoint written then, paying its overhead).
 */
export { QUEUE_POLICIES, type QueuePolicy };

/** Spread of the duration estimate `sjf-estimate` orders by: the log of estimate over actual is
 * normal with this deviation. An assumption, not a measured figure: a factor of e either way at one
 * deviation stands for estimates from user requests or history, which Tiresias (Gu et al., NSDI 2019,
 * §2.2) finds too poor to rely on. */
export const DURATION_ESTIMATE_SIGMA = 1;

export interface ClusterJob {
  readonly arrivalS: number;
  /** How long it runs on GPUs spread over the fabric's leaf groups (as a trace or a plan gives it). */
  readonly durationS: number;
  readonly shape: TaskShape;
  /** The team the job belongs to: an index into the options' quotas. */
  readonly team?: number;
  /** Share of that time in exposed communication across nodes, which an oversubscribed fabric slows
   * between leaf groups and not within one (the training plan's figure for its run). */
  readonly commShare?: number;
  /** GPUs of each of its model-parallel groups (tensor × context × expert parallel), which must share
   * an NVLink domain: the plan ran their traffic on NVLink. Absent: none must. */
  readonly scaleUpGroupGpus?: number;
  /** Share of the time it holds its GPUs that it computes: 1 (the default) but for an interactive
   * session, which holds them while its user thinks. */
  readonly busyShare?: number;
  /** Higher runs first: a waiting job goes before every job of a lower priority in any queue policy,
   * and preempts running jobs of a lower priority when it finds no room (default 0). */
  readonly priority?: number;
}

export type { ClusterTopology };

export interface SharedClusterOptions {
  readonly queue: QueuePolicy;
  readonly placement: PlacementPolicy;
  readonly seed: number;
  /** Stop the clock here; jobs still running or waiting are counted as such. Required with fleets. */
  readonly horizonS?: number;
  /** Jobs fail while running, each GPU at this rate; a failed job goes back to the queue, keeps
   * the work of its last checkpoint and pays a restart. Absent: nothing fails. */
  readonly failures?: {
    readonly perGpuHour: number;
    readonly checkpointIntervalS: number;
    readonly restartS: number;
  };
  readonly fleets?: readonly ServingFleet[];
  /** Whether a fleet that cannot find GPUs for a replica takes them from batch jobs, which lose the
   * work since their checkpoint (default: yes). */
  readonly preemptForServing?: boolean;
  /** Checkpoint interval of batch jobs when preempted, where failures do not set one (default 1 h). */
  readonly checkpointIntervalS?: number;
  readonly cloud?: CloudBursting;
  /** Interval of the timeline (default one hour). */
  readonly sampleS?: number;
  /** Told the share done as the clock runs (of the horizon, or of the jobs without one). */
  readonly onProgress?: OnProgress;
  /** NVLink domains and leaf groups (fabric-levels.ts): a gang that fits one runs faster there, and
   * placement (but `random`) seeks one. */
  readonly topology?: ClusterTopology;
  /** GPUs guaranteed to each team: a job of a team within its quota that cannot start preempts jobs
   * of teams beyond theirs (they keep their last checkpoint). A team beyond its quota runs on what
   * others leave, and may be preempted. */
  readonly quotaGpus?: readonly number[];
}

/** The cluster every `sampleS`: GPUs (not milli) allocated on the site, held by serving, serving and
 * busy, rented in the cloud, and jobs waiting and running. */
export interface ClusterTimeline {
  readonly timeS: Float64Array;
  readonly allocatedGpus: Float64Array;
  readonly servingGpus: Float64Array;
  /** Allocated GPUs doing work: batch jobs in their busy share (all of it but for interactive
   * sessions), and serving replicas in the share of their capacity the traffic uses. */
  readonly busyGpus: Float64Array;
  readonly cloudGpus: Float64Array;
  readonly waitingJobs: Float64Array;
  readonly runningJobs: Float64Array;
  /** Replicas of each fleet, fleet-major: fleet f at sample s is [f * samples + s]. */
  readonly replicas: Float64Array;
  /** Requests per second each fleet was asked, same layout. */
  readonly demandPerS: Float64Array;
}

export interface FleetResult {
  readonly name: string;
  /** Share of requests served within capacity: ∫min(demand, ready capacity) over ∫demand. */
  readonly sloAttainment: number;
  readonly gpuS: number;
  readonly busyGpuS: number;
  readonly meanReplicas: number;
  readonly maxReplicas: number;
  /** Replica starts that found no GPUs, even after preemption. */
  readonly unplacedStarts: number;
}

export interface SharedClusterResult {
  readonly jobs: number;
  readonly started: number;
  readonly completed: number;
  /** Jobs waiting when the clock stopped: never started, or back in the queue after a failure, a
   * preemption or a suspension. */
  readonly waitingAtEnd: number;
  /** Seconds each job waited from arrival to start; NaN for a job that never started. */
  readonly waitS: Float64Array;
  /** When each job ended; NaN for one that did not. */
  readonly endedS: Float64Array;
  /** 1 for a job that ran in the cloud. */
  readonly inCloud: Uint8Array;
  /** The allocated GPU milli as a step function: from timesS[i] it is allocatedGpuMilli[i]. */
  readonly timesS: Float64Array;
  readonly allocatedGpuMilli: Float64Array;
  /** GPU milli-seconds allocated over the run, by integrating the step function. */
  readonly allocatedGpuMilliS: number;
  /** The same, summed over jobs and replicas (what each held, while it held it; a gang holds its
   * nodes whole): equal to the above. */
  readonly jobGpuMilliS: number;
  readonly servingGpuMilliS: number;
  readonly endS: number;
  readonly firstArrivalS: number;
  readonly totalGpuMilli: number;
  /** Free GPU milli-seconds while a waiting job asked for no more than the free GPUs added up to:
   * capacity lost to fragmentation, not to demand. */
  readonly fragmentedGpuMilliS: number;
  readonly failures: number;
  readonly preemptions: number;
  /** Jobs given up after MAX_RESTARTS failures or preemptions. */
  readonly abandoned: number;
  /** GPU milli-seconds batch jobs held: the work kept, and what failures and preemptions lost (work
   * since the last checkpoint, and the restarts). With the time lost to spread and the time sessions
   * held idle, they add up to what the jobs held. */
  readonly usefulGpuMilliS: number;
  readonly lostGpuMilliS: number;
  readonly preemptedGpuMilliS: number;
  /** GPU milli-seconds gangs spent beyond what one leaf group would have taken, where one could have
   * held them; and the gangs that ran spread. */
  readonly spreadGpuMilliS: number;
  readonly spreadGangs: number;
  /** GPU milli-seconds interactive sessions held without computing (of the work they kept). */
  readonly idleHeldGpuMilliS: number;
  /** Times a job within its team's quota preempted jobs of teams beyond theirs. */
  readonly quotaPreemptions: number;
  /** Jobs `las` suspended for a job of a higher queue (counted in preemptions too). */
  readonly suspensions: number;
  /** Times a job preempted jobs of a lower priority class. */
  readonly priorityPreemptions: number;
  readonly cloud: {
    readonly jobs: number;
    readonly billedGpuS: number;
    readonly spendUsd: number;
    readonly reclaims: number;
  };
  readonly fleets: readonly FleetResult[];
  readonly timeline: ClusterTimeline;
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
const BURST = 3;
const CLOUD_DONE = 4;
const AUTOSCALE = 5;
const SAMPLE = 6;
/** A running job's attained service crosses a `las` queue's bound. */
const DEMOTE = 7;

const FAILED = 1;
const PREEMPTED = 2;
/** Suspended by `las`: the work is kept, the resume is lost to preemption. */
const SUSPENDED = 3;

/** Restarts after which a job is given up: one that fails faster than it checkpoints never ends. */
export const MAX_RESTARTS = 1000;
const DEFAULT_CHECKPOINT_S = 3600;
const DEFAULT_SAMPLE_S = 3600;
/** Jobs backfill looks at behind a blocked one in a pass: Slurm's bf_max_job_test, whose default is
 * 500 (slurm.conf(5), SchedulerParameters). Bounds a pass on a long queue. */
export const BACKFILL_DEPTH = 500;

const shapeKey = (s: TaskShape) => `${s.cpuMilli}|${s.memoryMib}|${s.gpus}|${s.gpuMilli}|${s.modelMask}`;

export function simulateSharedCluster(
  nodes: readonly TraceNode[],
  jobs: readonly ClusterJob[],
  o: SharedClusterOptions,
): SharedClusterResult {
  const fleets = o.fleets ?? [];
  if (fleets.length > 0 && !(o.horizonS !== undefined && Number.isFinite(o.horizonS)))
    throw new Error('serving fleets run for ever: a horizon is required');
  const state = new ClusterState(nodes);
  const rng = new Random(o.seed);
  const n = jobs.length;
  // Replica slots of fleet f are firstSlot[f] .. firstSlot[f + 1] - 1.
  const firstSlot = new Int32Array(fleets.length + 1);
  firstSlot[0] = n;
  fleets.forEach((f, i) => {
    firstSlot[i + 1] = firstSlot[i]! + f.maxReplicas;
  });
  const entities = firstSlot[fleets.length]!;
  const fleetShapes: TaskShape[] = fleets.map((f) => ({
    cpuMilli: 0,
    memoryMib: 0,
    gpus: f.gpusPerReplica,
    gpuMilli: MILLI_PER_GPU,
    modelMask: 0,
  }));
  const fleetOf = new Int32Array(Math.max(1, entities - n));
  fleets.forEach((_, f) => {
    for (let e = firstSlot[f]!; e < firstSlot[f + 1]!; e++) fleetOf[e - n] = f;
  });
  const shapeOf = (e: number): TaskShape => (e < n ? jobs[e]!.shape : fleetShapes[fleetOf[e - n]!]!);
  const allShapes = jobs.map((j) => j.shape).concat(fleetShapes);
  const placer = new Placer(state, o.placement, typicalShapes(allShapes), rng);
  const keys = allShapes.map(shapeKey);
  const keyOf = (e: number) => (e < n ? keys[e]! : keys[n + fleetOf[e - n]!]!);

  const events = new EventQueue(Math.max(16, 2 * entities + 4));
  const waitS = new Float64Array(n).fill(Number.NaN);
  const startS = new Float64Array(entities).fill(Number.NaN);
  const endedS = new Float64Array(n).fill(Number.NaN);
  const endAt = new Float64Array(entities).fill(Number.NaN);
  const node = new Int32Array(entities).fill(-1);
  const gpusTaken = new Int32Array(entities * 8);
  const waiting = new Uint8Array(n);
  const inCloud = new Uint8Array(n);
  const byArrival = Int32Array.from(jobs.keys()).sort(
    (a, b) => jobs[a]!.arrivalS - jobs[b]!.arrivalS || a - b,
  );
  const estimate = Float64Array.from(jobs, (j) =>
    o.queue === 'sjf-estimate' ? j.durationS * Math.exp(DURATION_ESTIMATE_SIGMA * rng.normal()) : j.durationS,
  );
  const bySize = Int32Array.from(byArrival).sort((a, b) => estimate[a]! - estimate[b]! || a - b);
  const byPolicy = o.queue === 'sjf' || o.queue === 'sjf-estimate' ? bySize : byArrival;
  // Priority classes, highest first (0), and the scan order: by class, then as the policy orders.
  const priorities = [...new Set(jobs.map((j) => j.priority ?? 0))].sort((a, b) => b - a);
  const prioRank = Int32Array.from(jobs, (j) => priorities.indexOf(j.priority ?? 0));
  const policyRank = new Int32Array(n);
  for (let i = 0; i < n; i++) policyRank[byPolicy[i]!] = i;
  const scanOrder =
    priorities.length > 1
      ? Int32Array.from(byPolicy).sort(
          (a, b) => prioRank[a]! - prioRank[b]! || policyRank[a]! - policyRank[b]!,
        )
      : byPolicy;
  const blocking = o.queue === 'fifo' || o.queue === 'sjf' || o.queue === 'sjf-estimate';
  const las = o.queue === 'las';
  // A job no node could hold even empty never runs on the site: refused, or sent to the cloud.
  const empty = new ClusterState(nodes);
  const runnable = new Uint8Array(n);
  let maxNodeGpus = 0;
  for (const x of nodes) maxNodeGpus = Math.max(maxNodeGpus, x.gpus);
  const clusterGpus = empty.gpuFree.length;
  let firstArrival = Number.POSITIVE_INFINITY;
  let pendingBatch = 0;
  for (let j = 0; j < n; j++) {
    const shape = jobs[j]!.shape;
    let fits = shape.gpus > maxNodeGpus && shape.gpuMilli === MILLI_PER_GPU && shape.gpus <= clusterGpus;
    for (let m = 0; m < empty.nodes && !fits; m++) fits = empty.fits(m, shape);
    runnable[j] = fits ? 1 : 0;
    const burstable = o.cloud !== undefined && shape.gpus > 0;
    if (fits || burstable) pendingBatch++;
    events.push(jobs[j]!.arrivalS, ARRIVAL, j);
    const burstAt = burstable ? jobs[j]!.arrivalS + (fits ? o.cloud!.afterWaitS : 0) : Number.NaN;
    if (Number.isFinite(burstAt)) events.push(burstAt, BURST, j);
    firstArrival = Math.min(firstArrival, jobs[j]!.arrivalS);
  }
  if (n === 0) firstArrival = 0;
  const wholeTaken = new Int32Array(Math.max(8, maxNodeGpus));
  const times = new Growable(2 * n + 2);
  const allocated = new Growable(2 * n + 2);
  const remainingS = new Float64Array(entities);
  for (let j = 0; j < n; j++) remainingS[j] = jobs[j]!.durationS;
  const segmentS = new Float64Array(entities);
  const running = new Uint8Array(entities);
  // Why a job restarts: 0 it does not, FAILED, PREEMPTED or SUSPENDED; and the seconds it pays.
  const restarting = new Uint8Array(n);
  const restartS = new Float64Array(n);
  // A job's place in the scan order (under `las`, within its queue, by when it entered the queue).
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[scanOrder[i]!] = i;
  // Under `las`: GPU-seconds each job had before its current run, the queue a running job is counted
  // in, and the GPU milli held by running jobs of each queue (for a cheap look before preempting).
  const attainedGpuS = new Float64Array(n);
  const runQueue = new Int32Array(n);
  const lasQueues = LAS_THRESHOLDS_GPU_S.length + 1;
  const queueHeldMilli = new Float64Array(lasQueues);
  // GPUs (a share counted whole) running jobs of each queue hold on each node, gangs aside: node m,
  // queue q at [m * lasQueues + q]; and the node each running job was counted on (-1: a gang).
  const queueGpusOn = new Int32Array(las ? state.nodes * lasQueues : 0);
  const countedOn = new Int32Array(las ? n : 0);
  const askedGpus = (j: number) => (jobs[j]!.shape.gpus * jobs[j]!.shape.gpuMilli) / MILLI_PER_GPU;
  // Running batch jobs by when they end, for backfill's reservation.
  const plannedEndS = new Float64Array(Math.max(1, n));
  const runningByEnd = new IndexedMinHeap(n, plannedEndS);
  // Batch jobs on each node (a doubly linked list), and the gang holding each node, for preemption.
  const nodeHead = new Int32Array(state.nodes).fill(-1);
  const nextOn = new Int32Array(entities).fill(-1);
  const prevOn = new Int32Array(entities).fill(-1);
  const gangOnNode = new Int32Array(state.nodes).fill(-1);
  const servingOnNode = new Int32Array(state.nodes);
  const checkpointS = o.failures?.checkpointIntervalS ?? o.checkpointIntervalS ?? DEFAULT_CHECKPOINT_S;
  const preempt = o.preemptForServing ?? true;

  let failures = 0;
  let preemptions = 0;
  let abandoned = 0;
  const attempts = new Int32Array(n);
  let useful = 0;
  let idleHeld = 0;
  // GPU milli running jobs hold now without computing (interactive sessions).
  let idleHeldMilliNow = 0;
  const busyShare = (j: number) => jobs[j]!.busyShare ?? 1;
  let lost = 0;
  let preempted = 0;
  let held = 0;
  let servingHeld = 0;
  let integral = 0;
  let fragmented = 0;
  let fragmentedNow = 0;
  let blockedDemand = Number.POSITIVE_INFINITY;
  let lastT = firstArrival;
  let started = 0;
  let completed = 0;
  // Waiting jobs in queues by shape (job-queues.ts).
  const shapeIds = new Map<string, number>();
  const shapeOfJob = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    let id = shapeIds.get(keys[j]!);
    if (id === undefined) {
      id = shapeIds.size;
      shapeIds.set(keys[j]!, id);
    }
    shapeOfJob[j] = id;
  }
  // GPU milli running jobs of each priority class hold.
  const prioHeldMilli = new Float64Array(priorities.length);
  const queues = new JobQueues(n, shapeOfJob, shapeIds.size, las ? lasQueues : 1, waiting);
  let enqueues = 0;
  let waitingCount = 0;
  let cloudMilliNow = 0;
  let cloudJobs = 0;
  let cloudBilled = 0;
  let cloudSpend = 0;
  let cloudReclaims = 0;
  const burst: CloudRun = { totalS: 0, billedS: 0, reclaims: 0, lostS: 0 };
  const horizon = o.horizonS ?? Number.POSITIVE_INFINITY;

  // Per fleet: replicas active (running or starting), the demand and ready capacity since the last
  // look, and the integrals behind its results.
  const fleetActive = new Int32Array(fleets.length);
  const fleetDemand = new Float64Array(fleets.length);
  const fleetReadyCap = new Float64Array(fleets.length);
  const fleetReadyGpuMilli = new Float64Array(fleets.length);
  const fleetLastT = new Float64Array(fleets.length).fill(firstArrival);
  const fleetAsked = new Float64Array(fleets.length);
  const fleetServed = new Float64Array(fleets.length);
  const fleetGpuMilliS = new Float64Array(fleets.length);
  const fleetBusyMilliS = new Float64Array(fleets.length);
  const fleetReplicaS = new Float64Array(fleets.length);
  const fleetMax = new Int32Array(fleets.length);
  const fleetUnplaced = new Int32Array(fleets.length);
  let servingMilliNow = 0;
  let servingBusyMilliNow = 0;

  const sampleS = o.sampleS ?? DEFAULT_SAMPLE_S;
  const tl = {
    timeS: new Growable(),
    allocatedGpus: new Growable(),
    servingGpus: new Growable(),
    busyGpus: new Growable(),
    cloudGpus: new Growable(),
    waitingJobs: new Growable(),
    runningJobs: new Growable(),
  };
  const fleetReplicasTl = fleets.map(() => new Growable());
  const fleetDemandTl = fleets.map(() => new Growable());

  const record = (t: number) => {
    integral += state.allocatedGpuMilli * (t - lastT);
    fragmented += fragmentedNow * (t - lastT);
    lastT = t;
    if (times.length > 0 && times.last() === t) allocated.setLast(state.allocatedGpuMilli);
    else {
      times.push(t);
      allocated.push(state.allocatedGpuMilli);
    }
  };

  // An entity larger than any node runs as a gang on whole idle nodes (gang-former.ts): where its
  // nodes start in the former's list, and how many.
  const gangAt = new Int32Array(entities).fill(-1);
  // Teams: GPU milli each holds, and its quota (none: every job of it runs beyond quota).
  const quotaMilli = Float64Array.from(o.quotaGpus ?? [], (g) => g * MILLI_PER_GPU);
  const teamHeld = new Float64Array(quotaMilli.length);
  const teamOf = Int32Array.from(jobs, (j) =>
    j.team !== undefined && j.team < quotaMilli.length ? j.team : -1,
  );
  const countTeam = (e: number, sign: number) => {
    const team = e < n ? teamOf[e]! : -1;
    if (team >= 0) teamHeld[team] = teamHeld[team]! + sign * heldGpuMilli[e]!;
  };
  const beyondQuota = (e: number) =>
    e < n && (teamOf[e]! < 0 || teamHeld[teamOf[e]!]! > quotaMilli[teamOf[e]!]!);
  let quotaPreemptions = 0;
  let priorityPreemptions = 0;
  let suspensions = 0;
  let quotaTeam = -1;
  // The waiting job's priority class: no preemption for quota or service takes a job of a higher one.
  let takerRank = 0;
  const quotaVictim = (e: number) =>
    e < n && teamOf[e] !== quotaTeam && beyondQuota(e) && prioRank[e]! >= takerRank;
  const fabric = o.topology ? new FabricLevels(state, o.topology) : undefined;
  const topo = fabric && fabric.levels.length > 0 ? fabric : undefined;
  // Work done per second of a run (1 but for a gang in one domain or leaf group), whether it runs
  // spread wider than a unit that could have held it, and the share of its time that costs it.
  const speed = new Float64Array(entities).fill(1);
  const spread = new Uint8Array(entities);
  const overSpreadShare = new Float64Array(entities);
  let spreadLost = 0;
  let spreadGangs = 0;
  const gangCount = new Int32Array(entities);
  const heldGpuMilli = new Float64Array(entities);

  const gangs = new GangFormer(state, o.placement === 'random', rng, topo);

  const startGang = (e: number): boolean => {
    const want = shapeOf(e).gpus;
    // A serving replica a domain could hold keeps to one: its tensor and expert parallelism were
    // planned on NVLink; a job's model-parallel groups keep to one each.
    if (!gangs.form(want, e >= n ? want : (jobs[e]!.scaleUpGroupGpus ?? 0))) return false;
    gangs.keep();
    for (let i = 0; i < gangs.count; i++) {
      const m = gangs.nodes[gangs.at + i]!;
      state.place(m, wholeNode(state, m), -1);
      gangOnNode[m] = e;
    }
    gangAt[e] = gangs.at;
    gangCount[e] = gangs.count;
    heldGpuMilli[e] = gangs.gpus * MILLI_PER_GPU;
    countTeam(e, 1);
    if (topo) {
      // Time in the units it holds over its time spread, and against the smallest that could hold it.
      const c = e < n ? (jobs[e]!.commShare ?? 0) : 0;
      const at = topo.timeFactor(gangs.heldLevel, c);
      spread[e] = gangs.heldLevel > gangs.fitLevel ? 1 : 0;
      overSpreadShare[e] = 1 - topo.timeFactor(gangs.fitLevel, c) / at;
      speed[e] = 1 / at;
    }
    return true;
  };

  /** Takes GPUs for entity e, by the placement policy; false if none fit. */
  const take = (e: number): boolean => {
    const shape = shapeOf(e);
    if (shape.gpus > maxNodeGpus) return state.idleGpus >= shape.gpus && startGang(e);
    // No node with enough whole GPUs: no need to ask the placement policy.
    if (shape.gpus > 0 && shape.gpuMilli === MILLI_PER_GPU && !state.hasWholeFree(shape.gpus)) return false;
    const at = placer.choose(shape, keyOf(e));
    if (at < 0) return false;
    takeOn(e, at);
    return true;
  };
  const takeOn = (e: number, at: number) => {
    const shape = shapeOf(e);
    state.place(at, shape, placer.chosenGpu, gpusTaken, e * 8);
    node[e] = at;
    heldGpuMilli[e] = shape.gpus * shape.gpuMilli;
    countTeam(e, 1);
    if (e >= n) servingOnNode[at]!++;
    else {
      nextOn[e] = nodeHead[at]!;
      prevOn[e] = -1;
      if (nodeHead[at]! >= 0) prevOn[nodeHead[at]!] = e;
      nodeHead[at] = e;
    }
  };

  const release = (e: number) => {
    running[e] = 0;
    countTeam(e, -1);
    if (gangAt[e]! >= 0) {
      for (let i = 0; i < gangCount[e]!; i++) {
        const m = gangs.nodes[gangAt[e]! + i]!;
        for (let g = state.gpuStart[m]!; g < state.gpuStart[m + 1]!; g++)
          wholeTaken[g - state.gpuStart[m]!] = g;
        state.release(m, wholeNode(state, m), wholeTaken, 0);
        gangOnNode[m] = -1;
      }
      gangAt[e] = -1;
      return;
    }
    const m = node[e]!;
    state.release(m, shapeOf(e), gpusTaken, e * 8);
    if (e >= n) servingOnNode[m]!--;
    else {
      if (prevOn[e]! >= 0) nextOn[prevOn[e]!] = nextOn[e]!;
      else nodeHead[m] = nextOn[e]!;
      if (nextOn[e]! >= 0) prevOn[nextOn[e]!] = prevOn[e]!;
    }
    node[e] = -1;
  };

  const setRunning = (j: number, on: boolean) => {
    if (on) runningByEnd.insert(j);
    else runningByEnd.remove(j);
    idleHeldMilliNow += (on ? 1 : -1) * heldGpuMilli[j]! * (1 - busyShare(j));
    prioHeldMilli[prioRank[j]!] = prioHeldMilli[prioRank[j]!]! + (on ? heldGpuMilli[j]! : -heldGpuMilli[j]!);
    if (!las) return;
    if (on) {
      runQueue[j] = lasQueue(attainedGpuS[j]!);
      countedOn[j] = node[j]!;
    }
    countInQueue(j, runQueue[j]!, on ? 1 : -1);
  };
  const countInQueue = (j: number, q: number, sign: number) => {
    queueHeldMilli[q] = queueHeldMilli[q]! + sign * heldGpuMilli[j]!;
    const m = countedOn[j]!;
    if (m >= 0) queueGpusOn[m * lasQueues + q]! += sign * Math.max(1, jobs[j]!.shape.gpus);
  };
  /** GPUs held on node m by running jobs of queues below the waiting job's. */
  const lowerGpusOn = (m: number): number => {
    let g = 0;
    for (let q = lasWaiting + 1; q < lasQueues; q++) g += queueGpusOn[m * lasQueues + q]!;
    return g;
  };
  /** A running job's attained service crossed its queue's bound at t: it now counts in the next. */
  const demote = (j: number, t: number) => {
    if (!running[j] || j >= n) return;
    const q = lasQueue(attainedGpuS[j]! + askedGpus(j) * (t - segmentS[j]!) + 1e-6);
    if (q <= runQueue[j]!) return;
    countInQueue(j, runQueue[j]!, -1);
    runQueue[j] = q;
    countInQueue(j, q, 1);
    pushDemotion(j, t);
  };
  const pushDemotion = (j: number, t: number) => {
    const gpus = askedGpus(j);
    const left = serviceToNextQueue(attainedGpuS[j]! + gpus * (t - segmentS[j]!));
    if (gpus > 0 && Number.isFinite(left)) events.push(t + left / gpus, DEMOTE, j);
  };

  const launch = (j: number, t: number) => {
    waiting[j] = 0;
    waitingCount--;
    if (!(startS[j]! >= 0)) {
      startS[j] = t;
      waitS[j] = t - jobs[j]!.arrivalS;
      started++;
    }
    segmentS[j] = t;
    running[j] = 1;
    const f = o.failures;
    const runFor = remainingS[j]! / speed[j]! + (restarting[j] ? restartS[j]! : 0);
    if (spread[j]) spreadGangs++;
    const ratePerS = f ? (f.perGpuHour * heldGpuMilli[j]!) / MILLI_PER_GPU / 3600 : 0;
    const ttf = ratePerS > 0 ? rng.exponential(1 / ratePerS) : Number.POSITIVE_INFINITY;
    endAt[j] = t + Math.min(ttf, runFor);
    // The scheduler knows when a job will end if nothing fails, not when it will fail.
    plannedEndS[j] = t + runFor;
    setRunning(j, true);
    events.push(endAt[j]!, ttf < runFor ? FAILURE : COMPLETION, j);
    if (las) pushDemotion(j, t);
  };

  let lostNow = 0;
  /** What a run segment of job j from segmentS to t did: its restart and, when it failed or was
   * preempted, the work since its last checkpoint are lost; the rest is kept. Returns the work kept,
   * in seconds. */
  const settle = (j: number, t: number, interrupted: boolean): number => {
    const elapsed = t - segmentS[j]!;
    const restart = restarting[j] ? Math.min(elapsed, restartS[j]!) : 0;
    attainedGpuS[j] = attainedGpuS[j]! + askedGpus(j) * elapsed;
    const progress = elapsed - restart;
    const kept = interrupted ? Math.floor(progress / checkpointS) * checkpointS : progress;
    // A gang spread where one group could hold it spends this share of its kept time on the spread.
    const overSpread = spread[j] ? kept * overSpreadShare[j]! * heldGpuMilli[j]! : 0;
    spreadLost += overSpread;
    const idle = (kept * heldGpuMilli[j]! - overSpread) * (1 - busyShare(j));
    idleHeld += idle;
    useful += kept * heldGpuMilli[j]! - overSpread - idle;
    lostNow = (elapsed - kept) * heldGpuMilli[j]!;
    held += elapsed * heldGpuMilli[j]!;
    return kept * speed[j]!;
  };

  /** Job j stops and waits again with the work it kept; given up after MAX_RESTARTS. */
  const requeue = (j: number, kept: number, cause: number) => {
    remainingS[j] = remainingS[j]! - kept;
    release(j);
    setRunning(j, false);
    restarting[j] = cause;
    restartS[j] = cause === SUSPENDED ? suspendResumeS(jobs[j]!.shape.gpus) : (o.failures?.restartS ?? 0);
    // A suspension is not a restart that may never end: each needs a newcomer of a higher queue.
    if (cause !== SUSPENDED && ++attempts[j]! > MAX_RESTARTS) {
      abandoned++;
      pendingBatch--;
      return;
    }
    waiting[j] = 1;
    waitingCount++;
    enqueue(j);
  };

  /** Job j is preempted at t: it loses the work since its checkpoint, or none if it is suspended (it
   * writes one as it goes). */
  let suspending = false;
  const evict = (j: number, t: number) => {
    const kept = settle(j, t, !suspending);
    preempted += lostNow;
    preemptions++;
    if (suspending) suspensions++;
    requeue(j, kept, suspending ? SUSPENDED : PREEMPTED);
  };

  /** Frees a node with room for `gpus` GPUs by preempting the jobs `victim` allows: the node where
   * the fewest GPUs must go. Returns the node, or -1. */
  const preemptFor = (gpus: number, t: number, victim: (e: number) => boolean): number => {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let m = 0; m < state.nodes; m++) {
      const size = state.gpuStart[m + 1]! - state.gpuStart[m]!;
      if (size < gpus) continue;
      const g = gangOnNode[m]!;
      let cost: number;
      if (g >= 0) {
        if (g >= n || !victim(g)) continue;
        cost = heldGpuMilli[g]! / MILLI_PER_GPU;
      } else {
        cost = victimGpusOn(m, victim);
        // A node that needs nobody to go is not what preemption is for (a gang looks for idle nodes).
        if (cost === 0 || state.wholeFree[m]! + cost < gpus) continue;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = m;
        // No node needs fewer to go than one GPU's jobs.
        if (cost <= 1) break;
      }
    }
    if (best < 0) return -1;
    const g = gangOnNode[best]!;
    if (g >= 0) evict(g, t);
    else
      for (let e = nodeHead[best]!; e >= 0; ) {
        const next = nextOn[e]!;
        if (victim(e)) evict(e, t);
        e = next;
      }
    return best;
  };
  /** GPUs the jobs `victim` allows hold on node m, shares counted whole (a shared GPU is not whole-free). */
  const victimGpusOn = (m: number, victim: (e: number) => boolean): number => {
    if (victim === lowerQueue && quotaMilli.length === 0 && priorities.length === 1) return lowerGpusOn(m);
    let g = 0;
    for (let e = nodeHead[m]!; e >= 0; e = nextOn[e]!) if (victim(e)) g += Math.max(1, shapeOf(e).gpus);
    return g;
  };
  const anyBatch = (e: number) => e < n;

  /** A job of a team within its quota that found no room takes it from jobs of teams beyond theirs. */
  const takeWithinQuota = (j: number, t: number): boolean => {
    const team = teamOf[j]!;
    const shape = jobs[j]!.shape;
    if (team < 0 || teamHeld[team]! + shape.gpus * shape.gpuMilli > quotaMilli[team]!) return false;
    quotaTeam = team;
    const before = preemptions;
    const took = takeByPreempting(j, t, quotaVictim);
    quotaPreemptions += preemptions > before ? 1 : 0;
    return took;
  };

  /** Under `las`, a job that found no room suspends running jobs of lower queues for it, when they
   * and the free GPUs add up to what it asks. With quotas, never a job of another team within its
   * quota: a guarantee outranks attained service (else each would undo the other's preemptions). */
  let lasWaiting = 0;
  let lasTeam = -1;
  const lowerQueue = (e: number) =>
    e < n &&
    runQueue[e]! > lasWaiting &&
    prioRank[e]! >= takerRank &&
    (quotaMilli.length === 0 || teamOf[e] === lasTeam || beyondQuota(e));
  const takeFromLowerQueues = (j: number, t: number): boolean => {
    lasWaiting = lasQueue(attainedGpuS[j]!);
    lasTeam = teamOf[j]!;
    if (!roomBelow(j, queueHeldMilli, lasWaiting)) return false;
    suspending = true;
    const took = takeByPreempting(j, t, lowerQueue);
    suspending = false;
    return took;
  };

  /** A job that found no room preempts running jobs of lower priority classes (they keep their last
   * checkpoint), when they and the free GPUs add up to what it asks. */
  const lowerPriority = (e: number) => e < n && prioRank[e]! > takerRank;
  const takeFromLowerPriority = (j: number, t: number): boolean => {
    if (!roomBelow(j, prioHeldMilli, prioRank[j]!)) return false;
    const before = preemptions;
    const took = takeByPreempting(j, t, lowerPriority);
    priorityPreemptions += preemptions > before ? 1 : 0;
    return took;
  };

  /** Whether the free GPUs and those running jobs hold in classes after `rank` (lower queues, lower
   * priorities: `heldMilli` by class) add up to what job j asks: a look before any preemption. */
  const roomBelow = (j: number, heldMilli: Float64Array, rank: number): boolean => {
    let room = state.totalGpuMilli - state.allocatedGpuMilli;
    for (let r = rank + 1; r < heldMilli.length; r++) room += heldMilli[r]!;
    return room >= jobs[j]!.shape.gpus * jobs[j]!.shape.gpuMilli;
  };

  /** Room for job j taken from the jobs `victim` allows: a node's worth for a job on one node, whole
   * nodes for a gang. False (nobody preempted) when they hold too little to make room. */
  const takeByPreempting = (j: number, t: number, victim: (e: number) => boolean): boolean => {
    const shape = jobs[j]!.shape;
    if (shape.gpus <= maxNodeGpus) {
      const m = preemptFor(shape.gpus, t, victim);
      if (m < 0) return false;
      if (!state.fits(m, shape)) return take(j);
      // The node just freed: no need to score every node again.
      placer.chooseGpuOn(m, shape);
      takeOn(j, m);
      return true;
    }
    // A gang: enough nodes that are idle or held whole by such jobs, or nobody is preempted.
    let could = state.idleGpus;
    for (let m = 0; m < state.nodes && could < shape.gpus; m++) {
      const g = gangOnNode[m]!;
      const size = state.gpuStart[m + 1]! - state.gpuStart[m]!;
      if (g >= 0 ? victim(g) : !state.idle(m) && victimGpusOn(m, victim) + state.wholeFree[m]! >= size)
        could += size;
    }
    if (could < shape.gpus) return false;
    const size = state.gpuStart[1]! - state.gpuStart[0]!;
    for (let tries = 0; tries < state.nodes && state.idleGpus < shape.gpus; tries++)
      if (preemptFor(size, t, victim) < 0) break;
    return take(j);
  };

  /** Starts replica slot e of fleet f; false when no GPUs could be had. */
  const startReplica = (e: number, f: number, t: number): boolean => {
    if (!take(e)) {
      if (!preempt || shapeOf(e).gpus > maxNodeGpus) return false;
      const m = preemptFor(fleets[f]!.gpusPerReplica, t, anyBatch);
      if (m < 0 || !state.fits(m, shapeOf(e))) return false;
      takeOn(e, m);
    }
    running[e] = 1;
    startS[e] = t;
    segmentS[e] = t;
    fleetActive[f]!++;
    servingMilliNow += heldGpuMilli[e]!;
    return true;
  };
  const stopReplica = (e: number, f: number, t: number) => {
    const gpuS = (t - segmentS[e]!) * heldGpuMilli[e]!;
    servingHeld += gpuS;
    fleetGpuMilliS[f] = fleetGpuMilliS[f]! + gpuS;
    servingMilliNow -= heldGpuMilli[e]!;
    release(e);
    fleetActive[f]!--;
  };

  /** The autoscaler of fleet f at t: account the interval since its last look, then set replicas. */
  const autoscale = (f: number, t: number) => {
    const fl = fleets[f]!;
    settleFleet(f, t);
    const demand = fleetDemandPerS(fl, t);
    const target = targetReplicas(fl, demand);
    for (let e = firstSlot[f + 1]! - 1; e >= firstSlot[f]! && fleetActive[f]! > target; e--)
      if (running[e]) stopReplica(e, f, t);
    for (let e = firstSlot[f]!; e < firstSlot[f + 1]! && fleetActive[f]! < target; e++)
      if (!running[e] && !startReplica(e, f, t)) {
        fleetUnplaced[f]!++;
        break;
      }
    fleetMax[f] = Math.max(fleetMax[f]!, fleetActive[f]!);
    // Ready replicas (weights loaded) serve until the next look.
    let ready = 0;
    let readyMilli = 0;
    for (let e = firstSlot[f]!; e < firstSlot[f + 1]!; e++)
      if (running[e] && t - startS[e]! >= fl.startupS) {
        ready++;
        readyMilli += heldGpuMilli[e]!;
      }
    fleetDemand[f] = demand;
    fleetReadyCap[f] = ready * fl.capacityPerReplicaPerS;
    fleetReadyGpuMilli[f] = readyMilli;
    servingBusyMilliNow = 0;
    for (let k = 0; k < fleets.length; k++) servingBusyMilliNow += fleetBusyMilli(k);
  };
  const fleetBusyMilli = (f: number) =>
    fleetReadyCap[f]! > 0 ? fleetReadyGpuMilli[f]! * Math.min(1, fleetDemand[f]! / fleetReadyCap[f]!) : 0;
  const settleFleet = (f: number, t: number) => {
    const dt = t - fleetLastT[f]!;
    fleetAsked[f] = fleetAsked[f]! + fleetDemand[f]! * dt;
    fleetServed[f] = fleetServed[f]! + Math.min(fleetDemand[f]!, fleetReadyCap[f]!) * dt;
    fleetBusyMilliS[f] = fleetBusyMilliS[f]! + fleetBusyMilli(f) * dt;
    fleetReplicaS[f] = fleetReplicaS[f]! + fleetActive[f]! * dt;
    fleetLastT[f] = t;
  };

  /** Job j leaves the queue for the cloud at t. */
  const sendToCloud = (j: number, t: number) => {
    const c = o.cloud!;
    waiting[j] = 0;
    waitingCount--;
    const shape = jobs[j]!.shape;
    // Clouds rent whole GPUs: a share of one rents one.
    const gpus = Math.max(1, shape.gpus);
    const work = remainingS[j]! + (restarting[j] ? (o.failures?.restartS ?? 0) : 0);
    cloudRun(c, work, rng, burst);
    inCloud[j] = 1;
    cloudJobs++;
    cloudReclaims += burst.reclaims;
    cloudBilled += gpus * burst.billedS;
    cloudSpend += (gpus * burst.billedS * cloudPricePerGpuHour(c)) / 3600;
    cloudMilliNow += gpus * MILLI_PER_GPU;
    if (!(startS[j]! >= 0)) {
      startS[j] = t + c.provisioningS;
      waitS[j] = startS[j]! - jobs[j]!.arrivalS;
      started++;
    }
    events.push(t + burst.totalS, CLOUD_DONE, j);
  };

  const schedule = (t: number) => {
    schedulePass(t);
    burstQueue(t);
    // Free GPUs are lost to fragmentation while a job that tried and could not start asks for no
    // more than they add up to: only their split over nodes keeps it waiting.
    const free = state.totalGpuMilli - state.allocatedGpuMilli;
    fragmentedNow = blockedDemand <= free ? free : 0;
  };

  /** While more jobs wait than the cloud's queue threshold, the earliest waiting go to the cloud. */
  const burstQueue = (t: number) => {
    const over = o.cloud?.queueOver;
    if (over === undefined) return;
    queues.newPass();
    while (waitingCount > over) {
      const j = queues.firstWaiting();
      if (j < 0 || jobs[j]!.shape.gpus === 0) return;
      sendToCloud(j, t);
    }
  };

  /** When the blocked job j could start if nothing else started: the time running jobs' ends free
   * enough GPUs for it (counting GPUs, not their split over nodes). */
  let freed = 0;
  let need = 0;
  const freesEnough = (r: number) => {
    freed += heldGpuMilli[r]!;
    return freed >= need;
  };
  const reservation = (j: number): number => {
    need = jobs[j]!.shape.gpus * jobs[j]!.shape.gpuMilli;
    freed = state.totalGpuMilli - state.allocatedGpuMilli;
    if (need <= freed) return Number.POSITIVE_INFINITY;
    // Running jobs in the order they end, until they have freed enough.
    const last = runningByEnd.walk(freesEnough);
    return last < 0 ? Number.POSITIVE_INFINITY : plannedEndS[last]!;
  };

  /** Puts waiting job j in its shape's queue at its place in the scan order; under `las`, in its
   * queue by service had, at the back: first come first served by when it entered the queue. */
  const LEVEL_KEY = 2 ** 32;
  const enqueue = (j: number) => {
    if (!las) return queues.enqueue(j, rank[j]!);
    const level = lasQueue(attainedGpuS[j]!);
    queues.enqueue(j, (prioRank[j]! * lasQueues + level) * LEVEL_KEY + ++enqueues, level);
  };

  const blocked = (j: number) => {
    queues.fail(j);
    const demand = jobs[j]!.shape.gpus * jobs[j]!.shape.gpuMilli;
    if (demand > 0 && demand < blockedDemand) blockedDemand = demand;
  };

  const schedulePass = (t: number) => {
    blockedDemand = Number.POSITIVE_INFINITY;
    if (waitingCount === 0) return;
    queues.newPass();
    for (let j = queues.firstWaiting(); j >= 0; j = queues.firstWaiting()) {
      takerRank = prioRank[j]!;
      if (
        take(j) ||
        (priorities.length > 1 && takeFromLowerPriority(j, t)) ||
        (quotaMilli.length > 0 && takeWithinQuota(j, t)) ||
        (las && takeFromLowerQueues(j, t))
      ) {
        launch(j, t);
        continue;
      }
      blocked(j);
      if (blocking) return;
      if (o.queue === 'backfill') {
        backfill(t, reservation(j));
        return;
      }
    }
  };

  /** Jobs behind a blocked one that end before it could start, shape by shape, as far as
   * BACKFILL_DEPTH jobs looked at. */
  const backfill = (t: number, shadow: number) => {
    let depth = BACKFILL_DEPTH;
    for (let qi = 0; qi < queues.queueCount && depth > 0; qi++) {
      if (queues.failedQueue(qi) || queues.headOf(qi) < 0) continue;
      const q = queues.entries(qi);
      for (let i = queues.headIndex(qi); i < q.length && depth > 0; i++) {
        if (!queues.live(qi, i)) continue;
        const j = q[i]!;
        depth--;
        if (t + remainingS[j]! > shadow) continue;
        if (!take(j)) {
          blocked(j);
          break;
        }
        launch(j, t);
      }
    }
  };

  /** A run that ends or is still running at the end: the restart that began it is lost to what
   * interrupted the run before. */
  const settleDone = (j: number, t: number) => {
    settle(j, t, false);
    if (restarting[j] === PREEMPTED || restarting[j] === SUSPENDED) preempted += lostNow;
    else lost += lostNow;
  };

  /** Job j's run ends at t, done or failed. */
  const endRun = (j: number, t: number, failed: boolean) => {
    if (failed) {
      const kept = settle(j, t, true);
      lost += lostNow;
      failures++;
      requeue(j, kept, FAILED);
      return;
    }
    settleDone(j, t);
    release(j);
    setRunning(j, false);
    completed++;
    pendingBatch--;
    endedS[j] = t;
  };

  const pushRecurring = (t: number, kind: number, id: number) => {
    if (t <= horizon && (Number.isFinite(horizon) || pendingBatch > 0)) events.push(t, kind, id);
  };
  pushRecurring(firstArrival, SAMPLE, 0);
  fleets.forEach((_, f) => {
    pushRecurring(firstArrival, AUTOSCALE, f);
  });

  const sample = (t: number) => {
    tl.timeS.push(t);
    tl.allocatedGpus.push(state.allocatedGpuMilli / MILLI_PER_GPU);
    tl.servingGpus.push(servingMilliNow / MILLI_PER_GPU);
    tl.busyGpus.push(
      (state.allocatedGpuMilli - servingMilliNow + servingBusyMilliNow - idleHeldMilliNow) / MILLI_PER_GPU,
    );
    tl.cloudGpus.push(cloudMilliNow / MILLI_PER_GPU);
    tl.waitingJobs.push(waitingCount);
    tl.runningJobs.push(runningByEnd.size);
    for (let f = 0; f < fleets.length; f++) {
      fleetReplicasTl[f]!.push(fleetActive[f]!);
      fleetDemandTl[f]!.push(fleetDemand[f]!);
    }
  };

  let popped = 0;
  while (events.pop()) {
    // Progress every few thousand events: the clock's share of the horizon, or the jobs' that ended.
    if (o.onProgress && (++popped & 4095) === 0)
      o.onProgress(
        Number.isFinite(horizon) ? events.time / horizon : (completed + abandoned) / Math.max(1, n),
      );
    const t = events.time;
    if (t > horizon) break;
    const e = events.id;
    const kind = events.kind;
    // Without a horizon the clock stops with the last job: later samples are not taken.
    if (kind === SAMPLE && !Number.isFinite(horizon) && pendingBatch === 0) continue;
    record(t);
    if (kind === ARRIVAL) {
      if (runnable[e]) {
        waiting[e] = 1;
        waitingCount++;
        enqueue(e);
      }
    } else if (kind === COMPLETION || kind === FAILURE) {
      // An event of a run that a preemption cut short is stale.
      if (running[e] && endAt[e] === t) endRun(e, t, kind === FAILURE);
    } else if (kind === BURST) {
      if (waiting[e] || (!runnable[e] && !inCloud[e] && !(endedS[e]! >= 0))) {
        if (!runnable[e]) {
          waiting[e] = 1;
          waitingCount++;
        }
        sendToCloud(e, t);
      }
    } else if (kind === CLOUD_DONE) {
      cloudMilliNow -= Math.max(1, jobs[e]!.shape.gpus) * MILLI_PER_GPU;
      completed++;
      pendingBatch--;
      endedS[e] = t;
    } else if (kind === DEMOTE) {
      demote(e, t);
    } else if (kind === AUTOSCALE) {
      autoscale(e, t);
      pushRecurring(t + fleets[e]!.intervalS, AUTOSCALE, e);
    } else {
      sample(t);
      pushRecurring(t + sampleS, SAMPLE, 0);
    }
    // Events at the same instant are all seen before anyone is placed.
    if (events.nextTime === t) continue;
    schedule(t);
    record(t);
  }
  const endS = Number.isFinite(horizon) ? horizon : lastT;
  record(endS);
  // Jobs and replicas still running at the end: what they did so far.
  for (let j = 0; j < n; j++) if (running[j]) settleDone(j, endS);
  fleets.forEach((_, f) => {
    settleFleet(f, endS);
    for (let e = firstSlot[f]!; e < firstSlot[f + 1]!; e++) if (running[e]) stopReplica(e, f, endS);
  });
  const samples = tl.timeS.length;
  const replicas = new Float64Array(fleets.length * samples);
  const demandPerS = new Float64Array(fleets.length * samples);
  fleets.forEach((_, f) => {
    replicas.set(fleetReplicasTl[f]!.values(), f * samples);
    demandPerS.set(fleetDemandTl[f]!.values(), f * samples);
  });
  const span = Math.max(1e-9, endS - firstArrival);
  return {
    jobs: n,
    started,
    completed,
    waitingAtEnd: waitingCount,
    waitS,
    endedS,
    inCloud,
    timesS: times.values(),
    allocatedGpuMilli: allocated.values(),
    allocatedGpuMilliS: integral,
    jobGpuMilliS: held + servingHeld,
    servingGpuMilliS: servingHeld,
    endS,
    firstArrivalS: firstArrival,
    totalGpuMilli: state.totalGpuMilli,
    fragmentedGpuMilliS: fragmented,
    failures,
    preemptions,
    abandoned,
    usefulGpuMilliS: useful,
    lostGpuMilliS: lost,
    preemptedGpuMilliS: preempted,
    spreadGpuMilliS: spreadLost,
    idleHeldGpuMilliS: idleHeld,
    quotaPreemptions,
    suspensions,
    priorityPreemptions,
    spreadGangs,
    cloud: { jobs: cloudJobs, billedGpuS: cloudBilled, spendUsd: cloudSpend, reclaims: cloudReclaims },
    fleets: fleets.map((fl, f) => ({
      name: fl.name,
      sloAttainment: fleetAsked[f]! > 0 ? fleetServed[f]! / fleetAsked[f]! : 1,
      gpuS: fleetGpuMilliS[f]! / MILLI_PER_GPU,
      busyGpuS: fleetBusyMilliS[f]! / MILLI_PER_GPU,
      meanReplicas: fleetReplicaS[f]! / span,
      maxReplicas: fleetMax[f]!,
      unplacedStarts: fleetUnplaced[f]!,
    })),
    timeline: {
      timeS: tl.timeS.values(),
      allocatedGpus: tl.allocatedGpus.values(),
      servingGpus: tl.servingGpus.values(),
      busyGpus: tl.busyGpus.values(),
      cloudGpus: tl.cloudGpus.values(),
      waitingJobs: tl.waitingJobs.values(),
      runningJobs: tl.runningJobs.values(),
      replicas,
      demandPerS,
    },
  };
}
