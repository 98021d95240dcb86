import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random.js';
import { type CloudBursting, cloudRun } from './cloud-burst.js';
import { MILLI_PER_GPU } from './cluster-trace.js';
import type { ServingFleet } from './serving-fleet.js';
import { fleetDemandPerS, peakReplicas, targetReplicas } from './serving-fleet.js';
import { type ClusterJob, QUEUE_POLICIES, simulateSharedCluster } from './shared-cluster.js';
import { job, node } from './test-nodes.js';

const DAY = 86_400;
// Quiet at night, busy in the afternoon: a shape to test with, not a measured profile.
const HOURLY = Array.from(
  { length: 24 },
  (_, h) => 0.2 + 0.8 * Math.max(0, Math.sin(((h - 6) / 24) * 2 * Math.PI)),
);
const fleet = (o: Partial<ServingFleet> = {}): ServingFleet => ({
  name: 'chat',
  gpusPerReplica: 4,
  capacityPerReplicaPerS: 10,
  peakRatePerS: 60,
  hourlyShare: HOURLY.map((v) => v / Math.max(...HOURLY)),
  targetUtilization: 0.8,
  minReplicas: 1,
  maxReplicas: 8,
  intervalS: 300,
  startupS: 0,
  ...o,
});

describe('a serving fleet', () => {
  it('asks for replicas that keep demand under the target share of capacity', () => {
    const f = fleet();
    expect(fleetDemandPerS(f, 0)).toBeCloseTo(60 * f.hourlyShare[0]!, 9);
    expect(fleetDemandPerS(f, DAY + 3600)).toBeCloseTo(fleetDemandPerS(f, 3600), 9);
    expect(targetReplicas(f, 0)).toBe(1);
    expect(targetReplicas(f, 40)).toBe(5);
    expect(targetReplicas(f, 1e6)).toBe(8);
    expect(peakReplicas(f)).toBe(8);
  });

  it('follows its traffic through the day on a cluster with room, serving every request', () => {
    const r = simulateSharedCluster([node(8), node(8), node(8), node(8)], [], {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      horizonS: 2 * DAY,
      fleets: [fleet()],
    });
    const f = r.fleets[0]!;
    expect(f.sloAttainment).toBeCloseTo(1, 9);
    expect(f.maxReplicas).toBe(8);
    expect(f.meanReplicas).toBeLessThan(8);
    expect(f.meanReplicas).toBeGreaterThan(1);
    // Replicas rise and fall with demand over the timeline.
    const samples = r.timeline.timeS.length;
    const reps = Array.from(r.timeline.replicas.subarray(0, samples));
    expect(Math.max(...reps)).toBe(8);
    expect(Math.min(...reps)).toBeLessThanOrEqual(3);
    expect(r.servingGpuMilliS).toBeCloseTo(r.allocatedGpuMilliS, 0);
  });

  it('takes GPUs from batch jobs when it must, and serves less when it may not', () => {
    const nodes = [node(8), node(8)];
    // Batch jobs fill both nodes for the whole day.
    const jobs = Array.from({ length: 16 }, () => job(0, 2 * DAY, 1));
    const o = {
      queue: 'fifo' as const,
      placement: 'best-fit' as const,
      seed: 3,
      horizonS: DAY,
      // Four replicas of 4 GPUs fit the two nodes: enough for the peak.
      fleets: [fleet({ minReplicas: 0, peakRatePerS: 30, maxReplicas: 4 })],
    };
    const taking = simulateSharedCluster(nodes, jobs, o);
    const polite = simulateSharedCluster(nodes, jobs, { ...o, preemptForServing: false });
    expect(taking.preemptions).toBeGreaterThan(0);
    expect(taking.preemptedGpuMilliS).toBeGreaterThan(0);
    expect(taking.fleets[0]!.sloAttainment).toBeGreaterThan(0.95);
    expect(polite.preemptions).toBe(0);
    expect(polite.fleets[0]!.unplacedStarts).toBeGreaterThan(0);
    // It keeps the replicas it had when the jobs came, and grows no further.
    expect(polite.fleets[0]!.sloAttainment).toBeLessThan(taking.fleets[0]!.sloAttainment - 0.2);
  });

  it('serves nothing until a replica has loaded its weights', () => {
    const o = { queue: 'fifo' as const, placement: 'best-fit' as const, seed: 1, horizonS: DAY };
    const instant = simulateSharedCluster([node(8), node(8), node(8), node(8)], [], {
      ...o,
      fleets: [fleet()],
    });
    const slow = simulateSharedCluster([node(8), node(8), node(8), node(8)], [], {
      ...o,
      fleets: [fleet({ startupS: 1200 })],
    });
    expect(slow.fleets[0]!.sloAttainment).toBeLessThan(instant.fleets[0]!.sloAttainment);
  });
});

