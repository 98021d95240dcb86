// The waiting jobs of the shared cluster, one queue per job shape (and per `las` queue level), each
// sorted by a key: a job's place in the scan order. Jobs of one shape fit or not alike, so a
// scheduling pass looks at each queue's first job only and costs the number of queues, not the
// number of jobs waiting. Removal is lazy: an entry whose job started, or was queued again under
// another key, stays until a look at its queue's head passes it.

export class JobQueues {
  private readonly jobs: number[][];
  private readonly keys: number[][];
  private readonly head: Int32Array;
  /** The queue and key of each job's live entry, and whether it has one. */
  private readonly entryQueue: Int32Array;
  private readonly entryKey: Float64Array;
  private readonly queued: Uint8Array;
  /** The pass in which each shape last failed to start a job. */
  private readonly failedIn: Int32Array;
  private pass = 0;
  /** Whether a queued job was ever queued again under another key (`las`): only then can an entry
   * of a waiting job be dead. */
  private rekeyed = false;

  constructor(
    jobCount: number,
    private readonly shapeOfJob: Int32Array,
    shapeCount: number,
    /** Queue levels per shape: `las` queues, or 1. */
    private readonly levels: number,
    /** 1 for a job waiting now (the simulator's array, read here). */
    private readonly waiting: Uint8Array,
  ) {
    const count = shapeCount * levels;
    this.jobs = Array.from({ length: count }, () => []);
    this.keys = Array.from({ length: count }, () => []);
    this.head = new Int32Array(count);
    this.entryQueue = new Int32Array(jobCount).fill(-1);
    this.entryKey = new Float64Array(jobCount);
    this.queued = new Uint8Array(jobCount);
    this.failedIn = new Int32Array(shapeCount);
  }

  get queueCount(): number {
    return this.jobs.length;
  }

  /** Puts waiting job j in its shape's queue of `level` at `key`; keeps its entry if it has one there. */
  enqueue(j: number, key: number, level = 0): void {
    const qi = this.shapeOfJob[j]! * this.levels + level;
    if (this.queued[j]) {
      if (this.entryQueue[j] === qi && this.entryKey[j] === key) return;
      this.rekeyed = true;
    }
    this.queued[j] = 1;
    this.entryQueue[j] = qi;
    this.entryKey[j] = key;
    const jobs = this.jobs[qi]!;
    const keys = this.keys[qi]!;
    if (keys.length === this.head[qi] || keys[keys.length - 1]! < key) {
      jobs.push(j);
      keys.push(key);
      return;
    }
    let lo = this.head[qi]!;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    jobs.splice(lo, 0, j);
    keys.splice(lo, 0, key);
  }

  /** Whether entry i of queue qi is its job's live entry and the job waits. */
  live(qi: number, i: number): boolean {
    const j = this.jobs[qi]![i]!;
    if (this.waiting[j] !== 1) return false;
    return !this.rekeyed || (this.entryQueue[j] === qi && this.entryKey[j] === this.keys[qi]![i]);
  }

  /** The first waiting job of queue qi, or -1; passes (and forgets) entries no longer live. */
  headOf(qi: number): number {
    const jobs = this.jobs[qi]!;
    const keys = this.keys[qi]!;
    let h = this.head[qi]!;
    while (h < jobs.length && !this.live(qi, h)) {
      const j = jobs[h]!;
      if (this.entryQueue[j] === qi && this.entryKey[j] === keys[h]) this.queued[j] = 0;
      h++;
    }
    if (h > 1024 && 2 * h > jobs.length) {
      jobs.splice(0, h);
      keys.splice(0, h);
      h = 0;
    }
    this.head[qi] = h;
    return h < jobs.length ? jobs[h]! : -1;
  }

  /** The jobs of queue qi from its head on (entries may be dead: ask `live`). */
  entries(qi: number): readonly number[] {
    return this.jobs[qi]!;
  }
  headIndex(qi: number): number {
    return this.head[qi]!;
  }

  /** A new scheduling pass: no shape has failed in it yet. */
  newPass(): void {
    this.pass++;
  }
  /** Job j could not start: its shape is passed over for the rest of the pass. */
  fail(j: number): void {
    this.failedIn[this.shapeOfJob[j]!] = this.pass;
  }
  failedQueue(qi: number): boolean {
    return this.failedIn[(qi / this.levels) | 0] === this.pass;
  }

  /** The waiting job of smallest key among queues whose shape has not failed in this pass, or -1. */
  firstWaiting(): number {
    let best = -1;
    for (let qi = 0; qi < this.jobs.length; qi++) {
      if (this.failedQueue(qi)) continue;
      const j = this.headOf(qi);
      if (j >= 0 && (best < 0 || this.entryKey[j]! < this.entryKey[best]!)) best = j;
    }
    return best;
  }
}
