import type { Source } from '../catalog/types.js';

/**
 * What the training software does that changes step time: which attention kernel, which
 * communication it hides behind compute, what it keeps in memory. Data, one entry per stack.
 */
export interface SoftwareStack {
  readonly id: string;
  readonly name: string;
  /** 'flash': fused attention that skips masked blocks and keeps no score matrix;
   * 'unfused': the score matrix is materialised and masked (Megatron-LM before FlashAttention). */
  readonly attention: 'flash' | 'unfused';
  /** Hidden and attention dropout (GPT-3-era recipes); modern LLM recipes train without. */
  readonly dropout: boolean;
  /** Tensor-parallel communication overlapped with matmuls (TE userbuffers, --tp-comm-overlap). */
  readonly overlapTensorParallel: boolean;
  /** Gradient reduction overlapped with the backward pass, and (distributed optimizer) parameter
   * all-gather overlapped with the next forward. */
  readonly overlapDataParallel: boolean;
  /** Pipeline send/receive overlapped with compute. */
  readonly overlapPipeline: boolean;
  /** Bytes per gradient element in the data-parallel reduction. */
  readonly gradReduceBytes: number;
  /** Bytes per parameter of the gradient buffer kept for accumulation (fp32 main grads). */
  readonly mainGradBytes: number;
  readonly sources: readonly Source[];
}

export const SOFTWARE_STACKS: readonly SoftwareStack[] = [
  {
    id: 'megatron-core',
    name: 'Megatron-Core / NeMo (2024–2025) with Transformer Engine',
    attention: 'flash',
    dropout: false,
    overlapTensorParallel: true,
    overlapDataParallel: true,
    overlapPipeline: true,
    gradReduceBytes: 4,
    mainGradBytes: 4,
    sources: [
      {
        title: 'NVIDIA Megatron-Core performance notes and NeMo performance recipes',
        note: 'flash attention via Transformer Engine; --tp-comm-overlap, --overlap-grad-reduce, --overlap-param-gather, overlapped P2P in interleaved 1F1B; fp32 main grads and grad reduce in fp32 in NeMo LLM recipes',
      },
    ],
  },
  {
    id: 'megatron-lm-2021',
    name: 'Megatron-LM as in Narayanan et al. 2021 / Korthikanti et al. 2022',
    attention: 'unfused',
    dropout: true,
    overlapTensorParallel: false,
    overlapDataParallel: false,
    overlapPipeline: false,
    gradReduceBytes: 2,
    mainGradBytes: 4,
    sources: [
      {
        title:
          'Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM" (SC21)',
        note: '§3–4: scatter/gather P2P optimisation, fused softmax over the materialised score matrix (pre-FlashAttention), no overlap of TP all-reduces; data-parallel all-reduce after the backward pass',
      },
      {
        title: 'Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models"',
        note: '§4: activation memory with dropout (GPT-3 style recipe), the score tensors recomputed under selective recompute',
      },
    ],
  },
];

export const DEFAULT_SOFTWARE_STACK = 'megatron-core';

export function findSoftwareStack(id: string): SoftwareStack | undefined {
  return SOFTWARE_STACKS.find((s) => s.id === id);
}
