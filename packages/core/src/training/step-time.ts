import { collectiveTimeS } from '../fabric/collectives.js';
import { optimizerStepTrafficBytesPerParam, WEIGHT_BYTES_16BIT } from '../transformer/training-state.js';
import { overlapped, setPlacement } from './communication.js';
import { mix, type TrainingContext } from './context.js';
import { matmulS } from './kernels.js';
import { layerCost, layerOffload, layerRecompute, layerTotal } from './layer-cost.js';
import { dataShards, effectiveZero, expertDataShards, expertTensorParallel, type Layout } from './layout.js';
import type { LayerCost } from './scratch.js';
import type { StepResult } from './step-result.js';

/**
 * Step time into `r`: the pipeline of layer passes, whose exposed TP, CP and EP communication the
 * layers carry, then what runs around it: pipeline sends, data-parallel collectives, the optimizer,
 * fixed overhead and DP-SGD's clipping. Needs the stages and the recomputed share already in place.
 */
export function stepTime(ctx: TrainingContext, l: Layout, r: StepResult): void {
  stepTimeUnder(ctx, l, r, Number.POSITIVE_INFINITY);
}

/** How far above a bound the pipeline's lower bound must be to skip a layout: far more than the
 * rounding between the bound and the step time summed in another order. */
const BOUND_MARGIN = 1e-9;

/**
 * `stepTime`, unless the step cannot take less than `boundS`: then false, with `r` partly filled.
 * The pipeline, clipping, optimizer and fixed overhead alone bound the step from below (the pipeline
 * sends and data-parallel collectives only add), so a layout slower than every one a search keeps is
 * dropped before its collectives are timed.
 */
export function stepTimeUnder(ctx: TrainingContext, l: Layout, r: StepResult, boundS: number): boolean {
  const rho = r.recomputedLayerShare;
  const dense = layerCost(ctx, l, false, ctx.layerDense);
  const moe = ctx.job.model.moe ? layerCost(ctx, l, true, ctx.layerMoe) : dense;
  const sel = l.recompute === 'selective';
  const perLayer = mix(ctx.moeFraction, layerTotal(dense, rho, sel), layerTotal(moe, rho, sel));
  const pipeline = pipelineS(ctx, l, dense, moe, perLayer, r);
  // The last micro-batch's backward on the busiest stage: what gradients offloaded to host go behind.
  const lastBackward =
    Math.max(ctx.stages.first, ctx.stages.last) * mix(ctx.moeFraction, dense.backward, moe.backward);
  r.optimizerS = optimizerS(ctx, l, r, lastBackward);
  r.overheadS = ctx.k.stepOverheadS;
  // Clipping works inside every micro-batch's backward pass, so it stretches the whole pipeline.
  const clip = ctx.job.privateClipping;
  r.privacyS = clip ? (clip.stepTimeFactor - 1) * pipeline : 0;
  if (pipeline + r.privacyS + r.optimizerS + r.overheadS >= boundS * (1 + BOUND_MARGIN)) return false;
  pipelineSends(ctx, l, r);
  dataParallel(ctx, l, dense, moe, perLayer, r);
  r.stepS = pipeline + r.privacyS + r.ppExposedS + r.dpExposedS + r.optimizerS + r.overheadS;
  return true;
}

/** Pipeline: m × the slowest stage, plus fill and drain shortened by interleaving. Splits the slowest
 * stage's time into its parts, scaled to the step; the rest of the pipeline time is bubble. */
function pipelineS(
  ctx: TrainingContext,
  l: Layout,
  dense: LayerCost,
  moe: LayerCost,
  perLayer: number,
  r: StepResult,
): number {
  const f = ctx.moeFraction;
  const rho = r.recomputedLayerShare;
  const mb = r.microbatches;
  const stages = ctx.stages;
  const sel = l.recompute === 'selective';
  const tFirst = stages.first * perLayer;
  const tLast = stages.last * perLayer + lossS(ctx, l);
  const tMiddle = l.pp > 2 ? stages.middle * perLayer : 0;
  const tMax = Math.max(tFirst, tLast, tMiddle);
  const sumStages = l.pp === 1 ? tLast : tFirst + tLast + (l.pp - 2) * tMiddle;
  const pipeline = mb * tMax + (sumStages - tMax) / l.vpp;
  const crit = mb * (tMax === tLast ? stages.last : tMax === tFirst ? stages.first : stages.middle);
  const passes = 2 + (sel ? 0 : rho);
  r.recomputeS = crit * mix(f, layerRecompute(dense, rho, sel), layerRecompute(moe, rho, sel));
  r.tpExposedS = crit * passes * mix(f, dense.tpPass, moe.tpPass);
  r.tpRawS = crit * passes * mix(f, dense.tpRawPass, moe.tpRawPass);
  r.cpExposedS =
    crit * mix(f, dense.cpForward * (1 + rho) + dense.cpBackward, moe.cpForward * (1 + rho) + moe.cpBackward);
  r.epExposedS =
    crit * mix(f, dense.epPass * (1 + rho) + dense.epBackward, moe.epPass * (1 + rho) + moe.epBackward);
  r.epRawS = crit * passes * mix(f, dense.epRawPass, moe.epRawPass);
  r.offloadExposedS = crit * mix(f, layerOffload(dense, rho), layerOffload(moe, rho));
  const replays = sel ? 1 : 1 + rho;
  r.hostWaitS =
    crit *
    mix(
      f,
      dense.hostWaitForward * replays + dense.hostWaitBackward,
      moe.hostWaitForward * replays + moe.hostWaitBackward,
    );
  r.computeS =
    mb * tMax - r.recomputeS - r.tpExposedS - r.cpExposedS - r.epExposedS - r.offloadExposedS - r.hostWaitS;
  r.bubbleS = pipeline - mb * tMax;
  return pipeline;
}

