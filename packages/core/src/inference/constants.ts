import type { Source } from '../catalog/types.js';

/**
 * The serving model's constants. "Fitted" ones were fitted on validation/inference.json (the public
 * set) by `npm run fit:inference` (scripts/fit-inference.js), whose leave-one-source-out error
 * validation/inference.test.ts gates (validation/fits/inference.json); the others cite a source.
 */
export interface InferenceConstants {
  /** Fraction of memory bandwidth a decode step's weight and KV reads reach. Fitted. */
  readonly memoryEfficiency: number;
  /** Fraction of peak a decode step's matmuls reach when compute-bound. Fitted. */
  readonly decodeComputeEfficiency: number;
  /** Fraction of peak prefill reaches. Fitted. */
  readonly prefillEfficiency: number;
  /** The same for MoE models, whose grouped expert matmuls and routing run further from peak. Fitted. */
  readonly moePrefillEfficiency: number;
  /** Share of their efficiency NVFP4 matmuls keep against 8- and 16-bit ones: every efficiency above
   * is of the peak of the format the matmul runs in, and 4-bit kernels reach less of theirs. Fitted. */
  readonly fp4EfficiencyRatio: number;
  /** Fixed time per decode step: scheduling, sampling, kernel launches. Fitted. */
  readonly stepOverheadS: number;
  /** Time per sequence in a step beyond its matmuls and cache reads: sampling, detokenization,
   * scheduler bookkeeping. Fitted. */
  readonly perSequenceStepS: number;
  /** Most sequences the engine batches at once (per micro-batch with PP). Fitted. */
  readonly maxBatch: number;
  /** Share of the memory left after weights that the engine gives the KV cache. Sourced. */
  readonly kvCacheFraction: number;
  /** Memory the runtime keeps (context, activations, workspaces), bytes. Assumption. */
  readonly runtimeReserveBytes: number;
}

export const INFERENCE_CONSTANTS: InferenceConstants = {
  // Fitted by `npm run fit:inference` on validation/inference.json (272 cases): MAPE 61.9% (first guesses) → 19.3% (19.1% with local attention added after the fit) → 17.1% with the NVFP4 efficiency ratio (issue #13; leave-one-source-out 24.0% → 22.2%).
  memoryEfficiency: 1,
  decodeComputeEfficiency: 0.477,
  prefillEfficiency: 0.6054,
  moePrefillEfficiency: 0.3166,
  fp4EfficiencyRatio: 0.6458,
  stepOverheadS: 0.01236,
  perSequenceStepS: 0.00001271,
  maxBatch: 5901,
  kvCacheFraction: 0.9,
  runtimeReserveBytes: 4 * 2 ** 30,
};

const FITTED: Source = {
  title: 'fitted on validation/inference.json by scripts/fit-inference.js',
  note: 'npm run fit:inference; leave-one-source-out error in validation/fits/inference.json and docs/serving-model.md',
};

export const INFERENCE_CONSTANT_SOURCES: Readonly<Record<keyof InferenceConstants, Source>> = {
  memoryEfficiency: FITTED,
  decodeComputeEfficiency: FITTED,
  prefillEfficiency: FITTED,
  moePrefillEfficiency: FITTED,
  fp4EfficiencyRatio: FITTED,
  stepOverheadS: FITTED,
  perSequenceStepS: FITTED,
  maxBatch: FITTED,
  kvCacheFraction: {
    title: 'TensorRT-LLM perf-overview benchmark settings (recorded in validation/inference.json notes)',
    note: 'kv_cache_free_gpu_mem_fraction 0.95 where possible, else 0.90; 0.9 taken',
  },
  runtimeReserveBytes: {
    title: 'assumption: CUDA context, activations and workspaces of a serving engine',
    note: 'order of magnitude; not fitted',
  },
};
