import type { Accelerator, ModelArchitecture } from '../catalog/types.js';
import { collectiveTimeS } from '../fabric/collectives.js';
import {
  type DispatchCost,
  dispatchCost,
  expertImbalance,
  expertMissLog,
  PERMUTE_BYTES_PER_ROUTED_ELEMENT,
  touchedShare,
} from '../fabric/expert-dispatch.js';
import { attentionCoreFlopsPerToken } from '../transformer/flops.js';
import { paramCounts } from '../transformer/params.js';
import { layerShapes } from '../transformer/shapes.js';
import type { ServingFormat } from '../vocab/formats.js';
import { INFERENCE_CONSTANTS, type InferenceConstants } from './constants.js';
import { expertPlacement } from './expert-placement.js';
import {
  ATTENTION_FORMAT,
  DISPATCH_BYTES,
  SERVING_BYTES,
  servingComputeFormat,
  servingPeakFlopsPerS,
} from './formats.js';
import type { SpeculativeDecoding } from './speculative.js';

/**
 * One serving instance: `attentionDp × tp × pp` accelerators. Attention (and every weight outside the
 * routed experts) is split `tp` ways and replicated on each of the `attentionDp` ranks, each rank
 * serving its own requests from its own KV cache; a MoE model's routed experts are spread over all
 * the instance's GPUs of a stage, `ep` ways by whole experts (the rest of the split by TP inside each
 * expert). With `ep` > 1 and attention DP, tokens reach their experts by an all-to-all.
 */
