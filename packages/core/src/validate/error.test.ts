import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorPct, mape, worstCase } from './error.js';

describe('validation errors', () => {
  it('signs the error: over-prediction positive, under-prediction negative', () => {
    expect(errorPct(110, 100)).toBeCloseTo(10, 12);
    expect(errorPct(90, 100)).toBeCloseTo(-10, 12);
  });
  it('averages absolute errors, and no errors give 0', () => {
    expect(mape([10, -30])).toBe(20);
    expect(mape([])).toBe(0);
  });
  it('the worst case bounds the MAPE from above', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1 }), (errs) => {
        const w = worstCase(errs.map((errorPct) => ({ errorPct })));
        expect(w).not.toBeNull();
        expect(Math.abs(w!.errorPct)).toBeGreaterThanOrEqual(mape(errs) - 1e-9);
      }),
    );
    expect(worstCase([])).toBeNull();
  });
});
