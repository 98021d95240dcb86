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

/**
 * An input that is itself a figure of the plan or a field of a catalog entry, with its value: the chain
 * an explanation follows down to a datasheet. `ref` is `<group>.<figure>` for a plan figure (groups:
 * `training`, the run's figures; `site`, the site's) or `catalog:<catalog>/<id>#<field>` for a catalog
 * field (`peakFlopsPerS.fp8` for one format), whose field-level sources the catalog keeps.
 */
export interface FigureRef {
  readonly ref: string;
  readonly value: number | string;
}

export type FigureInput = number | string | boolean | FigureRef;

/** The figure groups a reference may name, and where each sits in a site plan. */
export const FIGURE_GROUPS = ['training', 'site'] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

/** An input taken from another figure of the plan. */
export function figureRef(group: FigureGroup, name: string, value: number): FigureRef {
  return { ref: `${group}.${name}`, value };
}

/** Catalogs a reference may point into. */
export type CatalogName = 'accelerators' | 'systems' | 'models';

/** An input read from a catalog field. */
export function catalogRef(
  catalog: CatalogName,
  id: string,
  field: string,
  value: number | string,
): FigureRef {
  return { ref: `catalog:${catalog}/${id}#${field}`, value };
}

export function isFigureRef(v: FigureInput): v is FigureRef {
  return typeof v === 'object' && v !== null && 'ref' in v;
}

/** An input's value, whether given directly or by reference. */
export function inputValue(v: FigureInput): number | string | boolean {
  return isFigureRef(v) ? v.value : v;
}

/** Where the true value of a figure lies for 80% of cases like it: from the model's held-out errors
 * on the public validation sets (uncertainty/bands.ts), not from doubts about the inputs. */
export interface FigureRange {
  readonly low: number;
  readonly high: number;
  /** The share of cases the range holds (0.8). */
  readonly level: number;
  /** What the range rests on, e.g. "training step time, leave-one-source-out errors of dense ·
   * hopper · 16-bit · pipelined (15 cases, 5 sources)". */
  readonly basis: string;
  readonly cases: number;
  readonly sources: number;
  /** The plan lies outside everything the validation covers: the range is the whole set's, and the
   * figure is less known than it looks. */
  readonly outsideValidated: boolean;
}

/** A number in a plan that can say how it was made. */
export interface Figure {
  readonly value: number;
  readonly unit: FigureUnit;
  /** The formula in words and symbols, e.g. "FLOPs per GPU / (peak × efficiency)". */
  readonly formula: string;
  /** The formula's inputs by name, with their values (SI) or ids; an input made elsewhere in the plan
   * or read from the catalog says where (FigureRef). */
  readonly inputs: Readonly<Record<string, FigureInput>>;
  /** Where constants used by the formula come from. */
  readonly sources: readonly Source[];
  /** True when the formula uses no constant of its own, only its inputs (other figures, scenario
   * fields): such a figure needs no source. Every other figure cites one. */
  readonly derived: boolean;
  /** Its 80% range, where the model that made it has been validated (absent elsewhere). */
  readonly range?: FigureRange;
}

export function figure(
  value: number,
  unit: FigureUnit,
  formula: string,
  inputs: Record<string, FigureInput> = {},
  sources: readonly Source[] = [],
): Figure {
  return { value, unit, formula, inputs, sources, derived: false };
}

/** A figure computed from its inputs alone (sums, ratios, unit conversions): it cites no source. */
export function derivedFigure(
  value: number,
  unit: FigureUnit,
  formula: string,
  inputs: Record<string, FigureInput> = {},
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

/** An input as the faces print it: numbers to a few significant digits, and where a referenced one
 * comes from. */
export function formatInput(v: FigureInput, digits = 4): string {
  const value = inputValue(v);
  const text = typeof value === 'number' ? String(Number(value.toPrecision(digits))) : String(value);
  return isFigureRef(v) ? `${text} (← ${v.ref})` : text;
}
