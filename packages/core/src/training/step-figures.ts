// The figures of one layout, built by the training model that computes them: each value with its
// formula written from the same named constants, its inputs and the sources of its constants.
import { fieldSources } from '../catalog/field-sources.js';
import type { Source } from '../catalog/types.js';
import { catalogRef, derivedFigure, type Figure, figure, figureRef } from '../explain/figure.js';
import { LINK_EFFICIENCY_SOURCES } from '../fabric/collectives.js';
import { DISPATCH_SOURCE } from '../fabric/expert-dispatch.js';
import {
  ADAM_8BIT_SOURCE,
  ADAM_STEP_TRAFFIC_SOURCE,
  LOSS_WORKING_SET_BYTES,
  LOSS_WORKING_SET_SOURCE,
  MIXED_PRECISION_ADAM_SOURCE,
  NF4_BYTES_PER_PARAM,
  NF4_SOURCE,
  optimizerStateBytesPerParam,
  optimizerStepTrafficBytesPerParam,
  WEIGHT_BYTES_16BIT,
} from '../transformer/training-state.js';
import { SECONDS_PER_HOUR } from '../units/time.js';
import {
  GRADIENT_BUCKET_PARAMS,
  GRADIENT_BUCKET_SOURCE,
  type ScalarConstant,
  TRAINING_CONSTANT_SOURCES,
  type TrainingConstants,
} from './constants.js';
import {
  HOST_SECONDS_PER_LAUNCH,
  HOST_SECONDS_PER_LAUNCH_SOURCE,
  LAYER_PART_LAUNCH_SOURCES,
} from './host-launch.js';
import { attentionFormat, FULL_TRAINING, OPERAND_BYTES, type TrainingJob } from './job.js';
import type { Layout } from './layout.js';
import type { StepResult } from './step-result.js';

