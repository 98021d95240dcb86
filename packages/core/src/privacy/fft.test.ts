import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circularSelfConvolve, fft } from './fft.js';

/** The DFT by its definition, O(n²). */
function naiveDft(re: readonly number[], im: readonly number[], inverse: boolean): [number[], number[]] {
  const n = re.length;
  const sign = inverse ? 1 : -1;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      sr += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
      si += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return [outRe, outIm];
}

const signal = (n: number) =>
  fc.tuple(
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
  );

describe('fft', () => {
  it('agrees with the DFT by definition, forward and inverse, for power-of-two and other lengths, and for one length after another (cached tables)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }).chain((n) => fc.tuple(fc.constant(n), signal(n), fc.boolean())),
        ([n, [re, im], inverse]) => {
          const r = Float64Array.from(re);
          const i = Float64Array.from(im);
          fft(r, i, inverse);
          const [er, ei] = naiveDft(re, im, inverse);
          for (let k = 0; k < n; k++) {
            expect(Math.abs(r[k]! - er[k]!)).toBeLessThan(1e-9 * n);
            expect(Math.abs(i[k]! - ei[k]!)).toBeLessThan(1e-9 * n);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('composes a distribution with itself circularly as repeated convolution does, for even and odd lengths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (n, times, seed) => {
          const p = Float64Array.from({ length: n }, (_, k) => ((seed * (k + 7)) % 13) + 1);
          const total = p.reduce((a, b) => a + b, 0);
          for (let k = 0; k < n; k++) p[k]! /= total;
          let direct = Float64Array.from(p);
          for (let t = 1; t < times; t++) {
            const next = new Float64Array(n);
            for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) next[(a + b) % n]! += direct[a]! * p[b]!;
            direct = next;
          }
          const got = circularSelfConvolve(p, times);
          for (let k = 0; k < n; k++) expect(Math.abs(got[k]! - direct[k]!)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
