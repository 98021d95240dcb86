import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RUN_LOSSES,
  NO_RUN_LOSSES,
  type PhaseRun,
  RUN_LOSS_DEFAULTS,
  type RunLossSettings,
  runLosses,
} from './run-losses.js';

const phase = fc.record({
  trainingTimeS: fc.double({ min: 60, max: 1e8, noNaN: true }),
  stepS: fc.double({ min: 0.05, max: 200, noNaN: true }),
  gpus: fc.integer({ min: 1, max: 100_000 }),
  gpusPerNode: fc.constantFrom(1, 4, 8, 72),
  failureGoodput: fc.double({ min: 0.05, max: 1, noNaN: true }),
  interruptionsPerS: fc.double({ min: 0, max: 1e-3, noNaN: true }),
  restartS: fc.double({ min: 0, max: 3600, noNaN: true }),
});
const share = fc.double({ min: 0, max: 0.9, noNaN: true });
const settings: fc.Arbitrary<RunLossSettings> = fc.record({
  lossSpikesPer1000Steps: fc.double({ min: 0, max: 10, noNaN: true }),
  lossSpikeRollbackSteps: fc.integer({ min: 0, max: 10_000 }),
  evaluationShare: share,
  dataStallShare: share,
  stragglerShare: share,
  startupS: fc.double({ min: 0, max: 1e5, noNaN: true }),
  schedulingWaitS: fc.double({ min: 0, max: 1e5, noNaN: true }),
  spareShare: share,
});
const sumLost = (l: ReturnType<typeof runLosses>) => Object.values(l.lostS).reduce((a, b) => a + b, 0);

describe('run-level losses', () => {
  it('conserves time: wall clock = training time + every loss, and training never exceeds the wall clock', () => {
    fc.assert(
      fc.property(fc.array(phase, { minLength: 1, maxLength: 5 }), settings, (phases, s) => {
        const l = runLosses(phases, s);
        expect(l.trainingTimeS + sumLost(l)).toBeCloseTo(l.wallClockS, -Math.log10(l.wallClockS) + 6);
        expect(l.effectiveTrainingTime).toBeGreaterThan(0);
        expect(l.effectiveTrainingTime).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 1000 },
    );
  });

  it('never shortens the run when any loss grows', () => {
    const keys = Object.keys(NO_RUN_LOSSES) as (keyof RunLossSettings)[];
    fc.assert(
      fc.property(
        fc.array(phase, { minLength: 1, maxLength: 3 }),
        settings,
        fc.constantFrom(...keys),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (phases, s, key, more) => {
          const grown = {
            ...s,
            [key]: key.endsWith('Share') ? Math.min(0.9, s[key] + more) : s[key] * (1 + more) + more,
          };
          const a = runLosses(phases, s);
          const b = runLosses(phases, grown);
          expect(b.wallClockS).toBeGreaterThanOrEqual(a.wallClockS * (1 - 1e-12));
          expect(b.wallClockGpuHours + b.spareGpuHours).toBeGreaterThanOrEqual(
            (a.wallClockGpuHours + a.spareGpuHours) * (1 - 1e-12),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('loses nothing with no losses and no failures', () => {
    const p: PhaseRun = {
      trainingTimeS: 86_400,
      stepS: 2,
      gpus: 1024,
      gpusPerNode: 8,
      failureGoodput: 1,
      interruptionsPerS: 0,
      restartS: 600,
    };
    const l = runLosses([p, { ...p, gpus: 512 }], NO_RUN_LOSSES);
    expect(l.wallClockS).toBe(2 * 86_400);
    expect(l.effectiveTrainingTime).toBe(1);
    expect(l.wallClockGpuHours).toBeCloseTo((86_400 * 1536) / 3600, 9);
  });

  it('counts loss spikes per optimizer step: a run of 46,240 steps of 88.5 s, as GLM-130B, meets five', () => {
    const p: PhaseRun = {
      trainingTimeS: 46_240 * 88.5,
      stepS: 88.5,
      gpus: 768,
      gpusPerNode: 8,
      failureGoodput: 1,
      interruptionsPerS: 0,
      restartS: 600,
    };
    const l = runLosses([p], {
      ...NO_RUN_LOSSES,
      lossSpikesPer1000Steps: DEFAULT_RUN_LOSSES.lossSpikesPer1000Steps,
    });
    expect(l.lossSpikes).toBeCloseTo(4.99, 2);
    // No step rolled back: each spike still costs a restart.
    expect(l.lostS.lossSpikesS).toBeCloseTo(l.lossSpikes * 600, 6);
    const withRollback = runLosses([p], {
      ...NO_RUN_LOSSES,
      lossSpikesPer1000Steps: 0.108,
      lossSpikeRollbackSteps: 100,
    });
    expect(withRollback.lostS.lossSpikesS).toBeCloseTo(withRollback.lossSpikes * (100 * 88.5 + 600), 6);
  });

  it('counts stragglers only on jobs as large as those measured, and spares in whole nodes', () => {
    const p: PhaseRun = {
      trainingTimeS: 86_400,
      stepS: 2,
      gpus: 64,
      gpusPerNode: 8,
      failureGoodput: 1,
      interruptionsPerS: 0,
      restartS: 600,
    };
    const small = runLosses([p], DEFAULT_RUN_LOSSES);
    expect(small.lostS.stragglersS).toBe(0);
    expect(small.spareGpuHours).toBe(0);
    const big = runLosses([{ ...p, gpus: 1024 }], DEFAULT_RUN_LOSSES);
    expect(big.lostS.stragglersS).toBeCloseTo(86_400 * DEFAULT_RUN_LOSSES.stragglerShare, 6);
    // 3.1% of 128 nodes is 3.97: three spare nodes.
    expect(big.spareGpuHours).toBeCloseTo(((big.wallClockS - DEFAULT_RUN_LOSSES.startupS) * 24) / 3600, 6);
  });

  it('cites a source for every default', () => {
    for (const [name, d] of Object.entries(RUN_LOSS_DEFAULTS)) {
      expect(d.source.title.length, name).toBeGreaterThan(20);
      expect(d.source.note ?? '', name).not.toBe('');
    }
  });
});
