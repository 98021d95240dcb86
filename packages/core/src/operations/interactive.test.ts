import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MILLI_PER_GPU } from './cluster-trace.js';
import { expectedSessions, interactiveSessions } from './interactive.js';

describe('interactive sessions', () => {
  it('arrive at the rate asked, last the mean asked and ask the GPUs or share given', () => {
    const spec = { perHour: 30, gpus: 0.4, meanLengthS: 7200, busy: 0.3 };
    const horizonS = 200 * 86_400;
    const s = interactiveSessions(spec, horizonS, 5);
    const expected = expectedSessions(spec, horizonS);
    expect(Math.abs(s.length - expected) / expected).toBeLessThan(0.02);
    const meanLength = s.reduce((a, j) => a + j.durationS, 0) / s.length;
    expect(Math.abs(meanLength - 7200) / 7200).toBeLessThan(0.02);
    expect(s.every((j) => j.shape.gpus === 1 && j.shape.gpuMilli === 0.4 * MILLI_PER_GPU)).toBe(true);
    expect(s.every((j) => j.busyShare === 0.3 && j.arrivalS < horizonS)).toBe(true);
  });

  it('hold whole GPUs when asked for one or more, in arrival order, the same for a seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 1000 }), (gpus, seed) => {
        const spec = { perHour: 10, gpus, meanLengthS: 3600, busy: 1 };
        const a = interactiveSessions(spec, 86_400, seed);
        expect(a).toEqual(interactiveSessions(spec, 86_400, seed));
        for (let i = 1; i < a.length; i++) expect(a[i]!.arrivalS).toBeGreaterThanOrEqual(a[i - 1]!.arrivalS);
        expect(a.every((j) => j.shape.gpus === gpus && j.shape.gpuMilli === MILLI_PER_GPU)).toBe(true);
      }),
    );
  });
});
