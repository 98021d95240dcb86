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
}

export function figure(
  value: number,
  unit: FigureUnit,
  formula: string,
  inputs: Record<string, number | string | boolean> = {},
  sources: readonly Source[] = [],
): Figure {
  return { value, unit, formula, inputs, sources };
}
