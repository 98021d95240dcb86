import type { LayoutRefusal } from './layout-refusals.js';

/** Everything `evaluate` computes for one layout. Plain numbers, so one object serves every layout
 * the search tries. */
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
  /** The GPU waiting for its host to launch kernels (host-bound layer passes). */
  hostWaitS: number;
  /** Activation offload's host-link transfers that compute does not hide (0 without offload). */
  offloadExposedS: number;
  /** The optimizer's share that runs on the host under optimizer offload: gradients down, the host's
   * Adam step, parameters back (0 without offload). */
  optimizerHostS: number;
  /** Fixed per-step time outside the modelled kernels. */
  overheadS: number;
  /** DP-SGD's per-example clipping: (factor − 1) × the pipeline time; 0 for non-private runs. */
  privacyS: number;
  /** Per-example gradients held by naive DP clipping, bytes (in activationsBytes' place in the total). */
  perSampleGradientsBytes: number;
  /** Raw communication times before overlap, per step, for the explanation. */
  tpRawS: number;
  /** The expert all-to-all before overlap (dispatch and combine of every pass). */
  epRawS: number;
  dpRawS: number;
  ppRawS: number;
  layersFirstStage: number;
  layersLastStage: number;
  weightsBytes: number;
  gradientsBytes: number;
  optimizerBytes: number;
  activationsBytes: number;
  commBuffersBytes: number;
  /** Peak allocated memory of the fullest stage, bytes. */
  memoryBytes: number;
  /** The same as the allocator holds it (allocated plus its cache: fragmentationFraction). */
  reservedBytes: number;
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
    offloadExposedS: 0,
    hostWaitS: 0,
    optimizerHostS: 0,
    overheadS: 0,
    tpRawS: 0,
    epRawS: 0,
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
    reservedBytes: 0,
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

/** The memory verdict: usable minus needed, bytes (negative = out of memory by that much). */
export function memoryHeadroom(r: StepResult): number {
  return r.usableMemoryBytes - r.memoryBytes;
}
