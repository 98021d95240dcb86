import type { HostLaunchProfile, LayerPart } from '../catalog/software.js';
import type { HostCpu, Source } from '../catalog/types.js';

/**
 * The host's side of a layer pass. Eager PyTorch launches every kernel from Python: when the GPU runs
 * a layer faster than the host can issue its kernels, the GPU waits (host-bound, or "CPU overhead").
 * Fine-grained MoE layers launch hundreds of small kernels, and Grace issues them slower than x86
 * hosts, so DeepSeek-V3 on GB200 before CUDA graphs waited on its host most of the step.
 */

/** Kernel launches of one layer part, one micro-batch, forward and backward. */
interface PartLaunches {
  readonly forward: number;
  readonly backward: number;
  /** Linear layers (matmuls with weights): under 8-bit training each quantizes its input first. */
  readonly linears: number;
}

/**
 * Launches per part, counted from Megatron-Core and Transformer Engine source (core_r0.13-era
 * token_dispatcher.py, router.py, moe_utils.py; TE grouped_linear.py): one CUDA, NCCL or cuBLAS call
 * is one launch, views are none. A tally, ±30%; only the router's counts are published.
 */
export const LAYER_PART_LAUNCHES: Readonly<Record<LayerPart, PartLaunches>> = {
  // Norm fused into the QKV projection, RoPE on q and k, fused attention, output projection, residual
  // add, and the sequence-parallel all-gather and reduce-scatter.
  attention: { forward: 9, backward: 17, linears: 2 },
  // MLA: q and kv down-projections, their norms fused into the up-projections, RoPE, fused attention.
  'latent-attention': { forward: 14, backward: 30, linears: 5 },
  // Norm fused into fc1, SwiGLU, fc2, residual add, the sequence-parallel collectives.
  mlp: { forward: 7, backward: 15, linears: 2 },
  // Sigmoid scores, expert bias, group-limited top-k, sequence aux loss: 72 kernels unfused (NVIDIA).
  router: { forward: 72, backward: 22, linears: 0 },
  // Tokens per expert counted, all-gathered and copied to the host; no backward.
  preprocess: { forward: 13, backward: 0, linears: 0 },
  // Permute, the all-to-all of tokens and of probabilities, sort into local experts.
  dispatch: { forward: 7, backward: 7, linears: 0 },
  // Sort back, the all-to-all, unpermute, add the shared expert's output.
  combine: { forward: 5, backward: 5, linears: 0 },
  // fc1, SwiGLU, fc2 per shared expert.
  'shared-expert': { forward: 3, backward: 6, linears: 2 },
};

/** The router with Transformer Engine's fused kernels: 72 → 31 forward (NVIDIA). */
const FUSED_ROUTER_FORWARD = 31;

/** Experts: one cuBLAS GEMM per local expert and linear (TE GroupedLinear over streams), or one
 * grouped kernel per linear; plus the activation. Backward: input and weight gradients. Quantizing
 * for 8-bit matmuls is one multi-tensor launch per linear either way. */
const EXPERT_FIXED: PartLaunches = { forward: 2, backward: 3, linears: 2 };
const EXPERT_GEMMS_PER_LINEAR: PartLaunches = { forward: 2, backward: 4, linears: 0 };

/** 8-bit matmuls quantize each input first: one more launch per linear and pass. */
const LOW_PRECISION_LAUNCHES_PER_LINEAR = 1;

export const LAYER_PART_LAUNCH_SOURCES: readonly Source[] = [
  {
    title:
      'NVIDIA Megatron-LM, docs/discussions/deepseek-v3-gb200-optimization: "Optimizing DeepSeek-V3 Training Performance on NVIDIA GB200 NVL72", §2 and §2.1.4',
    note: 'the baseline is host-bound (CPU overhead: kernels launched slower than the GPU runs them); the router is 72 kernels, 31 with --moe-router-fusion; CUDA graphs and fusion remove the gaps',
  },
  {
    title:
      'NVIDIA Megatron-LM megatron/core/transformer/moe (token_dispatcher.py, router.py, moe_utils.py, core_r0.13 era) and Transformer Engine grouped_linear.py',
    note: 'launches per part tallied by aidc from the source, ±30%: the alltoall dispatcher waits on a device-to-host event for tokens per expert once per MoE layer forward; TEGroupedMLP issues one cuBLAS GEMM per local expert in BF16',
  },
];

