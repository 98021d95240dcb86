import type { GroupPlacement } from '../fabric/collectives.js';

// The objects `prepare` allocates once and every evaluation overwrites, so the search allocates
// nothing per layout. They live apart from the context so the files that fill them and the context
// that holds them do not import each other.

export type MutablePlacement = { -readonly [K in keyof GroupPlacement]: GroupPlacement[K] };

/** One layer, one micro-batch, one GPU, seconds; each pass includes its exposed communication. */
export interface LayerCost {
  forward: number;
  backward: number;
  /** Selective recompute of an unfused attention core. */
  scoresRecompute: number;
  /** Raw expert all-to-all of one pass (dispatch and combine), before any overlap. */
  epRawPass: number;
  /** Exposed and raw tensor-parallel communication of one pass (forward, backward or recompute). */
  tpPass: number;
  tpRawPass: number;
  cpForward: number;
  cpBackward: number;
  /** Expert-parallel all-to-all of one pass. */
  /** Exposed expert all-to-all of a forward pass (and of recompute) and of a backward pass. */
  epPass: number;
  epBackward: number;
  matmul: number;
  attention: number;
  elementwise: number;
  /** Activation offload of a forward and a backward pass that the pass's compute does not hide: the
   * kept activations to host memory and back over the host link. */
  offloadForward: number;
  offloadBackward: number;
  /** The same for a layer recomputed in full, which keeps only its input. */
  offloadInputForward: number;
  offloadInputBackward: number;
  /** The GPU's wait for the host to launch the pass's kernels, forward and backward. */
  hostWaitForward: number;
  hostWaitBackward: number;
  /** The layout knobs these figures were computed for (`layerCost` depends on no others): a layout
   * that differs only in pipeline, recompute or ZeRO reuses them. tp 0: none yet. */
  forTp: number;
  forCp: number;
  forEp: number;
  forMicroBatch: number;
  forSequenceParallel: boolean;
}

export const newLayerCost = (): LayerCost => ({
  forward: 0,
  backward: 0,
  scoresRecompute: 0,
  tpPass: 0,
  tpRawPass: 0,
  cpForward: 0,
  cpBackward: 0,
  epPass: 0,
  epBackward: 0,
  epRawPass: 0,
  matmul: 0,
  attention: 0,
  elementwise: 0,
  offloadForward: 0,
  offloadBackward: 0,
  offloadInputForward: 0,
  offloadInputBackward: 0,
  hostWaitForward: 0,
  hostWaitBackward: 0,
  forTp: 0,
  forCp: 0,
  forEp: 0,
  forMicroBatch: 0,
  forSequenceParallel: false,
});

/** Parameters on one GPU: non-expert / expert on the first and last stage (embedding and head sit there). */
export interface StageParams {
  nonExpertFirst: number;
  nonExpertLast: number;
  expertFirst: number;
  expertLast: number;
  /** The larger stage's share: gradient buckets, data-parallel traffic and the optimizer step follow it. */
  nonExpertMax: number;
  expertMax: number;
  /** Adapter parameters (trained) and NF4 base parameters on a GPU of the first and last stages; 0
   * when every parameter is trained. */
  trainedFirst: number;
  trainedLast: number;
  quantisedFirst: number;
  quantisedLast: number;
}
