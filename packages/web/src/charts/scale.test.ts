import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linear, log2 } from './scale.js';

describe('chart scales', () => {
  it('map the domain onto the range, monotonically, with ticks inside the domain', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (lo, width) => {
          const s = linear([lo, lo + width], [0, 100]);
          expect(s(lo)).toBeCloseTo(0, 6);
          expect(s(lo + width)).toBeCloseTo(100, 6);
          expect(s(lo + width / 3)).toBeLessThan(s(lo + width / 2));
          expect(s.ticks.length).toBeGreaterThan(0);
          for (const t of s.ticks) {
            expect(t).toBeGreaterThanOrEqual(lo - width * 1e-9);
            expect(t).toBeLessThanOrEqual(lo + width * (1 + 1e-9));
          }
        },
      ),
    );
  });

  it('puts powers of two on the log scale', () => {
    const s = log2([8, 1024], [0, 70]);
    expect(s.ticks).toEqual([8, 16, 32, 64, 128, 256, 512, 1024]);
    expect(s(64)).toBeCloseTo(30);
  });
});
