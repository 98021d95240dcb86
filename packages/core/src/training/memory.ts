import type { ActivationBytesPerToken } from '../transformer/activations.js';
import {
  LOSS_WORKING_SET_BYTES,
  NF4_BYTES_PER_PARAM,
  optimizerStateBytesPerParam,
  WEIGHT_BYTES_16BIT,
} from '../transformer/training-state.js';
import { GRADIENT_BUCKET_PARAMS } from './constants.js';
import { mix, type TrainingContext } from './context.js';
import { dataShards, effectiveZero, expertDataShards, expertTensorParallel, type Layout } from './layout.js';
import type { StageParams } from './scratch.js';
import type { StageLayers } from './stages.js';
import type { StepResult } from './step-result.js';

/** Parameters on a GPU of the first and last stages: the embedding sits on the first and the output
 * head on the last, which keeps its own copy of a tied embedding when it is another stage. */
export function stageParams(
  ctx: TrainingContext,
  l: Layout,
  stages: StageLayers,
  sp: StageParams,
): StageParams {
  const p = ctx.params;
  const f = ctx.moeFraction;
  const perLayerNonExpert = mix(f, p.nonExpertPerDenseLayer, p.nonExpertPerMoeLayer);
  const headLast = l.pp > 1 ? p.embedding : p.lmHead;
  sp.nonExpertFirst = (stages.first * perLayerNonExpert + p.embedding + (l.pp === 1 ? p.lmHead : 0)) / l.tp;
  sp.nonExpertLast = (stages.last * perLayerNonExpert + headLast + (l.pp === 1 ? p.embedding : 0)) / l.tp;
  const etp = expertTensorParallel(l, ctx.job.software.expertLayout === 'folded');
  sp.expertFirst = (stages.first * f * p.routedExpertsPerLayer) / (etp * l.ep);
  sp.expertLast = (stages.last * f * p.routedExpertsPerLayer) / (etp * l.ep);
  sp.nonExpertMax = Math.max(sp.nonExpertFirst, sp.nonExpertLast);
  sp.expertMax = Math.max(sp.expertFirst, sp.expertLast);
  const a = ctx.adapters;
  const trainedPerLayer = mix(f, a.trainedPerDenseLayer, a.trainedPerMoeLayer);
  const quantisedPerLayer = mix(f, a.quantisedPerDenseLayer, a.quantisedPerMoeLayer);
  const headFirst = l.pp === 1 ? 1 : 0;
  sp.trainedFirst = (stages.first * trainedPerLayer + headFirst * a.trainedHead) / l.tp;
  sp.trainedLast = (stages.last * trainedPerLayer + a.trainedHead) / l.tp;
  sp.quantisedFirst = (stages.first * quantisedPerLayer + headFirst * a.quantisedHead) / l.tp;
  sp.quantisedLast = (stages.last * quantisedPerLayer + a.quantisedHead) / l.tp;
  return sp;
}

/**
 * Memory of the fullest stage, into `r`. Partial recompute first finds the fewest layers it must
 * recompute to fit, and refuses the layout (`r.invalid`) when that is none or all of them.
 */
