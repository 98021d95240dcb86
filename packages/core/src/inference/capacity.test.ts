import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeTraffic } from './capacity.js';

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
