import type { Refusal } from '@aidc/core';

/** The code core gives a text that is not YAML. */
const SYNTAX = 'yaml-syntax';

/**
 * A refusal as the page lists it: when the text is not YAML, the first syntax error alone, since the
 * parser's later ones mostly follow from it (one missing bracket gives a dozen); `hidden` counts them.
 */
export function firstSyntaxError(r: Refusal): { readonly refusal: Refusal; readonly hidden: number } {
  const syntax = r.diagnostics.filter((d) => d.code === SYNTAX);
  if (syntax.length === 0) return { refusal: r, hidden: 0 };
  const first = syntax.reduce((a, b) =>
    b.line < a.line || (b.line === a.line && b.column < a.column) ? b : a,
  );
  return { refusal: { ...r, diagnostics: [first] }, hidden: r.diagnostics.length - 1 };
}
