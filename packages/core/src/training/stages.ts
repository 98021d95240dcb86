/** Layers of the first, a middle and the last pipeline stage. */
export interface StageLayers {
  first: number;
  middle: number;
  last: number;
}

/** Layers of the first and last pipeline stage. When the chunks do not divide the layers, the first
 * and last stages give up layers (they also hold the embedding and the loss), as Llama 3 did. */
export function stageLayers(layers: number, pp: number, vpp: number, out: StageLayers): StageLayers {
  if (pp === 1) {
    out.first = layers;
    out.middle = layers;
    out.last = layers;
    return out;
  }
  const chunks = pp * vpp;
  const perChunk = Math.ceil(layers / chunks);
  const deficit = perChunk * chunks - layers;
  const full = perChunk * vpp;
  if (deficit <= 2 * vpp && pp > 2) {
    out.first = full - Math.ceil(deficit / 2);
    out.middle = full;
    out.last = full - Math.floor(deficit / 2);
    return out;
  }
  const lower = Math.floor(layers / pp);
  out.first = lower;
  out.middle = lower + (layers - lower * pp > 0 ? 1 : 0);
  out.last = lower;
  return out;
}
