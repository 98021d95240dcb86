// Synthetic GPU jobs that match a named cluster's published summary statistics: the GPUs per job
// (mean, median, largest), the share of jobs asking for a share of one GPU and the shares they ask,
// the run time (mean, median, longest) and the final states (completed, cancelled, failed).
// Arrivals are Poisson. Each statistic is cited in CLUSTER_SUMMARIES.

import type { Source } from '../catalog/types.js';
import { Random } from '../sim/random.js';
import { MILLI_PER_GPU } from './cluster-trace.js';

export interface ClusterSummary {
  readonly id: string;
  readonly gpuJobs: number;
  readonly meanGpus: number;
  readonly medianGpus: number;
  readonly maxGpus: number;
  readonly meanRunS: number;
  readonly medianRunS: number;
  readonly maxRunS: number;
  /** Shares of GPU jobs by final state; null where none is published. */
  readonly states: { readonly completed: number; readonly cancelled: number; readonly failed: number } | null;
  /** Jobs that ask for a share of one GPU (GPU sharing): their share of the GPU jobs, and how many
   * asked for each share, in thousandths of a GPU. Absent: every job asks for whole GPUs. */
  readonly gpuShares?: {
    readonly shareOfJobs: number;
    readonly countsByMilli: readonly (readonly [milli: number, jobs: number])[];
  };
  readonly source: Source;
}

const ACME: Source = {
  title:
    'Hu et al. 2024, "Characterization of Large Language Model Development in the Datacenter", NSDI 2024; InternLM/AcmeTrace data/cluster_summary.csv (commit 6d6ac9cd)',
  note: 'GPU jobs: job count, average/median/max run time (s), average/median/max GPUs, final-state shares by job count; Philly (Jeon et al. ATC 2019) and Helios (Hu et al. SC 2021) as the Acme authors summarise them',
};

const ALIBABA_2023: Source = {
  title:
    'Weng et al. 2023, "Beware of Fragmentation: Scheduling GPU-Sharing Workloads with Fragmentation Gradient Descent", USENIX ATC 2023; alibaba/clusterdata cluster-trace-gpu-v2023 openb_pod_list_default.csv (commit 7a6c496e, shipped as validation/traces/alibaba-v2023-openb_pod_list_default.csv)',
  note: 'computed by aidc from the trace: its 6,203 GPU tasks that were scheduled and deleted later; run time = deletion − scheduled time; GPUs = num_gpu; a share = gpu_milli below 1000 on a one-GPU task. The trace records pod phases of a snapshot, not final states, so none are given',
};

/** GPU tasks of the 2023 GPU-sharing trace by the share of one GPU they asked for (gpu_milli):
 * the 2,573 of its 6,203 scheduled GPU tasks that asked for less than a whole GPU. */
const ALIBABA_2023_SHARES: readonly (readonly [number, number])[] = [
  [50, 7],
  [110, 18],
  [140, 1],
  [160, 70],
  [220, 60],
  [230, 94],
  [270, 4],
  [290, 1],
  [320, 288],
  [330, 7],
  [350, 5],
  [370, 46],
  [440, 2],
  [460, 128],
  [470, 455],
  [480, 19],
  [550, 71],
  [590, 62],
  [650, 218],
  [810, 1017],
];

/** The clusters whose GPU-job statistics are published: the Acme trace's summary, and the 2023
 * GPU-sharing trace's tasks. */
export const CLUSTER_SUMMARIES: readonly ClusterSummary[] = [
  ['Seren', 663_813, 5.68, 1, 1024, 1414.335, 122, 1_209_604, 0.497, 0.075, 0.429],
  ['Kalos', 19_907, 26.77, 1, 1024, 1259.689, 124, 625_740, 0.541, 0.062, 0.397],
  ['Philly', 112_956, 1.928, 1, 128, 18_006.055, 874, 4_240_676, 0.604, 0.09, 0.305],
  ['Helios', 1_580_464, 3.716, 1, 2048, 6651.681, 206, 4_320_009, 0.624, 0.221, 0.155],
]
  .map(
    ([
      id,
      gpuJobs,
      meanGpus,
      medianGpus,
      maxGpus,
      meanRunS,
      medianRunS,
      maxRunS,
      completed,
      cancelled,
      failed,
    ]): ClusterSummary => ({
      id: id as string,
      gpuJobs: gpuJobs as number,
      meanGpus: meanGpus as number,
      medianGpus: medianGpus as number,
      maxGpus: maxGpus as number,
      meanRunS: meanRunS as number,
      medianRunS: medianRunS as number,
      maxRunS: maxRunS as number,
      states: { completed: completed as number, cancelled: cancelled as number, failed: failed as number },
      source: ACME,
    }),
  )
  .concat([
    {
      id: 'Alibaba-2023',
      gpuJobs: 6203,
      meanGpus: 6571 / 6203,
      medianGpus: 1,
      maxGpus: 8,
      meanRunS: 30_851.149,
      medianRunS: 655,
      maxRunS: 12_537_496,
      states: null,
      gpuShares: { shareOfJobs: 2573 / 6203, countsByMilli: ALIBABA_2023_SHARES },
      source: ALIBABA_2023,
    },
  ]);