export interface ServingDeployment {
  readonly model: ModelArchitecture;
  readonly accelerator: Accelerator;
  readonly tp: number;
  readonly pp: number;
  /** Expert-parallel ranks (1: every GPU holds a TP slice of every expert). */
  readonly ep?: number | undefined;
  /** Attention data-parallel ranks (1: none). */
  readonly attentionDp?: number | undefined;
  /** Two micro-batches per step, one's all-to-all behind the other's compute (SGLang's two-batch
   * overlap, vLLM's dual-batch overlap). */
  readonly twoBatchOverlap?: boolean | undefined;
  /** Expert slots beyond the routed experts, for copies an EP load balancer (EPLB) places: with EP,
   * slots = experts + redundantExperts spread over the EP ranks (default 0). */
  readonly redundantExperts?: number | undefined;
  readonly weights: ServingFormat;
  readonly kvCache: ServingFormat;
  /** Scale-up bandwidth per GPU for the TP all-reduces, one direction, bytes/s. */
  readonly scaleUpBytesPerS: number;
  /** GPUs in one scale-up domain (default: the accelerator's usual domain). */
  readonly scaleUpDomain?: number | undefined;
  /** Scale-out NIC bandwidth per GPU, one direction, bytes/s (for an all-to-all across domains). */
  readonly scaleOutBytesPerS?: number | undefined;
  readonly oversubscription?: number | undefined;
  /** Decode's all-to-all reaches peers in the domain over the scale-up links (default true; false
   * for DeepEP before 2025-06-05, whose low-latency kernels were pure RDMA). */
  readonly lowLatencyOverScaleUp?: boolean | undefined;
  /** Speculative decoding: the draft runs on the instance's GPUs in the same layout. */
  readonly speculative?: SpeculativeDecoding | undefined;
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
  readonly attentionDp: number;
  readonly ep: number;
  /** Weights on one GPU: those outside the routed experts plus its share of the experts. */
  readonly weightBytesPerGpu: number;
  /** The routed experts' share of weightBytesPerGpu: a step reads only the experts its tokens reach. */
  readonly expertBytesPerGpu: number;
  /** KV-cache bytes one token of context holds, averaged over the instance's GPUs: with attention DP
   * a token's cache sits on one rank of `attentionDp`, so pool ÷ this is the instance's tokens. */
  readonly kvBytesPerTokenPerGpu: number;
  readonly kvPoolBytesPerGpu: number;
  /** Sequences the instance runs at once at most: the engine's limit per micro-batch, per attention-DP
   * rank. */
  readonly maxBatch: number;
  /** Matmul FLOPs per token (2 × active parameters). */
  readonly matmulFlopsPerToken: number;
  /** The routed experts' part of matmulFlopsPerToken: the busiest EP rank sets its pace. */
  readonly expertFlopsPerToken: number;
  /** Attention FLOPs per token per token of context it attends to (prefill). */
  readonly attentionFlopsPerContext: number;
  /** The same for a decode step: MLA decodes in its absorbed form, attending over the compressed
   * cache with every head (DeepSeek-V2 report sec. 2.1.3), far more FLOPs than its prefill form. */
  readonly decodeAttentionFlopsPerContext: number;
  readonly peakFlopsPerS: number;
  /** Peak of the attention math: it runs at the KV cache's format (FP8 or 16-bit), not the weights'. */
  readonly attentionPeakFlopsPerS: number;
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
  /** MoE layers on one pipeline stage. */
  readonly moeLayersPerGpu: number;
  /** The all-to-all of one MoE layer per token of one GPU, by mode: decode steps use the
   * low-latency mode, steps with prefill the normal one. Zero without EP across attention-DP ranks. */
  readonly dispatchDecode: DispatchCost;
  readonly dispatchPrefill: DispatchCost;
  /** top-k ÷ experts, and the experts' count, for the share of experts a step touches (0 dense). */
  readonly moe: ModelArchitecture['moe'];
  /** expertMissLog of the model's MoE (0 dense). */
  readonly expertMissLog: number;
  /** Routed-expert slots on the busiest EP rank (all experts without EP; 0 dense). */
  readonly expertSlotsPerRank: number;
  /** That rank's share of the expert work over the mean, from whole-expert placement (1: even). */
  readonly placementImbalance: number;
  /** Tokens each decoding sequence runs through the model per step: the drafted ones and one more
   * with speculative decoding, else 1. */
  readonly verifyTokens: number;
  /** The draft's own step model (its passes run `draftTokens` times a step), or null. */
  readonly speculative: {
    readonly draftTokens: number;
    readonly acceptanceLength: number;
    readonly draft: ServingStepModel;
  } | null;
  readonly twoBatchOverlap: boolean;
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
  const adp = d.attentionDp ?? 1;
  const ep = m.moe ? (d.ep ?? 1) : 1;
  const gpus = adp * d.tp * d.pp;
  const p = paramCounts(m);
  const shapes = layerShapes(m);
  const bytes = SERVING_BYTES[d.weights];
  const routed = p.moeLayers * p.routedExpertsPerLayer;
  // Whole experts per EP rank: the busiest holds ⌈slots ÷ EP⌉ of them, more than an even share when
  // the slots do not divide, and gets that much more of the expert work.
  const placement = m.moe
    ? expertPlacement(m.moe.experts, d.redundantExperts ?? 0, ep)
    : { slotsPerRank: 0, busiestLoad: 1 };
  const placedShare = m.moe ? (placement.slotsPerRank * ep) / m.moe.experts : 1;
  const expertBytesPerGpu = (routed * bytes * placedShare) / gpus;
  const weightBytesPerGpu = ((p.total - routed) * bytes) / (d.tp * d.pp) + expertBytesPerGpu;
  // KV heads are split over TP ranks; past the KV head count each rank keeps one (duplicated).
  const kvBytes = SERVING_BYTES[d.kvCache];
  const layersPerGpu = m.layers / d.pp;
  const kvBytesPerTokenOnRank =
    m.attention.kind === 'mla'
      ? layersPerGpu * (m.attention.kvLoraRank + m.attention.qkRopeHeadDim) * kvBytes
      : layersPerGpu * 2 * Math.max(1, m.kvHeads / d.tp) * m.headDim * kvBytes;
  // A speculative draft runs in the instance's layout (on one stage with PP): its weights sit beside the
  // model's (an MTP module's embedding and head are the model's own) and its cache takes a share of the
  // pool in proportion to its bytes per token.
  const spec = d.speculative;
  const draft = spec ? servingStepModel({ ...d, model: spec.draft, pp: 1, speculative: undefined }, k) : null;
  const draftHeld =
    spec && draft
      ? draft.weightBytesPerGpu *
        spec.draftCopies *
        (spec.sharesEmbedding ? 1 - embeddingShare(spec.draft) : 1)
      : 0;
  const free = a.memoryBytes - weightBytesPerGpu - draftHeld - k.runtimeReserveBytes;
  const kvBytesPerTokenPerGpu = kvBytesPerTokenOnRank / adp;
  const draftKv = spec && draft ? draft.kvBytesPerTokenPerGpu * spec.draftCopies : 0;
  const modelsKvShare = kvBytesPerTokenPerGpu / (kvBytesPerTokenPerGpu + draftKv);
  const activeParams = p.activeNonEmbedding + p.lmHead + (m.tiedEmbeddings ? p.embedding : 0);
  const expertParams = m.moe ? p.routedExpertsPerLayer / m.moe.experts : 0;
  const domain = Math.max(1, d.scaleUpDomain ?? a.scaleUpDomain ?? 8);
  const group = {
    ep: adp > 1 ? ep : 1,
    perDomain: Math.min(ep, domain),
    scaleUpBytesPerS: d.scaleUpBytesPerS,
    scaleOutBytesPerS: d.scaleOutBytesPerS ?? d.scaleUpBytesPerS,
    oversubscription: d.oversubscription ?? 1,
    lowLatencyOverScaleUp: d.lowLatencyOverScaleUp ?? true,
  };
  const format = { dispatchBytesPerElement: DISPATCH_BYTES[d.weights], combineBytesPerElement: 2 };
  const noDispatch = { perTokenElementS: 0, latencyS: 0 };
  return {
    gpus,
    pp: d.pp,
    attentionDp: adp,
    ep,
    weightBytesPerGpu,
    expertBytesPerGpu,
    kvBytesPerTokenPerGpu,
    kvPoolBytesPerGpu: Math.max(0, free * k.kvCacheFraction * modelsKvShare),
    maxBatch: k.maxBatch * adp,
    matmulFlopsPerToken: 2 * activeParams,
    expertFlopsPerToken: m.moe ? 2 * p.moeLayers * m.moe.topK * expertParams : 0,
    attentionFlopsPerContext: m.layers * attentionCoreFlopsPerToken(shapes, 1, false),
    decodeAttentionFlopsPerContext:
      m.attention.kind === 'mla'
        ? m.layers * m.heads * 2 * (2 * m.attention.kvLoraRank + m.attention.qkRopeHeadDim)
        : m.layers * attentionCoreFlopsPerToken(shapes, 1, false),
    // 4-bit matmuls reach a smaller share of their peak than 8- and 16-bit ones (fitted).
    peakFlopsPerS:
      servingPeakFlopsPerS(a, d.weights) *
      (servingComputeFormat(a, d.weights) === 'nvfp4' ? k.fp4EfficiencyRatio : 1),
    attentionPeakFlopsPerS: servingPeakFlopsPerS(a, ATTENTION_FORMAT[d.kvCache]),
    prefillEfficiency: m.moe ? k.moePrefillEfficiency : k.prefillEfficiency,
    memoryBytesPerS: a.memoryBytesPerS,
    hidden: m.hidden,
    layersPerGpu,
    kvShares: kvShares(m),
    localWindow: m.localAttention ? m.localAttention.window : Number.POSITIVE_INFINITY,
    // A token is permuted on each GPU of its own rank's TP group: averaged over the instance, 1 ÷ attention-DP of it.
    moePermuteBytesPerToken: m.moe
      ? ((p.moeLayers / d.pp) * m.moe.topK * m.hidden * PERMUTE_BYTES_PER_ROUTED_ELEMENT) / d.tp / adp
      : 0,
    tpGroup: {
      size: d.tp,
      perDomain: d.tp,
      scaleUpBytesPerS: d.scaleUpBytesPerS,
      scaleOutBytesPerS: d.scaleUpBytesPerS,
    },
    moeLayersPerGpu: p.moeLayers / d.pp,
    dispatchDecode: m.moe ? dispatchCost(m.moe, group, format, 'low-latency') : noDispatch,
    dispatchPrefill: m.moe ? dispatchCost(m.moe, group, format, 'normal') : noDispatch,
    moe: m.moe,
    expertMissLog: m.moe ? expertMissLog(m.moe) : 0,
    expertSlotsPerRank: placement.slotsPerRank,
    placementImbalance: placement.busiestLoad,
    verifyTokens: spec ? spec.draftTokens + 1 : 1,
    speculative:
      spec && draft
        ? { draftTokens: spec.draftTokens, acceptanceLength: spec.acceptanceLength, draft }
        : null,
    twoBatchOverlap: (d.twoBatchOverlap ?? false) && group.ep > 1,
    k,
    weightsFit: free > 0,
  };
}

