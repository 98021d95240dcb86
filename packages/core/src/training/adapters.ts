import type { ModelArchitecture } from '../catalog/types.js';
import { moeLayerCount } from '../transformer/params.js';
import type { LayerShapes } from '../transformer/shapes.js';
import type { AdapterTarget } from '../vocab/training.js';
import type { Adapters } from './job.js';

/** Parameters a fine-tuning method trains and keeps quantised, per layer kind and for the output head.
 * Full training trains everything (`all`); with adapters only the adapters are trained. */
export interface AdapterCounts {
  /** True when every parameter is trained (no adapters). */
  readonly all: boolean;
  readonly trainedPerDenseLayer: number;
  readonly trainedPerMoeLayer: number;
  readonly trainedHead: number;
  /** Base weights wrapped by adapters and kept in NF4 (QLoRA), per layer and for the head. */
  readonly quantisedPerDenseLayer: number;
  readonly quantisedPerMoeLayer: number;
  readonly quantisedHead: number;
}

const FULL: AdapterCounts = {
  all: true,
  trainedPerDenseLayer: 0,
  trainedPerMoeLayer: 0,
  trainedHead: 0,
  quantisedPerDenseLayer: 0,
  quantisedPerMoeLayer: 0,
  quantisedHead: 0,
};

/** A matrix of `inWidth × outWidth` with a rank-r adapter: A is r × in, B is out × r. */
const adapter = (r: number, inWidth: number, outWidth: number) => r * (inWidth + outWidth);

export function adapterCounts(
  m: ModelArchitecture,
  s: LayerShapes,
  a: Adapters | null | undefined,
): AdapterCounts {
  if (!a) return FULL;
  const has = (t: AdapterTarget) => a.targets.includes(t);
  const h = m.hidden;
  const r = a.rank;
  // Each wrapped matrix: its adapter's parameters and its own (quantised under QLoRA).
  const wrapped: [number, number][] = [];
  if (has('q')) wrapped.push([h, s.qWidth]);
  if (has('k')) wrapped.push([h, s.kWidth]);
  if (has('v')) wrapped.push([h, s.vWidth]);
  if (has('o')) wrapped.push([s.attnOutWidth, h]);
  const attnTrained = wrapped.reduce((n, [i, o]) => n + adapter(r, i, o), 0);
  const attnBase = wrapped.reduce((n, [i, o]) => n + i * o, 0);
  const ffn = (width: number, copies: number) =>
    has('mlp')
      ? { trained: copies * s.ffnMatrices * adapter(r, h, width), base: copies * s.ffnMatrices * h * width }
      : { trained: 0, base: 0 };
  const dense = ffn(m.ffnHidden, 1);
  const expert = m.moe ? ffn(m.moe.expertFfnHidden, m.moe.experts + m.moe.sharedExperts) : dense;
  const nf4 = a.base === 'nf4' ? 1 : 0;
  const head = has('output')
    ? { trained: adapter(r, h, m.vocab), base: h * m.vocab }
    : { trained: 0, base: 0 };
  return {
    all: false,
    trainedPerDenseLayer: attnTrained + dense.trained,
    trainedPerMoeLayer: moeLayerCount(m) > 0 ? attnTrained + expert.trained : 0,
    trainedHead: head.trained,
    quantisedPerDenseLayer: nf4 * (attnBase + dense.base),
    quantisedPerMoeLayer: moeLayerCount(m) > 0 ? nf4 * (attnBase + expert.base) : 0,
    quantisedHead: nf4 * head.base,
  };
}
