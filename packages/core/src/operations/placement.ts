// Placing tasks on GPU nodes, one at a time, by a named policy: the node scorers Weng et al. (USENIX
// ATC 2023) compare (random, best-fit, dot-product, GPU packing, GPU clustering, fragmentation
// gradient descent), as their artifact (hkust-adsl/kubernetes-scheduler-simulator) scores them on a
// Kubernetes 0–100 integer scale with a random pick among the best. State lives in typed arrays: a
// placement allocates nothing.

import type { Random } from '../sim/random.js';
import { PLACEMENT_POLICIES, type PlacementPolicy } from '../vocab/operations.js';
import { MILLI_PER_GPU, type TraceNode, type TraceTask } from './cluster-trace.js';
import { nodeFragmentation, type TaskShape, type TypicalShapes } from './fragmentation.js';

export { PLACEMENT_POLICIES, type PlacementPolicy };

/** The largest node of the trace's cluster, by which best-fit and dot-product normalise (the
 * artifact's max spec: 128 CPUs, 8 GPUs). */
const MAX_CPU_MILLI = 128_000;
const MAX_GPU_MILLI = 8 * MILLI_PER_GPU;

/** Labels GPU clustering groups tasks by, as a bit index: no GPU, a share of one, or k whole GPUs. */
function labelBit(t: TaskShape): number {
  if (t.gpus === 0) return 0;
  if (t.gpuMilli < MILLI_PER_GPU) return 1;
  return 2 + Math.min(LABEL_BITS - 3, Math.round(Math.log2(t.gpus)));
}
const LABEL_BITS = 24;
const taskLabel = (t: TaskShape): number => 1 << labelBit(t);

export class ClusterState {
  readonly nodes: number;
  readonly models: readonly string[];
  readonly model: Int32Array;
  readonly cpuTotal: Float64Array;
  readonly cpuFree: Float64Array;
  readonly memoryFree: Float64Array;
  /** GPU g of node n is gpuFree[gpuStart[n] + g], in milli. */
  readonly gpuStart: Int32Array;
  readonly gpuFree: Float64Array;
  readonly gpuFreeSum: Float64Array;
  /** Per node: GPUs wholly free, and the most any one GPU has free: what `fits` asks, kept current. */
  readonly wholeFree: Int32Array;
  readonly maxGpuFree: Float64Array;
  readonly labels: Int32Array;
  /** Tasks of each label on each node: a label leaves a node with its last task. */
  private readonly labelCount: Int32Array;
  /** Bumped whenever a node changes: cached scores of older versions are stale. */
  readonly version: Int32Array;
  readonly totalGpuMilli: number;
  allocatedGpuMilli = 0;
  private readonly memoryTotal: Float64Array;
  /** Nodes by their wholly free GPUs: wholeFreeNodes[k] nodes have exactly k. Answers "does any node
   * have g whole GPUs free" without a pass over the nodes. */
  private readonly wholeFreeNodes: Int32Array;
  /** GPUs of the nodes nothing runs on: what a gang on whole idle nodes could take. */
  idleGpus = 0;

  constructor(nodes: readonly TraceNode[]) {
    const models = [...new Set(nodes.map((n) => n.model))];
    this.models = models;
    this.nodes = nodes.length;
    this.model = Int32Array.from(nodes, (n) => models.indexOf(n.model));
    this.cpuTotal = Float64Array.from(nodes, (n) => n.cpuMilli);
    this.cpuFree = Float64Array.from(nodes, (n) => n.cpuMilli);
    this.memoryFree = Float64Array.from(nodes, (n) => n.memoryMib);
    this.gpuStart = new Int32Array(nodes.length + 1);
    nodes.forEach((n, i) => {
      this.gpuStart[i + 1] = this.gpuStart[i]! + n.gpus;
    });
    this.gpuFree = new Float64Array(this.gpuStart[nodes.length]!).fill(MILLI_PER_GPU);
    this.gpuFreeSum = Float64Array.from(nodes, (n) => n.gpus * MILLI_PER_GPU);
    this.wholeFree = Int32Array.from(nodes, (n) => n.gpus);
    this.maxGpuFree = Float64Array.from(nodes, (n) => (n.gpus > 0 ? MILLI_PER_GPU : 0));
    this.labels = new Int32Array(nodes.length);
    this.labelCount = new Int32Array(nodes.length * LABEL_BITS);
    this.version = new Int32Array(nodes.length);
    this.totalGpuMilli = this.gpuFree.length * MILLI_PER_GPU;
    this.memoryTotal = Float64Array.from(nodes, (n) => n.memoryMib);
    let most = 0;
    for (const n of nodes) most = Math.max(most, n.gpus);
    this.wholeFreeNodes = new Int32Array(most + 1);
    for (const n of nodes) {
      this.wholeFreeNodes[n.gpus]!++;
      this.idleGpus += n.gpus;
    }
  }

