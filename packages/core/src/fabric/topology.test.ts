import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FabricInput, sizeFabric } from './topology.js';

const superpod: FabricInput = {
  gpus: 512,
  gpusPerNode: 8,
  nodesPerScalableUnit: 32,
  railsPerNode: 8,
  linkGbps: 400,
  switchPorts: 64,
  oversubscription: 1,
  topology: 'rail-optimized-fat-tree',
  reachesOtherDevices: false,
};

const inputs: fc.Arbitrary<FabricInput> = fc.record({
  gpus: fc.integer({ min: 1, max: 60_000 }),
  gpusPerNode: fc.constantFrom(4, 8),
  nodesPerScalableUnit: fc.constantFrom(16, 32),
  railsPerNode: fc.constantFrom(1, 4, 8),
  linkGbps: fc.constantFrom(200, 400, 800),
  switchPorts: fc.constantFrom(64, 128),
  oversubscription: fc.constantFrom(1, 2, 3),
  topology: fc.constantFrom('rail-optimized-fat-tree', 'fat-tree') as fc.Arbitrary<FabricInput['topology']>,
  reachesOtherDevices: fc.boolean(),
});

describe('sizeFabric', () => {
  it('gives every switch port it counts a cable, and no more ports than switches have', () => {
    fc.assert(
      fc.property(inputs, (f) => {
        const r = sizeFabric(f);
        if (!r.ok) return;
        const x = r.fabric;
        const ports = (x.leafSwitches + x.spineSwitches + x.coreSwitches) * f.switchPorts;
        const used = x.nodeToLeafCables + 2 * x.leafToSpineCables + 2 * x.spineToCoreCables;
        // A one-node fabric has no switch; its cables, if any, go straight to a file server.
        if (x.tiers > 0) expect(used).toBeLessThanOrEqual(ports);
        expect(x.nodeToLeafCables).toBe(x.tiers === 0 && !f.reachesOtherDevices ? 0 : x.endpoints);
      }),
      { numRuns: 1000 },
    );
  });
  it('never needs fewer switches for more GPUs', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 4096 }), (f, more) => {
        const a = sizeFabric(f);
        const b = sizeFabric({ ...f, gpus: f.gpus + more });
        if (!a.ok || !b.ok) return;
        const count = (x: typeof a.fabric) => x.leafSwitches + x.spineSwitches + x.coreSwitches;
        expect(count(b.fabric)).toBeGreaterThanOrEqual(count(a.fabric));
      }),
      { numRuns: 1000 },
    );
  });
  it('oversubscription cuts uplinks and bisection', () => {
    const one = sizeFabric(superpod);
    const two = sizeFabric({ ...superpod, oversubscription: 2 });
    if (!one.ok || !two.ok) throw new Error('should size');
    expect(two.fabric.leafToSpineCables).toBeLessThan(one.fabric.leafToSpineCables);
    expect(two.fabric.bisectionBytesPerS).toBe(one.fabric.bisectionBytesPerS / 2);
  });
  it('joins one node with no switch, and a few nodes with one switch (issue #12, item 1)', () => {
    const dgx = { ...superpod, gpus: 8 };
    expect(sizeFabric(dgx)).toMatchObject({
      ok: true,
      fabric: { tiers: 0, leafSwitches: 0, spineSwitches: 0 },
    });
    // A storage network of one node is a cable from each port straight to the file server.
    expect(sizeFabric({ ...dgx, reachesOtherDevices: true })).toMatchObject({
      ok: true,
      fabric: { tiers: 0, leafSwitches: 0, nodeToLeafCables: 8 },
    });
    expect(sizeFabric({ ...dgx, gpus: 16, reachesOtherDevices: true })).toMatchObject({
      ok: true,
      fabric: { tiers: 1, leafSwitches: 1, nodeToLeafCables: 16 },
    });
    // Eight nodes × eight rails fill one 64-port switch exactly; a ninth node needs rail leaves and spines.
    expect(sizeFabric({ ...superpod, gpus: 64 })).toMatchObject({
      ok: true,
      fabric: { tiers: 1, leafSwitches: 1, spineSwitches: 0, nodeToLeafCables: 64, leafToSpineCables: 0 },
    });
    expect(sizeFabric({ ...superpod, gpus: 72 })).toMatchObject({
      ok: true,
      fabric: { tiers: 2, leafSwitches: 8 },
    });
  });
  it('says why a fabric cannot be built', () => {
    expect(sizeFabric({ ...superpod, nodesPerScalableUnit: 40 })).toMatchObject({
      ok: false,
      field: 'nodesPerScalableUnit',
    });
    expect(sizeFabric({ ...superpod, gpus: 8_000_000 })).toMatchObject({ ok: false, field: 'gpus' });
    expect(sizeFabric({ ...superpod, switchPorts: 7 })).toMatchObject({ ok: false, field: 'switchPorts' });
  });
});
