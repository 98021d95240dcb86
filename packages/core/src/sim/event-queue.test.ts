import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';
import { Random } from './random.js';

describe('event queue', () => {
  it('pops events in time order, ties in push order, whatever the pushes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer()), { maxLength: 300 }),
        (events) => {
          const q = new EventQueue(4);
          events.forEach(([t], i) => {
            q.push(t, 0, i);
          });
          const expected = events.map(([t], i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          for (const [t, i] of expected) {
            expect(q.pop()).toBe(true);
            expect(q.time).toBe(t);
            expect(q.id).toBe(i);
          }
          expect(q.pop()).toBe(false);
        },
      ),
    );
  });
});

describe('random', () => {
  it('repeats exactly for a seed and stays in [0, 1)', () => {
    const a = new Random(42);
    const b = new Random(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
  it('draws exponentials with about the mean asked for', () => {
    const r = new Random(7);
    let s = 0;
    for (let i = 0; i < 100_000; i++) s += r.exponential(2);
    expect(s / 100_000).toBeCloseTo(2, 1);
  });
});
