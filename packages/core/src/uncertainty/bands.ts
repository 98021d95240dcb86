import type { FigureRange } from '../explain/figure.js';

/**
 * How far to trust a model's figure: the spread of that model's leave-one-source-out errors on the
 * public validation sets, among the cases most like the one planned. A band is where the measured
 * value would fall for 80% of such cases: the model's error there, not a guess at the inputs.
 */

/** One held-out error: a validation case predicted by constants fitted without its source. */
export interface HeldOutError {
  readonly id: string;
  readonly source: string;
  /** (predicted − measured) ÷ measured, percent. */
  readonly errorPct: number;
  /** The case's class, one value per key of the set's class keys. */
  readonly cls: Readonly<Record<string, string>>;
}

/** A model's held-out errors and how its classes nest, shipped as data (uncertainty/data/). */
export interface HeldOutErrors {
  /** The figure the errors are errors of, e.g. "training step time". */
  readonly figure: string;
  /** The validation sets and the script that measured the errors. */
  readonly set: string;
  readonly script: string;
  /** Class keys from the most specific grouping to the least: a band is taken from the first level
   * whose group holds enough cases. The last level is usually [] (every case). */
  readonly levels: readonly (readonly string[])[];
  readonly cases: readonly HeldOutError[];
  /** Fewest sources a group needs (MIN_BAND_SOURCES unless the set has too few to leave one out). */
  readonly minSources?: number;
}

/** An 80% band as factors on the predicted value, and what it rests on. */
export interface ErrorBand {
  /** measured ≈ predicted × factor: the 10th and 90th percentiles of that factor. */
  readonly lowFactor: number;
  readonly highFactor: number;
  readonly level: number;
  /** The class the errors were taken from, e.g. "dense · hopper · 16-bit" or "all cases". */
  readonly classLabel: string;
  readonly cases: number;
  readonly sources: number;
  /** The case lies outside what the validation covers (a class value no case has): the band is the
   * whole set's and the figure should say so rather than look precise. */
  readonly outsideValidated: boolean;
}

/** The share of cases a band holds. */
export const BAND_LEVEL = 0.8;

/** Fewest cases, and distinct sources among them, a class needs to give its own band: ten cases put
 * one on each side of the 80% band's ends; three sources keep one or two publications from being the
 * band (with two, leave-one-source-out coverage of the public training set fell to 63%). */
export const MIN_BAND_CASES = 10;
export const MIN_BAND_SOURCES = 3;

/**
 * Quantile `q` of values weighted so that each source counts once: errors within one publication
 * move together (one stack, one cluster), and a team's own cluster is a new source, so the spread
 * between sources is what a plan must cover, not the many cases of one table. Weighted midpoints,
 * linear between them. `values` sorted ascending, `weights` beside them.
 */
function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let before = 0;
  let prevMid = Number.NaN;
  let prevValue = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const mid = (before + weights[i]! / 2) / total;
    before += weights[i]!;
    if (q <= mid) {
      if (i === 0) return values[0]!;
      return prevValue + ((values[i]! - prevValue) * (q - prevMid)) / (mid - prevMid);
    }
    prevMid = mid;
    prevValue = values[i]!;
  }
  return values[values.length - 1]!;
}

function label(keys: readonly string[], cls: Readonly<Record<string, string>>): string {
  return keys.length === 0 ? 'all cases' : keys.map((k) => cls[k]).join(' · ');
}

/**
 * The band for a figure of class `cls`: the errors of the most specific group (by the set's levels)
 * holding at least MIN_BAND_CASES cases from MIN_BAND_SOURCES sources, each source weighted once,
 * leaving out `excludeSource`
 * (a case's own, when the band is checked against it). Undefined when even every case is too few.
 */
export function errorBand(
  errors: HeldOutErrors,
  cls: Readonly<Record<string, string>>,
  excludeSource?: string,
): ErrorBand | undefined {
  const pool = errors.cases.filter((c) => c.source !== excludeSource);
  const keys = errors.levels[0] ?? [];
  const outsideValidated = keys.some((k) => !pool.some((c) => c.cls[k] === cls[k]));
  for (const level of outsideValidated ? [[] as readonly string[]] : errors.levels) {
    const group = pool.filter((c) => level.every((k) => c.cls[k] === cls[k]));
    const perSource = new Map<string, number>();
    for (const c of group) perSource.set(c.source, (perSource.get(c.source) ?? 0) + 1);
    if (group.length < MIN_BAND_CASES || perSource.size < (errors.minSources ?? MIN_BAND_SOURCES)) continue;
    const sorted = [...group].sort((a, b) => a.errorPct - b.errorPct);
    const e = sorted.map((c) => c.errorPct / 100);
    const w = sorted.map((c) => 1 / perSource.get(c.source)!);
    const tail = (1 - BAND_LEVEL) / 2;
    // measured = predicted ÷ (1 + error): the largest over-prediction gives the lowest measured.
    return {
      lowFactor: 1 / (1 + weightedQuantile(e, w, 1 - tail)),
      highFactor: 1 / (1 + weightedQuantile(e, w, tail)),
      level: BAND_LEVEL,
      classLabel: label(level, cls),
      cases: group.length,
      sources: perSource.size,
      outsideValidated,
    };
  }
  return undefined;
}

/** A figure's range from its model's band: `inverse` for figures that fall as the banded one rises
 * (throughput and MFU against step time). */
export function rangeOf(value: number, band: ErrorBand, figure: string, inverse = false): FigureRange {
  const low = inverse ? value / band.highFactor : value * band.lowFactor;
  const high = inverse ? value / band.lowFactor : value * band.highFactor;
  return {
    low,
    high,
    level: band.level,
    basis: `${figure}, leave-one-source-out errors of ${band.classLabel} (${band.cases} cases, ${band.sources} sources)${band.outsideValidated ? '; outside the validated range' : ''}`,
    cases: band.cases,
    sources: band.sources,
    outsideValidated: band.outsideValidated,
  };
}
