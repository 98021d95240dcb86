import type { Accelerator, ModelArchitecture } from '../catalog/types.js';
import { collectiveTimeS } from '../fabric/collectives.js';
import { attentionCoreFlopsPerToken } from '../transformer/flops.js';
import { paramCounts } from '../transformer/params.js';
import { layerShapes } from '../transformer/shapes.js';
import type { ServingFormat } from '../vocab/formats.js';
import { INFERENCE_CONSTANTS, type InferenceConstants } from './constants.js';
import { SERVING_BYTES, servingPeakFlopsPerS } from './formats.js';

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
/** Per-replica constants of a deployment, computed once; every step time is arithmetic over them. */
export interface ServingStepModel {
  readonly gpus: number;
  readonly pp: number;
  readonly weightBytesPerGpu: number;
  readonly kvBytesPerTokenPerGpu: number;
  readonly kvPoolBytesPerGpu: number;
  /** Matmul FLOPs per token (2 × active parameters). */
  readonly matmulFlopsPerToken: number;
  /** Attention FLOPs per token per token of context it attends to. */
  readonly attentionFlopsPerContext: number;
  readonly peakFlopsPerS: number;
  /** Fraction of peak prefill reaches: the dense or the MoE constant. */
  readonly prefillEfficiency: number;
  readonly memoryBytesPerS: number;
  readonly hidden: number;
  readonly layersPerGpu: number;
  /** Layers with full and with local (sliding-window or chunked) attention, as the smallest whole
   * numbers in their ratio (1 and 0 without local attention): the KV cache counts in these shares, so
   * context and cache blocks stay whole numbers whatever the mix. */
  readonly kvShares: { readonly full: number; readonly local: number };
  /** Tokens a local-attention layer attends to (+∞ without local attention). */
  readonly localWindow: number;
  /** MoE token permutation: bytes moved per token to dispatch it to its top-k experts and combine
   * the results (write and read, both ways, 16-bit), per GPU. 0 for dense models. */
  readonly moePermuteBytesPerToken: number;
  readonly tpGroup: { size: number; perDomain: number; scaleUpBytesPerS: number; scaleOutBytesPerS: number };
  readonly k: InferenceConstants;
  /** False when the weights alone do not fit. */
  readonly weightsFit: boolean;
}

