import type { EngineAnswer, EngineReply, EngineRequest } from './contract.js';

type Kind = EngineRequest['kind'];
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
export type EngineJob = Distribute<EngineRequest>;

interface Lane {
  worker: Worker | undefined;
  pending: { id: number; reject: (e: Error) => void } | undefined;
}

/** Thrown to a caller whose request a newer one of the same kind replaced. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
  }
}

/**
 * The engine off the page's thread: one worker per kind of request, so a long sweep never delays a
 * plan. A new request of a kind stops the one still running (its worker is terminated and replaced):
 * typing never queues stale work.
 */
export class Engine {
  private readonly lanes = new Map<Kind, Lane>();
  private nextId = 1;

  constructor(private readonly makeWorker: () => Worker) {}

  run(job: EngineJob, onProgress?: (fraction: number) => void): Promise<EngineAnswer> {
    const lane = this.lanes.get(job.kind) ?? { worker: undefined, pending: undefined };
    this.lanes.set(job.kind, lane);
    if (lane.pending) {
      lane.worker?.terminate();
      lane.worker = undefined;
      lane.pending.reject(new Superseded());
      lane.pending = undefined;
    }
    const worker = lane.worker ?? this.makeWorker();
    lane.worker = worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      lane.pending = { id, reject };
      worker.onmessage = (e: MessageEvent<EngineReply>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.type === 'progress') {
          onProgress?.(m.fraction);
          return;
        }
        lane.pending = undefined;
        if (m.type === 'answer') resolve(m.answer);
        else reject(new Error(m.message));
      };
      worker.onerror = (e) => {
        lane.pending = undefined;
        lane.worker = undefined;
        worker.terminate();
        reject(new Error(e.message || 'the engine stopped'));
      };
      worker.postMessage({ ...job, id } as EngineRequest);
    });
  }

  dispose(): void {
    for (const lane of this.lanes.values()) lane.worker?.terminate();
    this.lanes.clear();
  }
}

export const createEngine = (): Engine =>
  new Engine(() => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }));