export function stageMemory(ctx: TrainingContext, l: Layout, r: StepResult): void {
  const job = ctx.job;
  const k = ctx.k;
  const mb = r.microbatches;
  const stages = ctx.stages;
  const sp = ctx.stageParams;
  const rows = (l.microBatch * job.seqLen) / l.cp;
  const clip = job.privateClipping;
  const keepPerLayer =
    activationPerLayerBytes(ctx, l, rows, l.recompute === 'selective' ? 'selective' : 'none') *
    (clip ? clip.activationMemoryFactor : 1);
  const fullPerLayer = activationPerLayerBytes(ctx, l, rows, 'full');
  const interleave = l.vpp > 1 ? 1 + (l.pp - 1) / (l.pp * l.vpp) : 1;
  const inflightFirst = Math.min(mb, l.pp) * interleave;
  const inflightLast = l.pp === 1 ? inflightFirst : interleave;
  const method = ctx.method;
  // One loss per MTP module beside the model's, each over its own logits.
  const lossAct =
    ((1 + (job.mtpModules ?? 0)) *
      rows *
      job.model.vocab *
      LOSS_WORKING_SET_BYTES[method.loss ?? job.software.loss]) /
    l.tp;
  const buffers = commBuffersBytes(ctx, l, rows);
  const psgFirst = perSampleGradientsBytes(ctx, l, sp.nonExpertFirst, sp.expertFirst);
  const psgLast = perSampleGradientsBytes(ctx, l, sp.nonExpertLast, sp.expertLast);
  const costs = stateCosts(ctx, l);
  const firstState = stageState(
    costs,
    sp.nonExpertFirst,
    sp.expertFirst,
    sp.trainedFirst,
    sp.quantisedFirst,
    stateOfFirst,
  );
  const last = stageState(
    costs,
    sp.nonExpertLast,
    sp.expertLast,
    sp.trainedLast,
    sp.quantisedLast,
    stateOfLast,
  );
  // Gradients kept in persistent buffers count with the state; gradients made on demand exist only
  // from backward to the step, and with the optimizer in backward only one tensor's at a time.
  const onDemand = job.software.gradients === 'on-demand';
  const staticFirst = firstState.weights + firstState.optimizer + (onDemand ? 0 : firstState.gradients);
  const staticLast = last.weights + last.optimizer + (onDemand ? 0 : last.gradients);
  // Backward starts with the output head's gradient (made first) beside every kept activation.
  const headGrad = onDemand ? headGradientBytes(ctx, l) : 0;
  const fixedFirst = staticFirst + buffers + psgFirst + (l.pp === 1 ? lossAct + headGrad : 0);
  const fixedLast = staticLast + buffers + psgLast + lossAct + headGrad;
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
    return;
  }
  r.recomputedLayerShare = rho;
  const workingSet = rho > 0 ? keepPerLayer : 0;
  // Offloaded activations wait in host memory; the layer whose backward runs is brought back.
  const offloaded = method.activationOffload;
  const keptFirst = offloaded ? (rho > 0 ? fullPerLayer : keepPerLayer) : keepFirst - rho * savedFirst;
  const keptLast = offloaded ? (rho > 0 ? fullPerLayer : keepPerLayer) : keepLast - rho * savedLast;
  const backwardStartFirst = fixedFirst + keptFirst + workingSet;
  const backwardStartLast = fixedLast + keptLast + workingSet;
  // The step: every on-demand gradient at once (or the largest tensor's), the activations gone.
  const gradsCap = onDemand && method.optimizerInBackward ? largestTrainedTensorBytes(ctx, l) : Infinity;
  const stepGradsFirst = onDemand ? Math.min(firstState.gradients, gradsCap) : 0;
  const stepGradsLast = onDemand ? Math.min(last.gradients, gradsCap) : 0;
  const stepFirst = staticFirst + buffers + psgFirst + stepGradsFirst;
  const stepLast = staticLast + buffers + psgLast + stepGradsLast;
  const firstTotal = Math.max(backwardStartFirst, stepFirst);
  const lastTotal = Math.max(backwardStartLast, stepLast);
  const useLast = lastTotal > firstTotal;
  const state = useLast ? last : firstState;
  const atStep = useLast ? stepLast > backwardStartLast : stepFirst > backwardStartFirst;
  r.memoryStage = l.pp === 1 ? 0 : useLast ? 2 : 0;
  r.weightsBytes = state.weights;
  r.gradientsBytes = onDemand
    ? atStep
      ? useLast
        ? stepGradsLast
        : stepGradsFirst
      : l.pp === 1 || useLast
        ? headGrad
        : 0
    : state.gradients;
  r.optimizerBytes = state.optimizer;
  r.commBuffersBytes = buffers;
  r.perSampleGradientsBytes = useLast ? psgLast : psgFirst;
  r.memoryBytes = useLast ? lastTotal : firstTotal;
  r.reservedBytes = r.memoryBytes / (1 - k.fragmentationFraction);
  r.activationsBytes =
    r.memoryBytes -
    r.weightsBytes -
    r.gradientsBytes -
    r.optimizerBytes -
    buffers -
    r.perSampleGradientsBytes;
}

