// The expert-parallel all-to-all of a serving step: each token's hidden state goes to the GPUs holding
// its top-k experts (dispatch) and the expert outputs come back (combine), once per MoE layer.
// Modelled on the two modes of DeepEP (github.com/deepseek-ai/DeepEP, README), the kernel library
// SGLang, vLLM and TensorRT-LLM use or mirror for wide EP:
// - 'low-latency' (decode): one copy of the token per selected expert, sent straight to the GPU that
//   holds it, over NVLink inside the scale-up domain and RDMA across;
// - 'normal' (prefill): one RDMA copy per remote scale-up domain that holds any of the token's experts,
//   forwarded over NVLink inside that domain to each expert's GPU.
// Both are one-shot: every peer is written at once, so the time is the bytes over the busier link
// plus one hop's latency (not a ring's latency per peer).
import type { MoE, Source } from '../catalog/types.js';
import { HOP_LATENCY_S, LINK_EFFICIENCY } from './collectives.js';

export type DispatchMode = 'low-latency' | 'normal';

export const DISPATCH_SOURCE: Source = {
  title: 'DeepEP README (github.com/deepseek-ai/DeepEP): normal and low-latency kernels',
  note: 'normal mode: one RDMA copy per destination node, NVLink forwarding inside it; low-latency mode: one copy per selected expert, over NVLink inside the node since 2025-06-05 (PR #173; pure RDMA before); FP8 dispatch, BF16 combine. Link efficiencies as for collectives (fabric/collectives.ts)',
};

/** Where the EP group sits and what its links carry. */
export interface DispatchGroup {
  /** Expert-parallel ranks. */
  readonly ep: number;
  /** EP ranks inside one scale-up domain. */
  readonly perDomain: number;
  /** Scale-up bandwidth per GPU, one direction, bytes/s. */
  readonly scaleUpBytesPerS: number;
  /** Scale-out NIC bandwidth per GPU, one direction, bytes/s. */
  readonly scaleOutBytesPerS: number;
  readonly oversubscription: number;
  /** Low-latency kernels send to peers in the same domain over the scale-up links (DeepEP since
   * 2025-06-05, PR #173); before, they went over RDMA like every other peer. Default true. */
  readonly lowLatencyOverScaleUp?: boolean;
}

/** Bytes one token's hidden state takes on the wire: dispatch at the engine's dispatch format, combine
 * in BF16 (the expert outputs are summed at the token's home in 16-bit). */
export interface DispatchFormat {
  readonly dispatchBytesPerElement: number;
  readonly combineBytesPerElement: number;
}

/**
 * Expected scale-up domains other than the token's own that hold at least one of its top-k experts.
 * Experts are laid out in order, `experts ÷ domains` per domain. Without group-limited routing the k
 * experts are k distinct draws from all experts; with it (DeepSeek-V3: 8 groups, top 4, at most 4
 * nodes per token, Technical Report sec. 2.1.2), the token first picks `topGroups` of `groups`
 * groups and its k experts lie in those.
 */
export function remoteDomainsPerToken(moe: MoE, domains: number): number {
  if (domains <= 1) return 0;
  const g = moe.routingGroups;
  const perDomain = moe.experts / domains;
  let distinct: number;
  if (g && g.groups >= domains && g.groups % domains === 0) {
    // Whole groups per domain: j of a domain's groups are picked (hypergeometric), and the k experts,
    // drawn from the picked groups' experts, reach the domain unless all fall in the other groups.
    const groupsPerDomain = g.groups / domains;
    const perGroup = moe.experts / g.groups;
    const pool = g.topGroups * perGroup;
    let hit = 0;
    for (let j = 1; j <= Math.min(groupsPerDomain, g.topGroups); j++) {
      const picked = hypergeometric(g.groups, groupsPerDomain, g.topGroups, j);
      hit += picked * (1 - missChance(pool, j * perGroup, moe.topK));
    }
    distinct = domains * hit;
  } else if (g && g.groups < domains) {
    // A group spans several domains: the k experts are drawn from the picked groups' experts.
    const pool = (g.topGroups * moe.experts) / g.groups;
    const covered = (g.topGroups * domains) / g.groups;
    distinct = covered * (1 - missChance(pool, perDomain, moe.topK));
  } else {
    distinct = domains * (1 - missChance(moe.experts, perDomain, moe.topK));
  }
  // By symmetry the own domain is hit with chance distinct ÷ domains.
  return distinct * (1 - 1 / domains);
}

