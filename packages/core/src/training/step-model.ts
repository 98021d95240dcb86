import { collectiveTimeS, type GroupPlacement, LINK_EFFICIENCY } from '../fabric/collectives.js';
import { type ActivationBytesPerToken, activationBytesPerToken } from '../transformer/activations.js';
import {
  attentionCoreFlopsPerToken,
  denseLayerMatmulFlopsPerToken,
  logitsFlopsPerToken,
  moeLayerMatmulFlopsPerToken,
} from '../transformer/flops.js';
import { type ParamCounts, paramCounts } from '../transformer/params.js';
import { type Gemm, type LayerShapes, layerShapes } from '../transformer/shapes.js';
import { TRAINING_CONSTANTS, type TrainingConstants } from './constants.js';
import { OPERAND_BYTES, sixteenBitFormat, type TrainingJob } from './job.js';
import type { Layout } from './layout.js';

/**
 * The analytical step-time and memory model of one training step on one layout. `prepare` does the
 * per-job arithmetic once; `evaluate` fills a caller-owned `StepResult` and allocates nothing, so
 * the search can call it for every layout of a cluster.
 */
export interface TrainingContext {
  readonly job: TrainingJob;
  readonly k: TrainingConstants;
  readonly shapes: LayerShapes;
  readonly params: ParamCounts;
  readonly peakLinearFlopsPerS: number;
  readonly peak16FlopsPerS: number;
  readonly hbmBytesPerS: number;
  readonly linearOperandBytes: number;
  readonly lowPrecision: boolean;
  readonly scaleUpBytesPerS: number;
  readonly scaleOutBytesPerS: number;
  readonly actDense: ActivationBytesPerToken;
  readonly actMoe: ActivationBytesPerToken;
  readonly attentionFlopsPerToken: number;
  readonly logitsFlopsPerToken: number;
  readonly modelFlopsPerToken: number;
  readonly moeFraction: number;
  /** Scratch placements, reused by every evaluation. */
  readonly scratch: {
    tp: MutablePlacement;
    dp: MutablePlacement;
    cp: MutablePlacement;
    ep: MutablePlacement;
  };
  readonly layerDense: LayerCost;
  readonly layerMoe: LayerCost;
  readonly stages: StageLayers;
}

type MutablePlacement = { -readonly [K in keyof GroupPlacement]: GroupPlacement[K] };

/** One layer, one micro-batch, one GPU, seconds. */
interface LayerCost {
  forward: number;
  backward: number;
  recompute: number;
  tpExposed: number;
  /** Tensor-parallel communication before overlap, all passes. */
  tpRaw: number;
  cpExposed: number;
  epExposed: number;
  matmul: number;
  attention: number;
  elementwise: number;
}

const newLayerCost = (): LayerCost => ({
  forward: 0,
  backward: 0,
  recompute: 0,
  tpExposed: 0,
  tpRaw: 0,
  cpExposed: 0,
  epExposed: 0,
  matmul: 0,
  attention: 0,
  elementwise: 0,
});

/** Everything `evaluate` computes. Plain numbers; reused across calls. */
export interface StepResult {
  microbatches: number;
  stepS: number;
  /** Matmuls, attention core and elementwise work of forward and backward, critical stage. */
  computeS: number;
  recomputeS: number;
  bubbleS: number;
  tpExposedS: number;
  cpExposedS: number;
  epExposedS: number;
  ppExposedS: number;
  dpExposedS: number;
  optimizerS: number;
  /** Raw communication times before overlap, per step, for the explanation. */
  tpRawS: number;
  dpRawS: number;
  ppRawS: number;
  layersFirstStage: number;
  layersLastStage: number;
  weightsBytes: number;
  gradientsBytes: number;
  optimizerBytes: number;
  activationsBytes: number;
  commBuffersBytes: number;
  memoryBytes: number;
  usableMemoryBytes: number;
  /** Which stage holds the most memory: 0 first, 1 middle, 2 last. */
  memoryStage: number;
  modelFlopsPerStep: number;
  hardwareFlopsPerStep: number;
  mfu: number;
  tokensPerS: number;
  /** 0 = valid; otherwise a reason code (see INVALID_REASONS). */
  invalid: number;
}

