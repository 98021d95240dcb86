import type { ModelArchitecture } from '../catalog/types.js';

/**
 * The widths of a transformer layer's tensors, derived once from the architecture. Everything else
 * in `transformer/` (parameters, FLOPs, activation bytes) is arithmetic over these.
 */
export interface LayerShapes {
  readonly hidden: number;
  /** Width of all query heads together (heads × query/key head dim). */
  readonly qWidth: number;
  /** Width of keys, all KV heads together. */
  readonly kWidth: number;
  /** Width of values, all KV heads together. */
  readonly vWidth: number;
  /** Width of the attention output before the output projection (heads × value head dim). */
  readonly attnOutWidth: number;
  /** Per-head query/key dim and value dim, for the attention core. */
  readonly qkHeadDim: number;
  readonly vHeadDim: number;
  readonly heads: number;
  /** Parameters of the attention block's projections (excluding norms). */
  readonly attentionParams: number;
  /** Matmul input widths of the attention block in order (for FP8 cast traffic and GEMM shapes). */
  readonly attentionGemms: readonly Gemm[];
  readonly ffnGemmsDense: readonly Gemm[];
  readonly ffnGemmsExpert: readonly Gemm[];
  /** The MoE router's matmul (hidden → one score per expert); empty for a dense model. */
  readonly routerGemms: readonly Gemm[];
  /** Matrices in an FFN: 2 for GeLU, 3 for SwiGLU (gate, up, down). */
  readonly ffnMatrices: number;
}

/** One weight matmul of a layer: y[tokens × out] = x[tokens × in] · W[in × out]. */
export interface Gemm {
  readonly name: string;
  readonly inWidth: number;
  readonly outWidth: number;
  /** True when tensor parallelism splits the output width (column-parallel), false when it splits the input. */
  readonly columnParallel: boolean;
}

export function ffnGemms(
  hidden: number,
  ffnHidden: number,
  kind: ModelArchitecture['ffn'],
  prefix: string,
): Gemm[] {
  const up: Gemm = {
    name: `${prefix}up${kind === 'swiglu' ? '+gate' : ''}`,
    inWidth: hidden,
    outWidth: kind === 'swiglu' ? 2 * ffnHidden : ffnHidden,
    columnParallel: true,
  };
  return [up, { name: `${prefix}down`, inWidth: ffnHidden, outWidth: hidden, columnParallel: false }];
}

export function layerShapes(m: ModelArchitecture): LayerShapes {
  const h = m.hidden;
  const ffnMatrices = m.ffn === 'swiglu' ? 3 : 2;
  const expertHidden = m.moe ? m.moe.expertFfnHidden : 0;
  const ffnGemmsDense = ffnGemms(h, m.ffnHidden, m.ffn, 'ffn.');
  const ffnGemmsExpert = m.moe ? ffnGemms(h, expertHidden, m.ffn, 'expert.') : [];
  const routerGemms: Gemm[] = m.moe
    ? [{ name: 'router', inWidth: h, outWidth: m.moe.experts, columnParallel: true }]
    : [];
  const a = m.attention;
  if (a.kind === 'mla') {
    const qk = a.qkNopeHeadDim + a.qkRopeHeadDim;
    const attentionGemms: Gemm[] = [
      ...(a.qLoraRank > 0
        ? [
            { name: 'q.down', inWidth: h, outWidth: a.qLoraRank, columnParallel: false },
            { name: 'q.up', inWidth: a.qLoraRank, outWidth: m.heads * qk, columnParallel: true },
          ]
        : [{ name: 'q', inWidth: h, outWidth: m.heads * qk, columnParallel: true }]),
      { name: 'kv.down', inWidth: h, outWidth: a.kvLoraRank + a.qkRopeHeadDim, columnParallel: false },
      {
        name: 'kv.up',
        inWidth: a.kvLoraRank,
        outWidth: m.heads * (a.qkNopeHeadDim + a.vHeadDim),
        columnParallel: true,
      },
      { name: 'o', inWidth: m.heads * a.vHeadDim, outWidth: h, columnParallel: false },
    ];
    return {
      hidden: h,
      qWidth: m.heads * qk,
      kWidth: m.heads * qk,
      vWidth: m.heads * a.vHeadDim,
      attnOutWidth: m.heads * a.vHeadDim,
      qkHeadDim: qk,
      vHeadDim: a.vHeadDim,
      heads: m.heads,
      attentionParams: sumParams(attentionGemms),
      attentionGemms,
      ffnGemmsDense,
      ffnGemmsExpert,
      routerGemms,
      ffnMatrices,
    };
  }
  const d = m.headDim;
  const qWidth = m.heads * d;
  const kvWidth = m.kvHeads * d;
  const attentionGemms: Gemm[] = [
    { name: 'qkv', inWidth: h, outWidth: qWidth + 2 * kvWidth, columnParallel: true },
    { name: 'o', inWidth: qWidth, outWidth: h, columnParallel: false },
  ];
  return {
    hidden: h,
    qWidth,
    kWidth: kvWidth,
    vWidth: kvWidth,
    attnOutWidth: qWidth,
    qkHeadDim: d,
    vHeadDim: d,
    heads: m.heads,
    attentionParams: sumParams(attentionGemms),
    attentionGemms,
    ffnGemmsDense,
    ffnGemmsExpert,
    routerGemms,
    ffnMatrices,
  };
}

export function sumParams(gemms: readonly Gemm[]): number {
  let n = 0;
  for (const g of gemms) n += g.inWidth * g.outWidth;
  return n;
}