/** The embedding's and output head's share of a model's parameters. */
function embeddingShare(m: ModelArchitecture): number {
  const p = paramCounts(m);
  return p.total > 0 ? (p.embedding + p.lmHead) / p.total : 0;
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
 * One step's work on one GPU, communication apart: it reads the weights of what it runs (of a MoE's
 * routed experts only those its tokens reach) and the decode KV cache (memory), or does its matmuls
 * (compute), whichever is longer, plus the MoE token permutation. With EP the busiest rank's experts
 * set the compute's pace. A decoding sequence runs sm.verifyTokens tokens (its drafts and one more
 * under speculative decoding), each attending to its context, which is read once.
 */
function workS(
  sm: ServingStepModel,
  decodeSeqs: number,
  decodeContext: number,
  prefillTokens: number,
  prefillContext: number,
): number {
  const k = sm.k;
  const decodeTokens = decodeSeqs * sm.verifyTokens;
  const tokens = decodeTokens + prefillTokens;
  const experts = sm.moe ? sm.expertBytesPerGpu * touchedShare(sm.expertMissLog, tokens) : 0;
  const memory =
    (sm.weightBytesPerGpu -
      sm.expertBytesPerGpu +
      experts +
      decodeContext * sm.kvBytesPerTokenPerGpu +
      decodeTokens * sm.moePermuteBytesPerToken) /
    (sm.memoryBytesPerS * k.memoryEfficiency);
  // Permuting prefill tokens to their experts is memory-bound work of its own, beside the matmuls.
  const permute = (prefillTokens * sm.moePermuteBytesPerToken) / (sm.memoryBytesPerS * k.memoryEfficiency);
  // The busiest rank: its placement's share, plus the random spread of this step's tokens over it.
  const s = sm.placementImbalance;
  const extra = sm.moe
    ? (s * expertImbalance(tokens * sm.moe.topK * s, sm.ep) - 1) * sm.expertFlopsPerToken
    : 0;
  const decodeCompute =
    ((decodeTokens * (sm.matmulFlopsPerToken + extra)) / sm.peakFlopsPerS +
      (decodeContext * sm.verifyTokens * sm.decodeAttentionFlopsPerContext) / sm.attentionPeakFlopsPerS) /
    sm.gpus /
    k.decodeComputeEfficiency;
  const prefillCompute =
    ((prefillTokens * (sm.matmulFlopsPerToken + extra)) / sm.peakFlopsPerS +
      (prefillContext * sm.attentionFlopsPerContext) / sm.attentionPeakFlopsPerS) /
    sm.gpus /
    sm.prefillEfficiency;
  return Math.max(memory, decodeCompute + prefillCompute) + permute;
}

