import type { ZeroStage } from '../vocab/training.js';
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
  /** How the training state is kept: 'mixed' = 16-bit weights beside FP32 master weights and FP32
   * Adam moments (Megatron, DeepSpeed); 'pure-16bit' = the model in BF16 and the optimizer's moments
   * in the parameters' own format, no master copy (PyTorch optimizers keep state like the parameter). */
  readonly stateFormat: 'mixed' | 'pure-16bit';
  /** 'persistent': gradient buffers allocated once and kept (Megatron's contiguous main-grad buffers);
   * 'on-demand': gradients allocated as backward produces them and freed after the step
   * (PyTorch's zero_grad(set_to_none=True)), so they never coexist with the forward's activations. */
  readonly gradients: 'persistent' | 'on-demand';
  /** 'fused': norms, activation functions and rotary embeddings run as fused kernels that keep only
   * their inputs (Transformer Engine, torch.compile); 'eager': PyTorch's unfused ops keep their FP32
   * intermediates for backward. */
  readonly elementwise: 'fused' | 'eager';
  /** What computing the loss keeps over tokens × vocabulary (LOSS_WORKING_SET_BYTES). */
  readonly loss: LossKind;
  /** How experts are split: 'folded' = expert weights whole on each GPU (expert tensor parallelism
   * 1) with the EP group drawn from the TP × DP × CP ranks (Megatron-Core's MoE parallel folding);
   * 'tp' = expert weights split like the dense layers over TP, the EP group drawn from DP × CP. */
  readonly expertLayout: 'folded' | 'tp';
  /** How MoE tokens reach their experts: 'alltoall' = one 16-bit copy per selected expert, straight to
   * its GPU (Megatron-Core's all-to-all dispatcher over NCCL); 'deepep' = DeepEP's normal kernels,
   * one copy per destination scale-up domain forwarded inside it, dispatched in FP8 when the run's
   * matmuls are 8-bit (fabric/expert-dispatch.ts). */
  readonly moeDispatch: 'alltoall' | 'deepep';
  /** The expert all-to-all runs behind another micro-batch's compute (1F1B all-to-all overlap,
   * DualPipe-style schedules). */
  readonly overlapExpertParallel: boolean;
  /** How the host issues a layer's kernels: what CUDA graphs capture, what waits on the GPU. */
  readonly host: HostLaunchProfile;
  /** The layouts the stack can run: the search picks only these, and a layout the scenario fixes
   * outside them is refused with the reason. */
  readonly schedules: StackSchedules;
  /** The training methods the stack can run beyond full training with Adam; a scenario asking for
   * another is refused with the reason. */
  readonly offers: readonly TrainingFeature[];
  readonly sources: readonly Source[];
}

/** Parts of a transformer layer, as the host launches them (training/host-launch.ts counts each). */
export type LayerPart =
  | 'attention'
  | 'latent-attention'
  | 'mlp'
  | 'router'
  | 'preprocess'
  | 'dispatch'
  | 'combine'
  | 'shared-expert';

/** What a stack's host does per layer pass. */
export interface HostLaunchProfile {
  /** Parts captured in CUDA graphs: replayed with one launch, so the host's per-kernel cost is gone. */
  readonly graphed: readonly LayerPart[];
  /** The MoE router's elementwise kernels fused (Transformer Engine's --moe-router-fusion). */
  readonly routerFused: boolean;
  /** Expert matmuls as one cuBLAS GEMM per local expert (TE GroupedLinear in BF16), or one grouped
   * kernel per linear. */
  readonly expertGemms: 'per-expert' | 'grouped';
  /** The MoE dispatcher copies tokens per expert to the host and waits for them, once per layer
   * forward (all-to-all dispatchers that size their buffers on the host). */
  readonly dispatchSync: boolean;
}

/** Eager PyTorch: nothing graphed, the router unfused, a grouped expert kernel, a host wait per MoE
 * layer. torchtune, torchtitan, DeepSpeed and the older Megatron stacks. */