  /** Whether some node has at least g whole GPUs free. */
  hasWholeFree(g: number): boolean {
    for (let k = g; k < this.wholeFreeNodes.length; k++) if (this.wholeFreeNodes[k]! > 0) return true;
    return false;
  }

  /** Whether nothing runs on node n: every GPU whole, CPU and memory all free. */
  idle(n: number): boolean {
    return (
      this.wholeFree[n] === this.gpuStart[n + 1]! - this.gpuStart[n]! &&
      this.cpuFree[n] === this.cpuTotal[n] &&
      this.memoryFree[n] === this.memoryTotal[n]
    );
  }

  /** Bit mask of the models in `names` (0: any). */
  modelMask(names: readonly string[]): number {
    let m = 0;
    for (const n of names) {
      const i = this.models.indexOf(n);
      if (i >= 0) m |= 1 << i;
    }
    return names.length > 0 && m === 0 ? -1 : m;
  }

  /** Whether the task fits node n: its GPU model, CPU, memory, and a GPU with room for its share or
   * enough whole free GPUs. */
  fits(n: number, t: TaskShape): boolean {
    if (t.modelMask === -1 || (t.modelMask !== 0 && (t.modelMask & (1 << this.model[n]!)) === 0))
      return false;
    if (this.cpuFree[n]! < t.cpuMilli || this.memoryFree[n]! < t.memoryMib) return false;
    if (t.gpus === 0) return true;
    return t.gpuMilli < MILLI_PER_GPU ? this.maxGpuFree[n]! >= t.gpuMilli : this.wholeFree[n]! >= t.gpus;
  }

  /** Recounts node n's wholly free GPUs and its largest free share after a change. */
  private refresh(n: number, wasIdle: boolean): void {
    const size = this.gpuStart[n + 1]! - this.gpuStart[n]!;
    this.wholeFreeNodes[this.wholeFree[n]!]!--;
    let whole = 0;
    let most = 0;
    for (let g = this.gpuStart[n]!; g < this.gpuStart[n + 1]!; g++) {
      const f = this.gpuFree[g]!;
      if (f === MILLI_PER_GPU) whole++;
      if (f > most) most = f;
    }
    this.wholeFree[n] = whole;
    this.maxGpuFree[n] = most;
    this.wholeFreeNodes[whole]!++;
    const isIdle = this.idle(n);
    if (wasIdle !== isIdle) this.idleGpus += isIdle ? size : -size;
  }

  /** Takes the task's resources on node n: for a share, GPU `shareGpu`; else the lowest-index whole
   * free GPUs. The GPUs taken go to `taken` from `at` on (when given), so they can be released. */
  place(n: number, t: TaskShape, shareGpu: number, taken?: Int32Array, at = 0): void {
    const wasIdle = this.idle(n);
    this.cpuFree[n] = this.cpuFree[n]! - t.cpuMilli;
    this.memoryFree[n] = this.memoryFree[n]! - t.memoryMib;
    if (t.gpus > 0 && t.gpuMilli < MILLI_PER_GPU) {
      this.gpuFree[shareGpu] = this.gpuFree[shareGpu]! - t.gpuMilli;
      if (taken) taken[at] = shareGpu;
    } else {
      let left = t.gpus;
      for (let g = this.gpuStart[n]!; left > 0 && g < this.gpuStart[n + 1]!; g++) {
        if (this.gpuFree[g] === MILLI_PER_GPU) {
          this.gpuFree[g] = 0;
          if (taken) taken[at + t.gpus - left] = g;
          left--;
        }
      }
    }
    const milli = t.gpus * t.gpuMilli;
    this.gpuFreeSum[n] = this.gpuFreeSum[n]! - milli;
    this.allocatedGpuMilli += milli;
    this.labels[n] = this.labels[n]! | taskLabel(t);
    this.labelCount[n * LABEL_BITS + labelBit(t)]!++;
    this.version[n] = this.version[n]! + 1;
    this.refresh(n, wasIdle);
  }