describe('bursting to the cloud', () => {
  const cloud: CloudBursting = { afterWaitS: 600, provisioningS: 300, perGpuHourUsd: 4 };

  it('sends jobs that waited too long, and bills their GPU-hours', () => {
    // One 8-GPU node; ten 8-GPU jobs of an hour at once: all but the first wait beyond 10 minutes.
    const jobs = Array.from({ length: 10 }, () => job(0, 3600, 8));
    const r = simulateSharedCluster([node(8)], jobs, {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      cloud,
    });
    expect(r.cloud.jobs).toBe(9);
    expect(r.completed).toBe(10);
    expect(r.cloud.billedGpuS).toBeCloseTo(9 * 8 * 3600, 6);
    expect(r.cloud.spendUsd).toBeCloseTo(9 * 8 * 4, 6);
    // A cloud job started once its GPUs came: after its wait and the provisioning.
    expect(r.waitS[1]).toBeCloseTo(900, 9);
    expect(r.endedS[1]).toBeCloseTo(600 + 300 + 3600, 9);
  });

  it('sends the earliest waiting jobs while the queue is longer than its threshold', () => {
    // One 8-GPU node; ten 8-GPU jobs of an hour at once: one runs, three may wait, six go at once.
    const jobs = Array.from({ length: 10 }, () => job(0, 3600, 8));
    const r = simulateSharedCluster([node(8)], jobs, {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      cloud: { afterWaitS: Number.POSITIVE_INFINITY, queueOver: 3, provisioningS: 300, perGpuHourUsd: 4 },
    });
    expect(r.cloud.jobs).toBe(6);
    expect(Array.from(r.inCloud)).toEqual([0, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(r.completed).toBe(10);
    expect(r.waitS[9]).toBe(3 * 3600);
  });

  it('runs in the cloud a job too large for the site', () => {
    const r = simulateSharedCluster([node(8)], [job(0, 100, 64)], {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      cloud,
    });
    expect(r.cloud.jobs).toBe(1);
    expect(r.completed).toBe(1);
  });

  it('on spot capacity, pays for the work redone after reclaims and never less than the work', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 60, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        (workS, reclaimPerHour, seed) => {
          const out = { totalS: 0, billedS: 0, reclaims: 0, lostS: 0 };
          const spot = { ...cloud, spot: { perGpuHourUsd: 1.5, reclaimPerHour, checkpointIntervalS: 600 } };
          cloudRun(spot, workS, new Random(seed), out);
          expect(out.billedS).toBeCloseTo(workS + out.lostS, 6);
          expect(out.totalS).toBeCloseTo(out.billedS + (out.reclaims + 1) * cloud.provisioningS, 6);
          if (reclaimPerHour === 0) expect(out.reclaims).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('backfill', () => {
  it('lets a short job pass a blocked one, but not a job that would delay it', () => {
    // Three 8-GPU nodes. A 16-GPU gang runs for 1000 s on two; a 24-GPU gang must wait for it. A
    // 4-GPU job of 500 s ends before then and passes; a 4-GPU job of 5000 s would delay the gang.
    const jobs = [job(0, 1000, 16), job(1, 100, 24), job(2, 500, 4), job(3, 5000, 4)];
    const nodes = [node(8), node(8), node(8)];
    const run = (queue: 'backfill' | 'fifo' | 'first-fit') =>
      simulateSharedCluster(nodes, jobs, { queue, placement: 'best-fit', seed: 1 }).waitS;
    expect(Array.from(run('backfill'))).toEqual([0, 999, 0, 1100 - 3]);
    expect(Array.from(run('fifo'))).toEqual([0, 999, 1100 - 2, 1100 - 3]);
    // First-fit lets the long job pass too, and the large gang waits for it.
    expect(Array.from(run('first-fit'))).toEqual([0, 5003 - 1, 0, 0]);
  });
});

describe('placement on leaf groups', () => {
  const gang = (arrivalS: number, durationS: number, gpus: number, commShare: number): ClusterJob => ({
    ...job(arrivalS, durationS, gpus),
    commShare,
  });
  const topology = { nodesPerGroup: 2, oversubscription: 2 };
  const nodes = [node(8), node(8), node(8), node(8)];

  it('runs a gang in one group faster by its communication at the full NIC rate', () => {
    const r = simulateSharedCluster(nodes, [gang(0, 1000, 16, 0.3)], {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      topology,
    });
    // 70% computes as before; 30% communicates at twice the rate between groups: 0.85 of the time.
    expect(r.endedS[0]).toBeCloseTo(850, 9);
    expect(r.spreadGangs).toBe(0);
  });

  it('counts the time a gang spread over groups spends beyond one group, when one could have held it', () => {
    // Groups {0, 1} and {2}. A job pinned to node 0 (its GPU model) leaves the 16-GPU gang one node in
    // each group: it runs spread, at the planned time, and 15% of its GPU-time is the spread's.
    const pinned = [{ ...node(8), model: 'G1' }, node(8), node(8)];
    const a = job(0, 5000, 8);
    const jobs = [{ ...a, shape: { ...a.shape, modelMask: 1 } }, gang(1, 1000, 16, 0.3)];
    const r = simulateSharedCluster(pinned, jobs, {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      topology,
    });
    expect(r.spreadGangs).toBe(1);
    expect(r.endedS[1]).toBeCloseTo(1001, 9);
    expect(r.spreadGpuMilliS).toBeCloseTo(1000 * 0.15 * 16 * MILLI_PER_GPU, 3);
    const total =
      r.usefulGpuMilliS + r.lostGpuMilliS + r.preemptedGpuMilliS + r.spreadGpuMilliS + r.idleHeldGpuMilliS;
    expect(total).toBeCloseTo(r.jobGpuMilliS, 0);
    // Without the pinned job the gang takes group {0, 1} whole.
    const alone = simulateSharedCluster(pinned, [jobs[1]!], {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      topology,
    });
    expect(alone.spreadGangs).toBe(0);
    expect(alone.endedS[0]).toBeCloseTo(1 + 850, 9);
  });
});

describe('per-team quotas', () => {
  it('let a team within its quota take GPUs from a team beyond its own', () => {
    // One 8-GPU node. Team 1 (no quota) fills it for a day; team 0 (quota 8) arrives after a minute.
    const jobs: ClusterJob[] = [
      { ...job(0, DAY, 8), team: 1 },
      { ...job(60, 3600, 8), team: 0 },
    ];
    const o = { queue: 'fifo' as const, placement: 'best-fit' as const, seed: 1, checkpointIntervalS: 600 };
    const withQuota = simulateSharedCluster([node(8)], jobs, { ...o, quotaGpus: [8, 0] });
    expect(withQuota.waitS[1]).toBe(0);
    expect(withQuota.quotaPreemptions).toBe(1);
    expect(withQuota.preemptions).toBe(1);
    // The preempted job kept nothing of its first minute (no checkpoint yet) and ends an hour late.
    expect(withQuota.endedS[0]).toBeCloseTo(60 + 3600 + DAY, 6);
    const without = simulateSharedCluster([node(8)], jobs, o);
    expect(without.waitS[1]).toBe(DAY - 60);
    expect(without.preemptions).toBe(0);
  });

  it('never preempts for a team already at its quota, nor a team within its own', () => {
    const jobs: ClusterJob[] = [
      { ...job(0, DAY, 4), team: 1 },
      { ...job(0, DAY, 4), team: 0 },
      { ...job(60, 3600, 4), team: 0 },
    ];
    const r = simulateSharedCluster([node(8)], jobs, {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      quotaGpus: [4, 4],
    });
    expect(r.preemptions).toBe(0);
    expect(r.waitS[2]).toBe(DAY - 60);
  });
});

describe('the shared cluster with fleets, preemption and the cloud', () => {
  it('conserves GPU-time by cause, never over-allocates, and repeats for a seed', () => {
    const jobArb = fc
      .record({
        arrivalS: fc.integer({ min: 0, max: 40_000 }),
        durationS: fc.integer({ min: 1, max: 20_000 }),
        gpus: fc.constantFrom(1, 2, 4, 8, 16),
        priority: fc.constantFrom(0, 0, 1, -1),
      })
      .map((r) => ({
        ...job(r.arrivalS, r.durationS, r.gpus),
        commShare: (r.arrivalS % 5) / 10,
        team: r.durationS % 3,
        priority: r.priority,
        ...(r.gpus === 16 && r.durationS % 2 ? { scaleUpGroupGpus: 8 } : {}),
        ...(r.gpus <= 2 && r.durationS % 4 === 0 ? { busyShare: 0.25 } : {}),
      }));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(node(4), node(8)), { minLength: 1, maxLength: 6 }),
        fc.array(jobArb, { minLength: 0, maxLength: 40 }),
        fc.constantFrom(...QUEUE_POLICIES),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom(undefined, 1, 2, 3),
        fc.constantFrom('best-fit' as const, 'random' as const),
        fc.constantFrom(undefined, [8, 0, 4], [16, 16, 0]),
        fc.constantFrom(undefined, 2),
        (nodes, jobs, queue, withCloud, withFailures, seed, group, placement, quotaGpus, domain) => {
          const o = {
            queue,
            placement,
            seed,
            horizonS: DAY,
            ...(group || domain
              ? {
                  topology: {
                    nodesPerGroup: group ?? nodes.length,
                    oversubscription: 2,
                    ...(domain ? { nodesPerDomain: domain, scaleUpOverScaleOut: 9 } : {}),
                  },
                }
              : {}),
            ...(quotaGpus ? { quotaGpus } : {}),
            fleets: [fleet({ peakRatePerS: 40, maxReplicas: 6 })],
            ...(withCloud
              ? {
                  cloud: {
                    afterWaitS: 3600,
                    provisioningS: 120,
                    perGpuHourUsd: 3,
                    ...(seed % 2 ? { queueOver: 3 } : {}),
                  },
                }
              : {}),
            ...(withFailures
              ? { failures: { perGpuHour: 0.01, checkpointIntervalS: 600, restartS: 60 } }
              : {}),
          };
          const a = simulateSharedCluster(nodes, jobs, o);
          const b = simulateSharedCluster(nodes, jobs, o);
          expect(Array.from(b.waitS)).toEqual(Array.from(a.waitS));
          expect(b.fleets).toEqual(a.fleets);
          const tol = (x: number) => -Math.log10(x + 1) + 6;
          expect(a.allocatedGpuMilliS).toBeCloseTo(a.jobGpuMilliS, tol(a.jobGpuMilliS));
          const batch = a.jobGpuMilliS - a.servingGpuMilliS;
          const byCause =
            a.usefulGpuMilliS +
            a.lostGpuMilliS +
            a.preemptedGpuMilliS +
            a.spreadGpuMilliS +
            a.idleHeldGpuMilliS;
          expect(byCause).toBeCloseTo(batch, tol(batch));
          for (const v of a.allocatedGpuMilli) expect(v).toBeLessThanOrEqual(a.totalGpuMilli + 1e-9);
          for (const v of a.timeline.busyGpus)
            expect(v).toBeLessThanOrEqual(a.totalGpuMilli / MILLI_PER_GPU + 1e-9);
          expect(a.fleets[0]!.sloAttainment).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
      { numRuns: 80 },
    );
  });
});