/** The figures of one layout, each with the formula that made it. */
export function explainStep(
  job: TrainingJob,
  layout: Layout,
  r: StepResult,
  k: TrainingConstants,
): Record<string, Figure> {
  const fitted = (...keys: ScalarConstant[]): Source[] => keys.map((key) => TRAINING_CONSTANT_SOURCES[key]);
  const comm = [...LINK_EFFICIENCY_SOURCES];
  // The accelerator's documents for the fields each figure uses, not every document of the entry:
  // kernels run at the job's peak rate (attention at its format's: attentionFormat), bound by memory bandwidth and
  // quantized in waves over the compute units.
  const a = job.accelerator;
  const peakSources = fieldSources(a, `peakFlopsPerS.${job.precision}`);
  const kernelSources = fieldSources(
    a,
    `peakFlopsPerS.${job.precision}`,
    `peakFlopsPerS.${attentionFormat(job.precision)}`,
    'memoryBytesPerS',
    'computeUnits',
  );
  const bandwidthSources = fieldSources(a, 'memoryBytesPerS');
  const L = layout;
  // What is trained and how its state is kept, from the same functions the memory and time use.
  const method = job.method ?? FULL_TRAINING;
  const adapters = method.adapters;
  const trained = adapters
    ? `adapter parameters (rank ${adapters.rank} on ${adapters.targets.join(', ')})`
    : 'parameters';
  const stateBytes = optimizerStateBytesPerParam(job.software.stateFormat, method.optimizer);
  const stepTraffic = optimizerStepTrafficBytesPerParam(
    job.software.stateFormat,
    method.optimizer,
    job.software.mainGradBytes,
    job.software.gradients === 'persistent',
  );
  const stateSources = method.optimizer === 'adam-8bit' ? [ADAM_8BIT_SOURCE] : [];
  const lossKind = method.loss ?? job.software.loss;
  const blackwell = a.architecture === 'blackwell';
  const lowPrecision = (OPERAND_BYTES[job.precision] ?? 2) < 2;
  const mb = r.microbatches;
  const peak = job.accelerator.peakFlopsPerS[job.precision] ?? 0;
  const acc = job.accelerator.id;
  // Inputs that are other figures of the run, or catalog fields: the chain --explain and the page follow.
  const run = (name: string, value: number) => figureRef('training', name, value);
  // A peak the scenario gave is an input of its own, not a catalog field.
  const peakRef = a.givenFields?.includes(`peakFlopsPerS.${job.precision}`)
    ? peak
    : catalogRef('accelerators', acc, `peakFlopsPerS.${job.precision}`, peak);
  const bandwidthRef = catalogRef('accelerators', acc, 'memoryBytesPerS', job.accelerator.memoryBytesPerS);
  const tokensPerStep = job.globalBatch * job.seqLen;
  const trainingTimeS = job.tokens / r.tokensPerS;
  const layoutInputs = {
    tp: L.tp,
    pp: L.pp,
    dp: L.dp,
    cp: L.cp,
    ep: L.ep,
    vpp: L.vpp,
    microBatch: L.microBatch,
  };
  return {
    stepTime: figure(
      r.stepS,
      's',
      'pipeline (m × slowest stage + fill/drain ÷ vpp) + exposed pipeline P2P + exposed data-parallel sync + optimizer + fixed step overhead',
      {
        microbatches: mb,
        computeS: run('compute', r.computeS),
        recomputeS: run('recompute', r.recomputeS),
        bubbleS: run('bubble', r.bubbleS),
        ppExposedS: run('pipelineExposed', r.ppExposedS),
        dpExposedS: run('dataParallelExposed', r.dpExposedS),
        optimizerS: run('optimizer', r.optimizerS),
        overheadS: run('stepOverhead', r.overheadS),
        ...layoutInputs,
      },
      [...fitted('gemmPeakEfficiency', 'elementwiseTrafficPerActivationByte'), ...kernelSources],
    ),
    compute: figure(
      r.computeS,
      's',
      `m × layers of the slowest stage × (matmuls: max(FLOPs ÷ (peak × efficiency${blackwell ? ' × the Blackwell ratio' : ''}${lowPrecision ? ' × the low-precision ratio' : ''} × wave quantization), operand bytes ÷ memory bandwidth) + attention core + elementwise traffic ÷ memory bandwidth), forward + backward`,
      {
        microbatches: mb,
        layersFirstStage: r.layersFirstStage,
        layersLastStage: r.layersLastStage,
        peakFlopsPerS: peakRef,
        memoryBytesPerS: bandwidthRef,
        gemmPeakEfficiency: k.gemmPeakEfficiency,
        ...(blackwell ? { blackwellEfficiencyRatio: k.blackwellEfficiencyRatio } : {}),
        ...(lowPrecision ? { lowPrecisionEfficiencyRatio: k.lowPrecisionEfficiencyRatio } : {}),
        elementwiseTrafficPerActivationByte: k.elementwiseTrafficPerActivationByte,
        attentionKernel: job.software.attention,
        flashAttentionEfficiency:
          job.software.attention === 'flash-2' ? k.flash2AttentionEfficiency : k.flash3AttentionEfficiency,
      },
      [
        ...fitted(
          'gemmPeakEfficiency',
          'elementwiseTrafficPerActivationByte',
          job.software.attention === 'flash-2' ? 'flash2AttentionEfficiency' : 'flash3AttentionEfficiency',
          ...(blackwell ? (['blackwellEfficiencyRatio'] as const) : []),
          ...(lowPrecision ? (['lowPrecisionEfficiencyRatio'] as const) : []),
        ),
        ...kernelSources,
      ],
    ),
    recompute: figure(
      r.recomputeS,
      's',
      'full: one more forward pass per layer; partial: the same for the fewest layers per stage that make the layout fit; selective: the attention core again (unfused attention only)',
      { recompute: L.recompute, recomputedLayerShare: r.recomputedLayerShare },
      [...fitted('gemmPeakEfficiency', 'elementwiseTrafficPerActivationByte'), ...kernelSources],
    ),
    bubble: derivedFigure(
      r.bubbleS,
      's',
      '(sum of stage times − slowest stage) ÷ vpp: pipeline fill and drain',
      {
        pp: L.pp,
        vpp: L.vpp,
        microbatches: mb,
      },
    ),
    tensorParallelExposed: figure(
      r.tpExposedS,
      's',
      'per layer 2 all-reduces (or all-gather + reduce-scatter) of micro-batch × seq ÷ CP × hidden × 2 B, forward and backward (and recompute), over scale-up when TP fits a domain; when overlapped, raw × (1 − hidden fraction) + contention × the hidden part',
      {
        tp: L.tp,
        overlapped: job.software.overlapTensorParallel,
        rawS: r.tpRawS,
        hiddenFraction: job.software.overlapTensorParallel ? k.tensorParallelOverlapHidden : 0,
        overlapContention: k.overlapContention,
      },
      [...comm, ...fitted('tensorParallelOverlapHidden')],
    ),
    contextParallelExposed: figure(
      r.cpExposedS,
      's',
      'per layer all-gather of K and V of the whole sequence (and reduce-scatter of their gradients); where the software overlaps it, only what exceeds the attention core is exposed, plus contention × the hidden part',
      { cp: L.cp },
      comm,
    ),
    expertParallelRaw: figure(
      r.epRawS,
      's',
      `per MoE layer and pass, dispatch and combine of the micro-batch's routed tokens (÷ TP where expert parallelism is folded over TP) × hidden, ${
        job.software.moeDispatch === 'deepep'
          ? `one copy per destination scale-up domain forwarded inside it (DeepEP normal kernels), dispatched in ${
              OPERAND_BYTES[job.precision] < 2 ? 'FP8' : 'BF16'
            }, combined in BF16`
          : 'one 16-bit copy per selected expert straight to its GPU (all-to-all dispatcher)'
      }, over the scale-up links inside the domain and the NICs across it, the busier one setting the time`,
      { ep: L.ep, dispatcher: job.software.moeDispatch, expertLayout: job.software.expertLayout },
      [DISPATCH_SOURCE, ...comm],
    ),
    expertParallelHidden: derivedFigure(
      // Exposed is raw less the hidden part plus its contention, never above raw but for rounding.
      Math.max(0, r.epRawS - r.epExposedS),
      's',
      job.software.overlapExpertParallel
        ? "the all-to-all behind the other micro-batch's compute (less the contention it still costs)"
        : 'none: the stack does not overlap the expert all-to-all with compute',
      { overlap: job.software.overlapExpertParallel },
    ),
    expertParallelExposed: figure(
      r.epExposedS,
      's',
      job.software.overlapExpertParallel
        ? "the all-to-all that outlasts the layer's compute it runs beside, + contention × the hidden part"
        : 'the whole all-to-all, on the critical path',
      { raw: run('expertParallelRaw', r.epRawS), overlapContention: k.overlapContention },
      fitted('overlapContention'),
    ),
    hostBound: figure(
      r.hostWaitS,
      's',
      job.software.host.dispatchSync && job.model.moe
        ? "m × layers of the slowest stage × per pass: launches the host issues (outside CUDA graphs) × host time per launch, beyond the GPU's time for them; an MoE forward split at the dispatcher's host wait for the routing (attention side before it, experts after)"
        : "m × layers of the slowest stage × per pass: launches the host issues (outside CUDA graphs) × host time per launch, beyond the GPU's time for them",
      {
        hostCpu: a.hostCpu ?? 'x86-64',
        hostSecondsPerLaunch: HOST_SECONDS_PER_LAUNCH[a.hostCpu ?? 'x86-64'],
        graphed: job.software.host.graphed.join(', ') || 'nothing',
        routerFused: job.software.host.routerFused,
        expertGemms: job.software.host.expertGemms,
      },
      [HOST_SECONDS_PER_LAUNCH_SOURCE, ...LAYER_PART_LAUNCH_SOURCES, ...job.software.sources],
    ),
    pipelineExposed: figure(
      r.ppExposedS,
      's',
      '2 × (PP − 1) hops of fill/drain + 2 × m × vpp activations per step; when overlapped, × (1 − hidden fraction) + contention × the hidden part',
      {
        pp: L.pp,
        rawS: r.ppRawS,
        overlapped: job.software.overlapPipeline,
        overlapContention: k.overlapContention,
      },
      [...comm, TRAINING_CONSTANT_SOURCES.pipelineOverlapHidden],
    ),
    dataParallelExposed: figure(
      r.dpExposedS,
      's',
      "gradient all-reduce (ZeRO 0) or reduce-scatter + parameter all-gather (ZeRO ≥ 1) over DP × CP ranks, hierarchical ring; when overlapped, only what exceeds one micro-batch's backward (reduce) or forward (gather) is exposed, plus contention × the hidden part",
      {
        dp: L.dp,
        cp: L.cp,
        zero: L.zero,
        rawS: r.dpRawS,
        overlapped: job.software.overlapDataParallel,
        overlapContention: k.overlapContention,
        gradReduceBytes: job.software.gradReduceBytes,
      },
      comm,
    ),
    ...(job.privateClipping
      ? {
          privacyClipping: figure(
            r.privacyS,
            's',
            "DP-SGD per-example clipping: (clipping's step-time factor − 1) × pipeline time",
            {
              stepTimeFactor: job.privateClipping.stepTimeFactor,
              perSampleGradients: job.privateClipping.perSampleGradients,
            },
            job.privateClipping.sources,
          ),
          memoryPerSampleGradients: figure(
            r.perSampleGradientsBytes,
            'B',
            'naive DP clipping: micro-batch × parameters on this GPU × gradient bytes (0 for ghost clipping and book-keeping)',
            { microBatch: L.microBatch },
            job.privateClipping.sources,
          ),
        }
      : {}),
    stepOverhead: figure(
      r.overheadS,
      's',
      'fixed time per step outside the modelled kernels (data loading, gradient norm, optimizer launch, logging)',
      { stepOverheadS: k.stepOverheadS },
      fitted('stepOverheadS'),
    ),
    optimizer: method.optimizerOffload
      ? figure(
          r.optimizerS,
          's',
          `offloaded: ${trained} on this GPU × (${job.software.gradReduceBytes} B of gradients down the host link, hidden behind the last backward less contention, + ${stepTraffic} B of optimizer traffic ÷ host memory bandwidth + 2 B of weights back up the host link)`,
          {
            zero: L.zero,
            bytesPerParam: stepTraffic,
            optimizer: method.optimizer,
            hostLinkBytesPerS: catalogRef('accelerators', acc, 'hostLinkBytesPerS', a.hostLinkBytesPerS ?? 0),
            hostMemoryBytesPerSPerGpu: k.hostMemoryBytesPerSPerGpu,
            overlapContention: k.overlapContention,
          },
          [
            ADAM_STEP_TRAFFIC_SOURCE,
            ...stateSources,
            ...fieldSources(a, 'hostLinkBytesPerS'),
            TRAINING_CONSTANT_SOURCES.hostMemoryBytesPerSPerGpu,
          ],
        )
      : figure(
          r.optimizerS,
          's',
          `${trained} updated on this GPU × ${stepTraffic} B of optimizer traffic (state read and written, gradient read, weights written) ÷ memory bandwidth`,
          {
            zero: L.zero,
            bytesPerParam: stepTraffic,
            optimizer: method.optimizer,
            stateFormat: job.software.stateFormat,
            memoryBytesPerS: bandwidthRef,
          },
          [ADAM_STEP_TRAFFIC_SOURCE, ...stateSources, ...bandwidthSources],
        ),
    ...(method.activationOffload
      ? {
          activationOffloadExposed: figure(
            r.offloadExposedS,
            's',
            "m × layers of the slowest stage × (kept activations ÷ host link, down in forward and up in backward, less the pass's matmuls and attention it runs beside, + contention × the hidden part)",
            {
              hostLinkBytesPerS: catalogRef(
                'accelerators',
                acc,
                'hostLinkBytesPerS',
                a.hostLinkBytesPerS ?? 0,
              ),
              overlapContention: k.overlapContention,
            },
            [...fieldSources(a, 'hostLinkBytesPerS'), ...fitted('overlapContention')],
          ),
        }
      : {}),
    mfu: figure(
      r.mfu,
      'fraction',
      'model FLOPs per step ÷ (step time × GPUs × peak): 3 × forward FLOPs (matmuls, causal attention, logits), no recompute',
      {
        modelFlopsPerStep: r.modelFlopsPerStep,
        stepS: run('stepTime', r.stepS),
        gpus: job.gpus,
        peakFlopsPerS: peakRef,
      },
      peakSources,
    ),
    hardwareFlopsPerStep: derivedFigure(
      r.hardwareFlopsPerStep,
      'FLOP',
      'model FLOPs plus recomputed forward work',
      {
        recompute: L.recompute,
      },
    ),
    tokensPerS: derivedFigure(r.tokensPerS, 'tokens/s', 'global batch × sequence length ÷ step time', {
      tokensPerStep,
      stepS: run('stepTime', r.stepS),
    }),
    trainingTime: derivedFigure(trainingTimeS, 's', 'tokens of the run ÷ tokens per second', {
      tokens: job.tokens,
      tokensPerS: run('tokensPerS', r.tokensPerS),
    }),
    gpuHours: derivedFigure(
      (trainingTimeS * job.gpus) / SECONDS_PER_HOUR,
      'GPU·h',
      `training time × GPUs ÷ ${SECONDS_PER_HOUR}`,
      {
        trainingTimeS: run('trainingTime', trainingTimeS),
        gpus: job.gpus,
      },
    ),
    steps: derivedFigure(job.tokens / tokensPerStep, 'count', 'tokens of the run ÷ tokens per step', {
      tokens: job.tokens,
      tokensPerStep,
    }),
    memoryWeights: figure(
      r.weightsBytes,
      'B',
      `parameters on this GPU (stage ÷ TP, experts ÷ EP, ÷ DP×CP under ZeRO-3) × (${WEIGHT_BYTES_16BIT} B, + the low-precision copy's bytes)${
        adapters?.base === 'nf4'
          ? `, the base matrices the adapters wrap at ${NF4_BYTES_PER_PARAM.toFixed(3)} B (NF4)`
          : ''
      }${adapters ? ', + the adapters' : ''}`,
      {
        zero: L.zero,
        stage: stageName(r.memoryStage),
        precision: job.precision,
        base: adapters ? adapters.base : 'trained',
      },
      [MIXED_PRECISION_ADAM_SOURCE, ...(adapters?.base === 'nf4' ? [NF4_SOURCE] : [])],
    ),
    memoryGradients: figure(
      r.gradientsBytes,
      'B',
      `${trained} on this GPU × gradient bytes (÷ DP×CP under ZeRO ≥ 2)${
        job.software.gradients === 'on-demand'
          ? method.optimizerInBackward
            ? '; made on demand and freed by the optimizer in backward: at most the largest tensor at once'
            : '; made on demand in backward: all of them at the step, only the head at the start of backward'
          : '; kept in persistent buffers'
      }`,
      {
        gradientBytes: job.software.mainGradBytes,
        gradients: job.software.gradients,
        zero: L.zero,
      },
      job.software.sources,
    ),
    memoryOptimizer: figure(
      r.optimizerBytes,
      'B',
      method.optimizerOffload
        ? 'none on the GPU: the optimizer state is in host memory'
        : `${trained} on this GPU × ${stateBytes} B (${job.software.stateFormat === 'mixed' ? 'FP32 master weights and ' : ''}${
            method.optimizer === 'adam-8bit'
              ? '8-bit'
              : job.software.stateFormat === 'mixed'
                ? 'FP32'
                : '16-bit'
          } Adam moments), ÷ DP×CP under ZeRO ≥ 1`,
      {
        zero: L.zero,
        bytesPerParam: stateBytes,
        optimizer: method.optimizer,
        offload: method.optimizerOffload,
      },
      [MIXED_PRECISION_ADAM_SOURCE, ...stateSources],
    ),
    memoryActivations: figure(
      r.activationsBytes,
      'B',
      `layers of the stage × bytes kept per layer (Korthikanti et al. 2022 generalised${
        job.software.elementwise === 'eager' && !method.compiled ? ', + eager PyTorch intermediates' : ''
      }) × micro-batches in flight (PP, × (1 + (PP−1)/(PP·VPP)) interleaved)${
        method.activationOffload ? ' (offloaded to host: one layer on the GPU)' : ''
      } + the loss's tokens × vocabulary × ${LOSS_WORKING_SET_BYTES[lossKind]} B (${lossKind})`,
      {
        recompute: L.recompute,
        sequenceParallel: L.sequenceParallel,
        microBatch: L.microBatch,
        loss: lossKind,
        activationOffload: method.activationOffload,
      },
      [
        {
          title:
            'Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models", §4',
        },
        LOSS_WORKING_SET_SOURCE,
      ],
    ),
    memoryCommBuffers: figure(
      r.commBuffersBytes,
      'B',
      `TP overlap buffers + gradient buckets (2 × ${GRADIENT_BUCKET_PARAMS / 1e6}M parameters × gradient-reduce bytes) + P2P buffers`,
      { bucketParams: GRADIENT_BUCKET_PARAMS, gradReduceBytes: job.software.gradReduceBytes },
      [GRADIENT_BUCKET_SOURCE],
    ),
    memoryTotal: derivedFigure(
      r.memoryBytes,
      'B',
      job.software.gradients === 'on-demand'
        ? 'peak allocated: weights + optimizer + buffers + the larger of the start of backward (activations, the loss, the head gradient) and the step (gradients), fullest stage'
        : 'peak allocated: weights + gradients + optimizer + activations + buffers, fullest stage',
      { stage: stageName(r.memoryStage) },
    ),
    memoryReserved: figure(
      r.reservedBytes,
      'B',
      "peak allocated ÷ (1 − fragmentation): what the caching allocator holds, its free blocks included (torch's max_reserved)",
      { allocatedBytes: r.memoryBytes, fragmentation: k.fragmentationFraction },
      fitted('fragmentationFraction'),
    ),
    memoryUsable: figure(
      r.usableMemoryBytes,
      'B',
      '(capacity − reserved) × (1 − fragmentation)',
      {
        capacityBytes: job.memoryBytes,
        reservedBytes: k.reservedMemoryBytes,
        fragmentation: k.fragmentationFraction,
      },
      fitted('reservedMemoryBytes', 'fragmentationFraction'),
    ),
  };
}

function stageName(i: number): string {
  return ['first', 'middle', 'last'][i] ?? 'first';
}