const EAGER_HOST: HostLaunchProfile = {
  graphed: [],
  routerFused: false,
  expertGemms: 'grouped',
  dispatchSync: true,
};

/** Parallel layouts and schedules a stack can run. */
export interface StackSchedules {
  readonly tensorParallel: boolean;
  readonly pipeline: boolean;
  /** Interleaved (virtual-stage) pipeline schedules, vpp > 1. */
  readonly interleavedPipeline: boolean;
  readonly sequenceParallel: boolean;
  readonly contextParallel: boolean;
  /** The ZeRO / FSDP sharding stages it offers. */
  readonly zero: readonly ZeroStage[];
  /** Whether stages 2 and 3 run beside pipeline parallelism (DeepSpeed's pipeline engine takes ZeRO-1 only). */
  readonly zeroAboveOneWithPipeline: boolean;
  /** FSDP beside pipeline stages: 'reshard' gathers each layer again for every micro-batch;
   * 'unsharded-stage' keeps the stage's parameters gathered and its gradients unsharded through the
   * step (training/layout.ts effectiveZero). */
  readonly fsdpUnderPipeline: 'reshard' | 'unsharded-stage';
}

const ALL_SCHEDULES: StackSchedules = {
  tensorParallel: true,
  pipeline: true,
  interleavedPipeline: true,
  sequenceParallel: true,
  contextParallel: true,
  zero: [0, 1, 2, 3],
  zeroAboveOneWithPipeline: true,
  fsdpUnderPipeline: 'reshard',
};

/** Data parallelism alone, with every ZeRO stage: stacks that train models without splitting them. */
const DATA_PARALLEL_ONLY: StackSchedules = {
  tensorParallel: false,
  pipeline: false,
  interleavedPipeline: false,
  sequenceParallel: false,
  contextParallel: false,
  zero: [0, 1, 2, 3],
  zeroAboveOneWithPipeline: true,
  fsdpUnderPipeline: 'reshard',
};

/** Experts split over TP like the dense layers, dispatched by an NCCL all-to-all, not overlapped:
 * every stack but Megatron-Core's MoE parallel folding. */
const EXPERTS_SPLIT_LIKE_TP = {
  expertLayout: 'tp',
  moeDispatch: 'alltoall',
  overlapExpertParallel: false,
} as const;

/** Training methods a stack may or may not offer. */
export const TRAINING_FEATURES = [
  'lora',
  'qlora',
  'adam-8bit',
  'optimizer-in-backward',
  'optimizer-offload',
  'activation-offload',
  'chunked-loss',
  'compile',
] as const;
export type TrainingFeature = (typeof TRAINING_FEATURES)[number];

export const TRAINING_FEATURE_NAMES: Readonly<Record<TrainingFeature, string>> = {
  lora: 'LoRA adapters',
  qlora: 'QLoRA (adapters on an NF4 base)',
  'adam-8bit': '8-bit Adam',
  'optimizer-in-backward': 'the optimizer step in backward',
  'optimizer-offload': 'optimizer state in host memory',
  'activation-offload': 'activation offload to host memory',
  'chunked-loss': 'a chunked cross-entropy',
  compile: 'torch.compile of the model',
};

