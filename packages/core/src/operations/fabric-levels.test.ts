import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MILLI_PER_GPU } from './cluster-trace.js';
import { FabricLevels } from './fabric-levels.js';
import { ClusterState } from './placement.js';
import { type ClusterJob, simulateSharedCluster } from './shared-cluster.js';
import { job, node } from './test-nodes.js';

// Eight trays of 4 GPUs in two NVLink domains of four trays (a small NVL rack), one leaf group,
// NVLink 18× a GPU's NIC (GB200: 900 GB/s against 400 Gb/s, one direction).
const trays = (models = 'GGGGGGGG') =>
  Array.from(models, (m) => ({ ...node(4), model: m === 'P' ? 'G1' : 'G2' }));
const nvl = { nodesPerGroup: 8, oversubscription: 1, nodesPerDomain: 4, scaleUpOverScaleOut: 18 };
const gang = (arrivalS: number, durationS: number, gpus: number, commShare: number): ClusterJob => ({
  ...job(arrivalS, durationS, gpus),
  commShare,
});
// A job that holds a tray of model G1 (modelMask 1) for the whole test.
const pinned = (): ClusterJob => {
  const a = job(0, 1e6, 4);
  return { ...a, shape: { ...a.shape, modelMask: 1 } };
};
const run = { queue: 'fifo', placement: 'best-fit', seed: 1, topology: nvl } as const;

describe('fabric levels', () => {
  it('order a gang’s time: one domain, one group, spread', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 8, noNaN: true }),
        fc.double({ min: 1, max: 40, noNaN: true }),
        (c, oversubscription, scaleUpOverScaleOut) => {
          const state = new ClusterState(Array.from({ length: 16 }, () => node(4)));
          const f = new FabricLevels(state, {
            nodesPerGroup: 8,
            oversubscription,
            nodesPerDomain: 4,
            scaleUpOverScaleOut,
          });
          expect(f.levels.map((l) => l.name)).toEqual(['NVLink domain', 'leaf group']);
          const [domain, group, spread] = [0, 1, 2].map((l) => f.timeFactor(l, c));
          expect(domain).toBeLessThanOrEqual(group! + 1e-12);
          expect(group).toBeLessThanOrEqual(spread! + 1e-12);
          expect(spread).toBe(1);
          expect(f.levelFitting(16)).toBe(0);
          expect(f.levelFitting(17)).toBe(1);
          expect(f.levelFitting(33)).toBe(2);
        },
      ),
    );
  });

  it('know no level where a node is its own domain and one group holds the site', () => {
    const f = new FabricLevels(new ClusterState([node(8), node(8)]), {
      nodesPerGroup: 2,
      oversubscription: 2,
    });
    expect(f.levels).toHaveLength(0);
    expect(f.timeFactor(0, 0.5)).toBe(1);
  });
});

describe('a gang in an NVLink domain', () => {
  it('runs its cross-node traffic on NVLink when one domain holds it', () => {
    const r = simulateSharedCluster(trays(), [gang(0, 1000, 16, 0.36)], run);
    // 64% computes as before; 36% communicates 18× faster: 0.66 of the time.
    expect(r.endedS[0]).toBeCloseTo(660, 9);
    expect(r.spreadGangs).toBe(0);
  });

  it('runs spread, and counts the time beyond one domain, when no domain has room', () => {
    // A tray of each domain is held: 12 idle GPUs in each, none holds the 16-GPU gang.
    const r = simulateSharedCluster(trays('PGGGPGGG'), [pinned(), pinned(), gang(1, 1000, 16, 0.36)], {
      ...run,
      horizonS: 5000,
    });
    expect(r.spreadGangs).toBe(1);
    expect(r.endedS[2]).toBeCloseTo(1001, 9);
    expect(r.spreadGpuMilliS).toBeCloseTo(1000 * 0.34 * 16 * MILLI_PER_GPU, 3);
  });

  it('keeps a serving replica within one domain, or does not start it', () => {
    // Three trays of each domain held: 8 idle GPUs in all, 4 in each domain. The fleet asks for its
    // replica from the second hour, when the held trays are taken.
    const fleet = {
      name: 'chat',
      gpusPerReplica: 8,
      capacityPerReplicaPerS: 10,
      peakRatePerS: 5,
      hourlyShare: Array.from({ length: 24 }, (_, h) => (h === 0 ? 0 : 1)),
      targetUtilization: 0.8,
      minReplicas: 0,
      maxReplicas: 1,
      intervalS: 300,
      startupS: 0,
    };
    const held = Array.from({ length: 6 }, pinned);
    const o = { ...run, horizonS: 7200, fleets: [fleet] };
    const inDomains = simulateSharedCluster(trays('PPPGPPPG'), held, o);
    expect(inDomains.fleets[0]!.maxReplicas).toBe(0);
    expect(inDomains.fleets[0]!.unplacedStarts).toBeGreaterThan(0);
    const { topology: _, ...blind } = o;
    const anywhere = simulateSharedCluster(trays('PPPGPPPG'), held, blind);
    expect(anywhere.fleets[0]!.maxReplicas).toBe(1);
  });

  it('places each model-parallel group of a gang whole in one domain, or holds the gang', () => {
    // Idle: trays 2-3 of the first domain (8 GPUs), 5-7 of the second (12 GPUs); the gang asks 16.
    const held = [pinned(), pinned(), pinned()];
    const withGroups = (scaleUpGroupGpus?: number) =>
      simulateSharedCluster(
        trays('PPGGPGGG'),
        [...held, { ...gang(1, 1000, 16, 0.36), ...(scaleUpGroupGpus ? { scaleUpGroupGpus } : {}) }],
        { ...run, horizonS: 5000 },
      );
    // Groups of 8 GPUs: one in each domain.
    expect(withGroups(8).waitS[3]).toBe(0);
    // Groups of 12: only the second domain holds one; the gang waits for the pinned jobs.
    expect(Number.isNaN(withGroups(12).waitS[3])).toBe(true);
    // No group to keep together: it takes any 16 idle GPUs.
    expect(withGroups().waitS[3]).toBe(0);
  });
});