  /** Gives back what `place` took: the GPUs listed in `taken` from `at` on. */
  release(n: number, t: TaskShape, taken: Int32Array, at: number): void {
    const wasIdle = this.idle(n);
    this.cpuFree[n] = this.cpuFree[n]! + t.cpuMilli;
    this.memoryFree[n] = this.memoryFree[n]! + t.memoryMib;
    const share = t.gpus > 0 && t.gpuMilli < MILLI_PER_GPU;
    for (let i = 0; i < (share ? 1 : t.gpus); i++) {
      const g = taken[at + i]!;
      this.gpuFree[g] = this.gpuFree[g]! + (share ? t.gpuMilli : MILLI_PER_GPU);
    }
    const milli = t.gpus * t.gpuMilli;
    this.gpuFreeSum[n] = this.gpuFreeSum[n]! + milli;
    this.allocatedGpuMilli -= milli;
    const k = n * LABEL_BITS + labelBit(t);
    if (--this.labelCount[k]! === 0) this.labels[n] = this.labels[n]! & ~taskLabel(t);
    this.version[n] = this.version[n]! + 1;
    this.refresh(n, wasIdle);
  }
}

/** A trace task's demand on the nodes of a cluster state (its GPU models as the state's mask). */
export function taskShape(t: TraceTask, s: ClusterState): TaskShape {
  return {
    cpuMilli: t.cpuMilli,
    memoryMib: t.memoryMib,
    gpus: t.gpus,
    gpuMilli: t.gpuMilli,
    modelMask: s.modelMask(t.gpuModels),
  };
}

/** The GPU of node n a share goes to under "best" selection: the fitting GPU with the least free. */
function leastFreeFitting(s: ClusterState, n: number, milli: number): number {
  let best = -1;
  for (let g = s.gpuStart[n]!; g < s.gpuStart[n + 1]!; g++) {
    const f = s.gpuFree[g]!;
    if (f >= milli && (best < 0 || f < s.gpuFree[best]!)) best = g;
  }
  return best;
}

/** A random fitting GPU of node n for a share. */
function randomFitting(s: ClusterState, n: number, milli: number, rng: Random): number {
  let chosen = -1;
  let seen = 0;
  for (let g = s.gpuStart[n]!; g < s.gpuStart[n + 1]!; g++) {
    if (s.gpuFree[g]! >= milli && rng.next() * ++seen < 1) chosen = g;
  }
  return chosen;
}

/**
 * Picks a node (and GPU, for a share) for tasks one at a time by a policy. FGD caches each node's
 * score per task shape until the node changes: one placement invalidates one node.
 */
export class Placer {
  private readonly fragBefore: Float64Array;
  private readonly fragVersion: Int32Array;
  private readonly cacheScore: Float64Array;
  private readonly cacheGpu: Int32Array;
  private readonly cacheVersion: Int32Array;
  private readonly shapeIds = new Map<string, number>();
  /** The GPU chosen for the last share placed. */
  chosenGpu = -1;
  /** The order nodes are looked at, and whether the first of a tie wins (else one at random). */
  private readonly order: Int32Array;
  private readonly firstWins: boolean;

