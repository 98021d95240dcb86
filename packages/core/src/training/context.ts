import { LINK_EFFICIENCY } from '../fabric/collectives.js';
import type { DispatchGroup } from '../fabric/expert-dispatch.js';
import { type ActivationBytesPerToken, activationBytesPerToken } from '../transformer/activations.js';
import {
  attentionCoreFlopsPerToken,
  denseLayerMatmulFlopsPerToken,
  logitsFlopsPerToken,
  moeLayerMatmulFlopsPerToken,
} from '../transformer/flops.js';
import { type ParamCounts, paramCounts } from '../transformer/params.js';
import { type LayerShapes, layerShapes } from '../transformer/shapes.js';
import { type AdapterCounts, adapterCounts } from './adapters.js';
import { TRAINING_CONSTANTS, type TrainingConstants } from './constants.js';
import { HOST_SECONDS_PER_LAUNCH, type LayerLaunches, layerLaunches } from './host-launch.js';
import {
  attentionFormat,
  FULL_TRAINING,
  OPERAND_BYTES,
  type TrainingJob,
  type TrainingMethod,
} from './job.js';
import { type LayerCost, type MutablePlacement, newLayerCost, type StageParams } from './scratch.js';
import type { StageLayers } from './stages.js';

/**
 * What the step model knows of a job before it sees a layout: the per-job arithmetic, done once by
 * `prepare`, and the scratch every evaluation writes into, so the search can evaluate every layout
 * of a cluster without allocating.
 */
export interface TrainingContext {
  readonly job: TrainingJob;
  readonly k: TrainingConstants;
  /** The job's method, FULL_TRAINING when it states none. */
  readonly method: TrainingMethod;
  /** What the method trains and quantises. */
  readonly adapters: AdapterCounts;
  readonly shapes: LayerShapes;
  readonly params: ParamCounts;
  readonly peakLinearFlopsPerS: number;
  /** Peak of the attention core's and the logits' format (attentionFormat). */
  readonly peakAttentionFlopsPerS: number;
  /** Bytes per operand of the attention core's and the logits' matmuls. */
  readonly attentionOperandBytes: number;
  readonly hbmBytesPerS: number;
  /** The accelerator's link to host memory, one way (offload crosses it); 0 where the catalog has none
   * (offload is refused there before a plan is made). */
  readonly hostLinkBytesPerS: number;
  /** What the host launches per dense and MoE layer pass under the stack, and what one launch costs. */
  readonly launchesDense: LayerLaunches;
  readonly launchesMoe: LayerLaunches;
  readonly hostSecondsPerLaunch: number;
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
    /** The expert all-to-all's group, for fabric/expert-dispatch.ts. */
    dispatch: { -readonly [K in keyof DispatchGroup]-?: NonNullable<DispatchGroup[K]> };
  };
  readonly layerDense: LayerCost;
  readonly layerMoe: LayerCost;
  readonly stages: StageLayers;
  readonly stageParams: StageParams;
  /** Fraction of peak a large matmul reaches on this accelerator (gemmPeakEfficiency, × the Blackwell
   * ratio on Blackwell). */
  readonly gemmEfficiency: number;
  /** The same for matmuls in an 8-bit or 4-bit format (× lowPrecisionEfficiencyRatio). */
  readonly lowPrecisionGemmEfficiency: number;
  /** Fraction of the attention format's peak the software's fused attention kernel reaches. */
  readonly flashEfficiency: number;
}

