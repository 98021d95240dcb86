import type { Source } from '../catalog/types.js';
import type { Figure } from '../explain/figure.js';
import type { TrainingJob } from '../training/job.js';
import { paramCounts } from '../transformer/params.js';

/**
 * The back-of-the-envelope formula this project started from: T = P / (N · C) + D / B, the work P
 * spread over N nodes of peak C each, plus a data volume D moved once over a node's link B.
 */
export const NAIVE_FORMULA_SOURCE: Source = {
  title: 'the seed essay of aidc: T = P/(N·C) + D/B for a 100M BERT on nodes of 4 × RTX 2080',
  note:
    'P: the run’s work, 6 FLOP per parameter per token (forward and backward of the weight matmuls); C: ' +
    'a node’s peak; D: the data set, moved once; B: a node’s link. It claims 150, 20, 10 and 5 minutes at ' +
    'N = 1, 8, 32 and 128 nodes of 64 TFLOP/s and 10 Gb/s.',
};

/** FLOP per parameter per token of training: 2 forward, 4 backward (Kaplan et al. 2020, §2.1). */
export const TRAINING_FLOP_PER_PARAM_TOKEN = 6;

/** Bytes a token of the data set takes when moved: a 32-bit token id, as storage.bytesPerToken's default. */
export const NAIVE_BYTES_PER_TOKEN = 4;

export interface NaiveEstimate {
  readonly nodes: number;
  /** P: the run's work, FLOP. */
  readonly workFlop: number;
  /** C: one node's peak at the run's number format, FLOP/s. */
  readonly nodePeakFlopsPerS: number;
  /** D: the data set, bytes. */
  readonly dataBytes: number;
  /** B: one node's link, bytes/s. */
  readonly nodeLinkBytesPerS: number;
  /** P / (N · C). */
  readonly computeS: number;
  /** D / B. */
  readonly transferS: number;
  readonly totalS: number;
}

/** The formula's answer for a job on its GPUs, nodes of `gpusPerNode`. */
export function naiveEstimate(job: TrainingJob, gpusPerNode: number): NaiveEstimate {
  const nodes = job.gpus / gpusPerNode;
  const p = paramCounts(job.model);
  // The parameters a token's matmuls use: the active layers and the output projection (which is the
  // embedding matrix when tied): 108M for the essay's BERT, as it counts.
  const matmulParams = p.activeNonEmbedding + (p.lmHead > 0 ? p.lmHead : p.embedding);
  const workFlop = TRAINING_FLOP_PER_PARAM_TOKEN * matmulParams * job.tokens;
  const nodePeakFlopsPerS = gpusPerNode * (job.accelerator.peakFlopsPerS[job.precision] ?? 0);
  const dataBytes = job.tokens * NAIVE_BYTES_PER_TOKEN;
  const nodeLinkBytesPerS = gpusPerNode * job.scaleOutBytesPerS;
  const computeS = workFlop / (nodes * nodePeakFlopsPerS);
  const transferS = dataBytes / nodeLinkBytesPerS;
  return {
    nodes,
    workFlop,
    nodePeakFlopsPerS,
    dataBytes,
    nodeLinkBytesPerS,
    computeS,
    transferS,
    totalS: computeS + transferS,
  };
}

/**
 * What separates aidc's training time from the formula's compute term, over the whole run: each part
 * of aidc's step time the formula has no term for, times the steps. They add up exactly:
 * P/(N·C) + belowPeak + communication + bubble + fixed = aidc's time.
 */
export interface NaiveGap {
  /** Compute (and recompute) beyond P/(N·C): matmuls below peak, attention, elementwise kernels. */
  readonly belowPeakS: number;
  /** Exposed tensor-, context-, expert-, pipeline- and data-parallel communication. */
  readonly communicationS: number;
  readonly bubbleS: number;
  /** The optimizer step and the fixed per-step cost (data loading, launches, gradient norm). */
  readonly fixedS: number;
}

/** Step-time figures each gap term is made of (names of the training plan's figures). */
export const NAIVE_GAP_PARTS: Readonly<Record<keyof NaiveGap, readonly string[]>> = {
  belowPeakS: ['compute', 'recompute', 'privacyClipping'],
  communicationS: [
    'tensorParallelExposed',
    'contextParallelExposed',
    'expertParallelExposed',
    'pipelineExposed',
    'dataParallelExposed',
  ],
  bubbleS: ['bubble'],
  fixedS: ['optimizer', 'stepOverhead'],
};

/** The gap terms from a training plan's figures (per step) and its step count. */
export function naiveGap(
  figures: Readonly<Record<string, Figure>>,
  steps: number,
  naive: NaiveEstimate,
): NaiveGap {
  const total = (names: readonly string[]) => steps * names.reduce((a, n) => a + (figures[n]?.value ?? 0), 0);
  return {
    belowPeakS: total(NAIVE_GAP_PARTS.belowPeakS) - naive.computeS,
    communicationS: total(NAIVE_GAP_PARTS.communicationS),
    bubbleS: total(NAIVE_GAP_PARTS.bubbleS),
    fixedS: total(NAIVE_GAP_PARTS.fixedS),
  };
}
