import type { Source } from '../catalog/types.js';

/** Collectives the training and inference models ask the fabric for. Closed vocabulary. */
export type Collective = 'all-reduce' | 'reduce-scatter' | 'all-gather' | 'all-to-all' | 'send-recv';

/** Where a group of ranks sits: how many share a scale-up domain, and the two link speeds. */
export interface GroupPlacement {
  /** Ranks in the group. */
  readonly size: number;
  /** Ranks of the group inside one scale-up domain (1 ≤ r ≤ size; size/r domains). */
  readonly perDomain: number;
  /** Scale-up bandwidth per rank, one direction, bytes/s (already derated to achievable). */
  readonly scaleUpBytesPerS: number;
  /** Scale-out bandwidth per rank, one direction, bytes/s (already derated to achievable). */
  readonly scaleOutBytesPerS: number;
}

/**
 * Achievable fraction of link bandwidth for large messages, as NCCL bus bandwidth over link rate.
 * Scale-up: 8×H100 ring all-reduce reaches 370 GB/s bus bandwidth on 450 GB/s NVLink4 (0.82).
 * Scale-out: an NDR 400 Gb/s NIC carries 46–48 GB/s of bus bandwidth (0.94).
 */
export const LINK_EFFICIENCY = { scaleUp: 0.82, scaleOut: 0.94 } as const;
export const LINK_EFFICIENCY_SOURCES: readonly Source[] = [
  {
    title: 'nccl-tests issue #212 (NVIDIA maintainer): 8×H100 ring all-reduce ≈ 370 GB/s bus bandwidth',
    note: 'recorded in validation/collectives.json (nccl-h100x8-allreduce-ring); 370/450 = 0.82',
  },
  {
    title:
      'nccl-tests issue #290 (NVIDIA maintainer): inter-node bus bandwidth per NDR 400 Gb/s NIC 46–48 GB/s',
    note: 'recorded in validation/collectives.json (nccl-internode-ndr400); 47/50 = 0.94',
  },
];

/** Per-step latency of a ring hop inside and across scale-up domains, s. */
export const HOP_LATENCY_S = { scaleUp: 5e-6, scaleOut: 10e-6 } as const;
export const HOP_LATENCY_SOURCE: Source = {
  title:
    'NCCL small-message latency, typical published nccl-tests figures (single-digit µs NVLink, ~10 µs IB)',
  note: 'assumption: order of magnitude only; matters for small messages',
};

/**
 * Time of one collective on `bytes` per rank (the full buffer for all-reduce, reduce-scatter input and
 * all-gather output; the data each rank sends for all-to-all and send-recv), with a hierarchical
 * ring: inside each domain over scale-up, then across domains over every rank's scale-out link in
 * parallel (NCCL's tree/ring across nodes behaves alike for large messages).
 */
export function collectiveTimeS(kind: Collective, bytes: number, g: GroupPlacement): number {
  const n = g.size;
  if (n <= 1 || bytes <= 0) return 0;
  const r = Math.min(Math.max(1, g.perDomain), n);
  const k = n / r;
  const up = g.scaleUpBytesPerS;
  const out = g.scaleOutBytesPerS;
  switch (kind) {
    case 'send-recv':
      return r > 1 && k === 1 ? bytes / up + HOP_LATENCY_S.scaleUp : bytes / out + HOP_LATENCY_S.scaleOut;
    case 'all-to-all': {
      // Each rank sends (n−1)/n of its data: (r−1)/n inside its domain, (n−r)/n across domains, at once.
      const inside = ((r - 1) / n) * bytes;
      const across = ((n - r) / n) * bytes;
      const t = Math.max(r > 1 ? inside / up : 0, k > 1 ? across / out : 0);
      return t + (r - 1) * HOP_LATENCY_S.scaleUp + (k > 1 ? (k - 1) * HOP_LATENCY_S.scaleOut : 0);
    }
    default: {
      const passes = kind === 'all-reduce' ? 2 : 1;
      const inside = r > 1 ? (passes * (r - 1) * bytes) / (r * up) : 0;
      const across = k > 1 ? (passes * (k - 1) * (bytes / r)) / (k * out) : 0;
      const latency = passes * ((r - 1) * HOP_LATENCY_S.scaleUp + (k - 1) * HOP_LATENCY_S.scaleOut);
      return inside + across + latency;
    }
  }
}
