import type { Source } from './types.js';

/**
 * What the training software does that changes step time: which attention kernel, which
 * communication it hides behind compute, what it keeps in memory. Data, one entry per stack.
 */
export interface SoftwareStack {
  readonly id: string;
  readonly name: string;
  /** 'flash-3' / 'flash-2': fused attention that skips masked blocks and keeps no score matrix, of
   * FlashAttention-3 class (FA-3, cuDNN) or FlashAttention-2 class on Hopper;
   * 'unfused': the score matrix is materialised and masked (Megatron-LM before FlashAttention). */
  readonly attention: 'flash-3' | 'flash-2' | 'unfused';
  /** Hidden and attention dropout (GPT-3-era recipes); modern LLM recipes train without. */
  readonly dropout: boolean;
  /** Tensor-parallel communication overlapped with matmuls (TE userbuffers, --tp-comm-overlap). */
  readonly overlapTensorParallel: boolean;
  /** Gradient reduction overlapped with the backward pass, and (distributed optimizer) parameter
   * all-gather overlapped with the next forward. */
  readonly overlapDataParallel: boolean;
  /** Context-parallel K/V exchange overlapped with the attention core (ring attention); false for an
   * all-gather before attention. */
  readonly overlapContextParallel: boolean;
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
    attention: 'flash-3',
    dropout: false,
    overlapTensorParallel: true,
    overlapDataParallel: true,
    overlapContextParallel: true,
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
    overlapContextParallel: false,
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
  {
    id: 'llama3-2024',
    name: "Meta's Llama 3 training stack (2024)",
    attention: 'flash-2',
    dropout: false,
    overlapTensorParallel: true,
    overlapDataParallel: true,
    overlapContextParallel: false,
    overlapPipeline: true,
    gradReduceBytes: 4,
    mainGradBytes: 4,
    sources: [
      {
        title: 'Dubey et al. 2024, "The Llama 3 Herd of Models", §3.3.2',
        note: 'context parallelism all-gathers K and V before attention, its latency exposed on the critical path; FSDP-style sharding with gradient reduce-scatter in FP32; pipeline schedule tuned to overlap P2P',
      },
      {
        title: 'Shah et al. 2024, "FlashAttention-3" (July 2024)',
        note: 'Llama 3 pre-training ran before FlashAttention-3 existed: FlashAttention-2-class attention kernels assumed',
      },
    ],
  },
];

export const DEFAULT_SOFTWARE_STACK = 'megatron-core';

export function findSoftwareStack(id: string): SoftwareStack | undefined {
  return SOFTWARE_STACKS.find((s) => s.id === id);
}
