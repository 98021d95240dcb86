import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Denial, DenialLog, OVERFLOW } from './denials.js';

/** An in-memory audit table. */
function sink() {
  const rows: (Denial & { at: string; count: number })[] = [];
  return {
    rows,
    insert: (d: Denial, at: string) => rows.push({ ...d, at, count: 1 }) - 1,
    update: (id: number, count: number) => {
      rows[id]!.count = count;
    },
  };
}

const denial = fc.record({
  action: fc.constantFrom('auth.failed', 'access.denied'),
  actor: fc.constantFrom('a', 'b'),
  client: fc.integer({ min: 0, max: 40 }).map(String),
  target: fc.constantFrom('x', 'y', 'z'),
  detail: fc.constant(''),
});

describe('DenialLog', () => {
  it('counts every denial, and writes at most keysPerWindow + 1 rows per action and window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(denial, fc.integer({ min: 0, max: 5_000 })), { maxLength: 400 }),
        (events) => {
          const table = sink();
          const log = new DenialLog(table, 60_000, 10);
          let t = Date.UTC(2026, 0, 1);
          for (const [d, stepMs] of events) {
            t += stepMs;
            log.record(d, new Date(t).toISOString());
          }
          log.flush();
          expect(table.rows.reduce((n, r) => n + r.count, 0)).toBe(events.length);
          const perWindow = new Map<string, number>();
          for (const r of table.rows) {
            const key = `${r.action} ${Math.floor(Date.parse(r.at) / 60_000)}`;
            perWindow.set(key, (perWindow.get(key) ?? 0) + 1);
          }
          for (const n of perWindow.values()) expect(n).toBeLessThanOrEqual(11);
          // Only the overflow row blurs who and what.
          for (const r of table.rows.filter((x) => x.actor === OVERFLOW))
            expect(r.detail).toMatch(/more than 10/);
        },
      ),
    );
  });
});