export const INVALID_REASONS = [
  '',
  'TP × PP × DP × CP is not the GPU count',
  'global batch is not a whole number of micro-batches per data-parallel replica',
  'heads or KV heads not divisible by TP',
  'more pipeline chunks than layers',
  'experts not divisible by EP, or EP does not divide DP × CP',
  'sequence length not divisible by 2 × CP',
  'accelerator has no peak for this number format',
  'virtual pipeline stages need PP > 1',
] as const;

export function newStepResult(): StepResult {
  return {
    microbatches: 0,
    stepS: 0,
    computeS: 0,
    recomputeS: 0,
    bubbleS: 0,
    tpExposedS: 0,
    cpExposedS: 0,
    epExposedS: 0,
    ppExposedS: 0,
    dpExposedS: 0,
    optimizerS: 0,
    tpRawS: 0,
    dpRawS: 0,
    ppRawS: 0,
    layersFirstStage: 0,
    layersLastStage: 0,
    weightsBytes: 0,
    gradientsBytes: 0,
    optimizerBytes: 0,
    activationsBytes: 0,
    commBuffersBytes: 0,
    memoryBytes: 0,
    usableMemoryBytes: 0,
    memoryStage: 0,
    modelFlopsPerStep: 0,
    hardwareFlopsPerStep: 0,
    mfu: 0,
    tokensPerS: 0,
    invalid: 0,
  };
}

export function prepare(job: TrainingJob, k: TrainingConstants = TRAINING_CONSTANTS): TrainingContext {
  const m = job.model;
  const shapes = layerShapes(m);
  const params = paramCounts(m, shapes);
  const a = job.accelerator;
  const fused = job.software.attention === 'flash';
  const actOpts = {
    dropout: job.software.dropout,
    fusedAttention: fused,
    matmulInputBytes: Math.min(2, Math.max(1, OPERAND_BYTES[job.precision])),
  };
  const attnModel = attentionCoreFlopsPerToken(shapes, job.seqLen, m.causal);
  const modelFwdPerToken =
    params.denseLayers * denseLayerMatmulFlopsPerToken(shapes) +
    params.moeLayers * moeLayerMatmulFlopsPerToken(m, shapes) +
    m.layers * attnModel +
    logitsFlopsPerToken(m);
  const placement = (): MutablePlacement => ({
    size: 1,
    perDomain: 1,
    scaleUpBytesPerS: job.scaleUpBytesPerS * LINK_EFFICIENCY.scaleUp,
    scaleOutBytesPerS: job.scaleOutBytesPerS * LINK_EFFICIENCY.scaleOut,
  });
  return {
    job,
    k,
    shapes,
    params,
    peakLinearFlopsPerS: a.peakFlopsPerS[job.precision] ?? 0,
    peak16FlopsPerS: a.peakFlopsPerS[sixteenBitFormat(job.precision)] ?? 0,
    hbmBytesPerS: a.memoryBytesPerS,
    linearOperandBytes: OPERAND_BYTES[job.precision],
    lowPrecision: OPERAND_BYTES[job.precision] < 2,
    scaleUpBytesPerS: job.scaleUpBytesPerS * LINK_EFFICIENCY.scaleUp,
    scaleOutBytesPerS: job.scaleOutBytesPerS * LINK_EFFICIENCY.scaleOut,
    actDense: activationBytesPerToken(m, shapes, { ...actOpts, moe: false }),
    actMoe: activationBytesPerToken(m, shapes, { ...actOpts, moe: true }),
    attentionFlopsPerToken: attentionCoreFlopsPerToken(shapes, job.seqLen, m.causal && fused),
    logitsFlopsPerToken: logitsFlopsPerToken(m),
    modelFlopsPerToken: 3 * modelFwdPerToken,
    moeFraction: params.moeLayers / m.layers,
    scratch: { tp: placement(), dp: placement(), cp: placement(), ep: placement() },
    layerDense: newLayerCost(),
    layerMoe: newLayerCost(),
    stages: { first: 0, middle: 0, last: 0 },
  };
}

/** Time of one matmul [M×K]·[K×N] on this GPU: compute at a fraction of peak plus the exposed part of
 * its operand traffic, which is what makes thin matmuls (small N or K after TP) slower. */
function matmulS(
  ctx: TrainingContext,
  mRows: number,
  n: number,
  kDim: number,
  peak: number,
  operandBytes: number,
): number {
  const flops = 2 * mRows * n * kDim;
  const bytes = operandBytes * (mRows * kDim + kDim * n) + 2 * mRows * n;
  return flops / (peak * ctx.k.gemmPeakEfficiency) + (ctx.k.gemmMemoryExposure * bytes) / ctx.hbmBytesPerS;
}

