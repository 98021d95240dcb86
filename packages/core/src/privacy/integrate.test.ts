import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integrate, MAX_INTEGRATION_PIECES } from './integrate.js';

describe('integrate', () => {
  it('integrates smooth functions to the tolerance, in few pieces', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 5, noNaN: true }), (k) => {
        const r = integrate((x) => Math.exp(-k * x), 0, 3, 1e-12);
        expect(r.converged).toBe(true);
        expect(r.pieces).toBeLessThan(50);
        expect(r.value).toBeCloseTo(-Math.expm1(-3 * k) / k, 10);
      }),
    );
  });

  it('stops at its piece budget where every piece misses its share of the tolerance (fuzz seed 1 case 4932: without one, 2³⁰ and more pieces)', () => {
    // A ripple of 10⁻⁸ at a period of 10⁻⁹: no piece wider than the period meets 10⁻¹³.
    const rippled = (x: number) => 1 + 1e-8 * Math.cos(1e10 * x + 0.3);
    const r = integrate(rippled, -1, 1, 1e-13);
    expect(r.converged).toBe(false);
    expect(r.pieces).toBeGreaterThanOrEqual(MAX_INTEGRATION_PIECES);
    expect(r.pieces).toBeLessThanOrEqual(MAX_INTEGRATION_PIECES + 50);
    expect(r.value).toBeCloseTo(2, 6);
  });
});