export const JOB_STATES = ['completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface GeneratedJobs {
  readonly arrivalS: Float64Array;
  readonly runS: Float64Array;
  readonly gpus: Int32Array;
  /** Thousandths of each GPU a job asks for: MILLI_PER_GPU, or less for a share of one GPU. */
  readonly gpuMilli: Int32Array;
  /** Index into JOB_STATES, or NO_STATE where the cluster publishes none. */
  readonly state: Uint8Array;
}

export const NO_STATE = 255;

/** The share of one-GPU jobs where a median of one GPU is all that is published: the least that
 * median allows (an assumption, not a published figure). */
export const ONE_GPU_SHARE_AT_MEDIAN_ONE = 0.51;

/**
 * GPUs per job: powers of two up to the cluster's largest. log2 of the count is truncated-geometric,
 * its ratio solved so the mean matches; where that leaves fewer than half the jobs on one GPU against
 * a published median of one, one GPU takes ONE_GPU_SHARE_AT_MEDIAN_ONE and the geometric the rest.
 * Probabilities by exponent.
 */
export function gpuDistribution(meanGpus: number, medianGpus: number, maxGpus: number): Float64Array {
  const top = Math.floor(Math.log2(maxGpus));
  const probs = (q: number, one: number | null) => {
    const p = new Float64Array(top + 1);
    const from = one === null ? 0 : 1;
    let sum = 0;
    for (let i = from; i <= top; i++) {
      p[i] = q ** i;
      sum += p[i]!;
    }
    const rest = one === null ? 1 : 1 - one;
    for (let i = from; i <= top; i++) p[i] = (rest * p[i]!) / sum;
    if (one !== null) p[0] = one;
    return p;
  };
  const solve = (one: number | null) => {
    const mean = (q: number) => probs(q, one).reduce((a, p, i) => a + p * 2 ** i, 0);
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 100; k++) {
      const mid = (lo + hi) / 2;
      if (mean(mid) < meanGpus) lo = mid;
      else hi = mid;
    }
    return probs((lo + hi) / 2, one);
  };
  const free = solve(null);
  return medianGpus === 1 && free[0]! < 0.5 ? solve(ONE_GPU_SHARE_AT_MEDIAN_ONE) : free;
}

/** Run time: lognormal of the published median, its spread solved so the mean of the draws capped
 * at the longest run matches the published mean. */
export function runTimeSigma(medianS: number, meanS: number, maxS: number): number {
  // Mean of min(X, max) for X lognormal(ln median, σ): median·e^{σ²/2}·Φ((ln(max/median) − σ²)/σ) + max·(1 − Φ(ln(max/median)/σ)).
  const phi = (x: number) => 0.5 * erfc(-x / Math.SQRT2);
  const capped = (s: number) => {
    const b = Math.log(maxS / medianS);
    return medianS * Math.exp((s * s) / 2) * phi((b - s * s) / s) + maxS * (1 - phi(b / s));
  };
  let lo = 1e-3;
  let hi = 6;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (capped(mid) < meanS) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851413 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** `count` jobs like `c`'s, arriving as a Poisson process of `perS` jobs a second. */
export function generateJobs(c: ClusterSummary, count: number, perS: number, seed: number): GeneratedJobs {
  const rng = new Random(seed);
  const gpuP = gpuDistribution(c.meanGpus, c.medianGpus, c.maxGpus);
  const sigma = runTimeSigma(c.medianRunS, c.meanRunS, c.maxRunS);
  const mu = Math.log(c.medianRunS);
  const arrivalS = new Float64Array(count);
  const runS = new Float64Array(count);
  const gpus = new Int32Array(count);
  const gpuMilli = new Int32Array(count).fill(MILLI_PER_GPU);
  const state = new Uint8Array(count);
  // A one-GPU job asks for a share with the probability that makes shares the published share of all.
  const shares = c.gpuShares;
  const shareGivenOne = shares ? Math.min(1, shares.shareOfJobs / gpuP[0]!) : 0;
  const shareJobs = shares ? shares.countsByMilli.reduce((a, [, k]) => a + k, 0) : 0;
  let t = 0;
  for (let j = 0; j < count; j++) {
    t += rng.exponential(1 / perS);
    arrivalS[j] = t;
    let u = rng.next();
    let i = 0;
    while (i < gpuP.length - 1 && u >= gpuP[i]!) u -= gpuP[i++]!;
    gpus[j] = 2 ** i;
    if (i === 0 && shares && rng.next() < shareGivenOne) {
      let k = rng.next() * shareJobs;
      let b = 0;
      while (b < shares.countsByMilli.length - 1 && k >= shares.countsByMilli[b]![1])
        k -= shares.countsByMilli[b++]![1];
      gpuMilli[j] = shares.countsByMilli[b]![0];
    }
    // Box–Muller from two uniforms.
    const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    runS[j] = Math.min(c.maxRunS, Math.exp(mu + sigma * z));
    const s = rng.next();
    const st = c.states;
    state[j] = !st ? NO_STATE : s < st.completed ? 0 : s < st.completed + st.cancelled ? 1 : 2;
  }
  return { arrivalS, runS, gpus, gpuMilli, state };
}
