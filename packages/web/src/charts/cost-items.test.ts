import type { DatacenterPlan } from '@aidc/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestCostItems, shortName } from './cost-items.js';

type CostLine = DatacenterPlan['cost']['lines'][number];

const line = (item: string, name: string, totalUsd: number, category: CostLine['category'] = 'network') =>
  ({
    category,
    item,
    name,
    count: 1,
    unit: 'switch',
    unitUsd: totalUsd,
    totalUsd,
    priceDate: null,
    sources: [],
  }) satisfies CostLine;

describe('the largest cost items', () => {
  it('tells one switch on two networks apart, in its key and its label', () => {
    const name = 'NVIDIA Spectrum-3 SN4600C (100 GbE, storage / in-band)';
    const bars = largestCostItems(
      [line('sn4600c', `${name} (compute)`, 900), line('sn4600c', `${name} (storage)`, 800)],
      8,
    );
    expect(bars.map((b) => b.key)).toEqual(['network/sn4600c/compute', 'network/sn4600c/storage']);
    expect(bars[0]!.label).toMatch(/…\s\(compute\)$/);
    expect(new Set(bars.map((b) => b.label)).size).toBe(2);
  });

  it('gives every bar a unique key, at most the count asked, costliest first', () => {
    const arb = fc.array(
      fc.record({
        item: fc.constantFrom('a', 'b', 'c'),
        net: fc.constantFrom('', ' (compute)', ' (storage)'),
        usd: fc.double({ min: 0, max: 1e9, noNaN: true }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 10 }), (rows, n) => {
        const bars = largestCostItems(
          rows.map((r) => line(r.item, `part ${r.item}${r.net}`, r.usd)),
          n,
        );
        expect(bars.length).toBeLessThanOrEqual(n);
        expect(new Set(bars.map((b) => b.key)).size).toBe(bars.length);
        for (let i = 1; i < bars.length; i++) expect(bars[i]!.value).toBeLessThanOrEqual(bars[i - 1]!.value);
      }),
    );
  });

  it('keeps short names whole and cuts long ones to fit', () => {
    expect(shortName('NVIDIA DGX H100')).toBe('NVIDIA DGX H100');
    expect(shortName('datacenter shell, power and cooling per MW of IT').length).toBeLessThanOrEqual(25);
  });
});
