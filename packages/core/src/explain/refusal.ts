// One vocabulary of outcomes: what aidc refuses, where, and why, as the same object in core, the CLI,
// the API and the page. Each reason has a stable code (for programs) and words (for people).

/** Why something was refused. Closed: a face may branch on the code; the words may change. */
export const REASON_CODES = {
  'yaml-syntax': 'the text is not valid YAML or JSON',
  unreadable: 'the text parses but cannot be read (too many aliases, too deep)',
  'missing-field': 'a required field is absent',
  'wrong-type': 'a field holds the wrong kind of value',
  'not-allowed': "a value outside the field's closed list",
  'out-of-range': "a number outside the field's range",
  'wrong-form': "a value that matches none of the field's accepted forms",
  'invalid-value': "a value the field's check refuses (a unit, a quantity, a whole number)",
  'unknown-field': 'a field the schema does not have',
  'reserved-key': 'a key such as __proto__ that names JavaScript object machinery',
  'unknown-id': 'a catalog id that does not exist',
  'unreadable-file': 'a file the scenario refers to cannot be read',
  'invalid-file': 'a file the scenario refers to is not what the field expects',
  'conflicting-fields': 'two fields that contradict each other',
  'inconsistent-model': 'model dimensions that do not fit together',
  'unsupported-format': 'a number format the accelerator lacks',
  'unsupported-feature': 'a layout or feature the serving engine or training stack does not offer',
  'no-recipe': 'the training stack publishes no recipe for the model (parallelism: recipe)',
  'layout-misfit': 'a parallel layout that cannot run on the GPUs it is given',
  'cluster-too-small': 'the workloads need more GPUs than the cluster has',
  'nothing-to-plan': 'the scenario has no workload to plan',
  'no-valid-layout': 'no parallel layout can run the job on this cluster and batch',
  'out-of-memory': 'no layout that can run fits in memory',
  'fabric-too-large': 'the fabric cannot connect that many endpoints',
  'serving-infeasible': 'no serving layout meets the objectives',
  'privacy-unreachable': 'the privacy target cannot be met, or the accountant cannot compute it',
  'federated-infeasible': 'federated training cannot run as given',
  'physically-impossible':
    'the plan would break a physical limit (a negative time, MFU above 100%): refused rather than shown',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;

/** One reason for a refusal, located: file:line:column (line 0 when there is no text to point at),
 * the field path, a code, and what was found and what is expected. */
export interface Diagnostic {
  readonly file: string;
  /** 1-based; 0 when the input has no lines to point at. */
  readonly line: number;
  readonly column: number;
  /** Field path, e.g. ["workloads", 0, "train", "tokens"]. */
  readonly path: readonly (string | number)[];
  readonly code: ReasonCode;
  readonly message: string;
}

/** What a refusal is about: the scenario does not check (`scenario`), or it checks but cannot be
 * planned (`plan`). */
export type RefusalSubject = 'scenario' | 'plan';

/**
 * The most reasons a refusal lists; the rest are only counted. Past a screenful the same few mistakes
 * repeat, and listing them all is an amplifier: 476 KB of `- {train: {}}` made 136,000 located
 * reasons, 21 MB of JSON, sent twice in each API answer (issue #11, item 4).
 */
export const MAX_DIAGNOSTICS = 100;

/** Something aidc will not do: what, and at least one located reason. */
export interface Refusal {
  readonly kind: 'refusal';
  readonly what: RefusalSubject;
  /** The first MAX_DIAGNOSTICS reasons, in the order of the text. */
  readonly diagnostics: readonly [Diagnostic, ...Diagnostic[]];
  /** How many more reasons there were beyond those listed; absent when none were left out. */
  readonly omitted?: number;
}

/** A result that is either a value or a refusal. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly refusal: Refusal };

/** A reason not yet placed in a file: a planner or resolver knows the field path, the loader the text. */
export interface Unlocated {
  readonly path: readonly (string | number)[];
  readonly code: ReasonCode;
  readonly message: string;
}

/** A refusal listing at most MAX_DIAGNOSTICS of `diagnostics`; `omitted` more were found but never built. */
export function refusal(what: RefusalSubject, diagnostics: readonly Diagnostic[], omitted = 0): Refusal {
  if (diagnostics.length === 0) throw new Error('a refusal needs at least one reason');
  const kept = diagnostics.slice(0, MAX_DIAGNOSTICS) as [Diagnostic, ...Diagnostic[]];
  const more = omitted + diagnostics.length - kept.length;
  return { kind: 'refusal', what, diagnostics: kept, ...(more > 0 ? { omitted: more } : {}) };
}

/** The refusal of `problems`, turning only the ones it lists into located reasons: locating costs a walk
 * of the document each, and a hostile text can hold a hundred thousand problems. */
export function refusalOf<T>(
  what: RefusalSubject,
  problems: readonly T[],
  toDiagnostic: (problem: T) => Diagnostic,
): Refusal {
  const listed = problems.slice(0, MAX_DIAGNOSTICS).map(toDiagnostic);
  return refusal(what, listed, problems.length - listed.length);
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return `${where}: ${formatPath(d.path)}: ${d.message}`;
}

/** A refusal as every face prints it: one located line per reason, then how many were left out. */
export function formatRefusal(r: Refusal): string {
  const lines = r.diagnostics.map(formatDiagnostic);
  if (r.omitted) lines.push(`… and ${r.omitted.toLocaleString('en-US')} more problems`);
  return lines.join('\n');
}

/** A model or planner's "no": a code and the words, not yet tied to a field. */
export interface Failure {
  readonly ok: false;
  readonly code: ReasonCode;
  readonly message: string;
}

/** A planner's "no" tied to the field at fault. */
export type FieldFailure = Failure & { readonly path: readonly (string | number)[] };