/** How the cross-entropy over the vocabulary is computed, which sets the memory it holds. */
export const LOSS_KINDS = ['fused-fp32', 'standard', 'chunked'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/** Late-2025 Megatron-Core and NeMo: the default stack. */
const MEGATRON_CORE: SoftwareStack = {
  id: 'megatron-core',
  name: 'Megatron-Core / NeMo (late 2025) with Transformer Engine',
  attention: 'flash-3',
  dropout: false,
  overlapTensorParallel: true,
  overlapDataParallel: true,
  overlapContextParallel: true,
  overlapPipeline: true,
  gradReduceBytes: 4,
  mainGradBytes: 4,
  stateFormat: 'mixed',
  gradients: 'persistent',
  elementwise: 'fused',
  loss: 'fused-fp32',
  expertLayout: 'folded',
  moeDispatch: 'alltoall',
  overlapExpertParallel: false,
  // Late-2025 recipes: CUDA graphs over attention, the router and the dispatcher's preprocessing
  // (--cuda-graph-scope attn moe_router moe_preprocess), fused router and permute.
  host: {
    graphed: ['attention', 'latent-attention', 'router', 'preprocess'],
    routerFused: true,
    expertGemms: 'grouped',
    dispatchSync: true,
  },
  schedules: ALL_SCHEDULES,
  offers: ['lora', 'optimizer-offload', 'activation-offload'],
  sources: [
    {
      title:
        'NVIDIA NeMo 2.0 PEFT documentation (LoRA on Megatron-Core models); Megatron-Core --optimizer-cpu-offload (core 0.11); Transformer Engine CPU offloading of activations (--cpu-offloading)',
      note: 'QLoRA, 8-bit optimizers and an optimizer step inside backward are not Megatron-Core or NeMo features',
    },
    {
      title: 'NVIDIA Megatron-Core performance notes and NeMo performance recipes',
      note: 'flash attention via Transformer Engine; --tp-comm-overlap, --overlap-grad-reduce, --overlap-param-gather, overlapped P2P in interleaved 1F1B; fp32 main grads and grad reduce in fp32 in NeMo LLM recipes',
    },
  ],
};

/** Megatron-DeepSpeed as BLOOM trained with it. */
const MEGATRON_DEEPSPEED: SoftwareStack = {
  id: 'megatron-deepspeed',
  name: 'Megatron-DeepSpeed (BLOOM era, 2022)',
  attention: 'unfused',
  dropout: false,
  overlapTensorParallel: false,
  overlapDataParallel: true,
  overlapContextParallel: false,
  overlapPipeline: false,
  gradReduceBytes: 4,
  mainGradBytes: 4,
  stateFormat: 'mixed',
  gradients: 'persistent',
  elementwise: 'fused',
  loss: 'fused-fp32',
  ...EXPERTS_SPLIT_LIKE_TP,
  host: EAGER_HOST,
  // DeepSpeed's pipeline engine runs plain 1F1B and takes ZeRO stage 1 only; no sequence or
  // context parallelism in the BLOOM-era fork.
  schedules: {
    tensorParallel: true,
    pipeline: true,
    interleavedPipeline: false,
    sequenceParallel: false,
    contextParallel: false,
    zero: [0, 1],
    zeroAboveOneWithPipeline: false,
    fsdpUnderPipeline: 'reshard',
  },
  offers: ['optimizer-offload'],
  sources: [
    {
      title: 'Le Scao et al. 2022, "BLOOM: A 176B-Parameter Open-Access Multilingual Language Model", §3.4',
      url: 'https://arxiv.org/abs/2211.05100',
      note: 'Megatron-DeepSpeed: Megatron-LM tensor and pipeline parallelism with DeepSpeed ZeRO stage 1 and its pipeline engine; fused CUDA kernels (masked softmax, bias-GeLU); BF16 with FP32 gradient accumulation',
    },
    {
      title: 'DeepSpeed documentation, "Pipeline Parallelism" tutorial',
      url: 'https://www.deepspeed.ai/tutorials/pipeline/',
      note: 'the pipeline engine schedules 1F1B-style micro-batches; ZeRO stages 2 and 3 are not compatible with pipeline parallelism',
    },
  ],
};

export const SOFTWARE_STACKS: readonly SoftwareStack[] = [
  MEGATRON_CORE,
  {
    ...MEGATRON_CORE,
    id: 'megatron-core-0.13',
    name: 'Megatron-Core 0.12–0.13 / NeMo 25.04–25.05 with Transformer Engine',
    // Before MoE CUDA graphs and fusions: the dropless MoE layer cannot be captured, the router runs
    // unfused, BF16 experts run one GEMM per local expert (the GB200 DeepSeek-V3 guide's baseline).
    host: { graphed: [], routerFused: false, expertGemms: 'per-expert', dispatchSync: true },
    sources: [
      {
        title:
          'NVIDIA Megatron-LM, docs/discussions/deepseek-v3-gb200-optimization (the baseline before kernel fusion and CUDA graphs); Megatron-Core CHANGELOG (0.12: CUDA graphs for MoE need token dropping) and MoE README',
        note: 'the containers of NVIDIA dgxc-benchmarking v25.04.01 and v25.05.05; otherwise as late-2025 Megatron-Core (the sources after this one)',
      },
      ...MEGATRON_CORE.sources,
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
    stateFormat: 'mixed',
    gradients: 'persistent',
    elementwise: 'fused',
    loss: 'fused-fp32',
    ...EXPERTS_SPLIT_LIKE_TP,
    host: EAGER_HOST,
    // Interleaved 1F1B (Narayanan §2.2.2) and sequence parallelism (Korthikanti §4.2.2); neither paper
    // shards optimizer state or splits sequences across ranks.
    schedules: { ...ALL_SCHEDULES, contextParallel: false, zero: [0] },
    offers: [],
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
    stateFormat: 'mixed',
    gradients: 'persistent',
    elementwise: 'fused',
    loss: 'fused-fp32',
    ...EXPERTS_SPLIT_LIKE_TP,
    host: EAGER_HOST,
    // 4D parallelism: TP, CP, PP (an interleaved schedule) and FSDP-style DP (§3.3.2).
    schedules: ALL_SCHEDULES,
    offers: [],
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
  {
    id: 'torchtune',
    name: 'torchtune (PyTorch-native fine-tuning, 2024)',
    attention: 'flash-2',
    dropout: false,
    overlapTensorParallel: false,
    overlapDataParallel: true,
    overlapContextParallel: false,
    overlapPipeline: false,
    gradReduceBytes: 2,
    mainGradBytes: 2,
    stateFormat: 'pure-16bit',
    gradients: 'on-demand',
    elementwise: 'eager',
    loss: 'standard',
    ...EXPERTS_SPLIT_LIKE_TP,
    host: EAGER_HOST,
    // Data parallelism only in the 2024 recipes: one device, DDP-less single-device recipes or FSDP.
    schedules: { ...DATA_PARALLEL_ONLY, zero: [0, 3] },
    offers: [...TRAINING_FEATURES],
    sources: [
      {
        title:
          'pytorch/torchtune recipes full_finetune_single_device, lora_finetune_single_device, *_distributed (2024)',
        url: 'https://github.com/pytorch/torchtune',
        note: 'model loaded in dtype bf16 (no FP32 master weights), torch.optim.AdamW whose moments take the parameter dtype, optimizer.zero_grad(set_to_none=True); attention through F.scaled_dot_product_attention (FlashAttention-2 kernels); RMSNorm and rotary embeddings computed in FP32 in eager PyTorch; cross-entropy on the upcast FP32 logits unless CEWithChunkedOutputLoss; FSDP for the distributed recipes',
      },
      {
        title: 'pytorch/torchtune README "Optimization flags" (2024-11)',
        note: 'packed datasets, compile, chunked cross-entropy, activation checkpointing and offloading, optimizer_in_bwd, 8-bit AdamW (bitsandbytes / torchao), LoRA and QLoRA; paged and CPU-offload optimizers',
      },
    ],
  },
  MEGATRON_DEEPSPEED,
  {
    // GPT-NeoX as EleutherAI trained Pythia and Stability AI StableLM with it (2023): the same
    // Megatron tensor/pipeline split with DeepSpeed ZeRO-1 and its pipeline engine as the BLOOM-era
    // fork, but flash attention in place of the fused softmax.
    ...MEGATRON_DEEPSPEED,
    id: 'gpt-neox',
    name: 'GPT-NeoX (EleutherAI, 2023) with flash attention',
    attention: 'flash-2',
    sources: [
      {
        title: 'EleutherAI/pythia, models/*/pythia-*.yml (the training configurations of the Pythia suite)',
        url: 'https://github.com/EleutherAI/pythia/tree/main/models',
        note: '"attention-config": [[["flash"], layers]], zero_optimization stage 1 with overlap_comm, model-parallel-size 1–4, pipe-parallel-size 1, checkpoint-activations true with partition-activations, fp16 (Pythia-1B bf16)',
      },
      ...MEGATRON_DEEPSPEED.sources,
    ],
  },
  {
    id: 'deepspeed',
    name: 'DeepSpeed ZeRO with Hugging Face Transformers (2024)',
    attention: 'flash-2',
    dropout: false,
    overlapTensorParallel: false,
    overlapDataParallel: true,
    overlapContextParallel: false,
    overlapPipeline: false,
    gradReduceBytes: 2,
    mainGradBytes: 4,
    stateFormat: 'mixed',
    gradients: 'persistent',
    elementwise: 'eager',
    loss: 'standard',
    ...EXPERTS_SPLIT_LIKE_TP,
    host: EAGER_HOST,
    // Data parallelism with ZeRO 0–3; the Transformers models it trains have no tensor or pipeline
    // split of their own.
    schedules: DATA_PARALLEL_ONLY,
    offers: ['lora', 'qlora', 'optimizer-offload', 'activation-offload'],
    sources: [
      {
        title:
          'Rajbhandari et al. 2020, "ZeRO"; Ren et al. 2021, "ZeRO-Offload"; DeepSpeed configuration documentation',
        url: 'https://www.deepspeed.ai/docs/config-json/',
        note: 'ZeRO stages 1–3 with overlap_comm, FP32 gradient partitions for the optimizer, communication in the model dtype by default, offload_optimizer to CPU, activation checkpointing with cpu_checkpointing; LoRA and QLoRA through PEFT and bitsandbytes',
      },
    ],
  },
  {
    id: 'torchtitan',
    name: 'torchtitan (PyTorch-native pre-training, 2025)',
    attention: 'flash-2',
    dropout: false,
    overlapTensorParallel: true,
    overlapDataParallel: true,
    overlapContextParallel: true,
    overlapPipeline: true,
    gradReduceBytes: 4,
    mainGradBytes: 4,
    stateFormat: 'mixed',
    gradients: 'on-demand',
    elementwise: 'eager',
    loss: 'standard',
    ...EXPERTS_SPLIT_LIKE_TP,
    host: EAGER_HOST,
    // FSDP2 (ZeRO-3, or ZeRO-2 without resharding after forward), TP with sequence parallelism and
    // async TP, context parallelism (ring attention), pipeline schedules including interleaved 1F1B.
    // FSDP2 beside pipeline stages does not reshard after forward by default (torchtitan's
    // fsdp_reshard_after_forward 'default': avoid per-micro-batch all-gathers under PP).
    schedules: { ...ALL_SCHEDULES, zero: [0, 2, 3], fsdpUnderPipeline: 'unsharded-stage' },
    offers: ['compile', 'optimizer-offload'],
    sources: [
      {
        title:
          'Liang et al. 2024, "TorchTitan: One-stop PyTorch native solution for production ready LLM pre-training" (arXiv 2410.06511), §2',
        url: 'https://arxiv.org/abs/2410.06511',
        note: 'FSDP2 with FP32 reduction, TP with sequence parallelism and async TP, PP schedules (1F1B, interleaved 1F1B, ZBV), CP by ring attention, torch.compile, selective and full activation checkpointing; SDPA attention; FSDP2 CPU offload',
      },
    ],
  },
];

export const DEFAULT_SOFTWARE_STACK = 'megatron-core';

export function findSoftwareStack(id: string): SoftwareStack | undefined {
  return SOFTWARE_STACKS.find((s) => s.id === id);
}
