import { describe, expect, it } from 'vitest';
import type { EngineRequest } from './contract.js';
import { Engine, Superseded } from './engine.js';

/** A stand-in for a Worker: records what it was sent and answers when told. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: EngineRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: EngineRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  answer(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

describe('Engine', () => {
  it('stops a request when a newer one of the same kind comes, and answers the newer', async () => {
    FakeWorker.made = [];
    const engine = new Engine(() => new FakeWorker() as unknown as Worker);
    const first = engine.run({ kind: 'sweep', yaml: 'a', gpuCounts: [8] });
    const second = engine.run({ kind: 'sweep', yaml: 'b', gpuCounts: [8] });
    await expect(first).rejects.toBeInstanceOf(Superseded);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    const w = FakeWorker.made[1]!;
    const third = engine.run({ kind: 'plan', yaml: 'c' });
    w.answer({ id: w.sent[0]!.id, type: 'answer', answer: { kind: 'sweep', rows: [], choice: null } });
    await expect(second).resolves.toEqual({ kind: 'sweep', rows: [], choice: null });
    // Plans run in their own worker: the sweep did not stop it.
    expect(FakeWorker.made).toHaveLength(3);
    const pw = FakeWorker.made[2]!;
    pw.answer({ id: pw.sent[0]!.id, type: 'failed', message: 'boom' });
    await expect(third).rejects.toThrow('boom');
  });

  it('reports progress and reuses an idle worker', async () => {
    FakeWorker.made = [];
    const engine = new Engine(() => new FakeWorker() as unknown as Worker);
    const seen: number[] = [];
    const p = engine.run({ kind: 'plan', yaml: 'x' }, (f) => seen.push(f));
    const w = FakeWorker.made[0]!;
    w.answer({ id: w.sent[0]!.id, type: 'progress', fraction: 0.5 });
    w.answer({ id: w.sent[0]!.id, type: 'answer', answer: { kind: 'unavailable', why: 'test' } });
    await p;
    expect(seen).toEqual([0.5]);
    const q = engine.run({ kind: 'plan', yaml: 'y' });
    expect(FakeWorker.made).toHaveLength(1);
    w.answer({ id: w.sent[1]!.id, type: 'answer', answer: { kind: 'unavailable', why: 'again' } });
    await expect(q).resolves.toEqual({ kind: 'unavailable', why: 'again' });
  });
});
