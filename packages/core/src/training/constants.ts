import type { Source } from '../catalog/types.js';

/**
 * The training model's constants. Those marked "fitted" were fitted on validation/training.json (the
 * public set) by `npm run fit` (scripts/fit-training.js), minimising MAPE of step time; their
 * held-out error (leave one source out) is in docs/training-model.md. The others cite a source.
 */
export interface TrainingConstants {
  /** Best fraction of a format's peak that a large matmul reaches. Fitted. */
  readonly gemmPeakEfficiency: number;
  /** Fraction of a matmul's operand traffic (bytes / memory bandwidth) that adds to its time rather
   * than hiding under compute: makes small and thin matmuls slower. Fitted. */
  readonly gemmMemoryExposure: number;
  /** Memory traffic of elementwise kernels (norms, activations, softmax, dropout, residuals) as a
   * multiple of the bytes a layer keeps for backward, forward pass; backward moves twice that. Fitted. */
  readonly elementwiseTrafficPerActivationByte: number;
  /** Fraction of 16-bit peak a fused (flash) attention kernel reaches, forward and backward. Sourced. */
  readonly flashAttentionEfficiency: number;
  /** Fraction of tensor-parallel communication hidden behind matmuls where the stack overlaps it. Fitted. */
  readonly tensorParallelOverlapHidden: number;
  /** Fraction of pipeline send/receive hidden where the stack overlaps it. Sourced (assumption). */
  readonly pipelineOverlapHidden: number;
  /** Memory that is never the model's: CUDA context, NCCL and library workspaces, bytes. Sourced. */
  readonly reservedMemoryBytes: number;
  /** Fraction of the rest lost to allocator fragmentation. Sourced. */
  readonly fragmentationFraction: number;
}

export const TRAINING_CONSTANTS: TrainingConstants = {
  // Fitted by `npm run fit` on validation/training.json (35 cases): MAPE 17.5% → 8.5%.
  gemmPeakEfficiency: 0.6492,
  gemmMemoryExposure: 0.1361,
  elementwiseTrafficPerActivationByte: 1.9652,
  flashAttentionEfficiency: 0.55,
  // The fit drives this to 0: the public runs show no sign of TP communication hidden by overlap.
  tensorParallelOverlapHidden: 0,
  pipelineOverlapHidden: 0.8,
  reservedMemoryBytes: 2 * 2 ** 30,
  fragmentationFraction: 0.05,
};

export const TRAINING_CONSTANT_SOURCES: Readonly<Record<keyof TrainingConstants, Source>> = {
  gemmPeakEfficiency: {
    title: 'fitted on validation/training.json',
    note: 'npm run fit; see docs/training-model.md',
  },
  gemmMemoryExposure: {
    title: 'fitted on validation/training.json',
    note: 'npm run fit; see docs/training-model.md',
  },
  elementwiseTrafficPerActivationByte: {
    title: 'fitted on validation/training.json',
    note: 'npm run fit; see docs/training-model.md',
  },
  flashAttentionEfficiency: {
    title: 'Dao 2023, "FlashAttention-2", §4.1 Fig. 5–6; Shah et al. 2024, "FlashAttention-3", §4.1',
    note: 'forward+backward of causal attention, head dim 128, long sequences: 50–73% of A100 peak (FA-2), 50–75% of H100 BF16 peak (FA-3); 0.55 taken for the training mix',
  },
  tensorParallelOverlapHidden: {
    title: 'fitted on validation/training.json',
    note: 'npm run fit; applies only to stacks with overlapTensorParallel',
  },
  pipelineOverlapHidden: {
    title: 'assumption: Megatron-Core overlaps P2P with compute in the interleaved schedule',
    note: 'P2P is a small share of step time; not fitted',
  },
  reservedMemoryBytes: {
    title: 'assumption: CUDA context (~0.5 GiB), cuBLAS/NCCL workspaces and buffers (~1.5 GiB)',
    note: 'typical PyTorch + NCCL process on H100; order of magnitude',
  },
  fragmentationFraction: {
    title: 'assumption: PyTorch caching-allocator fragmentation a few percent of the pool',
    note: 'order of magnitude; not fitted',
  },
};
