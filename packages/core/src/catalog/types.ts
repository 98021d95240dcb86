import type { NumberFormat, ServingFormat } from '../vocab/formats.js';
/** Where a fact came from: a datasheet, a paper's table, a config file, or a fit. */
export interface Source {
  /** Human-readable citation, e.g. "NVIDIA H100 Tensor Core GPU datasheet (2023), table 'H100 SXM'". */
  readonly title: string;
  /** Public address of the document, when there is one. */
  readonly url?: string;
  /** What exactly was taken from it, or how a value was derived. */
  readonly note?: string;
}

/**
 * Which of an entry's `sources` each field was taken from, as indices into `sources`, for entries whose
 * documents each give different fields: a figure that uses one field then cites only its documents.
 * A field not listed comes from the whole list (the notes do not say which document gives it). A key
 * `field.part` (e.g. `peakFlopsPerS.fp32`) refines `field` for that part alone.
 */
export type FieldSources<F extends string> = Readonly<Partial<Record<F, readonly number[]>>>;

/** An accelerator's sourced fields, with one key per number format of its peak rates. */
export type AcceleratorArchitecture =
  | 'volta'
  | 'turing'
  | 'ampere'
  | 'ada'
  | 'hopper'
  | 'blackwell'
  | 'cdna3'
  | 'cdna4'
  | 'tpu';

export type AcceleratorField =
  | Exclude<keyof Accelerator, 'id' | 'name' | 'sources' | 'fieldSources'>
  | `peakFlopsPerS.${NumberFormat}`;

/** A system's sourced fields. */
export type SystemField = Exclude<keyof SystemSpec, 'id' | 'name' | 'sources' | 'fieldSources'>;

/** Host CPUs, as far as they change how fast kernels are launched. */
export type HostCpu = 'x86-64' | 'grace';

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
  /** The link to the host's memory (PCIe, or NVLink-C2C on Grace), one direction, bytes/s: what
   * offload to host memory crosses. Absent where the catalog does not know it. */
  readonly hostLinkBytesPerS?: number;
  /** The host CPU that launches the GPU's kernels: Grace on the Grace superchips, x86-64 otherwise. */
  readonly hostCpu?: HostCpu;
  /** Thermal design power, W. */
  readonly tdpW: number;
  /** Streaming multiprocessors / compute units / TensorCores, for wave quantization of matmuls. */
  readonly computeUnits: number;
  /** Year of release. */
  readonly year: number;
  /** The GPU architecture (generation), where models fit an efficiency per generation. */
  readonly architecture?: AcceleratorArchitecture;
  readonly sources: readonly Source[];
  readonly fieldSources?: FieldSources<AcceleratorField>;
  /** Fields a scenario gave in place of the catalog's: figures cite the scenario for them. */
  readonly givenFields?: readonly AcceleratorField[];
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
  /** Group-limited routing: experts in `groups` equal groups, each token's experts drawn from its
   * `topGroups` best groups (DeepSeek-V3's n_group, topk_group). Absent: from all experts. */
  readonly routingGroups?: { readonly groups: number; readonly topGroups: number };
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
  /** Layers that attend only to a recent window (sliding-window or chunked attention): `layers` of
   * every `outOf` layers, over the last `window` tokens. Absent: every layer attends to all. */
  readonly localAttention?: { readonly window: number; readonly layers: number; readonly outOf: number };
  /** Multi-token-prediction modules shipped with the checkpoint (DeepSeek-V3: 1): each a layer of
   * the model's kind sharing its embedding and output head, that speculative decoding drafts with. */
  readonly mtpModules?: number;
  /** Total parameters as published, for a cross-check of the arithmetic. */
  readonly publishedParams?: number;
  /** The number format the checkpoint is published in, where it is not 16-bit (DeepSeek-V3: FP8
   * block-scaled). Serving takes it when nothing else is said. */
  readonly publishedFormat?: ServingFormat;
  readonly sources: readonly Source[];
}

/** A server (or rack-scale system) built around accelerators. */
export interface SystemSpec {
  readonly id: string;
  readonly name: string;
  /** Catalog accelerator id. */
  readonly accelerator: string;
  readonly gpusPerNode: number;
  /** GPUs in one scale-up (NVLink) domain: 8 for a DGX/HGX node, 72 for an NVL72 rack. */
  readonly scaleUpDomain: number;
  /** Scale-out (compute fabric) NIC ports per node, and their speed. */
  readonly railsPerNode: number;
  readonly nicGbps: number;
  /** Maximum rated power of one node (for rack-scale systems: of one compute tray), W. */
  readonly nodePowerW: number;
  /** Rack units one node takes (rack-scale systems: the rack's units ÷ its nodes). */
  readonly rackUnits: number;
  /** Nodes per rack in the vendor's reference design. */
  readonly nodesPerRack: number;
  readonly cooling: 'air' | 'liquid';
  readonly sources: readonly Source[];
  readonly fieldSources?: FieldSources<SystemField>;
}

/** A network switch of the scale-out or storage/management fabric. */
export interface SwitchSpec {
  readonly id: string;
  readonly name: string;
  /** Ports at `portGbps` (after any breakout the vendor rates it for). */
  readonly ports: number;
  readonly portGbps: number;
  /** Typical (or maximum, say which in the source) power without optics, W. */
  readonly powerW: number;
  readonly rackUnits: number;
  readonly sources: readonly Source[];
}

/** A link medium: copper cable, active optical cable, or a transceiver (one end). */
export interface LinkMedium {
  readonly id: string;
  readonly name: string;
  readonly kind: 'copper' | 'active-optical' | 'transceiver';
  readonly gbps: number;
  /** Longest run it supports, m. */
  readonly maxLengthM: number;
  /** Power per end (transceiver: per module), W. */
  readonly powerW: number;
  readonly sources: readonly Source[];
}

/**
 * A server of the shared file system that holds checkpoints (and a data set too large for the
 * nodes): what it stores and moves, and what it draws. Its price is the price item of the same id.
 */
export interface FileServerSpec {
  readonly id: string;
  readonly name: string;
  readonly usableBytes: number;
  readonly writeBytesPerS: number;
  readonly readBytesPerS: number;
  readonly powerW: number;
  /** Height in a rack, U. */
  readonly rackUnits: number;
  /** Most servers of this part one file system can use; absent: no limit. */
  readonly maxCount?: number;
  readonly sources: readonly Source[];
}

/** A price, with when it was seen. */
export interface Price {
  /** What it is the price of: a catalog id (system, switch, medium) or a named item. */
  readonly item: string;
  readonly usd: number;
  readonly per: 'unit' | 'gpu-hour' | 'kWh' | 'MW' | 'TB' | 'rack' | 'server';
  /** Year and month the price was published or observed, YYYY-MM. */
  readonly date: string;
  readonly sources: readonly Source[];
}

/** Carbon intensity of a grid region's electricity (location-based). */
export interface GridIntensity {
  readonly id: string;
  readonly name: string;
  /** Grams CO2-equivalent per kWh. */
  readonly gCo2ePerKWh: number;
  readonly year: number;
  readonly sources: readonly Source[];
}
