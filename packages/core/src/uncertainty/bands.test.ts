import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorBand, type HeldOutErrors, MIN_BAND_SOURCES, rangeOf } from './bands.js';

const LEVELS = [['kind'], []] as const;
const set = (cases: HeldOutErrors['cases']): HeldOutErrors => ({
  figure: 'step time',
  set: 'test',
  script: 'test',
  levels: LEVELS,
  cases,
});
const errorsArb = fc.array(
  fc.record({
    source: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    errorPct: fc.double({ min: -60, max: 150, noNaN: true }),
    kind: fc.constantFrom('dense', 'MoE'),
  }),
  { minLength: 12, maxLength: 60 },
);
const toSet = (xs: { source: string; errorPct: number; kind: string }[]) =>
  set(xs.map((x, i) => ({ id: `c${i}`, source: x.source, errorPct: x.errorPct, cls: { kind: x.kind } })));

describe('error bands', () => {
  it('bracket the measured values the errors imply: low ≤ high, both positive', () => {
    fc.assert(
      fc.property(errorsArb, fc.constantFrom('dense', 'MoE'), (xs, kind) => {
        const b = errorBand(toSet(xs), { kind });
        if (!b) return;
        expect(b.lowFactor).toBeGreaterThan(0);
        expect(b.lowFactor).toBeLessThanOrEqual(b.highFactor);
        // measured = predicted ÷ (1 + error): the band lies within the most extreme errors.
        const factors = xs.map((x) => 1 / (1 + x.errorPct / 100));
        expect(b.lowFactor).toBeGreaterThanOrEqual(Math.min(...factors) - 1e-12);
        expect(b.highFactor).toBeLessThanOrEqual(Math.max(...factors) + 1e-12);
      }),
    );
  });
  it('take nothing from the source they are checked against', () => {
    fc.assert(
      fc.property(errorsArb, (xs) => {
        const withE = toSet([
          ...xs,
          ...Array.from({ length: 20 }, () => ({ source: 'x', errorPct: 500, kind: 'dense' })),
        ]);
        const without = errorBand(withE, { kind: 'dense' }, 'x');
        const plain = errorBand(toSet(xs), { kind: 'dense' });
        expect(without).toEqual(plain);
      }),
    );
  });
  it('need enough sources for a class, else fall back to a wider class', () => {
    const cases = Array.from({ length: 30 }, (_, i) => ({
      id: `m${i}`,
      source: i < 15 ? 'one' : 'two',
      errorPct: -10,
      cls: { kind: 'MoE' },
    }));
    const dense = Array.from({ length: 30 }, (_, i) => ({
      id: `d${i}`,
      source: `s${i % 5}`,
      errorPct: 5,
      cls: { kind: 'dense' },
    }));
    expect(MIN_BAND_SOURCES).toBeGreaterThan(2);
    const b = errorBand(set([...cases, ...dense]), { kind: 'MoE' })!;
    expect(b.classLabel).toBe('all cases');
    expect(b.cases).toBe(60);
  });
  it('say when a plan lies outside every validated class', () => {
    const dense = Array.from({ length: 30 }, (_, i) => ({
      id: `d${i}`,
      source: `s${i % 5}`,
      errorPct: 5,
      cls: { kind: 'dense' },
    }));
    expect(errorBand(set(dense), { kind: 'MoE' })!.outsideValidated).toBe(true);
    expect(errorBand(set(dense), { kind: 'dense' })!.outsideValidated).toBe(false);
  });
  it('turn over for rates: a slower step is a lower throughput', () => {
    const dense = Array.from({ length: 30 }, (_, i) => ({
      id: `d${i}`,
      source: `s${i % 5}`,
      errorPct: (i % 7) * 5 - 10,
      cls: { kind: 'dense' },
    }));
    const b = errorBand(set(dense), { kind: 'dense' })!;
    const step = rangeOf(10, b, 'step time');
    const rate = rangeOf(100, b, 'step time', true);
    expect(step.low * rate.high).toBeCloseTo(1000, 9);
    expect(step.high * rate.low).toBeCloseTo(1000, 9);
  });
});
