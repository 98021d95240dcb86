import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeAxis, usdAxis } from './units.js';

describe('the unit of a cost axis', () => {
  it('follows the size of the costs, not one fixed unit', () => {
    expect(usdAxis(23.4).label).toBe('USD');
    expect(usdAxis(9_200).label).toBe('USD (thousands)');
    expect(usdAxis(31_000_000).label).toBe('USD (millions)');
    expect(usdAxis(5.2e9).label).toBe('USD (billions)');
    expect(usdAxis(0).label).toBe('USD');
    expect(usdAxis(0.004).label).toBe('USD');
  });

  it('keeps the largest tick between 1 and 1,000 of its unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e14, noNaN: true }), (max) => {
        const a = usdAxis(max);
        expect(max / a.divisor).toBeGreaterThanOrEqual(1);
        expect(max / a.divisor < 1000 || a.divisor === 1e9).toBe(true);
      }),
    );
  });
});

describe('the unit of a time axis', () => {
  it('follows the length of the runs, as the CLI writes times', () => {
    expect(timeAxis(86 * 86400).label).toBe('days');
    expect(timeAxis(17.9 * 3600).label).toBe('hours');
    expect(timeAxis(53 * 60).label).toBe('minutes');
    expect(timeAxis(30).label).toBe('seconds');
  });
});