export function servingStepModel(
  d: ServingDeployment,
  k: InferenceConstants = INFERENCE_CONSTANTS,
): ServingStepModel {
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
  const activeParams = p.activeNonEmbedding + p.lmHead + (m.tiedEmbeddings ? p.embedding : 0);
  return {
    gpus,
    pp: d.pp,
    weightBytesPerGpu,
    kvBytesPerTokenPerGpu,
    kvPoolBytesPerGpu: Math.max(0, free * k.kvCacheFraction),
    matmulFlopsPerToken: 2 * activeParams,
    attentionFlopsPerContext: m.layers * attentionCoreFlopsPerToken(shapes, 1, false),
    peakFlopsPerS: servingPeakFlopsPerS(a, d.weights),
    prefillEfficiency: m.moe ? k.moePrefillEfficiency : k.prefillEfficiency,
    memoryBytesPerS: a.memoryBytesPerS,
    hidden: m.hidden,
    layersPerGpu,
    kvShares: kvShares(m),
    localWindow: m.localAttention ? m.localAttention.window : Number.POSITIVE_INFINITY,
    moePermuteBytesPerToken: m.moe ? ((p.moeLayers / d.pp) * 4 * m.moe.topK * m.hidden * 2) / d.tp : 0,
    tpGroup: {
      size: d.tp,
      perDomain: d.tp,
      scaleUpBytesPerS: d.scaleUpBytesPerS,
      scaleOutBytesPerS: d.scaleUpBytesPerS,
    },
    k,
    weightsFit: free > 0,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function kvShares(m: ModelArchitecture): ServingStepModel['kvShares'] {
  const local = m.localAttention;
  if (!local || local.layers === 0) return { full: 1, local: 0 };
  const g = gcd(local.outOf, local.layers);
  return { full: (local.outOf - local.layers) / g, local: local.layers / g };
}

/** A sequence of `len` tokens' context in KV shares: a whole number (for whole `len`), so sums of it
 * are exact in any order. Full layers keep every token, local-attention layers only their window. */
export function contextShares(sm: ServingStepModel, len: number): number {
  return (
    sm.kvShares.full * len + (sm.kvShares.local > 0 ? sm.kvShares.local * Math.min(len, sm.localWindow) : 0)
  );
}

/** Tokens of KV cache (and of attention context) a sequence of `len` tokens holds, averaged over the
 * layers: full layers keep every token, local-attention layers only their window. */
export function effectiveContext(sm: ServingStepModel, len: number): number {
  return contextShares(sm, len) / (sm.kvShares.full + sm.kvShares.local);
}

function tpAllReduceS(sm: ServingStepModel, tokens: number): number {
  return sm.tpGroup.size > 1
    ? 2 * sm.layersPerGpu * collectiveTimeS('all-reduce', tokens * sm.hidden * 2, sm.tpGroup)
    : 0;
}

/**
 * One engine step on one micro-batch: `decodeSeqs` sequences generate a token over `decodeContext`
 * tokens of context in all, and `prefillTokens` prompt tokens attend over `prefillContext` in all
 * (both as effective context: local-attention layers count only their window, see effectiveContext).
 * The step reads the weights and the decode KV cache (memory) or does its matmuls (compute),
 * whichever is longer, then its TP all-reduces and a fixed overhead.
 */
export function engineStepS(
  sm: ServingStepModel,
  decodeSeqs: number,
  decodeContext: number,
  prefillTokens: number,
  prefillContext: number,
): number {
  const k = sm.k;
  const memory =
    (sm.weightBytesPerGpu +
      decodeContext * sm.kvBytesPerTokenPerGpu +
      decodeSeqs * sm.moePermuteBytesPerToken) /
    (sm.memoryBytesPerS * k.memoryEfficiency);
  // Permuting prefill tokens to their experts is memory-bound work of its own, beside the matmuls.
  const permute = (prefillTokens * sm.moePermuteBytesPerToken) / (sm.memoryBytesPerS * k.memoryEfficiency);
  const decodeCompute =
    (decodeSeqs * sm.matmulFlopsPerToken + decodeContext * sm.attentionFlopsPerContext) /
    sm.gpus /
    (sm.peakFlopsPerS * k.decodeComputeEfficiency);
  const prefillCompute =
    (prefillTokens * sm.matmulFlopsPerToken + prefillContext * sm.attentionFlopsPerContext) /
    sm.gpus /
    (sm.peakFlopsPerS * sm.prefillEfficiency);
  return (
    Math.max(memory, decodeCompute + prefillCompute) +
    permute +
    tpAllReduceS(sm, decodeSeqs + prefillTokens) +
    k.stepOverheadS +
    decodeSeqs * k.perSequenceStepS
  );
}

export function estimateServing(
  d: ServingDeployment,
  inputTokens: number,
  outputTokens: number,
  k: InferenceConstants = INFERENCE_CONSTANTS,
  /** A batch the engine was told to use, when it was; else the engine's own maximum. */
  batchCap?: number,
): ServingEstimate {
  const sm = servingStepModel(d, k);
  const seqBytes = sm.kvBytesPerTokenPerGpu * effectiveContext(sm, inputTokens + outputTokens);
  const memoryBatch = Math.floor(sm.kvPoolBytesPerGpu / seqBytes);
  // The engine's batch limit holds per micro-batch: with PP, PP micro-batches are in flight.
  const cap = (batchCap ?? k.maxBatch) * d.pp;
  const batch = Math.max(0, Math.min(memoryBatch, cap));
  const fits = sm.weightsFit && batch >= 1;
  // Decode: one token per sequence at the average context of the generation. With PP the batch
  // flows through the stages as PP micro-batches, and each stage reads its weights once per
  // micro-batch; the whole batch advances one token every PP micro-batch steps.
  const ctx = effectiveContext(sm, inputTokens + outputTokens / 2);
  const micro = batch / d.pp;
  const memoryTime =
    (sm.weightBytesPerGpu + micro * ctx * sm.kvBytesPerTokenPerGpu) /
    (sm.memoryBytesPerS * k.memoryEfficiency);
  const computeTime =
    (micro * (sm.matmulFlopsPerToken + ctx * sm.attentionFlopsPerContext)) /
    sm.gpus /
    (sm.peakFlopsPerS * k.decodeComputeEfficiency);
  const decodeStepS = engineStepS(sm, micro, micro * ctx, 0, 0) * d.pp;
  // Prefill: every prompt once (its steps' overhead is counted with decode); causal attention over
  // half the prompt on average.
  const prefillS =
    engineStepS(sm, 0, 0, batch * inputTokens, (batch * inputTokens * inputTokens) / 2) - k.stepOverheadS;
  const cycleS = prefillS + outputTokens * decodeStepS;
  const outputTokensPerS = fits ? (batch * outputTokens) / cycleS : 0;
  return {
    gpus: sm.gpus,
    weightBytesPerGpu: sm.weightBytesPerGpu,
    kvBytesPerTokenPerGpu: sm.kvBytesPerTokenPerGpu,
    kvPoolBytesPerGpu: sm.kvPoolBytesPerGpu,
    batch,
    batchLimitedBy: memoryBatch <= cap ? 'memory' : 'engine',
    decodeStepS,
    decodeBound: memoryTime >= computeTime ? 'memory' : 'compute',
    prefillS,
    outputTokensPerS,
    outputTokensPerSPerGpu: outputTokensPerS / sm.gpus,
    tpotS: decodeStepS,
    fits,
  };
}
