import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expertPlacement } from './expert-placement.js';

describe('whole experts on EP ranks', () => {
  it('is even when the ranks divide the experts', () => {
    expect(expertPlacement(256, 0, 32)).toEqual({ slotsPerRank: 8, busiestLoad: 1 });
    expect(expertPlacement(8, 0, 1)).toEqual({ slotsPerRank: 8, busiestLoad: 1 });
  });

  it('gives the first ranks one expert more when they do not (vLLM’s split)', () => {
    // DeepSeek-V3 on EP 72: 256 = 72 × 3 + 40, so 40 ranks hold 4 experts, 4 ÷ (256 ÷ 72) of the mean.
    const p = expertPlacement(256, 0, 72);
    expect(p.slotsPerRank).toBe(4);
    expect(p.busiestLoad).toBeCloseTo((4 * 72) / 256, 12);
  });

  it('with 32 redundant experts on EP 72 fills 4 slots a rank, and under uniform routing cannot do better', () => {
    // 288 slots: 32 experts with two copies (half the load each), 224 with one. 224 single copies over
    // 72 ranks of 4 slots leave at least 8 ranks with four whole experts: ×1.125, as without copies.
    const p = expertPlacement(256, 32, 72);
    expect(p.slotsPerRank).toBe(4);
    expect(p.busiestLoad).toBeCloseTo(1.125, 12);
  });

  it('balances what copies can balance: 4 experts, 2 copies each, on 8 ranks', () => {
    expect(expertPlacement(4, 4, 8)).toEqual({ slotsPerRank: 1, busiestLoad: 1 });
    // Without copies 4 experts on 3 ranks: one rank holds two, ×1.5; two copies of every expert
    // (12 slots, 4 a rank) spread each rank over a third of the work.
    expect(expertPlacement(4, 0, 3).busiestLoad).toBeCloseTo(1.5, 12);
    expect(expertPlacement(4, 8, 3).busiestLoad).toBeCloseTo(1, 12);
  });

  it('holds every slot, never loads the busiest rank below the mean, nor above its slots at the heaviest copy (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 2, max: 128 }),
        (experts, redundant, ep) => {
          const p = expertPlacement(experts, redundant, ep);
          const slots = experts + redundant;
          expect(p.slotsPerRank).toBe(Math.ceil(slots / ep));
          expect(p.busiestLoad).toBeGreaterThanOrEqual(1);
          const heaviestCopy = 1 / (experts * Math.floor(slots / experts));
          expect(p.busiestLoad).toBeLessThanOrEqual(p.slotsPerRank * heaviestCopy * ep * (1 + 1e-12));
          if (redundant === 0)
            expect(p.busiestLoad).toBeCloseTo((Math.ceil(experts / ep) * ep) / experts, 12);
        },
      ),
    );
  });
});
