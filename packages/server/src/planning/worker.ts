import { parentPort } from 'node:worker_threads';
import { checkText, planText } from '@aidc/core';
import { type PlanJob, type PlanReply, WORKER_READY } from './contract.js';

// The API never reads files on a caller's behalf: a scenario that names a trace file is refused.
const noFiles = (): undefined => undefined;

function answer(job: PlanJob): PlanReply {
  try {
    if (job.op === 'validate') {
      const r = checkText(job.yaml, job.file, noFiles);
      return r.ok ? { id: job.id, kind: 'valid' } : { id: job.id, kind: 'refused', refusal: r.refusal };
    }
    const r = planText(job.yaml, job.file, noFiles);
    return r.ok
      ? { id: job.id, kind: 'planned', planJson: JSON.stringify(r.plan) }
      : { id: job.id, kind: 'refused', refusal: r.refusal };
  } catch (e) {
    const err = e as Error;
    return { id: job.id, kind: 'error', message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  }
}

parentPort?.on('message', (job: PlanJob) => parentPort?.postMessage(answer(job)));
parentPort?.postMessage(WORKER_READY);