/** The output head's gradient, the first backward makes (none when the head is frozen). */
function headGradientBytes(ctx: TrainingContext, l: Layout): number {
  const p = ctx.params;
  const head = ctx.adapters.all
    ? ctx.job.model.tiedEmbeddings
      ? p.embedding
      : p.lmHead
    : ctx.adapters.trainedHead;
  return (head / l.tp) * ctx.job.software.mainGradBytes;
}

/** The largest single trained tensor's gradient: the embedding or output head when every parameter
 * is trained, else one adapter matrix (small; counted as its head adapter or nothing). */
function largestTrainedTensorBytes(ctx: TrainingContext, l: Layout): number {
  const p = ctx.params;
  const largest = ctx.adapters.all ? Math.max(p.embedding, p.lmHead) : ctx.adapters.trainedHead;
  return (largest / l.tp) * ctx.job.software.mainGradBytes;
}

/** Communication buffers: overlapped TP's staging, one gradient bucket in flight, the pipeline's send
 * and receive buffers, and ZeRO-3's gathered layer. */
function commBuffersBytes(ctx: TrainingContext, l: Layout, rows: number): number {
  const job = ctx.job;
  const m = job.model;
  const p = ctx.params;
  const sp = ctx.stageParams;
  const zero3Gather =
    effectiveZero(l, job.software.schedules) === 3 && dataShards(l) > 1
      ? 2 * (Math.max(p.nonExpertPerDenseLayer, p.nonExpertPerMoeLayer) / l.tp) * 2
      : 0;
  // Gradient buckets exist only where gradients are reduced: across data-parallel ranks, and only
  // for what is trained.
  const trained = ctx.adapters.all
    ? sp.nonExpertMax + sp.expertMax
    : Math.max(sp.trainedFirst, sp.trainedLast);
  const buckets =
    dataShards(l) > 1 ? Math.min(trained, GRADIENT_BUCKET_PARAMS) * job.software.gradReduceBytes * 2 : 0;
  return (
    (job.software.overlapTensorParallel && l.tp > 1 ? 3 * rows * m.hidden * 2 : 0) +
    buckets +
    (l.pp > 1 ? (4 * rows * m.hidden * 2) / l.tp : 0) +
    zero3Gather
  );
}

/** Naive DP clipping keeps one gradient per example of the micro-batch. */
function perSampleGradientsBytes(ctx: TrainingContext, l: Layout, ne: number, ex: number): number {
  return ctx.job.privateClipping?.perSampleGradients
    ? l.microBatch * (ne + ex) * ctx.job.software.gradReduceBytes
    : 0;
}

/** Share of each stage's layers recomputed in full: 0, 1, or (partial) the fewest that fit. */
function recomputedShare(l: Layout, over: number, savedAll: number, layers: number): number {
  if (l.recompute === 'full') return 1;
  if (l.recompute !== 'partial') return 0;
  if (over <= 0 || savedAll <= 0 || layers <= 1) return 0;
  return Math.ceil((over / savedAll) * layers) / layers;
}

/** What a GPU's weights, gradients and optimizer state cost per parameter, and which of them ZeRO
 * shards over how many ranks: the same for every stage of a layout, so found once per layout, into
 * one object that every call overwrites (the search allocates nothing per layout). */
interface StateCosts {
  dpShard: number;
  expertShard: number;
  weightBytes: number;
  gradientBytes: number;
  optimizerBytes: number;
  /** True when every parameter is trained (no adapters). */
  trainsAll: boolean;
  weightsSharded: boolean;
  gradientsSharded: boolean;
  optimizerSharded: boolean;
}

const layoutStateCosts: StateCosts = {
  dpShard: 1,
  expertShard: 1,
  weightBytes: 0,
  gradientBytes: 0,
  optimizerBytes: 0,
  trainsAll: true,
  weightsSharded: false,
  gradientsSharded: false,
  optimizerSharded: false,
};

