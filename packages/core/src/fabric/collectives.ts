import type { Source } from '../catalog/types.js';

/** Collectives the training and inference models ask the fabric for. Closed vocabulary. */
export type Collective = 'all-reduce' | 'reduce-scatter' | 'all-gather' | 'all-to-all' | 'send-recv';

/**
 * How a collective moves its data:
 * - 'ring': NCCL's rings, pipelined, so the slowest link sets the pace: the GPU's scale-up link
 *   inside a domain, or the domain's NICs (one ring per rail) across domains.
 * - 'hierarchical': in phases, one after the other: reduce-scatter inside each domain, all-reduce
 *   across domains over every GPU's NIC at once, all-gather inside each domain.
 * - 'tree': NCCL's double binary tree: ring bandwidth, logarithmic latency across domains.
 * - 'in-network': the switch reduces (NVLink SHARP, InfiniBand SHARP): each GPU sends and receives
 *   its buffer once.
 */
export const COLLECTIVE_ALGORITHMS = ['ring', 'hierarchical', 'tree', 'in-network'] as const;
export type CollectiveAlgorithm = (typeof COLLECTIVE_ALGORITHMS)[number];

/** Where a group of ranks sits: how many share a scale-up domain, and the two link rates. */
export interface GroupPlacement {
  /** Ranks in the group. */
  readonly size: number;
  /** Ranks of the group inside one scale-up domain (1 ≤ r ≤ size; size/r domains). */
  readonly perDomain: number;
  /** Scale-up link rate per rank, one direction, bytes/s (as the datasheet gives it). */
  readonly scaleUpBytesPerS: number;
  /** Scale-out NIC rate per rank, one direction, bytes/s (as the datasheet gives it). */
  readonly scaleOutBytesPerS: number;
  /** Leaf down-links per up-link of the scale-out fabric: traffic between domains shares the
   * up-links, so it gets 1/oversubscription of the NIC rate. Default 1 (non-blocking). */
  readonly oversubscription?: number;
}

/** Achievable fraction of each link's rate for large messages (LINK_EFFICIENCY's shape). */
export interface LinkEfficiency {
  readonly scaleUp: number;
  readonly scaleOut: number;
  readonly inNetwork: number;
}

/**
 * Achievable fraction of link rate for large messages, as NCCL bus bandwidth over link rate.
 * Scale-up: 8×H100 ring all-reduce reaches 370 GB/s bus bandwidth on 450 GB/s NVLink4 (0.82).
 * Scale-out: an NDR 400 Gb/s NIC carries 46–48 GB/s of bus bandwidth (0.94).
 * In-network: NVLink SHARP all-reduce on 8×H100 reaches 476–480 GB/s bus bandwidth, i.e. each GPU
 * sends and receives its buffer at 478 ÷ (2·7/8) = 273 GB/s, 0.61 of the 450 GB/s link.
 * Computed from those three cases by `npm run fit:collectives` (scripts/fit-collectives.js), which
 * also measures the leave-one-source-out error (validation/fits/collectives.json).
 */
export const LINK_EFFICIENCY: LinkEfficiency = { scaleUp: 0.82, scaleOut: 0.94, inNetwork: 0.61 };
export const LINK_EFFICIENCY_SOURCES: readonly Source[] = [
  {
    title: 'nccl-tests issue #212 (NVIDIA maintainer): 8×H100 ring all-reduce ≈ 370 GB/s bus bandwidth',
    note: 'recorded in validation/collectives.json (nccl-h100x8-allreduce-ring); 370/450 = 0.82; computed by scripts/fit-collectives.js',
  },
  {
    title:
      'nccl-tests issue #290 (NVIDIA maintainer): inter-node bus bandwidth per NDR 400 Gb/s NIC 46–48 GB/s',
    note: 'recorded in validation/collectives.json (nccl-internode-ndr400); 47/50 = 0.94; computed by scripts/fit-collectives.js',
  },
  {
    title:
      'nccl-tests issues #212 and #290: 8×H100 all-reduce with NVLink SHARP ≈ 476–480 GB/s bus bandwidth',
    note: 'recorded in validation/collectives.json (nccl-h100x8-allreduce-nvls); 478 / 1.75 / 450 = 0.61; computed by scripts/fit-collectives.js',
  },
];

