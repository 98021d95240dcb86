import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Collective, collectiveTimeS } from './collectives.js';

const placement = fc
  .record({
    domains: fc.integer({ min: 1, max: 64 }),
    perDomain: fc.integer({ min: 1, max: 16 }),
    up: fc.double({ min: 1e9, max: 1e12, noNaN: true }),
    out: fc.double({ min: 1e8, max: 1e11, noNaN: true }),
  })
  .map((p) => ({
    size: p.domains * p.perDomain,
    perDomain: p.perDomain,
    scaleUpBytesPerS: p.up,
    scaleOutBytesPerS: p.out,
  }));
const kinds: fc.Arbitrary<Collective> = fc.constantFrom(
  'all-reduce',
  'reduce-scatter',
  'all-gather',
  'all-to-all',
  'send-recv',
);

describe('collectiveTimeS', () => {
  it('is zero for one rank or no data', () => {
    fc.assert(
      fc.property(kinds, placement, (k, g) => {
        expect(collectiveTimeS(k, 0, g)).toBe(0);
        expect(collectiveTimeS(k, 1e9, { ...g, size: 1, perDomain: 1 })).toBe(0);
      }),
    );
  });
  it('grows with the bytes and shrinks with the bandwidth', () => {
    fc.assert(
      fc.property(kinds, placement, fc.double({ min: 1, max: 1e10, noNaN: true }), (k, g, b) => {
        expect(collectiveTimeS(k, 2 * b, g)).toBeGreaterThanOrEqual(collectiveTimeS(k, b, g));
        const faster = {
          ...g,
          scaleUpBytesPerS: 2 * g.scaleUpBytesPerS,
          scaleOutBytesPerS: 2 * g.scaleOutBytesPerS,
        };
        expect(collectiveTimeS(k, b, faster)).toBeLessThanOrEqual(collectiveTimeS(k, b, g));
      }),
    );
  });
  it('an all-reduce costs a reduce-scatter plus an all-gather (ring)', () => {
    fc.assert(
      fc.property(placement, fc.double({ min: 1, max: 1e10, noNaN: true }), (g, b) => {
        const ar = collectiveTimeS('all-reduce', b, g);
        const sum = collectiveTimeS('reduce-scatter', b, g) + collectiveTimeS('all-gather', b, g);
        expect(ar).toBeCloseTo(sum, 9);
      }),
    );
  });
  it('matches the ring bus bandwidth on one NVLink domain', () => {
    // nccl-tests convention: bus bandwidth = size × 2(n−1)/n ÷ time.
    const g = { size: 8, perDomain: 8, scaleUpBytesPerS: 370e9, scaleOutBytesPerS: 47e9 };
    const bytes = 8 * 2 ** 30;
    const t = collectiveTimeS('all-reduce', bytes, g);
    expect((bytes * (2 * 7)) / 8 / t / 1e9).toBeCloseTo(370, -1);
  });
});
