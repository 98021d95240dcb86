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
import {
  ADAM_STATE_BYTES_PER_PARAM,
  ADAM_STEP_TRAFFIC_BYTES_PER_PARAM,
  WEIGHT_BYTES_16BIT,
} from '../transformer/training-state.js';
import { GRADIENT_BUCKET_PARAMS, TRAINING_CONSTANTS, type TrainingConstants } from './constants.js';
import { OPERAND_BYTES, sixteenBitFormat, type TrainingJob } from './job.js';
import type { Layout } from './layout.js';
import type { LayoutRefusal } from './layout-refusals.js';

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
    pp: MutablePlacement;
  };
  readonly layerDense: LayerCost;
  readonly layerMoe: LayerCost;
  readonly stages: StageLayers;
  readonly stageParams: StageParams;
  /** Fraction of 16-bit peak the software's fused attention kernel reaches. */
  readonly flashEfficiency: number;
}

type MutablePlacement = { -readonly [K in keyof GroupPlacement]: GroupPlacement[K] };

/** One layer, one micro-batch, one GPU, seconds; each pass includes its exposed communication. */
interface LayerCost {
  forward: number;
  backward: number;
  /** Selective recompute of an unfused attention core. */
  scoresRecompute: number;
  /** Exposed and raw tensor-parallel communication of one pass (forward, backward or recompute). */
  tpPass: number;
  tpRawPass: number;
  cpForward: number;
  cpBackward: number;
  /** Expert-parallel all-to-all of one pass. */
  epPass: number;
  matmul: number;
  attention: number;
  elementwise: number;
}

const newLayerCost = (): LayerCost => ({
  forward: 0,
  backward: 0,
  scoresRecompute: 0,
  tpPass: 0,
  tpRawPass: 0,
  cpForward: 0,
  cpBackward: 0,
  epPass: 0,
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
  /** Fixed per-step time outside the modelled kernels. */
  overheadS: number;
  /** DP-SGD's per-example clipping: (factor − 1) × the pipeline time; 0 for non-private runs. */
  privacyS: number;
  /** Per-example gradients held by naive DP clipping, bytes (in activationsBytes' place in the total). */
  perSampleGradientsBytes: number;
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
  /** Share of each stage's layers recomputed in full (1 for full, between for partial). */
  recomputedLayerShare: number;
  modelFlopsPerStep: number;
  hardwareFlopsPerStep: number;
  mfu: number;
  tokensPerS: number;
  /** null when the layout can run; otherwise why not (LAYOUT_REFUSALS has the words). */
  invalid: LayoutRefusal | null;
}

export function newStepResult(): StepResult {
  return {
    microbatches: 0,
    stepS: 0,
    computeS: 0,
    recomputeS: 0,
    privacyS: 0,
    perSampleGradientsBytes: 0,
    bubbleS: 0,
    tpExposedS: 0,
    cpExposedS: 0,
    epExposedS: 0,
    ppExposedS: 0,
    dpExposedS: 0,
    optimizerS: 0,
    overheadS: 0,
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
    recomputedLayerShare: 0,
    modelFlopsPerStep: 0,
    hardwareFlopsPerStep: 0,
    mfu: 0,
    tokensPerS: 0,
    invalid: null,
  };
}

export function prepare(job: TrainingJob, k: TrainingConstants = TRAINING_CONSTANTS): TrainingContext {
  const m = job.model;
  const shapes = layerShapes(m);
  const params = paramCounts(m, shapes);
  const a = job.accelerator;
  const fused = job.software.attention !== 'unfused';
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
    scaleUpBytesPerS: job.scaleUpBytesPerS,
    scaleOutBytesPerS: job.scaleOutBytesPerS,
    oversubscription: job.oversubscription ?? 1,
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
    scratch: { tp: placement(), dp: placement(), cp: placement(), ep: placement(), pp: placement() },
    layerDense: newLayerCost(),
    layerMoe: newLayerCost(),
    stages: { first: 0, middle: 0, last: 0 },
    stageParams: { nonExpertFirst: 0, nonExpertLast: 0, expertFirst: 0, expertLast: 0 },
    flashEfficiency:
      job.software.attention === 'flash-2' ? k.flash2AttentionEfficiency : k.flash3AttentionEfficiency,
  };
}

/** Time of `batch` matmuls [M×K]·[K×N] run as one (batched or grouped) kernel on this GPU: compute at
 * a fraction of peak, less for a part-empty last wave of tiles, or the operand traffic at memory
 * bandwidth when that is longer (roofline; thin matmuls). */
