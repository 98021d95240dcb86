import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.js';
import { SEED_BERT_YAML } from './seed-bert.fixture.js';
import {
  chooseClusterSize,
  type DatacenterSweepRow,
  MIN_MARGINAL_SPEEDUP,
  speedupPerDoubling,
  sweepDatacenter,
  sweepSizes,
} from './sweep.js';

/** A row of a run whose time follows Amdahl's law: a share `serial` does not shrink with more GPUs. */
const amdahl =
  (serial: number) =>
  (gpus: number): DatacenterSweepRow => ({
    gpus,
    ok: true,
    layout: '',
    wallClockS: 1e6 * (serial + (1 - serial) / gpus),
    goodput: 1,
    runCostUsd: gpus,
    hardwareCapexUsd: gpus,
    energyJ: 1,
    operationalKg: 1,
    facilityW: 1,
    naiveS: null,
    unpricedItems: [],
  });

describe('the chosen cluster size does not hang on the list (issue #12, item 3)', () => {
  it('speed-up per doubling judges a step of any ratio on one scale', () => {
    const row = (gpus: number, wallClockS: number) => ({ gpus, wallClockS });
    expect(speedupPerDoubling(row(4, 100), row(8, 50))).toBeCloseTo(2, 12);
    expect(speedupPerDoubling(row(4, 800), row(32, 100))).toBeCloseTo(2, 12);
    expect(speedupPerDoubling(row(4, 1.6 ** 3), row(32, 1))).toBeCloseTo(2 * MIN_MARGINAL_SPEEDUP, 12);
  });

  it('two lists with the same ends choose the same size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-5, max: 0.2, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 6 }),
        (serial, lowExp, span, middle) => {
          const lo = 2 ** lowExp;
          const hi = lo * 2 ** span;
          const sparse = [lo, ...middle.filter((n) => n > lo && n < hi), hi];
          const run = amdahl(serial);
          const pick = (listed: number[]) =>
            chooseClusterSize(sweepSizes(listed).map(run), undefined, undefined);
          expect(pick(sparse)).toEqual(pick([lo, hi]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says when the choice is the edge of the sizes planned', () => {
    const run = amdahl(1e-4);
    expect(chooseClusterSize(sweepSizes([4, 16]).map(run), undefined, undefined)).toMatchObject({
      gpus: 16,
      atEdge: true,
      why: expect.stringContaining('extend the list'),
    });
    expect(chooseClusterSize(sweepSizes([4, 65536]).map(run), undefined, undefined)).toMatchObject({
      atEdge: false,
    });
  });

  it('the BERT example chooses the same knee from 4,8,16 … 512 and from 4,32,128,512', () => {
    const r = loadScenario(SEED_BERT_YAML, 'bert.yaml');
    if (!r.ok || !r.value.datacenter) throw new Error('should load');
    const t = r.value.trainings[0]!;
    const dc = r.value.datacenter;
    const choose = (listed: number[]) =>
      chooseClusterSize(sweepDatacenter(t, dc, sweepSizes(listed)), undefined, undefined);
    const sparse = choose([4, 32, 128, 512]);
    expect(sparse).toEqual(choose([4, 8, 16, 32, 64, 128, 256, 512]));
    expect(sparse?.atEdge).toBe(false);
    // A list that stops before the knee says so rather than call its last size the knee.
    const short = choose([4, 8]);
    if (sparse!.gpus > 8) expect(short).toMatchObject({ gpus: 8, atEdge: true });
  });
});