/** One step's expert all-to-all (dispatch and combine per MoE layer; normal mode when the step
 * prefills, low-latency otherwise), s. */
function allToAllS(sm: ServingStepModel, decodeSeqs: number, prefillTokens: number): number {
  const cost = prefillTokens > 0 ? sm.dispatchPrefill : sm.dispatchDecode;
  if (cost.perTokenElementS <= 0) return 0;
  const tokensPerGpu = ((decodeSeqs * sm.verifyTokens + prefillTokens) * sm.pp) / sm.gpus;
  return sm.moeLayersPerGpu * (cost.latencyS + tokensPerGpu * sm.hidden * cost.perTokenElementS);
}

/** One step's communication: the expert all-to-all and the TP all-reduces of each attention-DP rank. */
function commS(sm: ServingStepModel, decodeSeqs: number, prefillTokens: number): number {
  return allToAllS(sm, decodeSeqs, prefillTokens) + allReduceS(sm, decodeSeqs, prefillTokens);
}

function allReduceS(sm: ServingStepModel, decodeSeqs: number, prefillTokens: number): number {
  return tpAllReduceS(sm, (decodeSeqs * sm.verifyTokens + prefillTokens) / sm.attentionDp);
}

/** A step's draft passes under speculative decoding: `draftTokens` passes of the draft over the
 * decoding sequences, one after the other (each drafts from the one before), within the step's launch
 * (no overhead of their own: engines capture them in the step's graph), s. */
function draftS(sm: ServingStepModel, decodeSeqs: number, decodeContext: number): number {
  const spec = sm.speculative;
  if (!spec || decodeSeqs <= 0) return 0;
  const pass = workS(spec.draft, decodeSeqs, decodeContext, 0, 0) + commS(spec.draft, decodeSeqs, 0);
  return spec.draftTokens * pass;
}

/** The fixed and per-sequence time of a step (each attention-DP rank schedules its own sequences). */
function overheadS(sm: ServingStepModel, decodeSeqs: number): number {
  return sm.k.stepOverheadS + (decodeSeqs / sm.attentionDp) * sm.k.perSequenceStepS;
}

