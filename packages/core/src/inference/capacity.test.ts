import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highestRate, probeTraffic } from './capacity.js';

const tiny = {
  rate: 1,
  input: { mean: 1, distribution: 'fixed' },
  output: { mean: 1, distribution: 'fixed' },
} as const;

describe('a capacity probe', () => {
  it('holds at most 30,000 requests however high the rate (issue #11, fuzz case 425)', () => {
    // One-token requests: one replica takes 100,000 a second; 30 s of them were 3 million requests.
    const t = probeTraffic(tiny, 100_000, 1);
    expect(t.durationS * t.ratePerS).toBeLessThanOrEqual(30_000 * (1 + 1e-12));
  });
  it('runs 30 s at least and holds 3,000 requests (at most 1,800 s), up to 1,000 requests/s', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1000, noNaN: true }), (rate) => {
        const t = probeTraffic(tiny, rate, 1);
        expect(t.durationS).toBeGreaterThanOrEqual(30);
        expect(t.durationS).toBeLessThanOrEqual(1800);
        if (t.durationS < 1800) expect(t.durationS * rate).toBeGreaterThanOrEqual(3000 * (1 - 1e-12));
      }),
    );
  });
});

/** The search as plain bisection, every step run: the oracle the shortcut is held to. */
function bisected(ok: (rate: number) => boolean, upper: number): number {
  let lo = upper / 1000;
  if (!ok(lo)) return 0;
  let hi = upper * 1.5;
  for (let i = 0; i < 14; i++) {
    const mid = Math.sqrt(lo * hi);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('the highest rate within the objectives', () => {
  it('is the plain bisection answer for any threshold, the top included (issue #11)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-4, max: 3, noNaN: true }),
        (upper, share) => {
          const ok = (rate: number) => rate <= share * upper;
          expect(highestRate(ok, upper)).toBe(bisected(ok, upper));
        },
      ),
    );
  });
  it('runs twice, not sixteen times, when the top of the range is met already', () => {
    let runs = 0;
    const rate = highestRate(() => {
      runs++;
      return true;
    }, 100);
    expect(runs).toBe(2);
    expect(rate).toBeGreaterThan(149.9);
    expect(rate).toBeLessThan(150);
  });
});