  constructor(
    readonly state: ClusterState,
    readonly policy: PlacementPolicy,
    readonly typical: TypicalShapes,
    readonly rng: Random,
    maxShapes = 4096,
    /** Nodes in the order the scheduler lists them, where the first of the nodes tied for the best
     * score wins (Weng et al.'s artifact names every node with a random prefix per seed and its
     * scheduler keeps the first of a tie). Absent: a tie goes to one of the tied at random, as
     * upstream Kubernetes' selectHost does. `random` placement always draws at random. */
    nodeOrder?: Int32Array,
  ) {
    this.firstWins = nodeOrder !== undefined && policy !== 'random';
    this.order = this.firstWins ? nodeOrder! : new Int32Array(0);
    this.fragBefore = new Float64Array(state.nodes);
    this.fragVersion = new Int32Array(state.nodes).fill(-1);
    this.cacheScore = new Float64Array(state.nodes * maxShapes);
    this.cacheGpu = new Int32Array(state.nodes * maxShapes);
    this.cacheVersion = new Int32Array(state.nodes * maxShapes).fill(-1);
  }

  /** The node the task goes to, or −1 when none fits; `chosenGpu` holds the share's GPU. */
  choose(t: TaskShape, shapeKey: string): number {
    const s = this.state;
    let shape = this.shapeIds.get(shapeKey);
    if (shape === undefined) {
      shape = this.shapeIds.size;
      this.shapeIds.set(shapeKey, shape);
    }
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    let bestGpu = -1;
    let ties = 0;
    const share = t.gpus > 0 && t.gpuMilli < MILLI_PER_GPU;
    const order = this.order;
    const firstWins = this.firstWins;
    for (let i = 0; i < s.nodes; i++) {
      const n = firstWins ? order[i]! : i;
      if (!s.fits(n, t)) continue;
      let score: number;
      let gpu = -1;
      if (this.policy === 'fgd') {
        const k = n * (this.cacheVersion.length / s.nodes) + shape;
        if (this.cacheVersion[k] !== s.version[n]) {
          this.fgdScore(n, t);
          this.cacheScore[k] = this.lastScore;
          this.cacheGpu[k] = this.lastGpu;
          this.cacheVersion[k] = s.version[n]!;
        }
        score = this.cacheScore[k]!;
        gpu = this.cacheGpu[k]!;
      } else {
        score = this.score(n, t);
        if (share) gpu = this.policy === 'random' ? -2 : leastFreeFitting(s, n, t.gpuMilli);
      }
      // Kubernetes picks at random among the nodes of the highest score.
      if (score > bestScore) {
        bestScore = score;
        best = n;
        bestGpu = gpu;
        ties = 1;
      } else if (score === bestScore && !firstWins && this.rng.next() * ++ties < 1) {
        best = n;
        bestGpu = gpu;
      }
    }
    if (best >= 0 && share)
      this.chosenGpu = bestGpu === -2 ? randomFitting(s, best, t.gpuMilli, this.rng) : bestGpu;
    return best;
  }

  /** For a task going to node n (known to fit), the GPU of its share as the policy would choose it. */
  chooseGpuOn(n: number, t: TaskShape): void {
    if (!(t.gpus > 0 && t.gpuMilli < MILLI_PER_GPU)) return;
    if (this.policy === 'fgd') {
      this.fgdScore(n, t);
      this.chosenGpu = this.lastGpu;
    } else
      this.chosenGpu =
        this.policy === 'random'
          ? randomFitting(this.state, n, t.gpuMilli, this.rng)
          : leastFreeFitting(this.state, n, t.gpuMilli);
  }

  /** Node scores of the simple policies, on the 0–100 integer scale. */
  private score(n: number, t: TaskShape): number {
    const s = this.state;
    const milli = t.gpus * t.gpuMilli;
    switch (this.policy) {
      case 'random':
        return 0;
      case 'best-fit': {
        // Least resource left after placement, CPU and GPU weighted equally.
        const raw =
          (0.5 * (s.cpuFree[n]! - t.cpuMilli)) / MAX_CPU_MILLI +
          (0.5 * (s.gpuFreeSum[n]! - milli)) / MAX_GPU_MILLI;
        return Math.trunc(100 * (1 - raw));
      }
      case 'dot-product': {
        // Tetris: the node whose free resources point least along the task's demand.
        const dot =
          (s.cpuFree[n]! / MAX_CPU_MILLI) * (t.cpuMilli / MAX_CPU_MILLI) +
          (s.gpuFreeSum[n]! / MAX_GPU_MILLI) * (milli / MAX_GPU_MILLI);
        return Math.trunc(100 * (1 - dot / 2));
      }
      case 'packing':
        return packingScore(s, n, t);
      case 'clustering': {
        if (t.gpus === 0) return 0;
        const mine = taskLabel(t);
        const held = s.labels[n]!;
        const tier = held === 0 ? 25 : held === mine ? 75 : (held & mine) !== 0 ? 50 : 0;
        return Math.trunc(tier + (25 * (MAX_GPU_MILLI - s.gpuFreeSum[n]!)) / MAX_GPU_MILLI);
      }
      default:
        return 0;
    }
  }