function gemmsS(
  ctx: TrainingContext,
  gemms: readonly Gemm[],
  rows: number,
  tp: number,
  count: number,
): number {
  let t = 0;
  for (let i = 0; i < gemms.length; i++) {
    const g = gemms[i]!;
    const n = g.columnParallel ? g.outWidth / tp : g.outWidth;
    const kk = g.columnParallel ? g.inWidth : g.inWidth / tp;
    t += matmulS(ctx, rows, n, kk, ctx.peakLinearFlopsPerS, ctx.linearOperandBytes);
  }
  return t * count;
}

/** Bytes of quantize/transpose traffic for low-precision matmul inputs: read 16-bit, write 8-bit twice
 * (row- and column-major copies for forward and backward). Forward inputs and backward output grads. */
function castBytes(
  gemms: readonly Gemm[],
  rows: number,
  tp: number,
  count: number,
  forward: boolean,
): number {
  let b = 0;
  for (let i = 0; i < gemms.length; i++) {
    const g = gemms[i]!;
    const w = forward
      ? g.columnParallel
        ? g.inWidth
        : g.inWidth / tp
      : g.columnParallel
        ? g.outWidth / tp
        : g.outWidth;
    b += 4 * rows * w;
  }
  return b * count;
}

function setPlacement(p: MutablePlacement, size: number, perDomain: number): MutablePlacement {
  p.size = size;
  p.perDomain = Math.max(1, Math.min(size, perDomain));
  return p;
}

function layerCost(ctx: TrainingContext, l: Layout, moe: boolean, out: LayerCost): LayerCost {
  const job = ctx.job;
  const m = job.model;
  const s = ctx.shapes;
  const tp = l.tp;
  const rows = (l.microBatch * job.seqLen) / l.cp;
  const domain = job.scaleUpDomain;
  // Weight matmuls.
  let matmul = gemmsS(ctx, s.attentionGemms, rows, tp, 1);
  let castF = castBytes(s.attentionGemms, rows, tp, 1, true);
  let castB = castBytes(s.attentionGemms, rows, tp, 1, false);
  let epRaw = 0;
  if (moe && m.moe) {
    const localExperts = m.moe.experts / l.ep;
    const rowsPerExpert = (rows * m.moe.topK * l.ep) / m.moe.experts;
    matmul += gemmsS(ctx, s.ffnGemmsExpert, rowsPerExpert, tp, localExperts);
    matmul += gemmsS(ctx, s.ffnGemmsExpert, rows, tp, m.moe.sharedExperts);
    castF += castBytes(s.ffnGemmsExpert, rows * m.moe.topK, tp, 1, true);
    castB += castBytes(s.ffnGemmsExpert, rows * m.moe.topK, tp, 1, false);
    // Dispatch and combine: each token's hidden state to its top-k experts and back.
    const a2a = ctx.scratch.ep;
    setPlacement(a2a, l.ep, Math.floor(domain / tp));
    epRaw = 2 * collectiveTimeS('all-to-all', rows * m.moe.topK * m.hidden * 2, a2a);
  } else {
    matmul += gemmsS(ctx, s.ffnGemmsDense, rows, tp, 1);
    castF += castBytes(s.ffnGemmsDense, rows, tp, 1, true);
    castB += castBytes(s.ffnGemmsDense, rows, tp, 1, false);
  }
  if (!ctx.lowPrecision) {
    castF = 0;
    castB = 0;
  }
  // Attention core.
  let attention: number;
  let scoresRecompute = 0;
  const act = moe ? ctx.actMoe : ctx.actDense;
  const scoreBytes = (rows * act.scoresPerContext * job.seqLen) / tp;
  if (job.software.attention === 'flash') {
    attention =
      (rows * ctx.attentionFlopsPerToken) / tp / (ctx.peak16FlopsPerS * ctx.k.flashAttentionEfficiency);
  } else {
    // Batched matmuls per head: Q·Kᵀ [s×d]·[d×s] and A·V [s×s]·[s×d], at 16 bits.
    const heads = (s.heads * l.microBatch) / tp;
    const seq = job.seqLen / l.cp;
    attention =
      heads *
      (matmulS(ctx, seq, job.seqLen, s.qkHeadDim, ctx.peak16FlopsPerS, 2) +
        matmulS(ctx, seq, s.vHeadDim, job.seqLen, ctx.peak16FlopsPerS, 2));
    scoresRecompute = attention + (ctx.k.elementwiseTrafficPerActivationByte * scoreBytes) / ctx.hbmBytesPerS;
  }
  // Elementwise kernels: traffic proportional to what the layer keeps for backward.
  const keptBytes = rows * (act.replicated / (l.sequenceParallel ? tp : 1) + act.sharded / tp) + scoreBytes;
  const elementwise = (ctx.k.elementwiseTrafficPerActivationByte * keptBytes) / ctx.hbmBytesPerS;
  // Tensor-parallel collectives: two per layer each way (all-reduce, or all-gather + reduce-scatter).
  const tpGroup = setPlacement(ctx.scratch.tp, tp, domain);
  const tpRaw = 2 * collectiveTimeS('all-reduce', rows * m.hidden * 2, tpGroup);
  const tpExposed = job.software.overlapTensorParallel
    ? tpRaw * (1 - ctx.k.tensorParallelOverlapHidden)
    : tpRaw;
  // Context parallelism: K and V of the whole sequence gathered, overlapped with the attention core.
  let cpF = 0;
  if (l.cp > 1) {
    const cpGroup = setPlacement(ctx.scratch.cp, l.cp, Math.floor(domain / tp));
    const kvBytes = (l.microBatch * job.seqLen * (s.kWidth + s.vWidth) * 2) / tp;
    cpF = Math.max(0, collectiveTimeS('all-gather', kvBytes, cpGroup) - attention);
  }
  const castFS = castF / ctx.hbmBytesPerS;
  const forward = matmul + attention + elementwise + castFS + tpExposed + cpF + epRaw;
  const backward =
    2 * matmul + 2 * attention + 2 * elementwise + castB / ctx.hbmBytesPerS + tpExposed + 2 * cpF + epRaw;
  out.forward = forward;
  out.backward = backward;
  out.recompute = l.recompute === 'full' ? forward : l.recompute === 'selective' ? scoresRecompute : 0;
  out.tpExposed = tpExposed * (l.recompute === 'full' ? 3 : 2);
  out.tpRaw = tpRaw * (l.recompute === 'full' ? 3 : 2);
  out.cpExposed = cpF * (l.recompute === 'full' ? 4 : 3);
  out.epExposed = epRaw * (l.recompute === 'full' ? 3 : 2);
  out.matmul = matmul;
  out.attention = attention;
  out.elementwise = elementwise + castFS;
  return out;
}

