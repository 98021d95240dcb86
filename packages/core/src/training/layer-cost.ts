import { collectiveTimeS } from '../fabric/collectives.js';
import {
  type DispatchFormat,
  dispatchCost,
  expertImbalance,
  PERMUTE_BYTES_PER_ROUTED_ELEMENT,
} from '../fabric/expert-dispatch.js';
import { NF4_BYTES_PER_PARAM } from '../transformer/training-state.js';
import { overlapped, setPlacement } from './communication.js';
import type { TrainingContext } from './context.js';
import type { LayerLaunches } from './host-launch.js';
import { castBytes, gemmsS, matmulS } from './kernels.js';
import { expertTensorParallel, type Layout } from './layout.js';
import { recomputableBytes } from './memory.js';
import type { LayerCost } from './scratch.js';

/** One dense or MoE layer's passes for one micro-batch on one GPU, into `out`: every layer of a kind
 * costs the same, so the pipeline multiplies this by its stage's layers. `out` is one kind's slot of
 * one context and keeps the last layout's figures: the search varies the knobs they do not depend on
 * fastest, so most layouts reuse them (DeepSeek-V3 on 2,048 GPUs: 1.6M layouts). */
export function layerCost(ctx: TrainingContext, l: Layout, moe: boolean, out: LayerCost): LayerCost {
  if (
    out.forTp === l.tp &&
    out.forCp === l.cp &&
    out.forEp === l.ep &&
    out.forMicroBatch === l.microBatch &&
    out.forSequenceParallel === l.sequenceParallel
  )
    return out;
  const job = ctx.job;
  const m = job.model;
  const s = ctx.shapes;
  const tp = l.tp;
  const rows = (l.microBatch * job.seqLen) / l.cp;
  const domain = job.scaleUpDomain;
  // Weight matmuls.
  const attentionMatmul = gemmsS(ctx, s.attentionGemms, rows, tp, 1);
  let matmul = attentionMatmul;
  let localExperts = 0;
  let castF = castBytes(s.attentionGemms, rows, tp, 1, true);
  let castB = castBytes(s.attentionGemms, rows, tp, 1, false);
  let epRaw = 0;
  let permute = 0;
  if (moe && m.moe) {
    // Folded (expert TP 1): each GPU routes its 1/TP share of the tokens to experts kept whole;
    // otherwise every TP rank routes all of them to experts split over TP. The same work per GPU.
    const etp = expertTensorParallel(l, job.software.expertLayout === 'folded');
    const routedRows = (rows * etp) / tp;
    localExperts = m.moe.experts / l.ep;
    const rowsPerExpert = (routedRows * m.moe.topK * l.ep) / m.moe.experts;
    matmul += gemmsS(ctx, s.ffnGemmsExpert, rowsPerExpert, etp, localExperts);
    matmul += gemmsS(ctx, s.ffnGemmsExpert, rows, tp, m.moe.sharedExperts);
    // The router's scores for every expert: small beside the experts for most models, but the
    // model's FLOPs count it, and a model of many thin experts is mostly router (fuzz seed 1 case
    // 34919: 100,000 experts 3 wide, untimed, gave an MFU of 106%).
    matmul += gemmsS(ctx, s.routerGemms, rows, tp, 1);
    castF += castBytes(s.ffnGemmsExpert, rows * m.moe.topK, tp, 1, true);
    castB += castBytes(s.ffnGemmsExpert, rows * m.moe.topK, tp, 1, false);
    // The busiest EP rank sets the pace: its share of this layer's token-expert pairs (a multinomial).
    const experts = gemmsS(ctx, s.ffnGemmsExpert, rowsPerExpert, etp, localExperts);
    const imbalance = expertImbalance(routedRows * m.moe.topK * l.ep, l.ep);
    matmul += (imbalance - 1) * experts;
    // Permute before dispatch, unpermute after combine: every routed copy read and written.
    permute = (routedRows * m.moe.topK * m.hidden * PERMUTE_BYTES_PER_ROUTED_ELEMENT) / ctx.hbmBytesPerS;
    // Dispatch and combine of one pass (the gradients take the same way back in backward), as the
    // stack's dispatcher sends them: an NCCL all-to-all of one 16-bit copy per selected expert, or
    // DeepEP's one-shot kernels (fabric/expert-dispatch.ts).
    if (job.software.moeDispatch === 'deepep') {
      const g = ctx.scratch.dispatch;
      g.ep = l.ep;
      g.perDomain = Math.max(1, Math.min(l.ep, Math.floor(domain / etp)));
      const cost = dispatchCost(m.moe, g, ctx.lowPrecision ? FP8_DISPATCH : BF16_DISPATCH, 'normal');
      epRaw = l.ep > 1 ? cost.latencyS + routedRows * m.hidden * cost.perTokenElementS : 0;
    } else {
      const a2a = setPlacement(ctx.scratch.ep, l.ep, Math.floor(domain / etp));
      epRaw = 2 * collectiveTimeS('all-to-all', routedRows * m.moe.topK * m.hidden * 2, a2a);
    }
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
    attention = (rows * ctx.attentionFlopsPerToken) / tp / (ctx.peakAttentionFlopsPerS * ctx.flashEfficiency);
  } else {
    // Batched matmuls per head: Q·Kᵀ [s×d]·[d×s] and A·V [s×s]·[s×d], in the attention format.
    const heads = (s.heads * l.microBatch) / tp;
    const seq = job.seqLen / l.cp;
    attention =
      matmulS(
        ctx,
        seq,
        job.seqLen,
        s.qkHeadDim,
        ctx.peakAttentionFlopsPerS,
        ctx.attentionOperandBytes,
        heads,
      ) +
      matmulS(ctx, seq, s.vHeadDim, job.seqLen, ctx.peakAttentionFlopsPerS, ctx.attentionOperandBytes, heads);
    scoresRecompute = attention + (ctx.k.elementwiseTrafficPerActivationByte * scoreBytes) / ctx.hbmBytesPerS;
  }
  // Op-level selective recompute (fused attention): the norms and the FFN activation run again from
  // their kept inputs, elementwise traffic in proportion to what they free.
  if (job.software.attention !== 'unfused') {
    scoresRecompute =
      (ctx.k.elementwiseTrafficPerActivationByte * recomputableBytes(ctx, l, rows)) / ctx.hbmBytesPerS;
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
  // A frozen base (adapters) needs no weight gradients: backward runs only the input-gradient matmuls.
  // An NF4 base is dequantised to 16 bits before each pass's matmuls (read 4 bits, write 16).
  const a = ctx.adapters;
  const weightPasses = a.all ? 2 : 1;
  const dequantS =
    (((moe ? a.quantisedPerMoeLayer : a.quantisedPerDenseLayer) / tp) * (NF4_BYTES_PER_PARAM + 2)) /
    ctx.hbmBytesPerS;
  // Where the stack overlaps it, the all-to-all runs behind the other micro-batch's compute: only what
  // outlasts this layer's pass shows.
  const epWindow = job.software.overlapExpertParallel ? matmul + attention : 0;
  const epF = overlapped(ctx, epRaw, epWindow);
  const epB = overlapped(ctx, epRaw, 2 * epWindow);
  // Activation offload: what a layer keeps goes to host memory during forward and comes back during
  // backward, on a copy stream beside the layer's compute (torchtune's activation offloading). A layer
  // recomputed in full keeps, and so moves, only its input.
  if (ctx.method.activationOffload) {
    const inputBytes = (rows * m.hidden * 2) / (l.sequenceParallel ? tp : 1);
    const forwardWindow = matmul + attention;
    const backwardWindow = weightPasses * matmul + 2 * attention;
    out.offloadForward = overlapped(ctx, keptBytes / ctx.hostLinkBytesPerS, forwardWindow);
    out.offloadBackward = overlapped(ctx, keptBytes / ctx.hostLinkBytesPerS, backwardWindow);
    out.offloadInputForward = overlapped(ctx, inputBytes / ctx.hostLinkBytesPerS, forwardWindow);
    out.offloadInputBackward = overlapped(ctx, inputBytes / ctx.hostLinkBytesPerS, backwardWindow);
  }
  out.forward = matmul + attention + elementwise + castFS + dequantS + permute + tpExposed + cpF + epF;
  out.backward =
    weightPasses * matmul +
    2 * attention +
    2 * elementwise +
    castB / ctx.hbmBytesPerS +
    dequantS +
    permute +
    tpExposed +
    cpB +
    epB;
  hostWait(
    ctx,
    moe ? ctx.launchesMoe : ctx.launchesDense,
    localExperts,
    attentionMatmul + attention + cpF,
    out,
  );
  out.forward += out.hostWaitForward;
  out.backward += out.hostWaitBackward;
  out.scoresRecompute = scoresRecompute;
  out.tpPass = tpExposed;
  out.tpRawPass = tpRaw;
  out.cpForward = cpF;
  out.cpBackward = cpB;
  out.epPass = epF;
  out.epBackward = epB;
  out.epRawPass = epRaw;
  out.matmul = matmul;
  out.attention = attention;
  out.elementwise = elementwise + castFS + dequantS + permute;
  out.forTp = l.tp;
  out.forCp = l.cp;
  out.forEp = l.ep;
  out.forMicroBatch = l.microBatch;
  out.forSequenceParallel = l.sequenceParallel;
  return out;
}

/** The GPU's wait for its host, per pass, into `out` (whose forward and backward hold the GPU's time):
 * the host's launches beyond the kernels' time, split at the dispatcher's wait for the routing where
 * there is one (the attention side before it, the experts after). */
function hostWait(
  ctx: TrainingContext,
  n: LayerLaunches,
  localExperts: number,
  gpuBeforeWaitS: number,
  out: LayerCost,
): void {
  const perLaunch = ctx.hostSecondsPerLaunch;
  const experts = n.forwardPerLocalExpert * localExperts * perLaunch;
  if (n.waits) {
    const before = Math.min(gpuBeforeWaitS, out.forward);
    out.hostWaitForward =
      Math.max(0, n.forwardPre * perLaunch - before) +
      Math.max(0, n.forwardPost * perLaunch + experts - (out.forward - before));
  } else {
    out.hostWaitForward = Math.max(0, n.forwardPre * perLaunch + experts - out.forward);
  }
  const backward = (n.backward + n.backwardPerLocalExpert * localExperts) * perLaunch;
  out.hostWaitBackward = Math.max(0, backward - out.backward);
}

/** Dispatch formats: 16-bit copies both ways, or FP8 dispatch with a 16-bit combine (DeepEP under 8-bit
 * training). */
const BF16_DISPATCH: DispatchFormat = { dispatchBytesPerElement: 2, combineBytesPerElement: 2 };
const FP8_DISPATCH: DispatchFormat = { dispatchBytesPerElement: 1, combineBytesPerElement: 2 };

/** Per layer and micro-batch: all passes, given the share ρ of layers recomputed in full. */
export function layerTotal(c: LayerCost, rho: number, selective: boolean): number {
  return c.forward + c.backward + (selective ? c.scoresRecompute : rho * c.forward) + layerOffload(c, rho);
}

/** The recompute part of `layerTotal`, without the communication its forward pass repeats. */
export function layerRecompute(c: LayerCost, rho: number, selective: boolean): number {
  return selective
    ? c.scoresRecompute
    : rho * (c.forward - c.tpPass - c.cpForward - c.epPass - c.hostWaitForward);
}

/** Exposed activation offload per layer and micro-batch: the whole kept set of a layer kept, the input
 * of a layer recomputed in full (selective recompute moves the whole set: an upper bound). */
export function layerOffload(c: LayerCost, rho: number): number {
  return (
    (1 - rho) * (c.offloadForward + c.offloadBackward) +
    rho * (c.offloadInputForward + c.offloadInputBackward)
  );
}
