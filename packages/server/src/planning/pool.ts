import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type PlanJob, type PlanOutcome, type PlanReply, WORKER_READY } from './contract.js';
import { FairQueue, type Started, type Waiting } from './fair-queue.js';

/** 'write' jobs (saves) are started before any waiting 'read' job (plans anyone may ask for). */
export type JobPriority = 'write' | 'read';

interface Pending {
  readonly job: PlanJob;
  readonly resolve: (o: PlanOutcome) => void;
  /** Answers 'busy' if the job is still waiting when it fires. */
  timer?: NodeJS.Timeout;
}

/** One planner thread and the job it is running. */
class Slot {
  worker!: Worker;
  /** The thread has loaded its modules (WORKER_READY) and may take a job. */
  ready = false;
  busy: { readonly started: Started<Pending>; readonly priority: JobPriority } | undefined;
  timer: NodeJS.Timeout | undefined;
}

export interface PoolOptions {
  /** Planner threads; default: one per core. */
  readonly threads?: number;
  /** A plan that runs longer is stopped and its thread replaced. */
  readonly timeoutS?: number;
  /** Jobs waiting beyond this are refused at once (the server answers 503). */
  readonly maxQueue?: number;
  /**
   * A job still waiting to start after this long is answered 'busy' (the server answers 503). Default:
   * `timeoutS`, since a job from a client with nothing else queued may wait for one running job to end.
   */
  readonly queueTimeoutS?: number;
  /** The compiled worker module; tests running the TypeScript sources point it at the build. */
  readonly workerUrl?: URL;
}

/** Who asks and how urgently: jobs are shared fairly among clients (see FairQueue). */
export interface JobOwner {
  /** The client's key (http/rate-limit.ts clientKey): one address, or one IPv6 /64. */
  readonly client: string;
  readonly priority: JobPriority;
}

/** Weight of the newest job in the running mean of job times that Retry-After is estimated from: the
 * last five jobs or so count, so the estimate follows a change of load within seconds. */
const MEAN_WEIGHT = 0.2;

/**
 * Plans run in worker threads so the server keeps answering while the engine searches. A job that
 * runs past its time limit is stopped by terminating its thread: a hostile or enormous scenario
 * costs at most `timeoutS` of one thread. Waiting jobs start saves first, then fairly across clients by
 * the thread time each has used, and give up after `queueTimeoutS`.
 */
export class PlannerPool {
  private readonly slots: Slot[] = [];
  private readonly queues: Record<JobPriority, FairQueue<Pending>> = {
    write: new FairQueue(),
    read: new FairQueue(),
  };
  private nextId = 1;
  private readonly timeoutS: number;
  private readonly maxQueue: number;
  private readonly queueTimeoutS: number;
  private closed = false;
  private readonly workerUrl: URL;
  /** A running mean of job times, for Retry-After. */
  private meanJobS = 0;
  private readonly readyWaiters: (() => void)[] = [];

  constructor(options: PoolOptions = {}) {
    this.timeoutS = options.timeoutS ?? 30;
    this.maxQueue = options.maxQueue ?? 1000;
    this.queueTimeoutS = options.queueTimeoutS ?? this.timeoutS;
    this.workerUrl = options.workerUrl ?? new URL('./worker.js', import.meta.url);
    const n = options.threads ?? Math.max(1, availableParallelism());
    for (let i = 0; i < n; i++) {
      const slot = new Slot();
      this.startWorker(slot);
      this.slots.push(slot);
    }
  }

  /** Gives the slot a fresh thread; a thread that crashed or ran too long is never reused. */
  private startWorker(slot: Slot): void {
    slot.worker = new Worker(this.workerUrl);
    slot.ready = false;
    slot.worker.on('message', (reply: PlanReply | typeof WORKER_READY) => {
      if (reply === WORKER_READY) {
        slot.ready = true;
        if (this.slots.every((s) => s.ready)) for (const w of this.readyWaiters.splice(0)) w();
        this.pump();
      } else this.finish(slot, reply);
    });
    slot.worker.on('error', (e) => this.finish(slot, { id: -1, kind: 'error', message: e.message }, true));
    // A thread that exits without an error event (out of memory, process.exit) must not hold its job.
    slot.worker.on('exit', (code) => {
      if (!this.closed)
        this.finish(slot, { id: -1, kind: 'error', message: `the planner thread exited (${code})` }, true);
    });
    slot.worker.unref();
  }

  private finish(slot: Slot, reply: PlanReply | PlanOutcome, replace = false): void {
    const busy = slot.busy;
    slot.busy = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (replace && !this.closed) {
      const old = slot.worker;
      old.removeAllListeners();
      void old.terminate();
      this.startWorker(slot);
    }
    if (busy) {
      // The client is charged the thread time its job took, timeouts and failures included.
      const tookS = this.queues[busy.priority].done(busy.started) / 1000;
      this.meanJobS += MEAN_WEIGHT * (tookS - this.meanJobS);
      const { id: _id, ...outcome } = reply as PlanReply;
      busy.started.item.resolve(outcome as PlanOutcome);
    }
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || !slot.ready || this.closed) continue;
      const priority: JobPriority = this.queues.write.size > 0 ? 'write' : 'read';
      const started = this.queues[priority].take();
      if (!started) return;
      clearTimeout(started.item.timer);
      slot.busy = { started, priority };
      slot.timer = setTimeout(
        () => this.finish(slot, { kind: 'timeout', seconds: this.timeoutS }, true),
        this.timeoutS * 1000,
      );
      slot.worker.postMessage(started.item.job);
    }
  }

  /** Resolves once every thread has loaded its modules and can take a job at once. */
  ready(): Promise<void> {
    if (this.slots.every((s) => s.ready)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private waiting(): number {
    return this.queues.write.size + this.queues.read.size;
  }

  /** Seconds until the jobs waiting now have likely started: when a retry may find a thread. */
  private retryAfterS(): number {
    const drainS = (this.meanJobS * this.waiting()) / this.slots.length;
    return Math.max(1, Math.ceil(Math.min(this.queueTimeoutS, drainS)));
  }

  run(op: PlanJob['op'], yaml: string, file: string, owner: JobOwner): Promise<PlanOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'busy', why: 'closing', retryAfterS: 1 });
    if (this.waiting() >= this.maxQueue)
      return Promise.resolve({ kind: 'busy', why: 'full', retryAfterS: this.retryAfterS() });
    return new Promise((resolve) => {
      const queue = this.queues[owner.priority];
      const pending: Pending = { job: { id: this.nextId++, op, yaml, file }, resolve };
      const w: Waiting<Pending> = queue.push(owner.client, pending);
      pending.timer = setTimeout(() => {
        if (queue.remove(w)) resolve({ kind: 'busy', why: 'waited', retryAfterS: this.retryAfterS() });
      }, this.queueTimeoutS * 1000);
      pending.timer.unref();
      this.pump();
    });
  }

  /** Stops every thread; jobs still waiting or running are answered 'busy'. */
  async close(): Promise<void> {
    this.closed = true;
    const closing: PlanOutcome = { kind: 'busy', why: 'closing', retryAfterS: 1 };
    for (const p of [...this.queues.write.drain(), ...this.queues.read.drain()]) {
      clearTimeout(p.timer);
      p.resolve(closing);
    }
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.busy?.started.item.resolve(closing);
      slot.busy = undefined;
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
