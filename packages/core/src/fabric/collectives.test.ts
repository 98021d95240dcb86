import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  busBandwidthFactor,
  type Collective,
  type CollectiveAlgorithm,
  collectiveTimeS,
} from './collectives.js';

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
  it('an all-reduce costs a reduce-scatter plus an all-gather (ring, tree, hierarchical)', () => {
    fc.assert(
      fc.property(
        placement,
        fc.double({ min: 1, max: 1e10, noNaN: true }),
        fc.constantFrom('ring', 'tree', 'hierarchical') as fc.Arbitrary<CollectiveAlgorithm>,
        (g, b, alg) => {
          const ar = collectiveTimeS('all-reduce', b, g, alg);
          const sum = collectiveTimeS('reduce-scatter', b, g, alg) + collectiveTimeS('all-gather', b, g, alg);
          expect(ar).toBeCloseTo(sum, 9);
        },
      ),
    );
  });
  it('oversubscription never speeds a collective up, and slows one that crosses domains', () => {
    fc.assert(
      fc.property(
        kinds,
        placement,
        fc.double({ min: 1e6, max: 1e10, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        (k, g, b, o) => {
          const flat = collectiveTimeS(k, b, g);
          const over = collectiveTimeS(k, b, { ...g, oversubscription: o });
          expect(over).toBeGreaterThanOrEqual(flat);
        },
      ),
    );
    const g = { size: 64, perDomain: 8, scaleUpBytesPerS: 450e9, scaleOutBytesPerS: 50e9 };
    expect(collectiveTimeS('all-reduce', 1e9, { ...g, oversubscription: 2 })).toBeGreaterThan(
      1.5 * collectiveTimeS('all-reduce', 1e9, g),
    );
  });
  it('in-network reduction beats a ring inside a domain', () => {
    fc.assert(
      fc.property(placement, fc.double({ min: 1e6, max: 1e10, noNaN: true }), (g, b) => {
        const domain = { ...g, size: g.perDomain };
        // From four ranks on: a ring moves 2(n−1)/n of the buffer, in-network reduction one buffer.
        if (g.perDomain >= 4) {
          expect(collectiveTimeS('all-reduce', b, domain, 'in-network')).toBeLessThan(
            collectiveTimeS('all-reduce', b, domain, 'ring'),
          );
        }
      }),
    );
  });
  it('matches the per-NIC bus bandwidth of a ring across two 8-GPU nodes', () => {
    const g = { size: 16, perDomain: 8, scaleUpBytesPerS: 450e9, scaleOutBytesPerS: 50e9 };
    const bytes = 8 * 2 ** 30;
    const bus =
      ((bytes / collectiveTimeS('all-reduce', bytes, g)) * busBandwidthFactor('all-reduce', 16)) / 8;
    // Measured 46–48 GB/s (nccl-tests #290); here the NVLink side binds at 0.82 × 450 ÷ 8.
    expect(Math.abs(bus / 1e9 / 47 - 1)).toBeLessThan(0.05);
  });
  it('matches the ring bus bandwidth on one NVLink domain', () => {
    // nccl-tests convention: bus bandwidth = size × 2(n−1)/n ÷ time.
    const g = { size: 8, perDomain: 8, scaleUpBytesPerS: 450e9, scaleOutBytesPerS: 50e9 };
    const bytes = 8 * 2 ** 30;
    const t = collectiveTimeS('all-reduce', bytes, g);
    expect((bytes * (2 * 7)) / 8 / t / 1e9).toBeCloseTo(370, -1);
  });
});
