import type { ModelArchitecture } from '../catalog/types.js';
import type { LayerShapes } from './shapes.js';
import { sumParams } from './shapes.js';

/**
 * Forward FLOPs per token of the attention core (scores Q·Kᵀ and the weighted sum A·V) over a context
 * of `contextLen` tokens. With a causal mask a kernel that skips masked blocks (FlashAttention) does
 * half the work; an unfused kernel computes the full square and masks it.
 * Source: Narayanan et al. 2021 (SC21) eq. 3 counts 4·s·h per token and layer for the full square.
 */
export function attentionCoreFlopsPerToken(s: LayerShapes, contextLen: number, skipsMasked: boolean): number {
  const full = 2 * contextLen * s.heads * s.qkHeadDim + 2 * contextLen * s.heads * s.vHeadDim;
  return skipsMasked ? full / 2 : full;
}

/** Forward FLOPs per token of a layer's weight matmuls: 2 per parameter a token passes through. */
export function denseLayerMatmulFlopsPerToken(s: LayerShapes): number {
  return 2 * (s.attentionParams + sumParams(s.ffnGemmsDense));
}

/** MoE layer: attention, router, shared experts and the top-k routed experts a token visits. */
export function moeLayerMatmulFlopsPerToken(m: ModelArchitecture, s: LayerShapes): number {
  if (!m.moe) return denseLayerMatmulFlopsPerToken(s);
  const expert = sumParams(s.ffnGemmsExpert);
  return 2 * (s.attentionParams + sumParams(s.routerGemms) + (m.moe.topK + m.moe.sharedExperts) * expert);
}

/** Forward FLOPs per token of the output projection to the vocabulary. */
export function logitsFlopsPerToken(m: ModelArchitecture): number {
  return 2 * m.hidden * m.vocab;
}
