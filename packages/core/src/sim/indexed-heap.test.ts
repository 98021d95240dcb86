import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from './indexed-heap.js';

describe('an indexed min-heap', () => {
  it('walks its ids in key order after any inserts and removals, and stays as it was', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (keys, removals) => {
          const key = Float64Array.from(keys);
          const h = new IndexedMinHeap(keys.length, key);
          keys.forEach((_, i) => {
            h.insert(i);
          });
          const gone = new Set<number>();
          for (const r of removals) {
            const id = r % keys.length;
            h.remove(id);
            gone.add(id);
          }
          const want = keys.map((_, i) => i).filter((i) => !gone.has(i));
          expect(h.size).toBe(want.length);
          for (let pass = 0; pass < 2; pass++) {
            const seen: number[] = [];
            expect(
              h.walk((id) => {
                seen.push(key[id]!);
                return false;
              }),
            ).toBe(-1);
            expect(seen).toEqual(want.map((i) => key[i]!).sort((a, b) => a - b));
          }
          for (const i of want) expect(h.has(i)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
