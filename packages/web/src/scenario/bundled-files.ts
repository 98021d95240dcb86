import type { Refusal } from '@aidc/core';

// The files the bundled examples name (a request trace, a Hugging Face config, a calibration), bundled at build time
// so those examples plan in the page as they do in the CLI. The page has no other files to read.
const files = import.meta.glob(
  [
    '../../../../examples/traces/*',
    '../../../../examples/hf/*',
    '../../../../examples/calibration/*.calib.json',
  ],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
) as Record<string, string>;

/** Each file by its path from the examples' folder, as a scenario there names it: `traces/x.csv`. */
const BY_PATH = new Map(Object.entries(files).map(([p, text]) => [p.replace(/^.*\/examples\//, ''), text]));

/** The files the page holds, as a scenario names them. */
export const BUNDLED_FILES: readonly string[] = [...BY_PATH.keys()].sort().map((p) => `./${p}`);

/**
 * The page's file reader for the engine: a path relative to the scenario, read as if the scenario sat
 * with the bundled examples. Anything else (another file, a path that climbs out) is not there.
 */
export function readBundled(rel: string): string | undefined {
  return readerWith(undefined)(rel);
}

/** The same reader, with the files the user added to the page beside the bundled ones (by name). */
export function readerWith(
  added: Readonly<Record<string, string>> | undefined,
): (rel: string) => string | undefined {
  return (rel) => {
    const parts = rel.split('/').filter((s) => s !== '' && s !== '.');
    if (rel.startsWith('/') || parts.includes('..')) return undefined;
    const key = parts.join('/');
    return (added && Object.hasOwn(added, key) ? added[key] : undefined) ?? BY_PATH.get(key);
  };
}

const UNREADABLE = /^cannot read '(.*)': /;

type Diagnostic = Refusal['diagnostics'][number];

/** A diagnostic in the page's words: a file it cannot read is one it does not hold, and the CLI can. */
function inPageWords(d: Diagnostic): Diagnostic {
  const named = d.code === 'unreadable-file' ? UNREADABLE.exec(d.message)?.[1] : undefined;
  if (named === undefined) return d;
  return {
    ...d,
    message: `cannot read '${named}': the page reads only the files bundled with its examples (${BUNDLED_FILES.join(', ')}) and the files you add (Add a file); add it, or plan with the CLI`,
  };
}

/** A refusal as the page gives it (see inPageWords). */
export function pageRefusal(r: Refusal): Refusal {
  const [first, ...rest] = r.diagnostics;
  return { ...r, diagnostics: [inPageWords(first), ...rest.map(inPageWords)] };
}