function matmulS(
  ctx: TrainingContext,
  mRows: number,
  n: number,
  kDim: number,
  peak: number,
  operandBytes: number,
  batch = 1,
): number {
  const flops = 2 * mRows * n * kDim * batch;
  const bytes = batch * (operandBytes * (mRows * kDim + kDim * n) + 2 * mRows * n);
  const compute = flops / (peak * ctx.k.gemmPeakEfficiency * waveEfficiency(ctx, mRows, n, batch));
  return Math.max(compute, bytes / ctx.hbmBytesPerS);
}

/** Wave quantization: output tiles are spread over the compute units in whole waves, so the last wave
 * runs part-empty. One TILE_ROWS × TILE_COLS output tile per unit at a time. */
function waveEfficiency(ctx: TrainingContext, mRows: number, n: number, batch: number): number {
  const units = ctx.job.accelerator.computeUnits;
  const tiles = Math.ceil(mRows / TILE_ROWS) * Math.ceil(n / TILE_COLS) * Math.ceil(batch);
  return tiles / (Math.ceil(tiles / units) * units);
}

/** Output tile of a large 16-bit matmul kernel: 128 × 256 is CUTLASS's and cuBLAS's usual choice
 * on Hopper for large GEMMs (CUTLASS 3 examples, NVIDIA "Matrix Multiplication Background" guide). */
const TILE_ROWS = 128;
const TILE_COLS = 256;