/** Per-step latency of a hop inside and across scale-up domains, s. */
export const HOP_LATENCY_S = { scaleUp: 5e-6, scaleOut: 10e-6 } as const;
export const HOP_LATENCY_SOURCE: Source = {
  title:
    'NCCL small-message latency, typical published nccl-tests figures (single-digit µs NVLink, ~10 µs IB)',
  note: 'assumption: order of magnitude only; matters for small messages',
};

/** Bus bandwidth convention of nccl-tests: algorithm bandwidth × this factor. */
export function busBandwidthFactor(kind: Collective, ranks: number): number {
  if (ranks <= 1) return 1;
  if (kind === 'all-reduce') return (2 * (ranks - 1)) / ranks;
  if (kind === 'reduce-scatter' || kind === 'all-gather' || kind === 'all-to-all') return (ranks - 1) / ranks;
  return 1;
}

/**
 * Time of one collective on `bytes` per rank (the full buffer for all-reduce, reduce-scatter input and
 * all-gather output; the data each rank sends for all-to-all and send-recv). `efficiency` is for the
 * fit (scripts/fit-collectives.js); the models use LINK_EFFICIENCY.
 */
export function collectiveTimeS(
  kind: Collective,
  bytes: number,
  g: GroupPlacement,
  algorithm: CollectiveAlgorithm = 'ring',
  efficiency: LinkEfficiency = LINK_EFFICIENCY,
): number {
  const n = g.size;
  if (n <= 1 || bytes <= 0) return 0;
  const r = Math.min(Math.max(1, g.perDomain), n);
  const k = n / r;
  const up = g.scaleUpBytesPerS * efficiency.scaleUp;
  const out = (g.scaleOutBytesPerS * efficiency.scaleOut) / Math.max(1, g.oversubscription ?? 1);
  if (kind === 'send-recv') {
    return r > 1 && k === 1 ? bytes / up + HOP_LATENCY_S.scaleUp : bytes / out + HOP_LATENCY_S.scaleOut;
  }
  if (kind === 'all-to-all') {
    // Each rank sends (n−1)/n of its data: (r−1)/n inside its domain, (n−r)/n across domains, at once.
    const inside = ((r - 1) / n) * bytes;
    const across = ((n - r) / n) * bytes;
    const t = Math.max(r > 1 ? inside / up : 0, k > 1 ? across / out : 0);
    return t + (r - 1) * HOP_LATENCY_S.scaleUp + (k > 1 ? (k - 1) * HOP_LATENCY_S.scaleOut : 0);
  }
  const passes = kind === 'all-reduce' ? 2 : 1;
  switch (algorithm) {
    case 'in-network': {
      // The switch reduces and multicasts: each rank sends and receives its buffer once (all-reduce),
      // or its share once (reduce-scatter, all-gather), on its own link.
      const link =
        k === 1 ? g.scaleUpBytesPerS : (r * g.scaleOutBytesPerS) / Math.max(1, g.oversubscription ?? 1);
      const share = kind === 'all-reduce' ? bytes : ((n - 1) / n) * bytes;
      const latency = k === 1 ? 2 * HOP_LATENCY_S.scaleUp : 2 * HOP_LATENCY_S.scaleOut;
      return share / (link * efficiency.inNetwork) + latency;
    }
    case 'hierarchical': {
      const inside = r > 1 ? (passes * (r - 1) * bytes) / (r * up) : 0;
      const across = k > 1 ? (passes * (k - 1) * (bytes / r)) / (k * out) : 0;
      const latency = passes * ((r - 1) * HOP_LATENCY_S.scaleUp + (k - 1) * HOP_LATENCY_S.scaleOut);
      return inside + across + latency;
    }
    default: {
      // Ring (and tree, at ring bandwidth): every GPU's scale-up link carries the ring's whole volume;
      // across domains the r rails each carry 1/r of it. Pipelined: the slower of the two sets the pace.
      const volume = (passes * (n - 1) * bytes) / n;
      const t = Math.max(r > 1 ? volume / up : 0, k > 1 ? volume / (r * out) : 0);
      const hop = k > 1 ? HOP_LATENCY_S.scaleOut : HOP_LATENCY_S.scaleUp;
      const latency =
        algorithm === 'tree'
          ? passes * ((r - 1) * HOP_LATENCY_S.scaleUp + 2 * Math.ceil(Math.log2(k)) * HOP_LATENCY_S.scaleOut)
          : passes * (n - 1) * hop;
      return t + latency;
    }
  }
}
