import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MILLI_PER_GPU } from './cluster-trace.js';
import { PLACEMENT_POLICIES } from './placement.js';
import { QUEUE_POLICIES, simulateSharedCluster } from './shared-cluster.js';
import { job, node } from './test-nodes.js';

const jobArb = fc
  .record({
    arrivalS: fc.integer({ min: 0, max: 10_000 }),
    durationS: fc.integer({ min: 1, max: 5_000 }),
    kind: fc.constantFrom<'share' | number>('share', 1, 2, 4, 8, 16),
    milli: fc.integer({ min: 100, max: 900 }),
  })
  .map((r) =>
    typeof r.kind === 'number'
      ? job(r.arrivalS, r.durationS, r.kind)
      : job(r.arrivalS, r.durationS, 1, r.milli),
  );
const clusterArb = fc.array(fc.constantFrom(node(1), node(2), node(4), node(8)), {
  minLength: 1,
  maxLength: 8,
});

describe('the shared cluster over time', () => {
  it('conserves GPU-time, never over-allocates, and repeats exactly for a seed', () => {
    fc.assert(
      fc.property(
        clusterArb,
        fc.array(jobArb, { minLength: 1, maxLength: 80 }),
        fc.constantFrom(...QUEUE_POLICIES),
        fc.constantFrom(...PLACEMENT_POLICIES),
        fc.integer({ min: 1, max: 1000 }),
        (nodes, jobs, queue, placement, seed) => {
          const o = { queue, placement, seed };
          const a = simulateSharedCluster(nodes, jobs, o);
          const b = simulateSharedCluster(nodes, jobs, o);
          expect(Array.from(b.waitS)).toEqual(Array.from(a.waitS));
          // What the cluster held over time is what the jobs held while they ran.
          expect(a.allocatedGpuMilliS).toBeCloseTo(a.jobGpuMilliS, -Math.log10(a.jobGpuMilliS + 1) + 6);
          for (const v of a.allocatedGpuMilli) {
            expect(v).toBeGreaterThanOrEqual(-1e-9);
            expect(v).toBeLessThanOrEqual(a.totalGpuMilli + 1e-9);
          }
          // Every job the cluster can hold (on one node, or as a gang on whole nodes) runs to the end.
          const total = nodes.reduce((x, m) => x + m.gpus, 0);
          const fits = jobs.filter(
            (j) => j.shape.gpus <= Math.max(...nodes.map((x) => x.gpus)) || j.shape.gpus <= total,
          );
          expect(a.completed).toBe(fits.length);
          for (let i = 0; i < jobs.length; i++)
            if (a.waitS[i]! >= 0) expect(a.waitS[i]).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('queues nothing on a cluster large enough for every job at once', () => {
    fc.assert(
      fc.property(
        fc.array(jobArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...QUEUE_POLICIES),
        (jobs, queue) => {
          // A node per job, and per 8 GPUs of a gang: room for all at once whatever lands where.
          const nodes = jobs.flatMap((j) =>
            Array.from({ length: Math.ceil(Math.max(1, j.shape.gpus) / 8) }, () => node(8)),
          );
          const r = simulateSharedCluster(nodes, jobs, { queue, placement: 'best-fit', seed: 1 });
          for (let i = 0; i < jobs.length; i++) expect(r.waitS[i]).toBe(0);
        },
      ),
    );
  });

  it('runs a job larger than any node as a gang on whole idle nodes', () => {
    const nodes = [node(8), node(8), node(8), node(8)];
    // One GPU busy on the first node; 24 GPUs need the other three whole; 16 more wait for them.
    const jobs = [job(0, 1000, 1), job(1, 100, 24), job(2, 10, 16)];
    const r = simulateSharedCluster(nodes, jobs, { queue: 'fifo', placement: 'best-fit', seed: 1 });
    expect(Array.from(r.waitS)).toEqual([0, 0, 99]);
    // The gang held 24 GPUs for 100 s: the cluster's held GPU-time is the jobs'.
    expect(r.allocatedGpuMilliS).toBeCloseTo(r.jobGpuMilliS, 3);
    const tooBig = simulateSharedCluster(nodes, [job(0, 10, 40)], {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
    });
    expect(tooBig.started).toBe(0);
  });

  it('holds the queue behind a large job under FIFO, lets small ones pass under first-fit', () => {
    const nodes = [node(8)];
    // A 4-GPU job runs; an 8-GPU job must wait for it; a 1-GPU job arrives after the 8-GPU one.
    const jobs = [job(0, 100, 4), job(1, 50, 8), job(2, 10, 1)];
    const fifo = simulateSharedCluster(nodes, jobs, { queue: 'fifo', placement: 'best-fit', seed: 1 });
    expect(Array.from(fifo.waitS)).toEqual([0, 99, 148]);
    const ff = simulateSharedCluster(nodes, jobs, { queue: 'first-fit', placement: 'best-fit', seed: 1 });
    expect(Array.from(ff.waitS)).toEqual([0, 99, 0]);
    // SJF with the oracle duration: the short job goes first when it is waiting.
    const sjf = simulateSharedCluster([node(4)], [job(0, 100, 4), job(1, 50, 2), job(2, 10, 2)], {
      queue: 'sjf',
      placement: 'best-fit',
      seed: 1,
    });
    expect(Array.from(sjf.waitS)).toEqual([0, 99, 98]);
  });
});

describe('failures on the shared cluster', () => {
  it('keep the work of the last checkpoint, and the GPU-time held is what was kept plus what was lost', () => {
    fc.assert(
      fc.property(
        clusterArb,
        fc.array(jobArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...QUEUE_POLICIES),
        fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (nodes, jobs, queue, perGpuHour, seed) => {
          const r = simulateSharedCluster(nodes, jobs, {
            queue,
            placement: 'best-fit',
            seed,
            failures: { perGpuHour, checkpointIntervalS: 60, restartS: 30 },
          });
          const scale = r.jobGpuMilliS + 1;
          const byCause =
            r.usefulGpuMilliS +
            r.lostGpuMilliS +
            r.preemptedGpuMilliS +
            r.spreadGpuMilliS +
            r.idleHeldGpuMilliS;
          expect(byCause).toBeCloseTo(r.jobGpuMilliS, -Math.log10(scale) + 6);
          expect(r.allocatedGpuMilliS).toBeCloseTo(r.jobGpuMilliS, -Math.log10(scale) + 6);
          // The work kept is each finished job's whole length.
          const total = nodes.reduce((x, m) => x + m.gpus, 0);
          const finished = jobs.filter((j) => j.shape.gpus <= total);
          const want = finished.reduce((a, j) => a + j.durationS * j.shape.gpus * j.shape.gpuMilli, 0);
          if (r.abandoned === 0) {
            expect(r.completed).toBe(finished.length);
            // Gangs hold whole nodes: at least the work asked for is kept.
            expect(r.usefulGpuMilliS).toBeGreaterThanOrEqual(want * (1 - 1e-9));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lose nothing without failures, and more the rarer the checkpoints', () => {
    const nodes = [node(8), node(8)];
    const jobs = Array.from({ length: 30 }, (_, i) => job(i * 100, 20_000, 8));
    const none = simulateSharedCluster(nodes, jobs, { queue: 'fifo', placement: 'best-fit', seed: 5 });
    expect(none.lostGpuMilliS).toBe(0);
    const lost = (checkpointIntervalS: number) =>
      simulateSharedCluster(nodes, jobs, {
        queue: 'fifo',
        placement: 'best-fit',
        seed: 5,
        failures: { perGpuHour: 0.01, checkpointIntervalS, restartS: 600 },
      });
    const often = lost(300);
    const rarely = lost(3000);
    expect(often.failures).toBeGreaterThan(0);
    expect(rarely.lostGpuMilliS).toBeGreaterThan(often.lostGpuMilliS);
  });
});

describe('progress of a long simulation', () => {
  it('advances within 0..1 as the jobs end, without a horizon and with one', () => {
    const jobs = Array.from({ length: 20_000 }, (_, i) => job(i, 50 + (i % 7) * 10, 1 + (i % 4)));
    for (const horizonS of [undefined, 15_000]) {
      const seen: number[] = [];
      simulateSharedCluster([node(8), node(8)], jobs, {
        queue: 'first-fit',
        placement: 'best-fit',
        seed: 1,
        ...(horizonS ? { horizonS } : {}),
        onProgress: (f) => seen.push(f),
      });
      expect(seen.length).toBeGreaterThan(3);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
      expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...seen)).toBeLessThanOrEqual(1);
    }
  });
});

describe('GPUs lost to fragmentation', () => {
  it('counts free GPUs while a job that would fit in their sum waits for their split', () => {
    const nodes = [node(8), node(8)];
    // Two 6-GPU jobs take a node each; a 4-GPU job then finds 2 + 2 free: fragmented for 99 s.
    const jobs = [job(0, 100, 6), job(0, 100, 6), job(1, 10, 4)];
    const r = simulateSharedCluster(nodes, jobs, { queue: 'fifo', placement: 'best-fit', seed: 1 });
    expect(r.waitS[2]).toBe(99);
    expect(r.fragmentedGpuMilliS).toBeCloseTo(4 * MILLI_PER_GPU * 99, 6);
    // An 8-GPU job waiting on 4 free GPUs waits for capacity, not fragmentation.
    const capacity = simulateSharedCluster(nodes, [job(0, 100, 6), job(0, 100, 6), job(1, 10, 8)], {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
    });
    expect(capacity.fragmentedGpuMilliS).toBe(0);
  });
});

describe('priority classes', () => {
  it('start a higher priority first, and let it preempt a lower one that keeps its checkpoint', () => {
    // A low-priority job holds the node; a normal one waits; a high one arrives later.
    const jobs = [
      { ...job(0, 10_000, 8), priority: -1 },
      { ...job(10, 100, 8), priority: 0 },
      { ...job(20, 100, 8), priority: 1 },
    ];
    const r = simulateSharedCluster([node(8)], jobs, {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      checkpointIntervalS: 1000,
    });
    // At 10 s the normal job preempts the low one (no checkpoint yet: 10 s lost); the high one
    // then preempts the normal one at 20 s, runs to 120 s; the normal one reruns from its start.
    expect(r.waitS[1]).toBe(0);
    expect(r.waitS[2]).toBe(0);
    expect(r.endedS[2]).toBe(120);
    expect(r.endedS[1]).toBe(220);
    expect(r.priorityPreemptions).toBe(2);
    expect(r.preemptedGpuMilliS).toBeCloseTo((10 + 10) * 8 * MILLI_PER_GPU, 6);
    // Without priorities FIFO keeps them in arrival order.
    const plain = simulateSharedCluster(
      [node(8)],
      jobs.map(({ priority: _, ...j }) => j),
      { queue: 'fifo', placement: 'best-fit', seed: 1 },
    );
    expect(plain.priorityPreemptions).toBe(0);
    expect(plain.waitS[1]).toBe(9_990);
  });
});

describe('interactive sessions', () => {
  it('hold their GPUs whole but count busy only in their busy share', () => {
    // A 2-GPU session of an hour, busy a quarter of the time, beside a batch job.
    const session = { ...job(0, 3600, 2), busyShare: 0.25 };
    const r = simulateSharedCluster([node(8)], [session, job(0, 3600, 4)], {
      queue: 'fifo',
      placement: 'best-fit',
      seed: 1,
      sampleS: 600,
    });
    expect(r.allocatedGpuMilliS).toBeCloseTo(6 * 3600 * MILLI_PER_GPU, 3);
    expect(r.idleHeldGpuMilliS).toBeCloseTo(0.75 * 2 * 3600 * MILLI_PER_GPU, 3);
    expect(r.usefulGpuMilliS).toBeCloseTo((0.25 * 2 + 4) * 3600 * MILLI_PER_GPU, 3);
    // While both run the timeline has 6 GPUs allocated and 4.5 busy.
    expect(r.timeline.allocatedGpus[1]).toBe(6);
    expect(r.timeline.busyGpus[1]).toBeCloseTo(4.5, 9);
  });
});
