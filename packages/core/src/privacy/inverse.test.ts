import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dpSgdEpsilon } from './accountant.js';
import { type NoiseSearch, noiseMultiplierFor, PrivacyTargetError } from './inverse.js';

/** ε(σ) shaped like an accountant's: a power law, cut to 0 where the noise is large. */
const powerLaw = (scale: number, k: number, cut: number) => (sigma: number) =>
  Math.max(0, scale * sigma ** -k - cut);

/** Runs a search, recording every σ it evaluates with its ε. */
function traced(epsilonAt: (sigma: number) => number, target: number, search: NoiseSearch) {
  const calls: { sigma: number; epsilon: number }[] = [];
  const f = (sigma: number) => {
    const epsilon = epsilonAt(sigma);
    calls.push({ sigma, epsilon });
    return epsilon;
  };
  try {
    return { calls, result: noiseMultiplierFor(f, target, 0.01, search) };
  } catch (e) {
    if (!(e instanceof PrivacyTargetError)) throw e;
    return { calls, result: undefined };
  }
}

describe('the interpolating noise search (PLD)', () => {
  it('meets the same band as bisection, and stays inside the bracket of what it has evaluated', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        fc.double({ min: 0.3, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        (scale, k, cut, target) => {
          const epsilonAt = powerLaw(scale, k, cut);
          const bisection = traced(epsilonAt, target, 'bisection');
          const interpolation = traced(epsilonAt, target, 'interpolation');
          // What bisection reaches, interpolation reaches (and more: a slope too steep for bisection's
          // resolution may be met by a guess).
          if (bisection.result) expect(interpolation.result).toBeDefined();
          if (interpolation.result) {
            expect(interpolation.result.epsilon).toBeLessThanOrEqual(target);
            expect(target - interpolation.result.epsilon).toBeLessThanOrEqual(0.01);
            expect(interpolation.result.epsilon).toBe(epsilonAt(interpolation.result.sigma));
          }
          // Every σ after the first lies between the largest σ seen above the target and the
          // smallest seen below it: a guess never leaves the bracket, so it never asks an
          // accountant for a σ below one it has already found too small.
          let low = 0;
          let high = Number.POSITIVE_INFINITY;
          for (const c of interpolation.calls) {
            expect(c.sigma).toBeGreaterThan(low);
            expect(c.sigma).toBeLessThan(high);
            if (c.epsilon < target) high = Math.min(high, c.sigma);
            else low = Math.max(low, c.sigma);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes fewer evaluations than bisection on power laws, where the guesses are exact', () => {
    let bisections = 0;
    let interpolations = 0;
    for (const k of [0.5, 1, 2]) {
      for (const target of [0.3, 1, 3, 8]) {
        const epsilonAt = powerLaw(50, k, 0);
        bisections += traced(epsilonAt, target, 'bisection').result!.evaluations;
        interpolations += traced(epsilonAt, target, 'interpolation').result!.evaluations;
      }
    }
    expect(interpolations).toBeLessThan(0.6 * bisections);
  });

  it('finds the PLD accountant’s σ for q = 0.01, 1,000 steps, δ = 10⁻⁵, ε = 1 in 7 evaluations or fewer (bisection: 12)', () => {
    const epsilonAt = (sigma: number) =>
      dpSgdEpsilon({ sampleRate: 0.01, noiseMultiplier: sigma, steps: 1000 }, 1e-5, 'pld').epsilon;
    const bisection = traced(epsilonAt, 1, 'bisection').result!;
    const interpolation = traced(epsilonAt, 1, 'interpolation').result!;
    expect(bisection.evaluations).toBe(12);
    expect(interpolation.evaluations).toBeLessThanOrEqual(7);
    expect(1 - interpolation.epsilon).toBeLessThanOrEqual(0.01);
    expect(interpolation.epsilon).toBeLessThanOrEqual(1);
  }, 120_000);
});

describe('the noise search refuses an ε that does not fall as σ grows', () => {
  it('without a low end yet, approaches from above rather than halving past the answer to a finer, slower grid (fuzz case 15386)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        (scale, k, target) => {
          const epsilonAt = powerLaw(scale, k, 0);
          // Answers the doubling brackets from below (σ = 20 already meets the target).
          fc.pre(epsilonAt(20) < target - 0.01);
          // The least σ whose ε is within the target.
          const least = (scale / target) ** (1 / k);
          const { calls, result } = traced(epsilonAt, target, 'interpolation');
          expect(result).toBeDefined();
          // Halving ends anywhere in (least/2, least]; the extrapolation, from the second σ on (the first
          // two, 20 and 10, are the doubling's and the first midpoint), lands on the answer (a midpoint
          // may still fall just below it).
          expect(Math.min(...calls.slice(2).map((c) => c.sigma))).toBeGreaterThan(0.75 * least);
        },
      ),
    );
  });

  it('an ε above one already seen at a smaller σ is refused, by either search (fuzz case 18510)', () => {
    // Falls as 10/σ but is 30 on (1, 1.25): what PLD's numerics did at a sampling rate of 2·10⁻¹³.
    const bumpy = (sigma: number) => (sigma > 1 && sigma < 1.25 ? 30 : 10 / sigma);
    for (const search of ['bisection', 'interpolation'] as const) {
      const { calls, result } = traced(bumpy, 10, search);
      expect(result, search).toBeUndefined();
      expect(calls.length, search).toBeLessThan(12);
      // Bisection meets the bump from below (ε rises with σ); interpolation, coming from above, lands
      // inside it and meets a jump it cannot narrow: either way a refusal that says why.
      expect(() => noiseMultiplierFor(bumpy, 10, 0.01, search)).toThrow(
        search === 'bisection' ? /does not fall as the noise grows/ : /cannot be brought within 0.01 of 10/,
      );
    }
  });
});
