import type { InferenceConstants } from '../inference/constants.js';
import { errorBand, rangeOf } from '../uncertainty/bands.js';
import { servingErrorClass } from '../uncertainty/classes.js';
import { SERVING_THROUGHPUT_ERRORS } from '../uncertainty/data/serving-throughput.js';
import type { ScoredCase } from './datacenter-sets.js';
import { intervalCoverage, mape, worstCase } from './error.js';
import { figureErrors, flatFigures } from './figure-errors.js';
import { type BreakdownRow, inferenceBreakdown } from './inference-breakdown.js';
import { caseSetup } from './inference-case.js';
import { predictCase } from './inference-run.js';
import { INFERENCE_SET_FORMAT, type InferenceCase } from './inference-schema.js';
import { type MatchedLoad, matchedLoad, offlineSiblingId } from './matched-load.js';

export { INFERENCE_SET_FORMAT, type InferenceCase, inferenceSetSchema } from './inference-schema.js';

/** The headline figure of a case: its throughput, output or (prefill-only) input. */
export const HEADLINE_FIGURES = ['outputTokensPerSPerGpu', 'inputTokensPerSPerGpu'] as const;

export interface InferenceScore {
  readonly format: string;
  /** MAPE per measured figure, latency percentiles by dotted name (`ttftMs.p99`), over scored cases. */
  readonly mapeByFigure: Readonly<Record<string, number>>;
  /** MAPE of the headline throughput. */
  readonly mape: number;
  readonly worst: { readonly id: string; readonly errorPct: number } | null;
  readonly cases: readonly ScoredCase[];
  /** Cases not scored, with why. */
  readonly unscored: readonly { readonly id: string; readonly why: string }[];
  /** MAPE by figure per model family, layout kind, accelerator and source. */
  readonly breakdown: readonly BreakdownRow[];
  /** Server runs' latencies simulated at the measured share of their system's Offline throughput
   * (see matched-load.ts): MAPE by figure, over the cases in `matchedLoad`. */
  readonly mapeAtMatchedLoad: Readonly<Record<string, number>>;
  readonly matchedLoad: readonly (MatchedLoad & { readonly id: string })[];
  /** Of the cases with an interval on their headline throughput, how many measured inside it. */
  readonly coverage: { readonly inside: number; readonly of: number; readonly level: number };
}

export function scoreInferenceSet(
  cases: readonly InferenceCase[],
  constants?: InferenceConstants,
): InferenceScore {
  const unscored: { id: string; why: string }[] = [];
  const setups = cases.map(caseSetup);
  const scored = cases.map((c, i): ScoredCase => {
    const base = { id: c.id, source: c.sourceGroup ?? c.source, measured: c.measured };
    const setup = setups[i]!;
    if (!setup.ok) {
      unscored.push({ id: c.id, why: setup.why });
      return { ...base, predicted: {}, errorPct: null, error: setup.why };
    }
    const predicted = predictCase(c, setup.setup, constants);
    const scoredCase: ScoredCase = { ...base, predicted, errorPct: null };
    const errors = figureErrors(scoredCase);
    const headline = HEADLINE_FIGURES.find((f) => errors[f] !== undefined);
    const errorClass = servingErrorClass({
      moe: setup.setup.model.moe !== null,
      architecture: setup.setup.accelerator.architecture,
      weights: setup.setup.deployment.weights,
    });
    const band = headline ? errorBand(SERVING_THROUGHPUT_ERRORS, errorClass, base.source) : undefined;
    const value = headline ? flatFigures(predicted)[headline] : undefined;
    return {
      ...scoredCase,
      errorPct: headline ? errors[headline]! : null,
      errorClass,
      ...(band && headline && value !== undefined
        ? {
            interval: { [headline]: [value * band.lowFactor, value * band.highFactor] as const },
            intervalBasis: rangeOf(value, band, SERVING_THROUGHPUT_ERRORS.figure).basis,
          }
        : {}),
      ...(setup.setup.assumed.length > 0 ? { assumed: setup.setup.assumed } : {}),
    };
  });
  const mapeByFigure = mapeOfFigures(scored);
  const byId = new Map(scored.map((c) => [c.id, c]));
  const matched: (MatchedLoad & { id: string })[] = [];
  cases.forEach((c, i) => {
    const setup = setups[i]!;
    const sibling = offlineSiblingId(c.id);
    const offline = sibling === null ? undefined : byId.get(sibling);
    if (!setup.ok || !offline || offline.errorPct === null) return;
    const m = matchedLoad(c, setup.setup, offline, constants);
    if (m) matched.push({ id: c.id, ...m });
  });
  const mapeAtMatchedLoad = mapeOfFigures(
    matched.map((m) => ({ ...byId.get(m.id)!, predicted: m.predicted })),
  );
  const finite = scored.flatMap((c) => (c.errorPct === null ? [] : [{ id: c.id, errorPct: c.errorPct }]));
  const worst: InferenceScore['worst'] = worstCase(finite);
  return {
    format: INFERENCE_SET_FORMAT,
    mapeByFigure,
    mape: mape(finite.map((c) => c.errorPct)),
    worst,
    cases: scored,
    unscored,
    breakdown: inferenceBreakdown(cases, scored),
    mapeAtMatchedLoad,
    matchedLoad: matched,
    coverage: intervalCoverage(
      scored.map((c) => {
        const [name, range] = Object.entries(c.interval ?? {})[0] ?? [];
        return [name ? (flatFigures(c.measured)[name] ?? Number.NaN) : Number.NaN, range];
      }),
    ),
  };
}

/** MAPE per measured figure over cases, by dotted name. */
function mapeOfFigures(scored: readonly ScoredCase[]): Record<string, number> {
  const byFigure: Record<string, number[]> = {};
  for (const c of scored) {
    for (const [key, e] of Object.entries(figureErrors(c))) {
      byFigure[key] = [...(byFigure[key] ?? []), e];
    }
  }
  const out: Record<string, number> = {};
  for (const [key, errs] of Object.entries(byFigure)) out[key] = mape(errs);
  return out;
}
