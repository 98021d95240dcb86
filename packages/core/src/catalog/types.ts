/** Where a fact came from: a datasheet, a paper's table, a config file, or a fit. */
export interface Source {
  /** Human-readable citation, e.g. "NVIDIA H100 Tensor Core GPU datasheet (2023), table 'H100 SXM'". */
  readonly title: string;
  /** Public address of the document, when there is one. */
  readonly url?: string;
  /** What exactly was taken from it, or how a value was derived. */
  readonly note?: string;
}

/** Number formats a matmul can run in. Closed vocabulary. */
export const NUMBER_FORMATS = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'mxfp8', 'nvfp4'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export interface Accelerator {
  readonly id: string;
  readonly name: string;
  readonly vendor: 'nvidia' | 'amd' | 'google';
  /** Peak dense (no sparsity) matmul throughput per number format, FLOP/s. Absent = not supported. */
  readonly peakFlopsPerS: Readonly<Partial<Record<NumberFormat, number>>>;
  /** On-package memory (HBM/GDDR) capacity, bytes. */
  readonly memoryBytes: number;
  /** On-package memory bandwidth, bytes/s. */
  readonly memoryBytesPerS: number;
  /** Scale-up (NVLink / Infinity Fabric / ICI) bandwidth per accelerator, one direction, bytes/s. 0 = none (PCIe only). */
  readonly scaleUpBytesPerS: number;
  /** Accelerators in one scale-up domain in the usual system built from this part. */
  readonly scaleUpDomain: number;
  /** Usual scale-out NIC bandwidth per accelerator, bits/s. */
  readonly scaleOutBitsPerS: number;
  /** Thermal design power, W. */
  readonly tdpW: number;
  /** Streaming multiprocessors / compute units / TensorCores, for wave quantization of matmuls. */
  readonly computeUnits: number;
  /** Year of release. */
  readonly year: number;
  readonly sources: readonly Source[];
}

export type FfnKind = 'gelu' | 'swiglu';

export type Attention =
  | { readonly kind: 'mha' }
  | { readonly kind: 'gqa' }
  | {
      readonly kind: 'mla';
      /** Rank of the compressed query projection (0 = queries are not compressed). */
      readonly qLoraRank: number;
      readonly kvLoraRank: number;
      readonly qkNopeHeadDim: number;
      readonly qkRopeHeadDim: number;
      readonly vHeadDim: number;
    };

export interface MoE {
  /** Routed experts per MoE layer. */
  readonly experts: number;
  /** Routed experts each token is sent to. */
  readonly topK: number;
  /** Always-active shared experts per MoE layer. */
  readonly sharedExperts: number;
  /** Hidden size of one routed (and shared) expert's FFN. */
  readonly expertFfnHidden: number;
  /** The first `denseLayers` layers use a dense FFN of `ffnHidden` instead of experts. */
  readonly denseLayers: number;
  /** Every `layerInterval`-th layer (after the dense ones) is MoE; the rest dense. 1 = all. */
  readonly layerInterval: number;
}

export interface ModelArchitecture {
  readonly id: string;
  readonly name: string;
  readonly layers: number;
  readonly hidden: number;
  /** Dense FFN hidden size (for MoE models: of the dense layers). */
  readonly ffnHidden: number;
  readonly ffn: FfnKind;
  readonly heads: number;
  readonly kvHeads: number;
  /** Per-head dimension of queries, keys and values (MHA/GQA). */
  readonly headDim: number;
  readonly vocab: number;
  readonly attention: Attention;
  readonly moe: MoE | null;
  readonly tiedEmbeddings: boolean;
  /** Decoder (causal mask) or encoder (bidirectional). */
  readonly causal: boolean;
  /** Longest context the model was published with. */
  readonly maxSeqLen: number;
  /** Total parameters as published, for a cross-check of the arithmetic. */
  readonly publishedParams?: number;
  readonly sources: readonly Source[];
}
