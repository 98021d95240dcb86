import type { Accelerator, ModelArchitecture } from '../catalog/types.js';
import { collectiveTimeS } from '../fabric/collectives.js';
import { attentionCoreFlopsPerToken } from '../transformer/flops.js';
import { paramCounts } from '../transformer/params.js';
import { layerShapes } from '../transformer/shapes.js';
import { INFERENCE_CONSTANTS, type InferenceConstants } from './constants.js';
import { SERVING_BYTES, type ServingFormat, servingPeakFlopsPerS } from './formats.js';

/** One model replica on `tp × pp` accelerators, serving fixed-length requests. */
export interface ServingDeployment {
  readonly model: ModelArchitecture;
  readonly accelerator: Accelerator;
  readonly tp: number;
  readonly pp: number;
  readonly weights: ServingFormat;
  readonly kvCache: ServingFormat;
  /** Scale-up bandwidth per GPU for the TP all-reduces, one direction, bytes/s. */
  readonly scaleUpBytesPerS: number;
}

export interface ServingEstimate {
  readonly gpus: number;
  readonly weightBytesPerGpu: number;
  /** KV-cache bytes one token of context holds on one GPU. */
  readonly kvBytesPerTokenPerGpu: number;
  readonly kvPoolBytesPerGpu: number;
  /** Sequences in flight: limited by the KV pool or the engine's maximum batch. */
  readonly batch: number;
  readonly batchLimitedBy: 'memory' | 'engine';
  /** One decode step of the whole batch, s. */
  readonly decodeStepS: number;
  readonly decodeBound: 'memory' | 'compute';
  /** Prefill of the whole batch's prompts, s. */
  readonly prefillS: number;
  readonly outputTokensPerS: number;
  readonly outputTokensPerSPerGpu: number;
  /** Time per output token seen by one request, s. */
  readonly tpotS: number;
  /** False when the weights alone do not fit. */
  readonly fits: boolean;
}

/**
 * Steady-state throughput of continuous batching with every request queued (offline): the batch the
 * KV cache holds, each decode step reading the weights and the batch's KV cache (memory-bound) or
 * doing its matmuls (compute-bound), whichever is longer, plus the TP all-reduces and a fixed step
 * overhead; each request's prompt is prefilled once.
 */
export function estimateServing(
  d: ServingDeployment,
  inputTokens: number,
  outputTokens: number,
  k: InferenceConstants = INFERENCE_CONSTANTS,
  /** A batch the engine was told to use, when it was; else the engine's own maximum. */
  batchCap?: number,
): ServingEstimate {
  const m = d.model;
  const a = d.accelerator;
  const gpus = d.tp * d.pp;
  const p = paramCounts(m);
  const shapes = layerShapes(m);
  const weightBytesPerGpu = (p.total * SERVING_BYTES[d.weights]) / gpus;
  // KV heads are split over TP ranks; past the KV head count each rank keeps one (duplicated).
  const kvBytes = SERVING_BYTES[d.kvCache];
  const layersPerGpu = m.layers / d.pp;
  const kvBytesPerTokenPerGpu =
    m.attention.kind === 'mla'
      ? layersPerGpu * (m.attention.kvLoraRank + m.attention.qkRopeHeadDim) * kvBytes
      : layersPerGpu * 2 * Math.max(1, m.kvHeads / d.tp) * m.headDim * kvBytes;
  const free = a.memoryBytes - weightBytesPerGpu - k.runtimeReserveBytes;
  const kvPoolBytesPerGpu = Math.max(0, free * k.kvCacheFraction);
  const seqBytes = kvBytesPerTokenPerGpu * (inputTokens + outputTokens);
  const memoryBatch = Math.floor(kvPoolBytesPerGpu / seqBytes);
  // The engine's batch limit holds per micro-batch: with PP, PP micro-batches are in flight.
  const cap = (batchCap ?? k.maxBatch) * d.pp;
  const batch = Math.max(0, Math.min(memoryBatch, cap));
  const fits = free > 0 && batch >= 1;
  const activeParams = p.activeNonEmbedding + p.lmHead + (m.tiedEmbeddings ? p.embedding : 0);
  const peak = servingPeakFlopsPerS(a, d.weights);
  const hbm = a.memoryBytesPerS;
  // Decode: one token per sequence at the average context of the generation. With PP the batch
  // flows through the stages as PP micro-batches, and each stage reads its weights once per
  // micro-batch: a step of one micro-batch sets the pace.
  const ctx = inputTokens + outputTokens / 2;
  const micro = batch / d.pp;
  const attnPerToken = m.layers * attentionCoreFlopsPerToken(shapes, ctx, false);
  const decodeFlops = (micro * (2 * activeParams + attnPerToken)) / gpus;
  const decodeBytes = weightBytesPerGpu + micro * ctx * kvBytesPerTokenPerGpu;
  const memoryTime = decodeBytes / (hbm * k.memoryEfficiency);
  const computeTime = decodeFlops / (peak * k.decodeComputeEfficiency);
  const tpGroup = {
    size: d.tp,
    perDomain: d.tp,
    scaleUpBytesPerS: d.scaleUpBytesPerS,
    scaleOutBytesPerS: d.scaleUpBytesPerS,
  };
  const tpDecode =
    d.tp > 1 ? 2 * layersPerGpu * collectiveTimeS('all-reduce', micro * m.hidden * 2, tpGroup) : 0;
  const microStepS = Math.max(memoryTime, computeTime) + tpDecode + k.stepOverheadS;
  // The whole batch advances one token every PP micro-batch steps.
  const decodeStepS = microStepS * d.pp;
  const prefillFlops =
    (batch *
      inputTokens *
      (2 * activeParams + m.layers * attentionCoreFlopsPerToken(shapes, inputTokens, m.causal))) /
    gpus;
  const tpPrefill =
    d.tp > 1
      ? 2 * layersPerGpu * collectiveTimeS('all-reduce', batch * inputTokens * m.hidden * 2, tpGroup)
      : 0;
  const prefillS = prefillFlops / (peak * k.prefillEfficiency) + tpPrefill;
  const cycleS = prefillS + outputTokens * decodeStepS;
  const outputTokensPerS = fits ? (batch * outputTokens) / cycleS : 0;
  return {
    gpus,
    weightBytesPerGpu,
    kvBytesPerTokenPerGpu,
    kvPoolBytesPerGpu,
    batch,
    batchLimitedBy: memoryBatch <= cap ? 'memory' : 'engine',
    decodeStepS,
    decodeBound: memoryTime >= computeTime ? 'memory' : 'compute',
    prefillS,
    outputTokensPerS,
    outputTokensPerSPerGpu: outputTokensPerS / gpus,
    tpotS: decodeStepS,
    fits,
  };
}
