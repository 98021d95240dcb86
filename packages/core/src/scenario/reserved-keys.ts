import { isMap, isPair, isScalar, isSeq, type LineCounter } from 'yaml';
import type { Diagnostic } from '../explain/refusal.js';

/**
 * Keys that name a JavaScript object's own machinery. Read into a plain object, `__proto__`
 * replaces the object's prototype instead of becoming a key, so the entry would vanish without a
 * word (a price override silently ignored); no field or catalog id of aidc has such a name.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__']);

/** Every reserved key in the parsed document, located at the key itself. */
export function reservedKeyDiagnostics(root: unknown, lines: LineCounter, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (RESERVED_KEYS.has(key)) {
          const pos = lines.linePos(pair.key.range?.[0] ?? 0);
          found.push({
            file,
            line: pos.line,
            column: pos.col,
            path: [...path, key],
            code: 'reserved-key',
            message: `'${key}' cannot be a key: it names JavaScript's object prototype, and no field or catalog id of aidc is called that`,
          });
        } else walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) walk(item, [...path, i]);
    }
  };
  walk(root, []);
  return found;
}