export function prepare(job: TrainingJob, k: TrainingConstants = TRAINING_CONSTANTS): TrainingContext {
  const m = job.model;
  const shapes = layerShapes(m);
  const params = paramCounts(m, shapes);
  const a = job.accelerator;
  const fused = job.software.attention !== 'unfused';
  const method = job.method ?? FULL_TRAINING;
  // Blackwell runs reach a smaller share of peak than the Hopper and Ampere runs η was fitted on.
  const generation = a.architecture === 'blackwell' ? k.blackwellEfficiencyRatio : 1;
  const actOpts = {
    dropout: job.software.dropout,
    fusedAttention: fused,
    matmulInputBytes: Math.min(2, Math.max(1, OPERAND_BYTES[job.precision])),
    eagerElementwise: job.software.elementwise === 'eager' && !method.compiled,
  };
  const attnModel = attentionCoreFlopsPerToken(shapes, job.seqLen, m.causal);
  const modelFwdPerToken =
    params.denseLayers * denseLayerMatmulFlopsPerToken(shapes) +
    params.moeLayers * moeLayerMatmulFlopsPerToken(m, shapes) +
    m.layers * attnModel +
    logitsFlopsPerToken(m);
  const lowPrecision = OPERAND_BYTES[job.precision] < 2;
  const layerKind = {
    latentAttention: m.attention.kind === 'mla',
    sharedExperts: m.moe?.sharedExperts ?? 0,
  };
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
    method,
    adapters: adapterCounts(m, shapes, method.adapters),
    shapes,
    params,
    peakLinearFlopsPerS: a.peakFlopsPerS[job.precision] ?? 0,
    peakAttentionFlopsPerS: a.peakFlopsPerS[attentionFormat(job.precision)] ?? 0,
    gemmEfficiency: k.gemmPeakEfficiency * generation,
    lowPrecisionGemmEfficiency: k.gemmPeakEfficiency * generation * k.lowPrecisionEfficiencyRatio,
    attentionOperandBytes: OPERAND_BYTES[attentionFormat(job.precision)],
    hbmBytesPerS: a.memoryBytesPerS,
    hostLinkBytesPerS: a.hostLinkBytesPerS ?? 0,
    launchesDense: layerLaunches(job.software.host, { ...layerKind, moe: false }, lowPrecision),
    launchesMoe: layerLaunches(job.software.host, { ...layerKind, moe: true }, lowPrecision),
    hostSecondsPerLaunch: HOST_SECONDS_PER_LAUNCH[a.hostCpu ?? 'x86-64'],
    linearOperandBytes: OPERAND_BYTES[job.precision],
    lowPrecision,
    scaleUpBytesPerS: job.scaleUpBytesPerS * (k.linkEfficiency ?? LINK_EFFICIENCY).scaleUp,
    scaleOutBytesPerS: job.scaleOutBytesPerS * (k.linkEfficiency ?? LINK_EFFICIENCY).scaleOut,
    actDense: activationBytesPerToken(m, shapes, { ...actOpts, moe: false }),
    actMoe: activationBytesPerToken(m, shapes, { ...actOpts, moe: true }),
    attentionFlopsPerToken: attentionCoreFlopsPerToken(shapes, job.seqLen, m.causal && fused),
    logitsFlopsPerToken: logitsFlopsPerToken(m),
    // Forward and backward: with a frozen base (adapters) backward computes input gradients only.
    modelFlopsPerToken: (method.adapters ? 2 : 3) * modelFwdPerToken,
    moeFraction: params.moeLayers / m.layers,
    scratch: {
      tp: placement(),
      dp: placement(),
      cp: placement(),
      ep: placement(),
      pp: placement(),
      dispatch: {
        ep: 1,
        perDomain: 1,
        scaleUpBytesPerS: job.scaleUpBytesPerS,
        scaleOutBytesPerS: job.scaleOutBytesPerS,
        oversubscription: job.oversubscription ?? 1,
        lowLatencyOverScaleUp: true,
      },
    },
    layerDense: newLayerCost(),
    layerMoe: newLayerCost(),
    stages: { first: 0, middle: 0, last: 0 },
    stageParams: {
      nonExpertFirst: 0,
      nonExpertLast: 0,
      expertFirst: 0,
      expertLast: 0,
      nonExpertMax: 0,
      expertMax: 0,
      trainedFirst: 0,
      trainedLast: 0,
      quantisedFirst: 0,
      quantisedLast: 0,
    },
    flashEfficiency:
      (job.software.attention === 'flash-2' ? k.flash2AttentionEfficiency : k.flash3AttentionEfficiency) *
      generation,
  };
}

/** A per-layer quantity averaged over the model's layers: `f` is the share of MoE layers. */
export function mix(f: number, dense: number, moe: number): number {
  return (1 - f) * dense + f * moe;
}
