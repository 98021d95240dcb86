import type { ModelArchitecture } from '../catalog/types.js';
import { type LayerShapes, layerShapes, sumParams } from './shapes.js';

/** Parameter counts of a model, by part. */
export interface ParamCounts {
  readonly total: number;
  /** Parameters a token passes through (MoE: routed top-k plus shared experts), excluding embeddings. */
  readonly activeNonEmbedding: number;
  readonly embedding: number;
  /** The output projection to the vocabulary (0 when tied to the embedding). */
  readonly lmHead: number;
  readonly denseLayers: number;
  readonly moeLayers: number;
  /** One layer's attention projections plus its norms. */
  readonly attentionPerLayer: number;
  readonly denseFfnPerLayer: number;
  /** One MoE layer's routed experts, all of them. */
  readonly routedExpertsPerLayer: number;
  /** One MoE layer's shared experts plus its router. */
  readonly sharedAndRouterPerLayer: number;
  /** Parameters of one layer of each kind, excluding routed experts. */
  readonly nonExpertPerDenseLayer: number;
  readonly nonExpertPerMoeLayer: number;
}

export function moeLayerCount(m: ModelArchitecture): number {
  if (!m.moe) return 0;
  return Math.floor((m.layers - m.moe.denseLayers) / m.moe.layerInterval);
}

export function paramCounts(m: ModelArchitecture, shapes: LayerShapes = layerShapes(m)): ParamCounts {
  const h = m.hidden;
  const norms = 2 * h;
  const attentionPerLayer = shapes.attentionParams + norms;
  const denseFfnPerLayer = sumParams(shapes.ffnGemmsDense);
  const expertParams = sumParams(shapes.ffnGemmsExpert);
  const moeLayers = moeLayerCount(m);
  const denseLayers = m.layers - moeLayers;
  const routedExpertsPerLayer = m.moe ? m.moe.experts * expertParams : 0;
  const sharedAndRouterPerLayer = m.moe
    ? m.moe.sharedExperts * expertParams + sumParams(shapes.routerGemms)
    : 0;
  const embedding = m.vocab * h;
  const lmHead = m.tiedEmbeddings ? 0 : m.vocab * h;
  const nonExpertPerDenseLayer = attentionPerLayer + denseFfnPerLayer;
  const nonExpertPerMoeLayer = attentionPerLayer + sharedAndRouterPerLayer;
  const activeExperts = m.moe ? m.moe.topK * expertParams : 0;
  const total =
    embedding +
    lmHead +
    h +
    denseLayers * nonExpertPerDenseLayer +
    moeLayers * (nonExpertPerMoeLayer + routedExpertsPerLayer);
  const activeNonEmbedding =
    h + denseLayers * nonExpertPerDenseLayer + moeLayers * (nonExpertPerMoeLayer + activeExperts);
  return {
    total,
    activeNonEmbedding,
    embedding,
    lmHead,
    denseLayers,
    moeLayers,
    attentionPerLayer,
    denseFfnPerLayer,
    routedExpertsPerLayer,
    sharedAndRouterPerLayer,
    nonExpertPerDenseLayer,
    nonExpertPerMoeLayer,
  };
}
