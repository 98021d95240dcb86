import type { FieldSources, Source } from './types.js';

/** A catalog entry whose fields may each name their documents. */
export interface FieldSourced {
  readonly sources: readonly Source[];
  readonly fieldSources?: FieldSources<string>;
}

/** The fields an entry's `fieldSources` may name. */
export type FieldOf<E extends FieldSourced> = keyof NonNullable<E['fieldSources']> & string;

/** The indices into `entry.sources` that `field` was taken from, or undefined when the entry does not
 * say (then the whole list stands for it). `field.part` falls back to `field`. */
function indicesOf(entry: FieldSourced, field: string): readonly number[] | undefined {
  const map = entry.fieldSources;
  if (!map) return undefined;
  return map[field] ?? map[field.split('.')[0]!];
}

/**
 * The documents an entry's fields come from, for a figure that uses those fields: each field's own
 * documents, or all of the entry's where the entry does not say. Always a subset of `entry.sources`,
 * in its order, each document once.
 */
export function fieldSources<E extends FieldSourced>(
  entry: E,
  field: FieldOf<E>,
  ...more: FieldOf<E>[]
): Source[] {
  const cited = new Set<number>();
  for (const f of [field, ...more]) {
    const own = indicesOf(entry, f);
    if (!own) return [...entry.sources];
    for (const i of own) cited.add(i);
  }
  return entry.sources.filter((_, i) => cited.has(i));
}
