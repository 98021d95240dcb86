import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FairQueue, type Started } from './fair-queue.js';

/** A queue on a clock the test moves. */
function clocked<T>() {
  const clock = { ms: 0 };
  return { clock, q: new FairQueue<T>(() => clock.ms) };
}

describe('FairQueue', () => {
  it('starts a light client before a flooding client’s waiting jobs', () => {
    const { clock, q } = clocked<string>();
    for (let i = 0; i < 6; i++) q.push('heavy', `h${i}`);
    const running = [q.take()!, q.take()!];
    expect(running.map((s) => s.item)).toEqual(['h0', 'h1']);
    clock.ms = 100;
    q.push('light', 'l0');
    clock.ms = 5000;
    q.done(running[0]!);
    expect(q.take()!.item).toBe('l0');
    expect(q.take()!.item).toBe('h2');
  });

  it('shares the thread by time used, not by jobs: a client of 10 ms jobs runs ten for one of 100 ms', () => {
    const { clock, q } = clocked<number>();
    const starts: Record<string, number> = { slow: 0, fast: 0 };
    for (let i = 0; i < 200; i++) {
      q.push('slow', 100);
      q.push('fast', 10);
    }
    // One thread, both clients always waiting, for two seconds.
    while (clock.ms < 2000) {
      const s = q.take()!;
      starts[s.client]!++;
      clock.ms += s.item;
      q.done(s);
    }
    expect(starts.slow).toBeGreaterThanOrEqual(9);
    expect(starts.slow).toBeLessThanOrEqual(11);
    expect(starts.fast).toBeGreaterThanOrEqual(95);
    expect(starts.fast).toBeLessThanOrEqual(105);
  });

  it('lets a client that was away neither bank credit nor keep debt', () => {
    const { clock, q } = clocked<string>();
    q.push('a', 'a0');
    const a0 = q.take()!;
    clock.ms = 10_000;
    q.done(a0);
    // 'a' used 10 s and left; 'b' comes later with nothing used: it is not owed 10 s.
    q.push('b', 'b0');
    q.push('b', 'b1');
    q.push('a', 'a1');
    expect(q.take()!.item).toBe('b0');
    // b0 is running, so b is no longer tied with a at the clock: a goes next.
    expect(q.take()!.item).toBe('a1');
  });

  it('removes a job that waited too long, and forgets clients with nothing left', () => {
    const { q } = clocked<string>();
    const w = q.push('a', 'a0');
    expect(q.size).toBe(1);
    expect(q.remove(w)).toBe(true);
    expect(q.remove(w)).toBe(false);
    expect(q.size).toBe(0);
    expect(q.usage('a')).toBeUndefined();
    expect(q.take()).toBeUndefined();
  });

  it('drains in arrival order', () => {
    const { q } = clocked<string>();
    q.push('a', 'a0');
    q.push('b', 'b0');
    q.push('a', 'a1');
    expect(q.drain()).toEqual(['a0', 'b0', 'a1']);
    expect(q.size).toBe(0);
  });

  // The bound of docs/server.md, "Fairness": a job from a client with nothing else waiting or running
  // starts after at most one job of each other client. Checked on random arrivals, job lengths and
  // thread counts, simulated to the end.
  it('starts a job of an idle client after at most one job per other client', () => {
    const command = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 4 }), tookMs: fc.integer({ min: 1, max: 500 }) }),
      fc.record({ advanceMs: fc.integer({ min: 0, max: 300 }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(command, { maxLength: 80 }),
        (threads, commands) => {
          const { clock, q } = clocked<{ id: number; tookMs: number }>();
          const running: { s: Started<{ id: number; tookMs: number }>; endMs: number }[] = [];
          const active = new Map<string, number>(); // jobs waiting or running, per client
          const watched = new Map<number, string[]>(); // idle-client job id → clients started before it
          const pump = () => {
            while (running.length < threads) {
              const s = q.take();
              if (!s) return;
              for (const [id, before] of watched) if (id !== s.item.id) before.push(s.client);
              const ahead = watched.get(s.item.id);
              if (ahead) {
                const others = ahead.filter((c) => c !== s.client);
                expect(new Set(others).size).toBe(others.length);
                expect(others).toHaveLength(ahead.length);
                watched.delete(s.item.id);
              }
              running.push({ s, endMs: clock.ms + s.item.tookMs });
            }
          };
          const advanceTo = (ms: number) => {
            for (;;) {
              running.sort((a, b) => a.endMs - b.endMs);
              const next = running[0];
              if (!next || next.endMs > ms) break;
              running.shift();
              clock.ms = next.endMs;
              q.done(next.s);
              active.set(next.s.client, active.get(next.s.client)! - 1);
              pump();
            }
            clock.ms = ms;
          };
          let id = 0;
          for (const c of commands) {
            if ('advanceMs' in c) {
              advanceTo(clock.ms + c.advanceMs);
              continue;
            }
            const client = `c${c.push}`;
            if (!active.get(client)) watched.set(id, []);
            active.set(client, (active.get(client) ?? 0) + 1);
            q.push(client, { id: id++, tookMs: c.tookMs });
            pump();
          }
          advanceTo(Number.POSITIVE_INFINITY);
          expect(watched.size).toBe(0);
          expect(q.size).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
