/// <reference lib="webworker" />
import { answer } from './answer.js';
import type { EngineReply, EngineRequest } from './contract.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<EngineRequest>) => {
  const req = e.data;
  const post = (m: EngineReply) => scope.postMessage(m);
  try {
    post({
      id: req.id,
      type: 'answer',
      answer: answer(req, (fraction) => post({ id: req.id, type: 'progress', fraction })),
    });
  } catch (err) {
    post({ id: req.id, type: 'failed', message: (err as Error).message });
  }
};
