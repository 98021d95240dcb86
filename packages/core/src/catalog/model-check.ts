import type { ModelArchitecture } from './types.js';

/**
 * Model dimensions that fit together: one check for every way a model arrives (a scenario's inline
 * dimensions, the catalog, a Hugging Face config.json), so that no impossible model reaches the
 * arithmetic (a MoE with more dense layers than layers has negative parameters; a head dimension of
 * 0 or a head count of 1e308 turns every figure into NaN).
 */

/** Largest value of each dimension: far beyond any published model (the largest have ~200 layers,
 * hidden 2e4, FFN 1e5, 256 experts, a 2.6e5 vocabulary), small enough that every product of
 * dimensions the planner forms stays finite. The scenario schema uses the same bounds. */
export const MODEL_LIMITS = {
  layers: 10_000,
  hidden: 1_000_000,
  ffnHidden: 10_000_000,
  heads: 100_000,
  headDim: 100_000,
  vocab: 100_000_000,
  experts: 100_000,
  topK: 1_000,
  sharedExperts: 1_000,
  layerInterval: 1_000,
  loraRank: 1_000_000,
} as const;

/** One dimension that does not fit: the model field at fault (a dotted path such as
 * 'moe.denseLayers'), whether it is out of its own range or at odds with another, and the words. */
export interface ModelProblem {
  readonly field: string;
  readonly code: 'out-of-range' | 'inconsistent-model';
  readonly message: string;
}

export interface ModelCheckOptions {
  /** True when headDim was not given but derived as hidden ÷ heads: a fraction then means "give headDim". */
  readonly headDimDerived?: boolean;
}

const show = (v: number): string => (Math.abs(v) < 1e15 ? v.toLocaleString('en-US') : String(v));

/** The problems of a model's dimensions, empty when they fit together. */
export function modelProblems(m: ModelArchitecture, options: ModelCheckOptions = {}): ModelProblem[] {
  const problems: ModelProblem[] = [];
  /** A whole number in [lo, hi]: false (and a problem recorded) otherwise. */
  const whole = (field: string, v: number, lo: number, hi: number): boolean => {
    if (Number.isInteger(v) && v >= lo && v <= hi) return true;
    problems.push({
      field,
      code: 'out-of-range',
      message: `found ${show(v)}, expected a whole number from ${show(lo)} to ${show(hi)}`,
    });
    return false;
  };
  const mismatch = (field: string, message: string) =>
    problems.push({ field, code: 'inconsistent-model', message });

  const layersOk = whole('layers', m.layers, 1, MODEL_LIMITS.layers);
  const hiddenOk = whole('hidden', m.hidden, 1, MODEL_LIMITS.hidden);
  whole('ffnHidden', m.ffnHidden, 1, MODEL_LIMITS.ffnHidden);
  const headsOk = whole('heads', m.heads, 1, MODEL_LIMITS.heads);
  whole('vocab', m.vocab, 1, MODEL_LIMITS.vocab);
  const a = m.attention;
  if (a.kind === 'mla') {
    whole('attention.qLoraRank', a.qLoraRank, 0, MODEL_LIMITS.loraRank);
    whole('attention.kvLoraRank', a.kvLoraRank, 1, MODEL_LIMITS.loraRank);
    const nope = whole('attention.qkNopeHeadDim', a.qkNopeHeadDim, 0, MODEL_LIMITS.headDim);
    const rope = whole('attention.qkRopeHeadDim', a.qkRopeHeadDim, 0, MODEL_LIMITS.headDim);
    if (nope && rope && a.qkNopeHeadDim + a.qkRopeHeadDim === 0)
      mismatch(
        'attention.qkRopeHeadDim',
        'queries and keys need a head dimension: qkNopeHeadDim + qkRopeHeadDim is 0',
      );
    whole('attention.vHeadDim', a.vHeadDim, 1, MODEL_LIMITS.headDim);
  } else {
    // Head dimension and key/value heads follow from the heads: checked only when those are sound.
    if (options.headDimDerived) {
      if (hiddenOk && headsOk && m.hidden % m.heads !== 0)
        mismatch(
          'headDim',
          `hidden ${show(m.hidden)} is not divisible by heads ${show(m.heads)}; give headDim`,
        );
    } else whole('headDim', m.headDim, 1, MODEL_LIMITS.headDim);
    // Grouped-query attention: each key/value head serves a whole group of query heads.
    if (headsOk && whole('kvHeads', m.kvHeads, 1, MODEL_LIMITS.heads) && m.heads % m.kvHeads !== 0) {
      mismatch(
        'kvHeads',
        `kvHeads ${show(m.kvHeads)} does not divide heads ${show(m.heads)}: each key/value head serves a whole group of query heads`,
      );
    }
  }
  const moe = m.moe;
  if (moe) {
    const expertsOk = whole('moe.experts', moe.experts, 1, MODEL_LIMITS.experts);
    if (whole('moe.topK', moe.topK, 1, MODEL_LIMITS.topK) && expertsOk && moe.topK > moe.experts) {
      mismatch('moe.topK', `topK ${show(moe.topK)} is more than the ${show(moe.experts)} experts`);
    }
    whole('moe.sharedExperts', moe.sharedExperts, 0, MODEL_LIMITS.sharedExperts);
    whole('moe.expertFfnHidden', moe.expertFfnHidden, 1, MODEL_LIMITS.ffnHidden);
    whole('moe.layerInterval', moe.layerInterval, 1, MODEL_LIMITS.layerInterval);
    if (whole('moe.denseLayers', moe.denseLayers, 0, MODEL_LIMITS.layers) && layersOk) {
      if (moe.denseLayers > m.layers) {
        mismatch(
          'moe.denseLayers',
          `denseLayers ${show(moe.denseLayers)} is more than the model's ${show(m.layers)} layers`,
        );
      }
    }
  }
  if (m.mtpModules !== undefined) whole('mtpModules', m.mtpModules, 1, MODEL_LIMITS.layers);
  const local = m.localAttention;
  if (local) {
    whole('localAttention.window', local.window, 1, Number.MAX_SAFE_INTEGER);
    if (whole('localAttention.outOf', local.outOf, 1, MODEL_LIMITS.layers)) {
      whole('localAttention.layers', local.layers, 0, local.outOf);
    }
  }
  return problems;
}
