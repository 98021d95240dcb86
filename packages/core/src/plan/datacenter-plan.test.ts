import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSystem } from '../catalog/lookup.js';
import { planPower } from '../power/plan.js';
import { planDatacenter } from './datacenter-plan.js';
import { loadScenario } from './load.js';
import { chooseClusterSize, type DatacenterSweepRow, sweepDatacenter } from './sweep.js';

const SCENARIO = `hardware: { system: dgx-h100, gpus: 256 }
site: { region: us, pue: 1.25 }
workloads:
  - train: { model: llama-3-70b, tokens: 1T, seqLen: 8192, globalBatch: 512, deadline: 200 days }
`;

function resolved() {
  const r = loadScenario(SCENARIO, 'x.yaml');
  if (!r.ok || !r.value.datacenter) throw new Error('scenario should load');
  return { t: r.value.trainings[0]!, dc: r.value.datacenter };
}

describe('datacenter plan', () => {
  const { t, dc } = resolved();
  const r = planDatacenter(t, dc);
  it('plans every part with finite figures and the wall-clock stretched by goodput', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.plan;
    expect(p.power.nodes).toBe(32);
    expect(p.reliability!.wallClockS).toBeGreaterThan(p.training!.best.trainingTimeS);
    expect(p.energy.runJ).toBeCloseTo(p.power.facilityW * p.reliability!.wallClockS, 0);
    for (const f of Object.values(p.figures)) expect(Number.isFinite(f.value)).toBe(true);
    expect(p.cost.lines.find((l) => l.item === 'dgx-h100')?.count).toBe(32);
  });
  it('asynchronous checkpoints never lose more time than synchronous ones', () => {
    const sync = planDatacenter(t, { ...dc, storage: { ...dc.storage, checkpointMode: 'sync' } });
    const async = planDatacenter(t, { ...dc, storage: { ...dc.storage, checkpointMode: 'async' } });
    if (!sync.ok || !async.ok) throw new Error('should plan');
    expect(async.plan.reliability!.policy.goodput).toBeGreaterThanOrEqual(
      sync.plan.reliability!.policy.goodput,
    );
    expect(async.plan.reliability!.policy.intervalS).toBeGreaterThanOrEqual(
      async.plan.reliability!.checkpointWriteS,
    );
  });
  it('never costs less in capital for more GPUs', () => {
    const sizes = [64, 128, 192, 256, 384, 512, 768, 1024];
    fc.assert(
      fc.property(fc.constantFrom(...sizes), fc.constantFrom(...sizes), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [x, y] = sweepDatacenter(t, dc, [lo, hi]);
        if (!x?.ok || !y?.ok) return;
        expect(y.hardwareCapexUsd).toBeGreaterThanOrEqual(x.hardwareCapexUsd);
      }),
      { numRuns: 40 },
    );
  });
  it('chooses the cheapest size within a deadline, the fastest within a budget', () => {
    const rows: DatacenterSweepRow[] = [
      {
        gpus: 64,
        ok: true,
        layout: '',
        wallClockS: 100,
        goodput: 1,
        runCostUsd: 10,
        hardwareCapexUsd: 1,
        energyJ: 1,
        operationalKg: 1,
        facilityW: 1,
        naiveS: null,
        unpricedItems: [],
      },
      {
        gpus: 128,
        ok: true,
        layout: '',
        wallClockS: 60,
        goodput: 1,
        runCostUsd: 12,
        hardwareCapexUsd: 2,
        energyJ: 1,
        operationalKg: 1,
        facilityW: 1,
        naiveS: null,
        unpricedItems: [],
      },
      {
        gpus: 256,
        ok: true,
        layout: '',
        wallClockS: 40,
        goodput: 1,
        runCostUsd: 16,
        hardwareCapexUsd: 4,
        energyJ: 1,
        operationalKg: 1,
        facilityW: 1,
        naiveS: null,
        unpricedItems: [],
      },
    ];
    expect(chooseClusterSize(rows, 70, undefined)?.gpus).toBe(128);
    expect(chooseClusterSize(rows, undefined, 13)?.gpus).toBe(128);
    expect(chooseClusterSize(rows, 30, undefined)).toBeNull();
    // 64 → 128 buys 83% of the ideal speed-up, 128 → 256 only 75%.
    expect(chooseClusterSize(rows, undefined, undefined)?.gpus).toBe(128);
  });
});

describe('power', () => {
  it('never puts more power in a rack than its limit without a warning', () => {
    const systems = ['dgx-h100', 'dgx-b200', 'gb200-nvl72', 'dgx-a100'].map((id) => findSystem(id)!);
    fc.assert(
      fc.property(
        fc.constantFrom(...systems),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 2_000, max: 200_000, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (system, gpus, limit, switches, servers) => {
          const p = planPower({
            nodes: Math.ceil(gpus / system.gpusPerNode),
            system,
            rackLimitW: limit,
            pue: 1.2,
            networkW: switches * 500,
            switches,
            storageW: servers * 1000,
            storageServers: servers,
            storageServerRackUnits: 2,
          });
          if (p.rackPowerW > limit) expect(p.warnings.length).toBeGreaterThan(0);
          expect(p.computeRacks * p.nodesPerRack).toBeGreaterThanOrEqual(p.nodes);
          // Switches and servers share the compute rack only when it has the room and the power.
          if (p.sharedRack) {
            expect(p.computeRacks).toBe(1);
            expect(p.nodes * system.rackUnits + switches * 2 + servers * 2).toBeLessThanOrEqual(42);
            expect(p.itW).toBeLessThanOrEqual(limit);
          } else expect(p.networkRacks + p.storageRacks).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