/** Checks the layout against the job; 0 when it can run, otherwise an index into INVALID_REASONS. */
export function invalidReason(ctx: TrainingContext, l: Layout): number {
  const job = ctx.job;
  const m = job.model;
  if (l.tp * l.pp * l.dp * l.cp !== job.gpus) return 1;
  if (job.globalBatch % (l.dp * l.microBatch) !== 0) return 2;
  if (m.heads % l.tp !== 0 || (m.attention.kind !== 'mla' && m.kvHeads % l.tp !== 0)) return 3;
  if (l.pp * l.vpp > m.layers) return 4;
  if (l.vpp > 1 && l.pp === 1) return 8;
  if (m.moe ? m.moe.experts % l.ep !== 0 || (l.dp * l.cp) % l.ep !== 0 : l.ep !== 1) return 5;
  if (l.cp > 1 && job.seqLen % (2 * l.cp) !== 0) return 6;
  if (ctx.peakLinearFlopsPerS <= 0 || ctx.peak16FlopsPerS <= 0) return 7;
  return 0;
}

/** Layers of the first and last pipeline stage. When the chunks do not divide the layers, the first
 * and last stages give up layers (they also hold the embedding and the loss), as Llama 3 did. */
export function stageLayers(layers: number, pp: number, vpp: number, out: StageLayers): StageLayers {
  if (pp === 1) {
    out.first = layers;
    out.middle = layers;
    out.last = layers;
    return out;
  }
  const chunks = pp * vpp;
  const perChunk = Math.ceil(layers / chunks);
  const deficit = perChunk * chunks - layers;
  const full = perChunk * vpp;
  if (deficit <= 2 * vpp && pp > 2) {
    out.first = full - Math.ceil(deficit / 2);
    out.middle = full;
    out.last = full - Math.floor(deficit / 2);
    return out;
  }
  const lower = Math.floor(layers / pp);
  out.first = lower;
  out.middle = lower + (layers - lower * pp > 0 ? 1 : 0);
  out.last = lower;
  return out;
}

