import type { ModelArchitecture } from '../catalog/types.js';
import type { LayerShapes } from './shapes.js';

/**
 * Bytes one layer keeps per token for its backward pass, in 16-bit activations, generalising
 * Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large Transformer Models", §4.1,
 * eq. 1: s·b·h·(34 + 5·a·s/h)) to any widths, GQA/MLA, SwiGLU and MoE.
 */
export interface ActivationBytesPerToken {
  /** Kept whole on every tensor-parallel rank unless sequence parallelism splits them: norm inputs,
   * the inputs of the first matmuls of each block, dropout masks. (10·h in Korthikanti.) */
  readonly replicated: number;
  /** Split across tensor-parallel ranks: Q, K, V, the attention output, the FFN's inner tensors. */
  readonly sharded: number;
  /** Per token and per context position: the unfused attention's score tensors (5·a in Korthikanti
   * with dropout, 2·a without). Zero for a fused (flash) kernel. Split across tensor-parallel ranks. */
  readonly scoresPerContext: number;
  /** A fused (flash) kernel keeps one fp32 log-sum-exp per head and token. Split across TP ranks. */
  readonly fusedSoftmaxStats: number;
  /** What op-level selective recompute frees with fused attention (Megatron-Core's recompute modules
   * layernorm and the MLP activation): the norms' outputs, which their matmuls keep as inputs, and
   * the FFN activation's output, recomputed from the inputs still kept; with eager PyTorch also the
   * norms', activation's and rotary embedding's intermediates. Replicated and TP-split parts. */
  readonly recomputable: { readonly replicated: number; readonly sharded: number };
}

const BYTES = 2;

function ffnInner(kind: ModelArchitecture['ffn'], ffnHidden: number, matmulInputBytes: number): number {
  // GeLU: activation input, then the down-projection input; SwiGLU: gate and up outputs, then their product.
  return (kind === 'swiglu' ? 2 * BYTES : BYTES) * ffnHidden + matmulInputBytes * ffnHidden;
}

export function activationBytesPerToken(
  m: ModelArchitecture,
  s: LayerShapes,
  opts: {
    readonly moe: boolean;
    readonly dropout: boolean;
    readonly fusedAttention: boolean;
    /** Bytes per element of a saved matmul input: 2, or 1 when matmuls run in 8 bits and keep their
     * quantized inputs for the backward pass (Transformer Engine FP8). */
    readonly matmulInputBytes: number;
    /** Norms, the FFN's activation and rotary embeddings run as eager PyTorch ops, which keep more
     * for backward than fused kernels do (EAGER_EXTRA below). */
    readonly eagerElementwise?: boolean;
  },
): ActivationBytesPerToken {
  const h = m.hidden;
  const q = opts.matmulInputBytes;
  const dropoutMasks = opts.dropout ? 2 * h : 0;
  // Norm inputs (residual stream, 16-bit) and the inputs of the attention and FFN's first matmuls.
  const replicated = 2 * BYTES * h + 2 * q * h + dropoutMasks;
  const qkv = BYTES * (s.qWidth + s.kWidth + s.vWidth);
  // The attention output: kept by the fused kernel (16-bit) and as the output projection's input.
  const attnOut = (opts.fusedAttention ? BYTES + (q < BYTES ? q : 0) : BYTES) * s.attnOutWidth;
  let ffn = ffnInner(m.ffn, m.ffnHidden, q);
  if (opts.moe && m.moe) {
    const perExpert = q * h + ffnInner(m.ffn, m.moe.expertFfnHidden, q);
    ffn = m.moe.topK * perExpert + m.moe.sharedExperts * ffnInner(m.ffn, m.moe.expertFfnHidden, q);
  }
  const scoresPerContext = opts.fusedAttention ? 0 : s.heads * (opts.dropout ? 5 : 2);
  const fusedSoftmaxStats = opts.fusedAttention ? 4 * s.heads : 0;
  const eager = opts.eagerElementwise ? eagerExtra(m, s, opts.moe) : { replicated: 0, sharded: 0 };
  const ffnWidth =
    opts.moe && m.moe ? (m.moe.topK + m.moe.sharedExperts) * m.moe.expertFfnHidden : m.ffnHidden;
  return {
    replicated: replicated + eager.replicated,
    sharded: qkv + attnOut + ffn + eager.sharded,
    scoresPerContext,
    fusedSoftmaxStats,
    recomputable: {
      replicated: 2 * q * h + eager.replicated,
      sharded: q * ffnWidth + eager.sharded,
    },
  };
}

/**
 * What eager PyTorch keeps beyond fused kernels, per token of one layer: each of the two RMSNorms
 * keeps its FP32 upcast input and its unscaled 16-bit output (4h + 2h, where a fused norm keeps the
 * 2h input), a SwiGLU keeps SiLU's output beside its two inputs, and rotary embeddings computed in
 * FP32 keep the FP32 queries and keys. From the ops' saved tensors (torchtune's RMSNorm,
 * RotaryPositionalEmbeddings and FeedForward modules).
 */
function eagerExtra(
  m: ModelArchitecture,
  s: LayerShapes,
  moe: boolean,
): { replicated: number; sharded: number } {
  const ffnWidth = moe && m.moe ? (m.moe.topK + m.moe.sharedExperts) * m.moe.expertFfnHidden : m.ffnHidden;
  const silu = m.ffn === 'swiglu' ? BYTES * ffnWidth : 0;
  const rope = 4 * (s.qWidth + s.kWidth);
  return { replicated: 2 * (4 * m.hidden), sharded: silu + rope };
}