/** Host time per launch, by host CPU: Transformer Engine's Linear forward on the host. */
export const HOST_SECONDS_PER_LAUNCH: Readonly<Record<HostCpu, number>> = {
  // 13.5 µs for a torch Linear on the DGX H100's Xeon 8480C, × the 2.69 TE costs over torch on Grace.
  'x86-64': 13.5e-6 * (99.7 / 37.1),
  grace: 99.7e-6,
};

export const HOST_SECONDS_PER_LAUNCH_SOURCE: Source = {
  title:
    'NVIDIA TransformerEngine issue #2053: host (CPU) time of a BF16 Linear forward, hidden 2048, 8192 tokens',
  note: 'torch Linear: 37.1 µs on GB200 (Grace), 33.2 µs on GH200, 13.5 µs on DGX H100 (Xeon 8480C); TE Linear: 99.7 µs on GB200. x86 per launch taken as 13.5 µs × (99.7 / 37.1)',
};

/** Launches of one layer's passes on the host that are not captured in CUDA graphs, as a count plus
 * a count per local expert (layouts differ in experts per GPU). `pre` is the forward up to the
 * dispatcher's host wait (the whole forward without one). */
export interface LayerLaunches {
  readonly forwardPre: number;
  readonly forwardPost: number;
  readonly backward: number;
  /** Launches per local expert, in the forward after the wait (or before, without one) and backward. */
  readonly forwardPerLocalExpert: number;
  readonly backwardPerLocalExpert: number;
  /** The forward waits on the host for the routing between `pre` and `post`. */
  readonly waits: boolean;
}

/**
 * What the host launches per layer and micro-batch under a stack's profile: the layer's parts less
 * those its CUDA graphs capture. Behind a dispatcher that waits for the routing on the host, the
 * forward splits at that wait: neither side can run ahead across it.
 */
export function layerLaunches(
  p: HostLaunchProfile,
  kind: { readonly moe: boolean; readonly latentAttention: boolean; readonly sharedExperts: number },
  lowPrecision: boolean,
): LayerLaunches {
  const quantize = lowPrecision ? LOW_PRECISION_LAUNCHES_PER_LINEAR : 0;
  let pre = 0;
  let post = 0;
  let backward = 0;
  const add = (part: LayerPart | null, beforeWait: boolean, l: PartLaunches, n = 1) => {
    if (part !== null && p.graphed.includes(part)) return;
    const forward = n * (l.forward + quantize * l.linears);
    if (beforeWait) pre += forward;
    else post += forward;
    backward += n * (l.backward + quantize * l.linears);
  };
  const L = LAYER_PART_LAUNCHES;
  if (kind.latentAttention) add('latent-attention', true, L['latent-attention']);
  else add('attention', true, L.attention);
  const perExpert = kind.moe && p.expertGemms === 'per-expert';
  if (!kind.moe) {
    add('mlp', true, L.mlp);
  } else {
    add('router', true, p.routerFused ? { ...L.router, forward: FUSED_ROUTER_FORWARD } : L.router);
    add('preprocess', true, L.preprocess);
    // After the wait: shapes that depend on the routing, which no graph captures.
    add('dispatch', false, L.dispatch);
    add(null, false, EXPERT_FIXED);
    if (!perExpert) add(null, false, EXPERT_GEMMS_PER_LINEAR);
    add('combine', false, L.combine);
    add('shared-expert', false, L['shared-expert'], kind.sharedExperts);
  }
  const waits = kind.moe && p.dispatchSync;
  return {
    forwardPre: waits ? pre : pre + post,
    forwardPost: waits ? post : 0,
    backward,
    forwardPerLocalExpert: perExpert ? EXPERT_GEMMS_PER_LINEAR.forward : 0,
    backwardPerLocalExpert: perExpert ? EXPERT_GEMMS_PER_LINEAR.backward : 0,
    waits,
  };
}
