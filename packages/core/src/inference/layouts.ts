// The instance layouts the serving capacity search tries, as the engine offers them: tensor parallel
// inside the scale-up domain (with pipeline stages when asked), and for MoE models attention data
// parallel with experts spread over the same GPUs, inside one scale-up domain or wide across domains.
import { offers, SERVING_ENGINES, type ServingEngineId } from '../catalog/engines.js';
import type { ModelArchitecture } from '../catalog/types.js';

export interface LayoutShape {
  readonly tp: number;
  readonly pp: number;
  /** Expert-parallel ranks (1: experts split by TP). */
  readonly ep: number;
  /** Attention data-parallel ranks (1: none). */
  readonly attentionDp: number;
}

export interface LayoutConstraints {
  readonly tp?: number | undefined;
  readonly pp?: number | undefined;
  readonly ep?: number | undefined;
  readonly attentionDp?: number | undefined;
  /** Expert slots beyond the routed experts (EPLB): wide EP sizes that divide the slots are tried too. */
  readonly redundantExperts?: number | undefined;
}

/** Attention-DP (and EP) sizes across domains: wide-EP deployments of 2 to 12 nodes of 8 (SGLang's
 * 32 and 72 GPUs, vLLM's and DeepEP's 16–96). */
const WIDE_EP_DOMAINS = [2, 4, 8, 12] as const;

/** GPUs of one instance of a layout. */
export function layoutGpus(l: LayoutShape): number {
  return l.attentionDp * l.tp * l.pp;
}

/** A layout in a few words: TP (PP), or attention DP with EP ("DEP8"). */
export function layoutShapeLabel(l: LayoutShape): string {
  if (l.attentionDp > 1)
    return `DP${l.attentionDp}${l.tp > 1 ? `×TP${l.tp}` : ''} EP${l.ep}${l.pp > 1 ? ` PP${l.pp}` : ''}`;
  return `TP${l.tp}${l.ep > 1 ? ` EP${l.ep}` : ''}${l.pp > 1 ? ` PP${l.pp}` : ''}`;
}

/**
 * Candidate layouts: TP 1–8 within the scale-up domain (PP as constrained, else 1); for a MoE model
 * on an engine with attention DP and EP, DEP of 2, 4 and 8 GPUs, the whole domain when it is larger,
 * and wide EP over 2–12 domains of up to 8 GPUs, never more EP ranks than routed experts. Constraints
 * keep only the layouts that match them.
 */
export function layoutCandidates(
  model: ModelArchitecture,
  engine: ServingEngineId,
  scaleUpDomain: number,
  c: LayoutConstraints,
  release: string = SERVING_ENGINES[engine].version,
): LayoutShape[] {
  const e = SERVING_ENGINES[engine];
  // A feature known only from a later release is tried all the same: not known to be missing.
  const has = (f: 'attentionDp' | 'expertParallel') => offers(e, f, release) !== 'no';
  const domain = Math.max(1, scaleUpDomain);
  const pp = c.pp ?? 1;
  const out: LayoutShape[] = [];
  for (const tp of c.tp !== undefined ? [c.tp] : [1, 2, 4, 8].filter((t) => t <= domain)) {
    out.push({ tp, pp, ep: 1, attentionDp: 1 });
  }
  if (model.moe && has('attentionDp') && has('expertParallel')) {
    const sizes = new Set<number>([2, 4, 8].filter((n) => n <= domain));
    sizes.add(domain);
    if (domain <= 8) for (const k of WIDE_EP_DOMAINS) sizes.add(k * domain);
    // Redundant slots are set for a size they divide (288 for 72, 12): those sizes are tried too.
    const slots = model.moe.experts + (c.redundantExperts ?? 0);
    if (domain <= 8 && slots > model.moe.experts) {
      for (let k = 2; k <= WIDE_EP_DOMAINS[WIDE_EP_DOMAINS.length - 1]!; k++) {
        if (slots % (k * domain) === 0) sizes.add(k * domain);
      }
    }
    // An EP size the scenario fixes is tried whatever the list holds.
    if (c.ep !== undefined && (c.attentionDp === undefined || c.attentionDp === c.ep) && c.tp === undefined)
      sizes.add(c.ep);
    for (const n of [...sizes].sort((a, b) => a - b)) {
      // An EP rank holds at least one routed expert: engines split the experts over the ranks.
      if (n > 1 && n <= model.moe.experts) out.push({ tp: 1, pp, ep: n, attentionDp: n });
    }
  }
  // EP over TP ranks (experts spread over the GPUs of a TP instance, no attention DP), as fixed.
  if (
    model.moe &&
    has('expertParallel') &&
    c.ep !== undefined &&
    c.ep > 1 &&
    c.tp !== undefined &&
    c.ep <= model.moe.experts &&
    (c.tp * (c.attentionDp ?? 1)) % c.ep === 0
  ) {
    out.push({ tp: c.tp, pp, ep: c.ep, attentionDp: c.attentionDp ?? 1 });
  }
  return out.filter(
    (l) =>
      (c.ep === undefined || l.ep === c.ep) &&
      (c.attentionDp === undefined || l.attentionDp === c.attentionDp) &&
      (c.tp === undefined || l.tp === c.tp),
  );
}