export interface StageLayers {
  first: number;
  middle: number;
  last: number;
}

function mix(f: number, dense: LayerCost, moe: LayerCost, key: keyof LayerCost): number {
  return (1 - f) * dense[key] + f * moe[key];
}

export function evaluate(ctx: TrainingContext, l: Layout, r: StepResult): StepResult {
  r.invalid = invalidReason(ctx, l);
  if (r.invalid !== 0) return r;
  const job = ctx.job;
  const m = job.model;
  const k = ctx.k;
  const p = ctx.params;
  const mb = job.globalBatch / (l.dp * l.microBatch);
  r.microbatches = mb;
  const dense = layerCost(ctx, l, false, ctx.layerDense);
  const moe = m.moe ? layerCost(ctx, l, true, ctx.layerMoe) : dense;
  const f = ctx.moeFraction;
  const layerTotal =
    mix(f, dense, moe, 'forward') + mix(f, dense, moe, 'backward') + mix(f, dense, moe, 'recompute');
  const stages = stageLayers(m.layers, l.pp, l.vpp, ctx.stages);
  r.layersFirstStage = stages.first;
  r.layersLastStage = stages.last;
  const rows = (l.microBatch * job.seqLen) / l.cp;
  // The loss stage: logits matmul forward and backward at 16 bits, and the softmax over the vocabulary.
  const logits =
    3 * matmulS(ctx, rows, m.vocab / l.tp, m.hidden, ctx.peak16FlopsPerS, 2) +
    (3 * k.elementwiseTrafficPerActivationByte * rows * (m.vocab / l.tp) * 4) / ctx.hbmBytesPerS;
  const tFirst = stages.first * layerTotal;
  const tLast = stages.last * layerTotal + logits;
  const tMiddle = l.pp > 2 ? stages.middle * layerTotal : 0;
  const tMax = Math.max(tFirst, tLast, tMiddle);
  const sumStages = l.pp === 1 ? tLast : tFirst + tLast + (l.pp - 2) * (l.pp > 2 ? tMiddle : 0);
  const pipeline = mb * tMax + (sumStages - tMax) / l.vpp;
  // Components of the critical stage, scaled to the step; the rest of the pipeline time is bubble.
  const critLayers = tMax === tLast ? stages.last : tMax === tFirst ? stages.first : stages.middle;
  r.recomputeS = mb * critLayers * mix(f, dense, moe, 'recompute');
  r.tpExposedS = mb * critLayers * mix(f, dense, moe, 'tpExposed');
  r.cpExposedS = mb * critLayers * mix(f, dense, moe, 'cpExposed');
  r.epExposedS = mb * critLayers * mix(f, dense, moe, 'epExposed');
  if (l.recompute === 'full') {
    // The recomputed forward's communication is counted with the communication, not with recompute.
    r.recomputeS -= mb * critLayers * ((1 - f) * commOf(dense) + f * commOf(moe));
  }
  // Whatever of the slowest stage's time is not recompute or exposed communication is compute.
  r.computeS = mb * tMax - r.recomputeS - r.tpExposedS - r.cpExposedS - r.epExposedS;
  r.bubbleS = pipeline - mb * tMax;
  r.tpRawS = mb * critLayers * mix(f, dense, moe, 'tpRaw');
  // Pipeline point-to-point: one activation each way per micro-batch and chunk boundary.
  const domain = job.scaleUpDomain;
  let pp = 0;
  if (l.pp > 1) {
    const sameDomain = l.tp * l.cp * l.dp < domain;
    const bytes = (rows * m.hidden * 2) / l.tp;
    const hop = sameDomain ? bytes / ctx.scaleUpBytesPerS : bytes / ctx.scaleOutBytesPerS;
    r.ppRawS = 2 * mb * l.vpp * hop;
    const hidden = job.software.overlapPipeline ? k.pipelineOverlapHidden : 0;
    pp = 2 * (l.pp - 1) * hop + r.ppRawS * (1 - hidden);
  } else {
    r.ppRawS = 0;
  }
  r.ppExposedS = pp;
  // Data parallelism: gradients reduced (and, when sharded, parameters gathered) once per step.
  const firstLayersParams = stages.first * ((1 - f) * p.nonExpertPerDenseLayer + f * p.nonExpertPerMoeLayer);
  const lastLayersParams = stages.last * ((1 - f) * p.nonExpertPerDenseLayer + f * p.nonExpertPerMoeLayer);
  const embedFirst = p.embedding;
  const headLast = l.pp > 1 ? p.embedding : p.lmHead;
  const nonExpertFirst = (firstLayersParams + embedFirst + (l.pp === 1 ? p.lmHead : 0)) / l.tp;
  const nonExpertLast = (lastLayersParams + headLast + (l.pp === 1 ? embedFirst : 0)) / l.tp;
  const expertLayersFirst = stages.first * f;
  const expertLayersLast = stages.last * f;
  const expertFirst = (expertLayersFirst * p.routedExpertsPerLayer) / (l.tp * l.ep);
  const expertLast = (expertLayersLast * p.routedExpertsPerLayer) / (l.tp * l.ep);
  const nonExpert = Math.max(nonExpertFirst, nonExpertLast);
  const expert = Math.max(expertFirst, expertLast);
  const dpShard = l.dp * l.cp;
  const expertShard = dpShard / l.ep;
  const dpGroup = setPlacement(ctx.scratch.dp, dpShard, Math.floor(domain / l.tp));
  const gradBytes = job.software.gradReduceBytes;
  const reduceKind = l.zero === 0 ? 'all-reduce' : 'reduce-scatter';
  let reduce = collectiveTimeS(reduceKind, nonExpert * gradBytes, dpGroup);
  let gather = l.zero === 0 ? 0 : collectiveTimeS('all-gather', nonExpert * 2, dpGroup);
  if (expert > 0 && expertShard > 1) {
    const eg = setPlacement(ctx.scratch.ep, expertShard, Math.floor(domain / (l.tp * l.ep)));
    reduce += collectiveTimeS(reduceKind, expert * gradBytes, eg);
    gather += l.zero === 0 ? 0 : collectiveTimeS('all-gather', expert * 2, eg);
  }
  const stageLayersCrit = Math.max(stages.first, stages.last);
  const fwdMb = stageLayersCrit * mix(f, dense, moe, 'forward');
  const bwdMb = stageLayersCrit * (mix(f, dense, moe, 'backward') + mix(f, dense, moe, 'recompute'));
  const overlap = job.software.overlapDataParallel;
  let dp: number;
  if (l.zero === 3) {
    // Parameters are gathered for every micro-batch's forward and backward.
    const perMb = overlap ? Math.max(0, gather - fwdMb / 2) : gather;
    dp = 2 * mb * perMb + (overlap ? Math.max(0, reduce - bwdMb) : reduce);
    r.dpRawS = 2 * mb * gather + reduce;
  } else {
    dp = overlap ? Math.max(0, reduce - bwdMb) + Math.max(0, gather - fwdMb) : reduce + gather;
    r.dpRawS = reduce + gather;
  }
  r.dpExposedS = dp;
  // Optimizer: Adam reads and writes fp32 master weights and moments, reads grads, writes 16-bit weights.
  const paramsPerGpu = nonExpert + expert;
  const optShardNE = l.zero >= 1 ? dpShard : 1;
  const optShardE = l.zero >= 1 ? Math.max(1, expertShard) : 1;
  r.optimizerS = ((nonExpert / optShardNE + expert / optShardE) * 34) / ctx.hbmBytesPerS;
  r.stepS = pipeline + pp + dp + r.optimizerS;
  // Memory of the fullest stage.
  const weightBytesPerParam = 2 + (ctx.lowPrecision ? ctx.linearOperandBytes : 0);
  const gradShardNE = l.zero >= 2 ? dpShard : 1;
  const gradShardE = l.zero >= 2 ? Math.max(1, expertShard) : 1;
  const wShardNE = l.zero === 3 ? dpShard : 1;
  const wShardE = l.zero === 3 ? Math.max(1, expertShard) : 1;
  const actPerLayer = activationPerLayerBytes(ctx, l, rows, l.recompute);
  const interleave = l.vpp > 1 ? 1 + (l.pp - 1) / (l.pp * l.vpp) : 1;
  const inflightFirst = Math.min(mb, l.pp) * interleave;
  const logitsAct = (rows * m.vocab * 4) / l.tp;
  const recomputeWorkingSet = l.recompute === 'full' ? activationPerLayerBytes(ctx, l, rows, 'none') : 0;
  const actFirst =
    stages.first * actPerLayer * inflightFirst + recomputeWorkingSet + (l.pp === 1 ? logitsAct : 0);
  const actLast =
    stages.last * actPerLayer * (l.pp === 1 ? inflightFirst : interleave) + recomputeWorkingSet + logitsAct;
  const wF = (nonExpertFirst / wShardNE + expertFirst / wShardE) * weightBytesPerParam;
  const wL = (nonExpertLast / wShardNE + expertLast / wShardE) * weightBytesPerParam;
  const gF = (nonExpertFirst / gradShardNE + expertFirst / gradShardE) * job.software.mainGradBytes;
  const gL = (nonExpertLast / gradShardNE + expertLast / gradShardE) * job.software.mainGradBytes;
  const oF = (nonExpertFirst / optShardNE + expertFirst / optShardE) * 12;
  const oL = (nonExpertLast / optShardNE + expertLast / optShardE) * 12;
  const zero3Gather =
    l.zero === 3 ? 2 * (Math.max(p.nonExpertPerDenseLayer, p.nonExpertPerMoeLayer) / l.tp) * 2 : 0;
  const buffers =
    (job.software.overlapTensorParallel && l.tp > 1 ? 3 * rows * m.hidden * 2 : 0) +
    Math.min(paramsPerGpu, 40e6) * gradBytes * 2 +
    (l.pp > 1 ? (4 * rows * m.hidden * 2) / l.tp : 0) +
    zero3Gather;
  const firstTotal = wF + gF + oF + actFirst + buffers;
  const lastTotal = wL + gL + oL + actLast + buffers;
  const useLast = lastTotal > firstTotal;
  r.memoryStage = l.pp === 1 ? 0 : useLast ? 2 : 0;
  r.weightsBytes = useLast ? wL : wF;
  r.gradientsBytes = useLast ? gL : gF;
  r.optimizerBytes = useLast ? oL : oF;
  r.activationsBytes = useLast ? actLast : actFirst;
  r.commBuffersBytes = buffers;
  r.memoryBytes = useLast ? lastTotal : firstTotal;
  r.usableMemoryBytes = (job.memoryBytes - k.reservedMemoryBytes) * (1 - k.fragmentationFraction);
  // Throughput.
  const tokens = job.globalBatch * job.seqLen;
  r.modelFlopsPerStep = tokens * ctx.modelFlopsPerToken;
  r.hardwareFlopsPerStep = r.modelFlopsPerStep * hardwareOverModel(ctx, l);
  r.mfu = r.modelFlopsPerStep / (r.stepS * job.gpus * ctx.peakLinearFlopsPerS);
  r.tokensPerS = tokens / r.stepS;
  return r;
}

