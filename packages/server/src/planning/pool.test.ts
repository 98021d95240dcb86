import { afterEach, describe, expect, it } from 'vitest';
import type { PlanOutcome } from './contract.js';
import { PlannerPool } from './pool.js';

/** A planner thread that sleeps for the milliseconds its job's text gives, then answers 'valid'. */
const SLEEPER = new URL(
  `data:text/javascript,${encodeURIComponent(`
import { parentPort } from 'node:worker_threads';
const cell = new Int32Array(new SharedArrayBuffer(4));
parentPort.on('message', (job) => {
  Atomics.wait(cell, 0, 0, Number(job.yaml));
  parentPort.postMessage({ id: job.id, kind: 'valid' });
});
parentPort.postMessage('ready');`)}`,
);

/** The same, after a start-up of 1.5 s (a loaded machine's module loading). */
const SLOW_START = new URL(
  `data:text/javascript,${encodeURIComponent(`
import { parentPort } from 'node:worker_threads';
const cell = new Int32Array(new SharedArrayBuffer(4));
Atomics.wait(cell, 0, 0, 1500);
parentPort.on('message', (job) => {
  Atomics.wait(cell, 0, 0, Number(job.yaml));
  parentPort.postMessage({ id: job.id, kind: 'valid' });
});
parentPort.postMessage('ready');`)}`,
);

let pool: PlannerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** Runs a job, recording when it was answered and how. */
function job(
  p: PlannerPool,
  ms: number,
  client: string,
  order: string[],
  name: string,
  priority: 'read' | 'write' = 'read',
) {
  return p.run('validate', String(ms), 'x', { client, priority }).then((o: PlanOutcome) => {
    order.push(name);
    return o;
  });
}

describe('PlannerPool', () => {
  it("does not charge a fresh thread's start-up to the job it takes: a plan after a timeout gets its whole limit (CI of 0aed3c3: a 250 ms plan timed out at 1 s behind a restart)", async () => {
    pool = new PlannerPool({ threads: 1, workerUrl: SLOW_START, timeoutS: 1, queueTimeoutS: 10 });
    await pool.ready();
    const order: string[] = [];
    // The first job waits out the start-up, then runs past the limit; its thread is replaced.
    expect(await job(pool, 5000, 'a', order, 'long')).toMatchObject({ kind: 'timeout' });
    // The next is sent to the new thread only once it is ready: 100 ms of work, well inside 1 s.
    expect(await job(pool, 100, 'b', order, 'short')).toMatchObject({ kind: 'valid' });
  }, 20_000);

  it('answers 503 busy with a Retry-After to a job that waited past the queue timeout', async () => {
    pool = new PlannerPool({ threads: 1, workerUrl: SLEEPER, queueTimeoutS: 0.3 });
    await pool.ready();
    const order: string[] = [];
    const long = job(pool, 1500, 'a', order, 'long');
    const t0 = performance.now();
    const waiting = await job(pool, 1, 'b', order, 'waiting');
    const waitedMs = performance.now() - t0;
    expect(waiting).toMatchObject({ kind: 'busy', why: 'waited' });
    expect(waiting.kind === 'busy' && waiting.retryAfterS).toBeGreaterThanOrEqual(1);
    // Answered at the queue timeout, not when the long job let go of the thread.
    expect(waitedMs).toBeLessThan(1200);
    expect(await long).toEqual({ kind: 'valid' });
  });

  it('starts a light client’s job before a flooding client’s waiting ones, and saves before both', async () => {
    pool = new PlannerPool({ threads: 1, workerUrl: SLEEPER });
    await pool.ready();
    const order: string[] = [];
    const flood = [1, 2, 3].map((i) => job(pool!, 150, 'flooder', order, `heavy${i}`));
    await new Promise((r) => setTimeout(r, 50));
    const light = job(pool, 1, 'light', order, 'light');
    const save = job(pool, 1, 'saver', order, 'save', 'write');
    await Promise.all([...flood, light, save]);
    expect(order).toEqual(['heavy1', 'save', 'light', 'heavy2', 'heavy3']);
  });
});