/** The loss on the last stage: logits matmul forward and backward in the attention format (16 bits, or wider beside fp32), and the softmax over the
 * vocabulary. */
function lossS(ctx: TrainingContext, l: Layout): number {
  const m = ctx.job.model;
  const rows = (l.microBatch * ctx.job.seqLen) / l.cp;
  // Forward, input gradient and (unless the head is frozen under adapters) weight gradient; once for
  // the model and once per MTP module.
  const passes = (ctx.adapters.all ? 3 : 2) * (1 + (ctx.job.mtpModules ?? 0));
  return (
    passes *
      matmulS(ctx, rows, m.vocab / l.tp, m.hidden, ctx.peakAttentionFlopsPerS, ctx.attentionOperandBytes) +
    (3 *
      (1 + (ctx.job.mtpModules ?? 0)) *
      ctx.k.elementwiseTrafficPerActivationByte *
      rows *
      (m.vocab / l.tp) *
      4) /
      ctx.hbmBytesPerS
  );
}

/** Pipeline point-to-point: one activation each way per micro-batch and chunk boundary. */
function pipelineSends(ctx: TrainingContext, l: Layout, r: StepResult): void {
  r.ppRawS = 0;
  r.ppExposedS = 0;
  if (l.pp <= 1) return;
  const job = ctx.job;
  const rows = (l.microBatch * job.seqLen) / l.cp;
  // Neighbouring stages share a domain only when a whole stage (TP × CP × DP ranks) fits in less.
  const sameDomain = l.tp * l.cp * l.dp < job.scaleUpDomain;
  const bytes = (rows * job.model.hidden * 2) / l.tp;
  const hop = collectiveTimeS('send-recv', bytes, setPlacement(ctx.scratch.pp, 2, sameDomain ? 2 : 1));
  r.ppRawS = 2 * r.microbatches * l.vpp * hop;
  const window = job.software.overlapPipeline ? r.ppRawS * ctx.k.pipelineOverlapHidden : 0;
  r.ppExposedS = 2 * (l.pp - 1) * hop + overlapped(ctx, r.ppRawS, window);
}

/** Data parallelism: gradients reduced (and, when sharded, parameters gathered) once per step, behind
 * one micro-batch's backward (reduction) and forward (gather) where the software overlaps them. */
function dataParallel(
  ctx: TrainingContext,
  l: Layout,
  dense: LayerCost,
  moe: LayerCost,
  perLayer: number,
  r: StepResult,
): void {
  const job = ctx.job;
  const domain = job.scaleUpDomain;
  const gradBytes = job.software.gradReduceBytes;
  // Only trained parameters have gradients to reduce (the adapters under LoRA); sharded frozen
  // weights are still gathered.
  const sp = ctx.stageParams;
  const trained = ctx.adapters.all ? sp.nonExpertMax : Math.max(sp.trainedFirst, sp.trainedLast);
  const nonExpert = sp.nonExpertMax;
  const expert = ctx.adapters.all ? sp.expertMax : 0;
  const folded = job.software.expertLayout === 'folded';
  const expertShard = expertDataShards(l, folded);
  const dpGroup = setPlacement(ctx.scratch.dp, dataShards(l), Math.floor(domain / l.tp));
  const zero = effectiveZero(l, job.software.schedules);
  const reduceKind = zero === 0 ? 'all-reduce' : 'reduce-scatter';
  let reduce = collectiveTimeS(reduceKind, trained * gradBytes, dpGroup);
  let gather = zero === 0 ? 0 : collectiveTimeS('all-gather', nonExpert * 2, dpGroup);
  if (expert > 0 && expertShard > 1) {
    const eg = setPlacement(
      ctx.scratch.ep,
      expertShard,
      Math.floor(domain / (expertTensorParallel(l, folded) * l.ep)),
    );
    reduce += collectiveTimeS(reduceKind, expert * gradBytes, eg);
    gather += zero === 0 ? 0 : collectiveTimeS('all-gather', expert * 2, eg);
  }
  const stageLayersCrit = Math.max(ctx.stages.first, ctx.stages.last);
  const overlap = job.software.overlapDataParallel;
  const fwdWindow = overlap ? stageLayersCrit * mix(ctx.moeFraction, dense.forward, moe.forward) : 0;
  const bwdWindow = overlap ? stageLayersCrit * perLayer - fwdWindow : 0;
  if (zero === 3) {
    zero3(ctx, l, dense, moe, r, stageLayersCrit, nonExpert, expert, trained, expertShard, folded);
  } else {
    r.dpExposedS = overlapped(ctx, reduce, bwdWindow) + overlapped(ctx, gather, fwdWindow);
    r.dpRawS = reduce + gather;
  }
}

