import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PlanJob, PlanOutcome, PlanReply } from './contract.js';

interface Pending {
  readonly job: PlanJob;
  readonly resolve: (o: PlanOutcome) => void;
}

/** 'write' jobs (saves) are started before any waiting 'read' job (plans anyone may ask for). */
export type JobPriority = 'write' | 'read';

/** One planner thread and the job it is running. */
class Slot {
  worker!: Worker;
  busy: Pending | undefined;
  timer: NodeJS.Timeout | undefined;
}

export interface PoolOptions {
  /** Planner threads; default: one per core. */
  readonly threads?: number;
  /** A plan that runs longer is stopped and its thread replaced. */
  readonly timeoutS?: number;
  /** Jobs waiting beyond this are refused at once (the server answers 503). */
  readonly maxQueue?: number;
  /** The compiled worker module; tests running the TypeScript sources point it at the build. */
  readonly workerUrl?: URL;
}

/**
 * Plans run in worker threads so the server keeps answering while the engine searches. A job that
 * runs past its time limit is stopped by terminating its thread: a hostile or enormous scenario
 * costs at most `timeoutS` of one thread.
 */
export class PlannerPool {
  private readonly slots: Slot[] = [];
  private readonly queues: Record<JobPriority, Pending[]> = { write: [], read: [] };
  private nextId = 1;
  private readonly timeoutS: number;
  private readonly maxQueue: number;
  private closed = false;
  private readonly workerUrl: URL;

  constructor(options: PoolOptions = {}) {
    this.timeoutS = options.timeoutS ?? 30;
    this.maxQueue = options.maxQueue ?? 1000;
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
    slot.worker.on('message', (reply: PlanReply) => this.finish(slot, reply));
    slot.worker.on('error', (e) => this.finish(slot, { id: -1, kind: 'error', message: e.message }, true));
    // A thread that exits without an error event (out of memory, process.exit) must not hold its job.
    slot.worker.on('exit', (code) => {
      if (!this.closed)
        this.finish(slot, { id: -1, kind: 'error', message: `the planner thread exited (${code})` }, true);
    });
    slot.worker.unref();
  }

  private finish(slot: Slot, reply: PlanReply | PlanOutcome, replace = false): void {
    const p = slot.busy;
    slot.busy = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (replace && !this.closed) {
      const old = slot.worker;
      old.removeAllListeners();
      void old.terminate();
      this.startWorker(slot);
    }
    if (p) {
      const { id: _id, ...outcome } = reply as PlanReply;
      p.resolve(outcome as PlanOutcome);
    }
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      const p = slot.busy ? undefined : (this.queues.write.shift() ?? this.queues.read.shift());
      if (!p) continue;
      slot.busy = p;
      slot.timer = setTimeout(
        () => this.finish(slot, { kind: 'timeout', seconds: this.timeoutS }, true),
        this.timeoutS * 1000,
      );
      slot.worker.postMessage(p.job);
    }
  }

  run(op: PlanJob['op'], yaml: string, file: string, priority: JobPriority = 'read'): Promise<PlanOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'busy' });
    if (this.queues.write.length + this.queues.read.length >= this.maxQueue)
      return Promise.resolve({ kind: 'busy' });
    return new Promise((resolve) => {
      this.queues[priority].push({ job: { id: this.nextId++, op, yaml, file }, resolve });
      this.pump();
    });
  }

  /** Stops every thread; jobs still waiting or running are answered 'busy'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of [...this.queues.write.splice(0), ...this.queues.read.splice(0)])
      p.resolve({ kind: 'busy' });
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.busy?.resolve({ kind: 'busy' });
      slot.busy = undefined;
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
