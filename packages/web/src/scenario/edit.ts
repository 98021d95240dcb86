import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

export type Path = readonly (string | number)[];

/** A scenario's fields as the form shows them: maps, lists and scalar leaves, in file order. */
export type FieldNode =
  | { readonly kind: 'map'; readonly path: Path; readonly entries: readonly [string, FieldNode][] }
  | { readonly kind: 'list'; readonly path: Path; readonly items: readonly FieldNode[] }
  | { readonly kind: 'leaf'; readonly path: Path; readonly value: string | number | boolean | null };

function toNode(node: unknown, path: Path): FieldNode {
  if (isMap(node)) {
    return {
      kind: 'map',
      path,
      entries: node.items.map((p) => {
        const key = String(isScalar(p.key) ? p.key.value : p.key);
        return [key, toNode(p.value, [...path, key])] as [string, FieldNode];
      }),
    };
  }
  if (isSeq(node)) return { kind: 'list', path, items: node.items.map((n, i) => toNode(n, [...path, i])) };
  const v = isScalar(node) ? node.value : null;
  return {
    kind: 'leaf',
    path,
    value:
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : v === null
          ? null
          : String(v),
  };
}

/** The form's view of the text; undefined when the text is not YAML at all. */
export function fieldsOf(text: string): FieldNode | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  return toNode(doc.contents, []);
}

/**
 * The text with one field changed, comments and layout kept: the form writes through the YAML, so
 * both views always show one scenario. A number is written as one only when it reads back exactly as
 * typed, so "2." or "0.0" stay text while being typed (and the validator says so) instead of
 * collapsing to 2 or 0 under the cursor. Anything else is text ("400 Gb/s", "15T").
 */
export function setField(text: string, path: Path, raw: string | boolean): string {
  const doc = parseDocument(text);
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  const value =
    typeof raw === 'string' &&
    trimmed !== '' &&
    Number.isFinite(Number(trimmed)) &&
    String(Number(trimmed)) === trimmed
      ? Number(trimmed)
      : raw;
  doc.setIn(path, value);
  return doc.toString();
}

export const pathKey = (p: Path): string => p.map(String).join('.');