  private lastScore = 0;
  private lastGpu = -1;

  /** FGD: the node whose fragmentation grows least when the task lands on it (for a share, on its
   * best GPU), scored 100 × sigmoid(decrease ÷ 1000) and truncated, as the artifact does. */
  private fgdScore(n: number, t: TaskShape): void {
    const s = this.state;
    const from = s.gpuStart[n]!;
    const to = s.gpuStart[n + 1]!;
    if (this.fragVersion[n] !== s.version[n]) {
      this.fragBefore[n] = nodeFragmentation(s.gpuFree, from, to, s.cpuFree[n]!, s.model[n]!, this.typical);
      this.fragVersion[n] = s.version[n]!;
    }
    const before = this.fragBefore[n]!;
    const cpuAfter = s.cpuFree[n]! - t.cpuMilli;
    let bestDelta = Number.NEGATIVE_INFINITY;
    let bestGpu = -1;
    if (t.gpus > 0 && t.gpuMilli < MILLI_PER_GPU) {
      for (let g = from; g < to; g++) {
        const f = s.gpuFree[g]!;
        if (f < t.gpuMilli) continue;
        s.gpuFree[g] = f - t.gpuMilli;
        const d = before - nodeFragmentation(s.gpuFree, from, to, cpuAfter, s.model[n]!, this.typical);
        s.gpuFree[g] = f;
        if (d > bestDelta) {
          bestDelta = d;
          bestGpu = g;
        }
      }
    } else {
      // Whole GPUs: evaluated as taken from the least free fitting ones (all free: any).
      let left = t.gpus;
      const taken = this.scratch;
      let k = 0;
      for (let g = from; left > 0 && g < to; g++) {
        if (s.gpuFree[g] === MILLI_PER_GPU) {
          taken[k++] = g;
          s.gpuFree[g] = 0;
          left--;
        }
      }
      bestDelta = before - nodeFragmentation(s.gpuFree, from, to, cpuAfter, s.model[n]!, this.typical);
      for (let i = 0; i < k; i++) s.gpuFree[taken[i]!] = MILLI_PER_GPU;
    }
    this.lastScore = Math.trunc(100 / (1 + Math.exp(-bestDelta / 1000)));
    this.lastGpu = bestGpu;
  }

  private readonly scratch = new Int32Array(64);
}

/** GPU packing: fill GPUs already in use first, then nodes already in use, then idle nodes. */
function packingScore(s: ClusterState, n: number, t: TaskShape): number {
  if (t.gpus === 0) return 0;
  const from = s.gpuStart[n]!;
  const to = s.gpuStart[n + 1]!;
  let idleGpus = 0;
  for (let g = from; g < to; g++) if (s.gpuFree[g] === MILLI_PER_GPU) idleGpus++;
  const nodeIdle = idleGpus === to - from;
  if (t.gpuMilli < MILLI_PER_GPU) {
    // A share that fits on a GPU already in use: the fullest one.
    let best = -1;
    for (let g = from; g < to; g++) {
      const f = s.gpuFree[g]!;
      if (f < MILLI_PER_GPU && f >= t.gpuMilli && (best < 0 || f < s.gpuFree[best]!)) best = g;
    }
    if (best >= 0) return Math.max(50, Math.trunc(100 - (s.gpuFree[best]! / MILLI_PER_GPU) * 10));
    return nodeIdle ? 33 - idleGpus : Math.max(33, 50 - 1);
  }
  return nodeIdle ? 33 - idleGpus : Math.max(33, 50 - t.gpus);
}