/**
 * One engine step on one micro-batch: `decodeSeqs` sequences generate a token over `decodeContext`
 * tokens of context in all, and `prefillTokens` prompt tokens attend over `prefillContext` in all
 * (both as effective context: local-attention layers count only their window, see effectiveContext),
 * for the whole instance. Work (workS) then communication (commS) then a fixed overhead; with two-batch
 * overlap the step runs as two half-batches, each one's communication behind the other's work, so
 * it takes twice the longer of a half's work and a half's communication (each half reads the weights
 * again: at small batches the overlap costs more than it hides). Under speculative decoding the
 * draft's passes come first (draftS) and each decoding sequence verifies its drafts and one more.
 */
export function engineStepS(
  sm: ServingStepModel,
  decodeSeqs: number,
  decodeContext: number,
  prefillTokens: number,
  prefillContext: number,
): number {
  if (sm.twoBatchOverlap) {
    const w = workS(sm, decodeSeqs / 2, decodeContext / 2, prefillTokens / 2, prefillContext / 2);
    const c = commS(sm, decodeSeqs / 2, prefillTokens / 2);
    return 2 * Math.max(w, c) + draftS(sm, decodeSeqs, decodeContext) + overheadS(sm, decodeSeqs);
  }
  return (
    workS(sm, decodeSeqs, decodeContext, prefillTokens, prefillContext) +
    commS(sm, decodeSeqs, prefillTokens) +
    draftS(sm, decodeSeqs, decodeContext) +
    overheadS(sm, decodeSeqs)
  );
}

/** A step's time by part, for explanations: engineStepS's terms, from the same functions. */
export interface StepParts {
  /** Reads or matmuls, whichever is longer (both halves with two-batch overlap). */
  readonly workS: number;
  readonly allToAllS: number;
  readonly allReduceS: number;
  /** The speculative draft's passes (0 without). */
  readonly draftS: number;
  readonly overheadS: number;
  readonly twoBatchOverlap: boolean;
  readonly totalS: number;
}

export function engineStepParts(
  sm: ServingStepModel,
  decodeSeqs: number,
  decodeContext: number,
  prefillTokens: number,
  prefillContext: number,
): StepParts {
  const halves = sm.twoBatchOverlap ? 2 : 1;
  const d = decodeSeqs / halves;
  const p = prefillTokens / halves;
  return {
    workS: halves * workS(sm, d, decodeContext / halves, p, prefillContext / halves),
    allToAllS: halves * allToAllS(sm, d, p),
    allReduceS: halves * allReduceS(sm, d, p),
    draftS: draftS(sm, decodeSeqs, decodeContext),
    overheadS: overheadS(sm, decodeSeqs),
    twoBatchOverlap: sm.twoBatchOverlap,
    totalS: engineStepS(sm, decodeSeqs, decodeContext, prefillTokens, prefillContext),
  };
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
  const cap = (batchCap ?? k.maxBatch) * (d.attentionDp ?? 1) * d.pp;
  const batch = Math.max(0, Math.min(memoryBatch, cap));
  const fits = sm.weightsFit && batch >= 1;
  // Decode: one token per sequence at the average context of the generation. With PP the batch
  // flows through the stages as PP micro-batches, and each stage reads its weights once per
  // micro-batch; the whole batch advances one token every PP micro-batch steps (the acceptance length
  // under speculative decoding).
  const ctx = effectiveContext(sm, inputTokens + outputTokens / 2);
  const micro = batch / d.pp;
  const memoryTime =
    (sm.weightBytesPerGpu + micro * ctx * sm.kvBytesPerTokenPerGpu) /
    (sm.memoryBytesPerS * k.memoryEfficiency);
  const computeTime =
    (sm.verifyTokens *
      ((micro * sm.matmulFlopsPerToken) / sm.peakFlopsPerS +
        (micro * ctx * sm.decodeAttentionFlopsPerContext) / sm.attentionPeakFlopsPerS)) /
    sm.gpus /
    k.decodeComputeEfficiency;
  const decodeStepS = engineStepS(sm, micro, micro * ctx, 0, 0) * d.pp;
  // Prefill: every prompt once (its steps' overhead is counted with decode); causal attention over
  // half the prompt on average.
  const prefillS =
    engineStepS(sm, 0, 0, batch * inputTokens, (batch * inputTokens * inputTokens) / 2) - k.stepOverheadS;
  const tokensPerStep = sm.speculative ? sm.speculative.acceptanceLength : 1;
  const cycleS = prefillS + (outputTokens / tokensPerStep) * decodeStepS;
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
    tpotS: decodeStepS / tokensPerStep,
    fits,
  };
}
