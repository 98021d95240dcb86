import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveRates, sweepCounts } from './use-plan-extras.js';

describe('the sizes and loads the charts ask for', () => {
  it('sweeps whole nodes around the plan, the plan included, sorted and distinct', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.constantFrom(1, 4, 8, 72), (nodes, perNode) => {
        const gpus = nodes * perNode;
        const c = sweepCounts(gpus, perNode);
        expect(c).toContain(gpus);
        expect(c.every((g) => g % perNode === 0 && g >= perNode)).toBe(true);
        expect([...new Set(c)].sort((a, b) => a - b)).toEqual(c);
        expect(Math.max(...c)).toBeGreaterThanOrEqual(4 * gpus);
        // A plan of one node still gets a curve of six sizes, further up.
        expect(c).toHaveLength(6);
      }),
    );
  });

  it('loads the latency curve from light to past both the capacity and the plan', () => {
    const r = curveRates(3.57, 3.33);
    expect(r[0]).toBeLessThan(1);
    expect(r.at(-1)).toBeGreaterThan(3.57);
    expect([...r].sort((a, b) => a - b)).toEqual(r);
  });
});
