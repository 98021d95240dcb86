import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileIndex } from './miss-watch.js';
import { percentilesOf } from './quantiles.js';

/** The reference: sort, then read the places. */
function bySort(values: number[]) {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return {
    mean,
    p50: v[quantileIndex(0.5, n)],
    p90: v[quantileIndex(0.9, n)],
    p99: v[quantileIndex(0.99, n)],
  };
}

describe('percentiles by selection', () => {
  it('are the sorted array read at the quantile places, for any values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 400,
        }),
        (values) => {
          const got = percentilesOf(Float64Array.from(values), values.length);
          const want = bySort(values);
          // The same number: −0 and +0 are equal values, and either may be read (CI seed −1096647176
          // found [−0, 0]).
          expect(got.p50 + 0).toBe(want.p50! + 0);
          expect(got.p90 + 0).toBe(want.p90! + 0);
          expect(got.p99 + 0).toBe(want.p99! + 0);
          expect(got.mean).toBeCloseTo(want.mean, 6);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('read −0 and +0 as the same value', () => {
    const got = percentilesOf(Float64Array.from([-0, 0]), 2);
    expect(got.p50 === 0 && got.p99 === 0).toBe(true);
  });
  it('read only the first n values and leave the array as it was', () => {
    const values = Float64Array.from([5, 1, 4, 2, 3, 100, 100]);
    const copy = values.slice();
    expect(percentilesOf(values, 5)).toEqual({ mean: 3, p50: 3, p90: 5, p99: 5 });
    expect(values).toEqual(copy);
    expect(percentilesOf(values, 0)).toEqual({ mean: 0, p50: 0, p90: 0, p99: 0 });
  });
});
