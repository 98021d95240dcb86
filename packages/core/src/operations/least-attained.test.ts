import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MILLI_PER_GPU } from './cluster-trace.js';
import {
  LAS_THRESHOLDS_GPU_S,
  lasQueue,
  SUSPEND_RESUME_S,
  serviceToNextQueue,
  suspendResumeS,
} from './least-attained.js';
import { MAX_RESTARTS, simulateSharedCluster } from './shared-cluster.js';
import { job, node } from './test-nodes.js';

const las = { queue: 'las', placement: 'best-fit', seed: 1 } as const;

describe('least-attained-service queues', () => {
  it('put a job in a lower queue as its service passes each bound, and say how far the next is', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (gpuS) => {
        const q = lasQueue(gpuS);
        expect(q).toBe(LAS_THRESHOLDS_GPU_S.filter((b) => gpuS >= b).length);
        const left = serviceToNextQueue(gpuS);
        if (q === LAS_THRESHOLDS_GPU_S.length) expect(left).toBe(Number.POSITIVE_INFINITY);
        else {
          expect(left).toBeGreaterThan(0);
          expect(lasQueue(gpuS + left)).toBe(q + 1);
        }
      }),
    );
    expect(suspendResumeS(8)).toBe(SUSPEND_RESUME_S.upTo8Gpus);
    expect(suspendResumeS(16)).toBe(SUSPEND_RESUME_S.beyond);
  });
});

describe('las on the shared cluster', () => {
  it('suspends a job that has had its first queue’s service for a newcomer, which resumes it later', () => {
    // One 8-GPU node. A (8 GPUs, 1000 s) has had 3600 GPU-s at 450 s; B (8 GPUs, 100 s) came at 10.
    const r = simulateSharedCluster([node(8)], [job(0, 1000, 8), job(10, 100, 8)], las);
    const at = LAS_THRESHOLDS_GPU_S[0]! / 8;
    expect(Array.from(r.waitS)).toEqual([0, at - 10]);
    const resume = suspendResumeS(8);
    // B runs from 450 to 550; A resumes, pays its resume and does the 550 s it had left.
    expect(r.endedS[1]).toBeCloseTo(at + 100, 9);
    expect(r.endedS[0]).toBeCloseTo(at + 100 + resume + (1000 - at), 9);
    expect(r.suspensions).toBe(1);
    expect(r.preemptions).toBe(1);
    // A keeps its work: only the resume is lost, to preemption.
    expect(r.preemptedGpuMilliS).toBeCloseTo(resume * 8 * MILLI_PER_GPU, 6);
    expect(r.usefulGpuMilliS).toBeCloseTo((1000 + 100) * 8 * MILLI_PER_GPU, 6);
    // FIFO keeps B waiting for all of A.
    const fifo = simulateSharedCluster([node(8)], [job(0, 1000, 8), job(10, 100, 8)], {
      ...las,
      queue: 'fifo',
    });
    expect(fifo.waitS[1]).toBe(990);
  });

  it('suspends nobody for a job of the last queue: jobs that have all had their service run in turn', () => {
    // Three 8-GPU jobs of 1000 s on one node: A gives way to B at 450 s, B to C at 900 s; C is then
    // in the last queue with A and B and runs to its end, A resumes next, then B.
    const r = simulateSharedCluster([node(8)], [job(0, 1000, 8), job(1, 1000, 8), job(2, 1000, 8)], las);
    const at = LAS_THRESHOLDS_GPU_S[0]! / 8;
    const resume = suspendResumeS(8);
    expect(r.suspensions).toBe(2);
    expect(r.endedS[2]).toBeCloseTo(2 * at + 1000, 9);
    expect(r.endedS[0]).toBeCloseTo(2 * at + 1000 + resume + (1000 - at), 9);
    expect(r.endedS[1]).toBeCloseTo(r.endedS[0]! + resume + (1000 - at), 9);
  });

  it('lets a small job start where a large one waits, as first-fit does', () => {
    // A 4-GPU job runs; an 8-GPU job cannot start; a 1-GPU job arriving later can.
    const r = simulateSharedCluster([node(8)], [job(0, 100, 4), job(1, 50, 8), job(2, 10, 1)], las);
    expect(Array.from(r.waitS)).toEqual([0, 99, 0]);
  });

  it('suspends only when the lower queues and the free GPUs can hold the newcomer, then as a gang', () => {
    // Two 8-GPU nodes. A (from 0 s) passes its first queue at 450 s, B (from 400 s) at 850 s. A 16-GPU
    // job C arriving at 500 s finds only A's 8 GPUs below it and suspends nobody until B passes too.
    const r = simulateSharedCluster(
      [node(8), node(8)],
      [job(0, 5000, 8), job(400, 5000, 8), job(500, 100, 16)],
      las,
    );
    const at = LAS_THRESHOLDS_GPU_S[0]! / 8;
    expect(r.waitS[2]).toBeCloseTo(400 + at - 500, 9);
    expect(r.suspensions).toBe(2);
    expect(r.allocatedGpuMilliS).toBeCloseTo(r.jobGpuMilliS, 3);
  });
});

describe('las with team quotas', () => {
  it('never suspends a job of another team within its quota, but one of the same team', () => {
    // A (team 0, quota 8 GPUs) holds the node; B arrives at 10 s. A passes its first queue at 450 s.
    const a = { ...job(0, 1000, 8), team: 0 };
    const other = simulateSharedCluster([node(8)], [a, { ...job(10, 100, 8), team: 1 }], {
      ...las,
      quotaGpus: [8, 0],
    });
    expect(other.waitS[1]).toBe(990);
    expect(other.suspensions).toBe(0);
    const same = simulateSharedCluster([node(8)], [a, { ...job(10, 100, 8), team: 0 }], {
      ...las,
      quotaGpus: [8, 0],
    });
    expect(same.waitS[1]).toBe(LAS_THRESHOLDS_GPU_S[0]! / 8 - 10);
    expect(same.suspensions).toBe(1);
  });
});

describe('las over many suspensions', () => {
  it('never gives up a job for being suspended, however often', () => {
    // A long job has had its first queue's service at 450 s; a short job every 1000 s suspends it.
    const short = Array.from({ length: MAX_RESTARTS + 5 }, (_, i) => job(1000 * (i + 1), 10, 8));
    const r = simulateSharedCluster([node(8)], [job(0, 2e6, 8), ...short], las);
    expect(r.suspensions).toBe(MAX_RESTARTS + 5);
    expect(r.abandoned).toBe(0);
    expect(r.completed).toBe(MAX_RESTARTS + 6);
  });
});