function commOf(c: LayerCost): number {
  return (c.tpExposed + c.epExposed) / 3 + c.cpExposed / 4;
}

/** Bytes one layer keeps for backward per micro-batch under a recompute mode. */
function activationPerLayerBytes(
  ctx: TrainingContext,
  l: Layout,
  rows: number,
  recompute: Layout['recompute'],
): number {
  if (recompute === 'full') return (rows * ctx.job.model.hidden * 2) / (l.sequenceParallel ? l.tp : 1);
  const f = ctx.moeFraction;
  const scores = recompute === 'selective' ? 0 : ctx.job.seqLen;
  return (
    (1 - f) * keptPerLayer(ctx.actDense, l, rows, scores) + f * keptPerLayer(ctx.actMoe, l, rows, scores)
  );
}

function keptPerLayer(a: ActivationBytesPerToken, l: Layout, rows: number, scoreContext: number): number {
  const split = l.sequenceParallel ? l.tp : 1;
  return (
    rows *
    (a.replicated / split + (a.sharded + a.fusedSoftmaxStats + a.scoresPerContext * scoreContext) / l.tp)
  );
}

/** Hardware FLOPs over model FLOPs: recompute adds a forward pass (full) or the attention core (selective). */
function hardwareOverModel(ctx: TrainingContext, l: Layout): number {
  if (l.recompute === 'full') return 4 / 3;
  if (l.recompute === 'selective' && ctx.job.software.attention === 'unfused') {
    const attnShare = (ctx.job.model.layers * ctx.attentionFlopsPerToken * 3) / ctx.modelFlopsPerToken;
    return 1 + attnShare / 3;
  }
  return 1;
}

/** The memory verdict: usable minus needed, bytes (negative = out of memory by that much). */
export function memoryHeadroom(r: StepResult): number {
  return r.usableMemoryBytes - r.memoryBytes;
}
