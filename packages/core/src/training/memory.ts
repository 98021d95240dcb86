import type { ActivationBytesPerToken } from '../transformer/activations.js';
import { ADAM_STATE_BYTES_PER_PARAM, WEIGHT_BYTES_16BIT } from '../transformer/training-state.js';
import { GRADIENT_BUCKET_PARAMS } from './constants.js';
import { mix, type TrainingContext } from './context.js';
import { dataShards, expertDataShards, type Layout } from './layout.js';
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
  sp.expertFirst = (stages.first * f * p.routedExpertsPerLayer) / (l.tp * l.ep);
  sp.expertLast = (stages.last * f * p.routedExpertsPerLayer) / (l.tp * l.ep);
  sp.nonExpertMax = Math.max(sp.nonExpertFirst, sp.nonExpertLast);
  sp.expertMax = Math.max(sp.expertFirst, sp.expertLast);
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
  const logitsAct = (rows * job.model.vocab * 4) / l.tp;
  const buffers = commBuffersBytes(ctx, l, rows);
  const psgFirst = perSampleGradientsBytes(ctx, l, sp.nonExpertFirst, sp.expertFirst);
  const psgLast = perSampleGradientsBytes(ctx, l, sp.nonExpertLast, sp.expertLast);
  const costs = stateCosts(ctx, l);
  const fixedFirst =
    allStateBytes(costs, sp.nonExpertFirst, sp.expertFirst) +
    buffers +
    psgFirst +
    (l.pp === 1 ? logitsAct : 0);
  const fixedLast = allStateBytes(costs, sp.nonExpertLast, sp.expertLast) + buffers + psgLast + logitsAct;
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
  const firstTotal = fixedFirst + keepFirst - rho * savedFirst + workingSet;
  const lastTotal = fixedLast + keepLast - rho * savedLast + workingSet;
  const useLast = lastTotal > firstTotal;
  const ne = useLast ? sp.nonExpertLast : sp.nonExpertFirst;
  const ex = useLast ? sp.expertLast : sp.expertFirst;
  r.memoryStage = l.pp === 1 ? 0 : useLast ? 2 : 0;
  r.weightsBytes = weightsBytes(costs, ne, ex);
  r.gradientsBytes = gradientsBytes(costs, ne, ex);
  r.optimizerBytes = optimizerBytes(costs, ne, ex);
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
}

/** Communication buffers: overlapped TP's staging, one gradient bucket in flight, the pipeline's send
 * and receive buffers, and ZeRO-3's gathered layer. */
function commBuffersBytes(ctx: TrainingContext, l: Layout, rows: number): number {
  const job = ctx.job;
  const m = job.model;
  const p = ctx.params;
  const sp = ctx.stageParams;
  const zero3Gather =
    l.zero === 3 ? 2 * (Math.max(p.nonExpertPerDenseLayer, p.nonExpertPerMoeLayer) / l.tp) * 2 : 0;
  return (
    (job.software.overlapTensorParallel && l.tp > 1 ? 3 * rows * m.hidden * 2 : 0) +
    Math.min(sp.nonExpertMax + sp.expertMax, GRADIENT_BUCKET_PARAMS) * job.software.gradReduceBytes * 2 +
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
  weightsSharded: boolean;
  gradientsSharded: boolean;
  optimizerSharded: boolean;
}

const layoutStateCosts: StateCosts = {
  dpShard: 1,
  expertShard: 1,
  weightBytes: 0,
  gradientBytes: 0,
  weightsSharded: false,
  gradientsSharded: false,
  optimizerSharded: false,
};

function stateCosts(ctx: TrainingContext, l: Layout): StateCosts {
  const c = layoutStateCosts;
  c.dpShard = dataShards(l);
  c.expertShard = expertDataShards(l);
  c.weightBytes = WEIGHT_BYTES_16BIT + (ctx.lowPrecision ? ctx.linearOperandBytes : 0);
  c.gradientBytes = ctx.job.software.mainGradBytes;
  c.weightsSharded = l.zero === 3;
  c.gradientsSharded = l.zero >= 2;
  c.optimizerSharded = l.zero >= 1;
  return c;
}

/** Bytes of one kind of state for `ne` non-expert and `ex` expert parameters. */
function stateBytes(c: StateCosts, ne: number, ex: number, perParam: number, sharded: boolean): number {
  return (ne / (sharded ? c.dpShard : 1) + ex / (sharded ? c.expertShard : 1)) * perParam;
}

const weightsBytes = (c: StateCosts, ne: number, ex: number) =>
  stateBytes(c, ne, ex, c.weightBytes, c.weightsSharded);
const gradientsBytes = (c: StateCosts, ne: number, ex: number) =>
  stateBytes(c, ne, ex, c.gradientBytes, c.gradientsSharded);
const optimizerBytes = (c: StateCosts, ne: number, ex: number) =>
  stateBytes(c, ne, ex, ADAM_STATE_BYTES_PER_PARAM, c.optimizerSharded);

function allStateBytes(c: StateCosts, ne: number, ex: number): number {
  return weightsBytes(c, ne, ex) + gradientsBytes(c, ne, ex) + optimizerBytes(c, ne, ex);
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