/** Chance that k draws without replacement from n items, m of them marked, take exactly j marked. */
function hypergeometric(n: number, m: number, k: number, j: number): number {
  return (choose(m, j) * choose(n - m, k - j)) / choose(n, k);
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/** Chance that k distinct draws from n items miss a given set of m of them: C(n−m, k) ÷ C(n, k). */
function missChance(n: number, m: number, k: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= Math.max(0, n - m - i) / (n - i);
  return p;
}

/** Memory traffic of MoE token permutation per routed copy and hidden element, bytes: the permute
 * before dispatch and the unpermute after combine each read and write every copy in 16 bits. */
export const PERMUTE_BYTES_PER_ROUTED_ELEMENT = 2 * 2 * 2;

/** One token's traffic of one MoE layer (dispatch and combine), by link, bytes. */
export interface TokenTraffic {
  readonly scaleUpBytes: number;
  readonly scaleOutBytes: number;
}

/**
 * Bytes one token sends for one MoE layer's dispatch and combine in a mode. Low-latency: its k copies,
 * each to its expert's GPU; a copy stays home with chance 1/ep. Normal: one copy per remote domain
 * over RDMA, then the k copies fanned out over NVLink inside each domain (counted once, on the
 * receiving side).
 */
export function tokenTraffic(
  moe: MoE,
  g: DispatchGroup,
  f: DispatchFormat,
  mode: DispatchMode,
): TokenTraffic {
  if (g.ep <= 1) return { scaleUpBytes: 0, scaleOutBytes: 0 };
  const perCopy = moe.topK > 0 ? f.dispatchBytesPerElement + f.combineBytesPerElement : 0;
  const domains = Math.ceil(g.ep / Math.max(1, g.perDomain));
  const inside = (Math.min(g.perDomain, g.ep) - 1) / g.ep;
  const across = (g.ep - Math.min(g.perDomain, g.ep)) / g.ep;
  if (mode === 'low-latency' && g.lowLatencyOverScaleUp === false && domains > 1) {
    return { scaleUpBytes: 0, scaleOutBytes: moe.topK * ((g.ep - 1) / g.ep) * perCopy };
  }
  if (mode === 'low-latency' || domains <= 1) {
    return { scaleUpBytes: moe.topK * inside * perCopy, scaleOutBytes: moe.topK * across * perCopy };
  }
  const perDomainFanOut = (Math.min(g.perDomain, g.ep) - 1) / Math.min(g.perDomain, g.ep);
  return {
    scaleUpBytes: moe.topK * perDomainFanOut * perCopy,
    scaleOutBytes: remoteDomainsPerToken(moe, domains) * perCopy,
  };
}

/** Seconds per token (bandwidth) and per call (latency) of one MoE layer's dispatch and combine, for
 * one GPU's tokens: time = latencyS + tokens × perTokenS × hidden. */
export interface DispatchCost {
  /** Seconds per token per hidden element, on the busier link. */
  readonly perTokenElementS: number;
  /** Two one-shot phases (dispatch, combine), one hop each. */
  readonly latencyS: number;
}

export function dispatchCost(
  moe: MoE,
  g: DispatchGroup,
  f: DispatchFormat,
  mode: DispatchMode,
): DispatchCost {
  if (g.ep <= 1) return { perTokenElementS: 0, latencyS: 0 };
  const t = tokenTraffic(moe, g, f, mode);
  const up = g.scaleUpBytesPerS * LINK_EFFICIENCY.scaleUp;
  const out = (g.scaleOutBytesPerS * LINK_EFFICIENCY.scaleOut) / Math.max(1, g.oversubscription);
  const perTokenElementS = Math.max(
    t.scaleUpBytes > 0 ? t.scaleUpBytes / up : 0,
    t.scaleOutBytes > 0 ? t.scaleOutBytes / out : 0,
  );
  const hop = t.scaleOutBytes > 0 ? HOP_LATENCY_S.scaleOut : HOP_LATENCY_S.scaleUp;
  return { perTokenElementS, latencyS: 2 * hop };
}

/**
 * Expected busiest EP rank's share of the expert work over the mean: `assignments` token-expert
 * pairs spread uniformly over `ranks` (a multinomial), whose maximum is about the mean plus
 * √(2 · mean · ln ranks) (the Gaussian tail bound on the largest of `ranks` binomials), capped at all
 * of them on one rank. Real routing is skewed beyond this; an EP load balancer with redundant experts
 * (EPLB) brings it back towards it. 1 without EP.
 */
export function expertImbalance(assignments: number, ranks: number): number {
  if (ranks <= 1 || assignments <= 0) return 1;
  const mean = assignments / ranks;
  return Math.min(ranks, 1 + Math.sqrt((2 * Math.log(ranks)) / mean));
}

/** ln of the chance one token's top-k misses a given expert, ln(1 − k/E): computed once per model,
 * it makes the share a step touches one exponential (the simulator asks it at every step). */
export function expertMissLog(moe: MoE): number {
  return Math.log1p(-moe.topK / moe.experts);
}

/** Expected share of a layer's experts that receive at least one of `tokens` tokens (each to k of E
 * experts), 1 − (1 − k/E)^tokens, from expertMissLog: a decode step of few tokens reads only those
 * experts' weights. */
export function touchedShare(missLog: number, tokens: number): number {
  return tokens <= 0 ? 0 : -Math.expm1(tokens * missLog);
}

export function touchedExpertShare(moe: MoE, tokens: number): number {
  return touchedShare(expertMissLog(moe), tokens);
}