function stateCosts(ctx: TrainingContext, l: Layout): StateCosts {
  const c = layoutStateCosts;
  const sw = ctx.job.software;
  c.dpShard = dataShards(l);
  c.expertShard = expertDataShards(l, sw.expertLayout === 'folded');
  c.weightBytes = WEIGHT_BYTES_16BIT + (ctx.lowPrecision ? ctx.linearOperandBytes : 0);
  c.gradientBytes = sw.mainGradBytes;
  c.optimizerBytes = ctx.method.optimizerOffload
    ? 0
    : optimizerStateBytesPerParam(sw.stateFormat, ctx.method.optimizer);
  c.trainsAll = ctx.adapters.all;
  const zero = effectiveZero(l, sw.schedules);
  c.weightsSharded = zero === 3;
  c.gradientsSharded = zero >= 2;
  c.optimizerSharded = zero >= 1;
  return c;
}

/** One stage's state on a GPU, bytes. */
interface StageState {
  weights: number;
  gradients: number;
  optimizer: number;
}

const stateOfFirst: StageState = { weights: 0, gradients: 0, optimizer: 0 };
const stateOfLast: StageState = { weights: 0, gradients: 0, optimizer: 0 };

/**
 * The weights, gradients and optimizer state of a stage holding `ne` non-expert and `ex` expert
 * parameters, `trained` adapter parameters and `quantised` NF4 base parameters (both 0 in full
 * training): the base in its format, and gradients and optimizer state for what is trained. Written
 * into `s` (module scratch: the search allocates nothing per layout).
 */
function stageState(
  c: StateCosts,
  ne: number,
  ex: number,
  trained: number,
  quantised: number,
  s: StageState,
): StageState {
  // Parameters per GPU once sharded: weights, gradients and optimizer state each by their ZeRO stage.
  const neW = c.weightsSharded ? c.dpShard : 1;
  const exW = c.weightsSharded ? c.expertShard : 1;
  s.weights = ((ne + trained) / neW + ex / exW) * c.weightBytes;
  if (quantised > 0) s.weights -= (quantised * (c.weightBytes - NF4_BYTES_PER_PARAM)) / neW;
  const neG = c.gradientsSharded ? c.dpShard : 1;
  const neO = c.optimizerSharded ? c.dpShard : 1;
  if (c.trainsAll) {
    s.gradients = (ne / neG + ex / (c.gradientsSharded ? c.expertShard : 1)) * c.gradientBytes;
    s.optimizer = (ne / neO + ex / (c.optimizerSharded ? c.expertShard : 1)) * c.optimizerBytes;
  } else {
    s.gradients = (trained / neG) * c.gradientBytes;
    s.optimizer = (trained / neO) * c.optimizerBytes;
  }
  return s;
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
  const selective = recompute === 'selective';
  // Selective recompute drops the score tensors of unfused attention (Korthikanti et al.), and with
  // fused attention the outputs of the norms and the FFN activation (op-level recompute modules).
  const scores = selective ? 0 : ctx.job.seqLen;
  const ops = selective && ctx.job.software.attention !== 'unfused';
  const kept =
    (1 - f) * keptPerLayer(ctx.actDense, l, rows, scores) + f * keptPerLayer(ctx.actMoe, l, rows, scores);
  return ops ? kept - recomputableBytes(ctx, l, rows) : kept;
}

/** Bytes op-level selective recompute frees per layer and micro-batch (ActivationBytesPerToken.recomputable). */
export function recomputableBytes(ctx: TrainingContext, l: Layout, rows: number): number {
  const split = l.sequenceParallel ? l.tp : 1;
  const per = (a: ActivationBytesPerToken) =>
    rows * (a.recomputable.replicated / split + a.recomputable.sharded / l.tp);
  return mix(ctx.moeFraction, per(ctx.actDense), per(ctx.actMoe));
}

function keptPerLayer(a: ActivationBytesPerToken, l: Layout, rows: number, scoreContext: number): number {
  const split = l.sequenceParallel ? l.tp : 1;
  return (
    rows *
    (a.replicated / split + (a.sharded + a.fusedSoftmaxStats + a.scoresPerContext * scoreContext) / l.tp)
  );
}
