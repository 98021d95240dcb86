import type { Source } from '../catalog/types.js';

/** Units a figure can carry; closed so faces know how to render each. */
export type FigureUnit =
  | 's'
  | 'B'
  | 'B/s'
  | 'FLOP'
  | 'FLOP/s'
  | 'tokens/s'
  | 'GPU·h'
  | 'fraction'
  | 'count'
  | 'params'
  | 'W'
  | 'J'
  | 'USD'
  | 'USD/GPU·h'
  | 'kgCO2e';

/** A number in a plan that can say how it was made. */
export interface Figure {
  readonly value: number;
  readonly unit: FigureUnit;
  /** The formula in words and symbols, e.g. "FLOPs per GPU / (peak × efficiency)". */
  readonly formula: string;
  /** The formula's inputs by name, with their values (SI) or ids. */
  readonly inputs: Readonly<Record<string, number | string | boolean>>;
  /** Where constants used by the formula come from. */
  readonly sources: readonly Source[];
  /** True when the formula uses no constant of its own, only its inputs (other figures, scenario
   * fields): such a figure needs no source. Every other figure cites one. */
  readonly derived: boolean;
}

export function figure(
  value: number,
  unit: FigureUnit,
  formula: string,
  inputs: Record<string, number | string | boolean> = {},
  sources: readonly Source[] = [],
): Figure {
  return { value, unit, formula, inputs, sources, derived: false };
}

/** A figure computed from its inputs alone (sums, ratios, unit conversions): it cites no source. */
export function derivedFigure(
  value: number,
  unit: FigureUnit,
  formula: string,
  inputs: Record<string, number | string | boolean> = {},
): Figure {
  return { value, unit, formula, inputs, sources: [], derived: true };
}

/** Sources cited once each, in first-seen order (many parts of a figure share one document). */
export function uniqueSources(sources: readonly Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((x) => {
    const key = `${x.title}|${x.url ?? ''}|${x.note ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a face says of a figure that cites nothing. */
export const DERIVED_NOTE = 'derived: computed from its inputs alone, no constant of its own';
