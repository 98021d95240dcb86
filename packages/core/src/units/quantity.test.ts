import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';

const value = (kind: Parameters<typeof parseQuantity>[0], text: unknown) => {
  const r = parseQuantity(kind, text);
  return r.ok ? r.value : undefined;
};

describe('parseQuantity', () => {
  it('reads sizes in decimal and binary prefixes', () => {
    expect(value('bytes', '80 GiB')).toBe(80 * 2 ** 30);
    expect(value('bytes', '32 GB')).toBe(32e9);
    expect(value('bytes', 1024)).toBe(1024);
  });
  it('reads bandwidths in bits and bytes', () => {
    expect(value('bytesPerS', '400 Gb/s')).toBe(50e9);
    expect(value('bytesPerS', '900 GB/s')).toBe(900e9);
    expect(value('bytesPerS', '10 Gbps')).toBe(1.25e9);
  });
  it('reads counts with a prefix and an optional word', () => {
    expect(value('count', '15.6T')).toBeCloseTo(15.6e12);
    expect(value('count', '16M tokens')).toBe(16e6);
    expect(value('count', '2,048')).toBe(2048);
    expect(value('count', '1.5B params')).toBe(1.5e9);
    // Whole counts stay whole though binary floating point would make 8.7 × 1e12 fall short of it.
    expect(value('count', '8.7T')).toBe(8_700_000_000_000);
    expect(value('count', '0.3T')).toBe(300_000_000_000);
  });
  it('reads durations without taking time words for prefixes', () => {
    expect(value('seconds', '60 days')).toBe(60 * 86400);
    expect(value('seconds', '5 min')).toBe(300);
    expect(value('seconds', '50 ms')).toBeCloseTo(0.05);
  });
  it('refuses what is not a quantity of the kind, saying what is expected', () => {
    const r = parseQuantity('bytes', '80 parsecs');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.expected).toContain('80 GiB');
    expect(parseQuantity('count', 'lots').ok).toBe(false);
    expect(parseQuantity('seconds', Number.NaN).ok).toBe(false);
    expect(parseQuantity('bytes', {}).ok).toBe(false);
  });
  it('never returns a non-finite value, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bytes', 'bytesPerS', 'seconds', 'count') as fc.Arbitrary<'bytes'>,
        fc.string(),
        (k, s) => {
          const r = parseQuantity(k, s);
          if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('round-trips a number written with a prefix', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (x) => {
        expect(value('bytesPerS', `${x} GB/s`)).toBeCloseTo(x * 1e9, 0);
      }),
    );
  });
});