/**
 * ZeRO-3 / FSDP as it communicates: per layer, every micro-batch, the layer's parameters are gathered
 * before its forward, again before its backward (resharded after forward) and once more for its
 * recomputed forward under recompute (the checkpointed region runs its pre-forward gather again), and
 * its gradients are reduce-scattered after its backward. Each collective pays its own latency.
 * Prefetch reaches one layer ahead: where the stack overlaps, a layer's collectives run behind the
 * previous layer's compute and only what outlasts it shows (plus contention); the first layer of each
 * pass waits for its own.
 */
function zero3(
  ctx: TrainingContext,
  l: Layout,
  dense: LayerCost,
  moe: LayerCost,
  r: StepResult,
  layers: number,
  nonExpert: number,
  expert: number,
  trained: number,
  expertShard: number,
  folded: boolean,
): void {
  const job = ctx.job;
  const stageLayers = Math.max(1, ctx.stages.first, ctx.stages.last);
  // One layer's share of the stage's parameters (and gradients), by group.
  const perLayer = (x: number) => x / stageLayers;
  const dpGroup = ctx.scratch.dp;
  let gather = collectiveTimeS('all-gather', perLayer(nonExpert) * 2, dpGroup);
  let reduce = collectiveTimeS('reduce-scatter', perLayer(trained) * job.software.gradReduceBytes, dpGroup);
  if (expert > 0 && expertShard > 1) {
    const eg = setPlacement(
      ctx.scratch.ep,
      expertShard,
      Math.floor(job.scaleUpDomain / (expertTensorParallel(l, folded) * l.ep)),
    );
    gather += collectiveTimeS('all-gather', perLayer(expert) * 2, eg);
    reduce += collectiveTimeS('reduce-scatter', perLayer(expert) * job.software.gradReduceBytes, eg);
  }
  const f = ctx.moeFraction;
  const forward = mix(f, dense.forward, moe.forward);
  const backward = mix(f, dense.backward, moe.backward);
  const overlap = job.software.overlapDataParallel;
  const behind = (raw: number, window: number) => (overlap ? overlapped(ctx, raw, window) : raw);
  const rho = r.recomputedLayerShare;
  const forwardS = gather + (layers - 1) * behind(gather, forward);
  const backwardS = gather + reduce + (layers - 1) * behind(gather + reduce, backward);
  const recomputeS = rho * layers * behind(gather, forward);
  r.dpExposedS = r.microbatches * (forwardS + backwardS + recomputeS);
  r.dpRawS = r.microbatches * layers * ((2 + rho) * gather + reduce);
}

/** The optimizer step over the parameters this GPU holds: the state's traffic at memory bandwidth, or,
 * offloaded (ZeRO-Offload, torchao's CPU offload), gradients down the host link behind the last
 * backward, the same traffic at the host's memory bandwidth, and the 16-bit parameters back up. */
function optimizerS(ctx: TrainingContext, l: Layout, r: StepResult, lastBackwardS: number): number {
  const sp = ctx.stageParams;
  const sw = ctx.job.software;
  const sharded = l.zero >= 1;
  const params = ctx.adapters.all
    ? sp.nonExpertMax / (sharded ? dataShards(l) : 1) +
      sp.expertMax / (sharded ? expertDataShards(l, sw.expertLayout === 'folded') : 1)
    : Math.max(sp.trainedFirst, sp.trainedLast) / (sharded ? dataShards(l) : 1);
  const traffic = optimizerStepTrafficBytesPerParam(
    sw.stateFormat,
    ctx.method.optimizer,
    sw.mainGradBytes,
    sw.gradients === 'persistent',
  );
  if (!ctx.method.optimizerOffload) {
    r.optimizerHostS = 0;
    return (params * traffic) / ctx.hbmBytesPerS;
  }
  const link = ctx.hostLinkBytesPerS;
  const down = overlapped(ctx, (params * sw.gradReduceBytes) / link, lastBackwardS);
  const up = (params * WEIGHT_BYTES_16BIT) / link;
  r.optimizerHostS = down + (params * traffic) / ctx.k.hostMemoryBytesPerSPerGpu + up;
  return r.optimizerHostS;
}
