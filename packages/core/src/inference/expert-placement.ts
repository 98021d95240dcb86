// Where a MoE layer's routed experts sit on its expert-parallel ranks, whole experts each, and how much
// more than its share of the expert work the busiest rank gets. Routing is taken as uniform (each
// expert equally likely): the imbalance here is the placement's own, from experts that do not divide
// evenly over the ranks; the random spread of one step's tokens comes on top (expertImbalance).
import type { Source } from '../catalog/types.js';

export const EXPERT_PLACEMENT_SOURCES: readonly Source[] = [
  {
    title: 'vLLM, vllm/model_executor/layers/fused_moe/layer.py, determine_expert_map',
    note: 'experts split over the EP ranks in order, the remainder one each to the first ranks: the busiest rank holds ⌈experts ÷ EP⌉',
  },
  {
    title: 'DeepSeek EPLB (github.com/deepseek-ai/EPLB), README; DeepSeek-V3 Technical Report sec. 3.4',
    note: 'redundant experts: copies of experts packed onto the ranks so that their loads even out; a logical expert’s tokens split over its copies',
  },
  {
    title:
      'LMSYS blog, "Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs" (2025-05-05)',
    url: 'https://lmsys.org/blog/2025-05-05-large-scale-ep/',
    note: '256 experts with 32 redundant make 288 slots, which allow EP sizes such as 12 or 72',
  },
];

export interface ExpertPlacement {
  /** Expert slots on the rank holding the most: whole experts (copies included). */
  readonly slotsPerRank: number;
  /** The busiest rank's expected share of the expert work over the mean share (≥ 1). */
  readonly busiestLoad: number;
}

const memo = new Map<string, ExpertPlacement>();

/**
 * The placement of `experts` routed experts and `redundant` extra copies (an EP load balancer's slots)
 * on `ep` ranks. Without copies the experts go in order, ⌈experts ÷ EP⌉ on the first ranks. With
 * copies, every expert has ⌊slots ÷ experts⌋ or one more, a token goes to one copy of its expert (its
 * load split evenly over them), and the copies are packed heaviest first onto the least loaded rank
 * with a free slot, as the balancer packs them. Ranks hold ⌈slots ÷ EP⌉ or ⌊slots ÷ EP⌋ slots.
 */
export function expertPlacement(experts: number, redundant: number, ep: number): ExpertPlacement {
  if (ep <= 1 || experts <= 0) return { slotsPerRank: Math.max(0, experts), busiestLoad: 1 };
  if (redundant <= 0) {
    const most = Math.ceil(experts / ep);
    return { slotsPerRank: most, busiestLoad: (most * ep) / experts };
  }
  const key = `${experts}/${redundant}/${ep}`;
  const known = memo.get(key);
  if (known) return known;
  const slots = experts + redundant;
  const copiesBase = Math.floor(slots / experts);
  const withExtraCopy = slots % experts;
  // Copy loads, heaviest first: experts with the fewest copies carry the most per copy.
  const loads: number[] = [];
  for (let e = 0; e < experts; e++) {
    const copies = e < experts - withExtraCopy ? copiesBase : copiesBase + 1;
    for (let c = 0; c < copies; c++) loads.push(1 / (experts * copies));
  }
  const most = Math.ceil(slots / ep);
  const fuller = slots % ep === 0 ? ep : slots % ep;
  const capacity = Array.from({ length: ep }, (_, r) => (r < fuller ? most : most - 1));
  const rankLoad = new Array<number>(ep).fill(0);
  for (const load of loads) {
    let best = -1;
    for (let r = 0; r < ep; r++) {
      if (capacity[r]! > 0 && (best < 0 || rankLoad[r]! < rankLoad[best]!)) best = r;
    }
    rankLoad[best] = rankLoad[best]! + load;
    capacity[best] = capacity[best]! - 1;
  }
  const placement = { slotsPerRank: most, busiestLoad: Math.max(1, Math.max(...rankLoad) * ep) };
  memo.set(key, placement);
  return placement;
}