function gemmsS(
  ctx: TrainingContext,
  gemms: readonly Gemm[],
  rows: number,
  tp: number,
  count: number,
): number {
  let t = 0;
  if (count <= 0) return 0;
  for (let i = 0; i < gemms.length; i++) {
    const g = gemms[i]!;
    const n = g.columnParallel ? g.outWidth / tp : g.outWidth;
    const kk = g.columnParallel ? g.inWidth : g.inWidth / tp;
    t += matmulS(ctx, rows, n, kk, ctx.peakLinearFlopsPerS, ctx.linearOperandBytes, count);
  }
  return t;
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

/** Exposed time of communication that may overlap a compute window: what does not fit in the window,
 * plus the contention the hidden part still costs the compute it runs beside. */
function overlapped(ctx: TrainingContext, raw: number, window: number): number {
  const hidden = Math.min(raw, Math.max(0, window));
  return raw - hidden + ctx.k.overlapContention * hidden;
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
    const a2a = setPlacement(ctx.scratch.ep, l.ep, Math.floor(domain / tp));
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
  if (job.software.attention !== 'unfused') {
    attention = (rows * ctx.attentionFlopsPerToken) / tp / (ctx.peak16FlopsPerS * ctx.flashEfficiency);
  } else {
    // Batched matmuls per head: Q·Kᵀ [s×d]·[d×s] and A·V [s×s]·[s×d], at 16 bits.
    const heads = (s.heads * l.microBatch) / tp;
    const seq = job.seqLen / l.cp;
    attention =
      matmulS(ctx, seq, job.seqLen, s.qkHeadDim, ctx.peak16FlopsPerS, 2, heads) +
      matmulS(ctx, seq, s.vHeadDim, job.seqLen, ctx.peak16FlopsPerS, 2, heads);
    scoresRecompute = attention + (ctx.k.elementwiseTrafficPerActivationByte * scoreBytes) / ctx.hbmBytesPerS;
  }
  // Elementwise kernels: traffic proportional to what the layer keeps for backward.
  const keptBytes = rows * (act.replicated / (l.sequenceParallel ? tp : 1) + act.sharded / tp) + scoreBytes;
  const elementwise = (ctx.k.elementwiseTrafficPerActivationByte * keptBytes) / ctx.hbmBytesPerS;
  // Tensor-parallel collectives: two per layer and pass (all-reduce, or all-gather + reduce-scatter).
  const tpGroup = setPlacement(ctx.scratch.tp, tp, domain);
  const tpRaw = 2 * collectiveTimeS('all-reduce', rows * m.hidden * 2, tpGroup);
  const tpWindow = job.software.overlapTensorParallel ? tpRaw * ctx.k.tensorParallelOverlapHidden : 0;
  const tpExposed = overlapped(ctx, tpRaw, tpWindow);
  // Context parallelism: K and V of the whole sequence gathered (their gradients reduce-scattered in
  // backward), behind the attention core where the software overlaps it.
  let cpF = 0;
  let cpB = 0;
  if (l.cp > 1) {
    const cpGroup = setPlacement(ctx.scratch.cp, l.cp, Math.floor(domain / tp));
    const kvBytes = (l.microBatch * job.seqLen * (s.kWidth + s.vWidth) * 2) / tp;
    const raw = collectiveTimeS('all-gather', kvBytes, cpGroup);
    const window = job.software.overlapContextParallel ? attention : 0;
    cpF = overlapped(ctx, raw, window);
    cpB = overlapped(ctx, 2 * raw, 2 * window);
  }
  const castFS = castF / ctx.hbmBytesPerS;
  out.forward = matmul + attention + elementwise + castFS + tpExposed + cpF + epRaw;
  out.backward =
    2 * matmul + 2 * attention + 2 * elementwise + castB / ctx.hbmBytesPerS + tpExposed + cpB + epRaw;
  out.scoresRecompute = scoresRecompute;
  out.tpPass = tpExposed;
  out.tpRawPass = tpRaw;
  out.cpForward = cpF;
  out.cpBackward = cpB;
  out.epPass = epRaw;
  out.matmul = matmul;
  out.attention = attention;
  out.elementwise = elementwise + castFS;
  return out;
}

/** Checks the layout against the job: null when it can run, otherwise why not. */
export function invalidReason(ctx: TrainingContext, l: Layout): LayoutRefusal | null {
  const job = ctx.job;
  const m = job.model;
  if (l.tp * l.pp * l.dp * l.cp !== job.gpus) return 'gpu-count';
  if (job.globalBatch % (l.dp * l.microBatch) !== 0) return 'batch-split';
  if (m.heads % l.tp !== 0 || (m.attention.kind !== 'mla' && m.kvHeads % l.tp !== 0)) return 'heads-tp';
  if (l.pp * l.vpp > m.layers) return 'pipeline-chunks';
  if (l.vpp > 1 && l.pp === 1) return 'vpp-needs-pp';
  if (m.moe ? m.moe.experts % l.ep !== 0 || (l.dp * l.cp) % l.ep !== 0 : l.ep !== 1) return 'experts-ep';
  if (l.cp > 1 && job.seqLen % (2 * l.cp) !== 0) return 'sequence-cp';
  if (ctx.peakLinearFlopsPerS <= 0 || ctx.peak16FlopsPerS <= 0) return 'format-peak';
  if (l.recompute === 'selective' && job.software.attention !== 'unfused') return 'selective-fused';
  return null;
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

function mix(f: number, dense: number, moe: number): number {
  return (1 - f) * dense + f * moe;
}

/** Per layer and micro-batch: all passes, given the share ρ of layers recomputed in full. */
function layerTotal(c: LayerCost, rho: number, selective: boolean): number {
  return c.forward + c.backward + (selective ? c.scoresRecompute : rho * c.forward);
}

/** The recompute part of `layerTotal`, without the communication its forward pass repeats. */
function layerRecompute(c: LayerCost, rho: number, selective: boolean): number {
  return selective ? c.scoresRecompute : rho * (c.forward - c.tpPass - c.cpForward - c.epPass);
}

/** Share of each stage's layers recomputed in full: 0, 1, or (partial) the fewest that fit. */
function recomputedShare(l: Layout, over: number, savedAll: number, layers: number): number {
  if (l.recompute === 'full') return 1;
  if (l.recompute !== 'partial') return 0;
  if (over <= 0 || savedAll <= 0 || layers <= 1) return 0;
  return Math.ceil((over / savedAll) * layers) / layers;
}

/** Parameters on one GPU: non-expert / expert on the first and last stage (embedding and head sit there). */
interface StageParams {
  nonExpertFirst: number;
  nonExpertLast: number;
  expertFirst: number;
  expertLast: number;
}

/** Weights, gradients and optimizer state of `ne` non-expert and `ex` expert parameters, bytes. */
function stateBytes(
  ctx: TrainingContext,
  l: Layout,
  ne: number,
  ex: number,
  which: 'weights' | 'gradients' | 'optimizer',
): number {
  const dpShard = l.dp * l.cp;
  const expertShard = Math.max(1, dpShard / l.ep);
  const sharded = which === 'weights' ? l.zero === 3 : which === 'gradients' ? l.zero >= 2 : l.zero >= 1;
  const perParam =
    which === 'weights'
      ? WEIGHT_BYTES_16BIT + (ctx.lowPrecision ? ctx.linearOperandBytes : 0)
      : which === 'gradients'
        ? ctx.job.software.mainGradBytes
        : ADAM_STATE_BYTES_PER_PARAM;
  return (ne / (sharded ? dpShard : 1) + ex / (sharded ? expertShard : 1)) * perParam;
}

function allStateBytes(ctx: TrainingContext, l: Layout, ne: number, ex: number): number {
  return (
    stateBytes(ctx, l, ne, ex, 'weights') +
    stateBytes(ctx, l, ne, ex, 'gradients') +
    stateBytes(ctx, l, ne, ex, 'optimizer')
  );
}

export function evaluate(ctx: TrainingContext, l: Layout, r: StepResult): StepResult {
  r.invalid = invalidReason(ctx, l);
  if (r.invalid !== null) return r;
  const job = ctx.job;
  const m = job.model;
  const k = ctx.k;
  const p = ctx.params;
  const f = ctx.moeFraction;
  const mb = job.globalBatch / (l.dp * l.microBatch);
  r.microbatches = mb;
  const stages = stageLayers(m.layers, l.pp, l.vpp, ctx.stages);
  r.layersFirstStage = stages.first;
  r.layersLastStage = stages.last;
  const rows = (l.microBatch * job.seqLen) / l.cp;
  const domain = job.scaleUpDomain;

  // Parameters on a GPU of the first and last stages.
  const sp = ctx.stageParams;
  const perLayerNonExpert = mix(f, p.nonExpertPerDenseLayer, p.nonExpertPerMoeLayer);
  const headLast = l.pp > 1 ? p.embedding : p.lmHead;
  sp.nonExpertFirst = (stages.first * perLayerNonExpert + p.embedding + (l.pp === 1 ? p.lmHead : 0)) / l.tp;
  sp.nonExpertLast = (stages.last * perLayerNonExpert + headLast + (l.pp === 1 ? p.embedding : 0)) / l.tp;
  sp.expertFirst = (stages.first * f * p.routedExpertsPerLayer) / (l.tp * l.ep);
  sp.expertLast = (stages.last * f * p.routedExpertsPerLayer) / (l.tp * l.ep);
  const nonExpert = Math.max(sp.nonExpertFirst, sp.nonExpertLast);
  const expert = Math.max(sp.expertFirst, sp.expertLast);
  const dpShard = l.dp * l.cp;
  const expertShard = Math.max(1, dpShard / l.ep);
  const gradBytes = job.software.gradReduceBytes;

  // Memory of the fullest stage. Partial recompute first finds how many layers it must recompute.
  const clip = job.privateClipping;
  const keepPerLayer =
    activationPerLayerBytes(ctx, l, rows, l.recompute === 'selective' ? 'selective' : 'none') *
    (clip ? clip.activationMemoryFactor : 1);
  const fullPerLayer = activationPerLayerBytes(ctx, l, rows, 'full');
  const interleave = l.vpp > 1 ? 1 + (l.pp - 1) / (l.pp * l.vpp) : 1;
  const inflightFirst = Math.min(mb, l.pp) * interleave;
  const inflightLast = l.pp === 1 ? inflightFirst : interleave;
  const logitsAct = (rows * m.vocab * 4) / l.tp;
  const zero3Gather =
    l.zero === 3 ? 2 * (Math.max(p.nonExpertPerDenseLayer, p.nonExpertPerMoeLayer) / l.tp) * 2 : 0;
  const buffers =
    (job.software.overlapTensorParallel && l.tp > 1 ? 3 * rows * m.hidden * 2 : 0) +
    Math.min(nonExpert + expert, GRADIENT_BUCKET_PARAMS) * gradBytes * 2 +
    (l.pp > 1 ? (4 * rows * m.hidden * 2) / l.tp : 0) +
    zero3Gather;
  // Naive DP clipping keeps one gradient per example of the micro-batch.
  const psgFirst = clip?.perSampleGradients
    ? l.microBatch * (sp.nonExpertFirst + sp.expertFirst) * gradBytes
    : 0;
  const psgLast = clip?.perSampleGradients
    ? l.microBatch * (sp.nonExpertLast + sp.expertLast) * gradBytes
    : 0;
  const fixedFirst =
    allStateBytes(ctx, l, sp.nonExpertFirst, sp.expertFirst) +
    buffers +
    psgFirst +
    (l.pp === 1 ? logitsAct : 0);
  const fixedLast = allStateBytes(ctx, l, sp.nonExpertLast, sp.expertLast) + buffers + psgLast + logitsAct;
  r.usableMemoryBytes = (job.memoryBytes - k.reservedMemoryBytes) * (1 - k.fragmentationFraction);
  const keepFirst = stages.first * keepPerLayer * inflightFirst;
  const keepLast = stages.last * keepPerLayer * inflightLast;
  const savedFirst = stages.first * (keepPerLayer - fullPerLayer) * inflightFirst;
  const savedLast = stages.last * (keepPerLayer - fullPerLayer) * inflightLast;
  // Recomputing a layer needs its kept activations once more, as a working set.
  const rho = Math.max(
    recomputedShare(l, fixedFirst + keepFirst + keepPerLayer - r.usableMemoryBytes, savedFirst, stages.first),
    recomputedShare(l, fixedLast + keepLast + keepPerLayer - r.usableMemoryBytes, savedLast, stages.last),
  );
  if (l.recompute === 'partial' && (rho <= 0 || rho >= 1)) {
    r.invalid = 'partial-recompute';
    return r;
  }
  r.recomputedLayerShare = rho;
  const workingSet = rho > 0 ? keepPerLayer : 0;
  const firstTotal = fixedFirst + keepFirst - rho * savedFirst + workingSet;
  const lastTotal = fixedLast + keepLast - rho * savedLast + workingSet;
  const useLast = lastTotal > firstTotal;
  const ne = useLast ? sp.nonExpertLast : sp.nonExpertFirst;
  const ex = useLast ? sp.expertLast : sp.expertFirst;
  r.memoryStage = l.pp === 1 ? 0 : useLast ? 2 : 0;
  r.weightsBytes = stateBytes(ctx, l, ne, ex, 'weights');
  r.gradientsBytes = stateBytes(ctx, l, ne, ex, 'gradients');
  r.optimizerBytes = stateBytes(ctx, l, ne, ex, 'optimizer');
  r.commBuffersBytes = buffers;
  r.perSampleGradientsBytes = useLast ? psgLast : psgFirst;
  r.memoryBytes = useLast ? lastTotal : firstTotal;
  r.activationsBytes =
    r.memoryBytes -
    r.weightsBytes -
    r.gradientsBytes -
    r.optimizerBytes -
    buffers -
    r.perSampleGradientsBytes;

  // Pipeline: m × the slowest stage, plus fill and drain shortened by interleaving.
  const dense = layerCost(ctx, l, false, ctx.layerDense);
  const moe = m.moe ? layerCost(ctx, l, true, ctx.layerMoe) : dense;
  const sel = l.recompute === 'selective';
  const perLayer = mix(f, layerTotal(dense, rho, sel), layerTotal(moe, rho, sel));
  // The loss stage: logits matmul forward and backward at 16 bits, and the softmax over the vocabulary.
  const logits =
    3 * matmulS(ctx, rows, m.vocab / l.tp, m.hidden, ctx.peak16FlopsPerS, 2) +
    (3 * k.elementwiseTrafficPerActivationByte * rows * (m.vocab / l.tp) * 4) / ctx.hbmBytesPerS;
  const tFirst = stages.first * perLayer;
  const tLast = stages.last * perLayer + logits;
  const tMiddle = l.pp > 2 ? stages.middle * perLayer : 0;
  const tMax = Math.max(tFirst, tLast, tMiddle);
  const sumStages = l.pp === 1 ? tLast : tFirst + tLast + (l.pp - 2) * tMiddle;
  const pipeline = mb * tMax + (sumStages - tMax) / l.vpp;
  // Components of the slowest stage, scaled to the step; the rest of the pipeline time is bubble.
  const crit = mb * (tMax === tLast ? stages.last : tMax === tFirst ? stages.first : stages.middle);
  const passes = 2 + (sel ? 0 : rho);
  r.recomputeS = crit * mix(f, layerRecompute(dense, rho, sel), layerRecompute(moe, rho, sel));
  r.tpExposedS = crit * passes * mix(f, dense.tpPass, moe.tpPass);
  r.tpRawS = crit * passes * mix(f, dense.tpRawPass, moe.tpRawPass);
  r.cpExposedS =
    crit * mix(f, dense.cpForward * (1 + rho) + dense.cpBackward, moe.cpForward * (1 + rho) + moe.cpBackward);
  r.epExposedS = crit * passes * mix(f, dense.epPass, moe.epPass);
  r.computeS = mb * tMax - r.recomputeS - r.tpExposedS - r.cpExposedS - r.epExposedS;
  r.bubbleS = pipeline - mb * tMax;

  // Pipeline point-to-point: one activation each way per micro-batch and chunk boundary.
  r.ppRawS = 0;
  r.ppExposedS = 0;
  if (l.pp > 1) {
    // Neighbouring stages share a domain only when a whole stage (TP × CP × DP ranks) fits in less.
    const sameDomain = l.tp * l.cp * l.dp < domain;
    const bytes = (rows * m.hidden * 2) / l.tp;
    const hop = collectiveTimeS('send-recv', bytes, setPlacement(ctx.scratch.pp, 2, sameDomain ? 2 : 1));
    r.ppRawS = 2 * mb * l.vpp * hop;
    const window = job.software.overlapPipeline ? r.ppRawS * k.pipelineOverlapHidden : 0;
    r.ppExposedS = 2 * (l.pp - 1) * hop + overlapped(ctx, r.ppRawS, window);
  }

  // Data parallelism: gradients reduced (and, when sharded, parameters gathered) once per step.
  const dpGroup = setPlacement(ctx.scratch.dp, dpShard, Math.floor(domain / l.tp));
  const reduceKind = l.zero === 0 ? 'all-reduce' : 'reduce-scatter';
  let reduce = collectiveTimeS(reduceKind, nonExpert * gradBytes, dpGroup);
  let gather = l.zero === 0 ? 0 : collectiveTimeS('all-gather', nonExpert * 2, dpGroup);
  if (expert > 0 && expertShard > 1) {
    const eg = setPlacement(ctx.scratch.ep, expertShard, Math.floor(domain / (l.tp * l.ep)));
    reduce += collectiveTimeS(reduceKind, expert * gradBytes, eg);
    gather += l.zero === 0 ? 0 : collectiveTimeS('all-gather', expert * 2, eg);
  }
  // Overlap windows: one micro-batch's forward (parameter gather) and backward (gradient reduction).
  const stageLayersCrit = Math.max(stages.first, stages.last);
  const overlap = job.software.overlapDataParallel;
  const fwdWindow = overlap ? stageLayersCrit * mix(f, dense.forward, moe.forward) : 0;
  const bwdWindow = overlap ? stageLayersCrit * perLayer - fwdWindow : 0;
  if (l.zero === 3) {
    // Parameters are gathered for every micro-batch's forward and backward.
    r.dpExposedS = 2 * mb * overlapped(ctx, gather, fwdWindow / 2) + overlapped(ctx, reduce, bwdWindow);
    r.dpRawS = 2 * mb * gather + reduce;
  } else {
    r.dpExposedS = overlapped(ctx, reduce, bwdWindow) + overlapped(ctx, gather, fwdWindow);
    r.dpRawS = reduce + gather;
  }
  // Optimizer: one Adam step over the parameters this GPU updates, bound by memory bandwidth.
  r.optimizerS =
    ((nonExpert / (l.zero >= 1 ? dpShard : 1) + expert / (l.zero >= 1 ? expertShard : 1)) *
      ADAM_STEP_TRAFFIC_BYTES_PER_PARAM) /
    ctx.hbmBytesPerS;
  r.overheadS = k.stepOverheadS;
  // Clipping works inside every micro-batch's backward pass, so it stretches the whole pipeline.
  r.privacyS = clip ? (clip.stepTimeFactor - 1) * pipeline : 0;
  r.stepS = pipeline + r.privacyS + r.ppExposedS + r.dpExposedS + r.optimizerS + r.overheadS;

  // Throughput.
  const tokens = job.globalBatch * job.seqLen;
  r.modelFlopsPerStep = tokens * ctx.modelFlopsPerToken;
  r.hardwareFlopsPerStep = r.modelFlopsPerStep * hardwareOverModel(ctx, l, rho);
  r.mfu = r.modelFlopsPerStep / (r.stepS * job.gpus * ctx.peakLinearFlopsPerS);
  r.tokensPerS = tokens / r.stepS;
  return r;
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
function hardwareOverModel(ctx: TrainingContext, l: Layout, rho: number): number {
  if (rho > 0) return 1 + rho / 3;
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
