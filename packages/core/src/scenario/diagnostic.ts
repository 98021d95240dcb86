/** A problem with a user's input, located: file:line:column, the field path, what was found, what was expected. */
export interface Diagnostic {
  readonly file: string;
  /** 1-based; 0 when the input has no lines to point at. */
  readonly line: number;
  readonly column: number;
  /** Field path, e.g. ["workloads", 0, "train", "tokens"]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return `${where}: ${formatPath(d.path)}: ${d.message}`;
}

/** A result that is either a value or at least one located problem. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly diagnostics: readonly [Diagnostic, ...Diagnostic[]] };
