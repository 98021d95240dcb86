import { type Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Checked, type Diagnostic, type ReasonCode, refusal, refusalOf } from '../explain/refusal.js';
import { reservedKeyDiagnostics } from './reserved-keys.js';
import { type Scenario, scenarioSchema } from './schema.js';

/** A scenario text parsed, with what is needed to point at any of its fields. */
export interface SourceText {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** Where a field path points in the text: the value's node, else the deepest existing ancestor. */
export function locate(
  src: SourceText,
  path: readonly (string | number)[],
): { line: number; column: number } {
  let node: unknown = src.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key),
      );
      if (!pair) break;
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  const pos = src.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Where a key itself stands (for unknown keys), else where its map is. */
function locateKey(src: SourceText, path: readonly (string | number)[], key: string) {
  let node: unknown = src.doc.contents;
  for (const k of path) {
    if (isMap(node))
      node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k))?.value;
    else if (isSeq(node) && typeof k === 'number') node = node.items[k];
    else break;
  }
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const off = pair ? rangeStart(pair.key) : undefined;
    if (off !== undefined) {
      const pos = src.lines.linePos(off);
      return { line: pos.line, column: pos.col };
    }
  }
  return locate(src, path);
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** The reason code of one schema issue. */
function issueCode(issue: z.core.$ZodIssue, found: unknown): ReasonCode {
  if (found === undefined && issue.code !== 'custom') return 'missing-field';
  const codes: Partial<Record<z.core.$ZodIssue['code'], ReasonCode>> = {
    invalid_type: 'wrong-type',
    invalid_value: 'not-allowed',
    too_small: 'out-of-range',
    too_big: 'out-of-range',
    invalid_union: 'wrong-form',
    unrecognized_keys: 'unknown-field',
  };
  return codes[issue.code] ?? 'invalid-value';
}

/** Turns one schema issue into a sentence: what was found, what is expected. */
function issueMessage(issue: z.core.$ZodIssue, found: unknown): string {
  const f = describeFound(found);
  if (found === undefined && issue.code !== 'custom') {
    return `missing; this field is required${issue.code === 'invalid_type' ? ` (${issue.expected})` : ''}`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? `missing; expected ${issue.expected}`
        : `found ${f}, expected ${issue.expected}`;
    case 'invalid_value':
      return `found ${f}, expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return `found ${f}; ${issue.message.replace(/^Too (small|big): expected/, 'expected')}`;
    case 'invalid_union':
      return `found ${f}, which matches none of the accepted forms${unionHint(issue)}`;
    case 'custom':
      return `found ${f}, ${issue.message}`;
    default:
      return `found ${f}: ${issue.message}`;
  }
}

function unionHint(issue: z.core.$ZodIssueInvalidUnion): string {
  const inner = issue.errors.flat().find((e) => e.code === 'custom');
  return inner ? ` (${inner.message})` : '';
}

/** Zod reports a failed union as one issue; when one branch got further, report that branch's issues. */
function flattenIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const full = { ...issue, path: [...prefix, ...issue.path] } as z.core.$ZodIssue;
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Prefer the branch whose problems lie deepest (the user meant that form).
      const depth = (errs: readonly z.core.$ZodIssue[]) => Math.max(0, ...errs.map((e) => e.path.length));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      if (depth(best) > 0) {
        out.push(...flattenIssues(best, full.path));
        continue;
      }
    }
    out.push(full);
  }
  return out;
}

/** Parses YAML or JSON text (JSON is read as YAML 1.2) and checks it against the scenario schema. */
export function parseScenario(
  text: string,
  file: string,
): Checked<{ scenario: Scenario; source: SourceText }> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: SourceText = { file, doc, lines };
  if (doc.errors.length > 0) {
    const syntax = refusalOf('scenario', doc.errors, (e): Diagnostic => {
      const pos = lines.linePos(e.pos[0]);
      return {
        file,
        line: pos.line,
        column: pos.col,
        path: [],
        code: 'yaml-syntax',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      };
    });
    return { ok: false, refusal: syntax };
  }
  const reserved = reservedKeyDiagnostics(doc.contents, lines, file);
  if (reserved.length > 0) return { ok: false, refusal: refusal('scenario', reserved) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return {
      ok: false,
      refusal: refusal('scenario', [
        {
          file,
          line: 1,
          column: 1,
          path: [],
          code: 'unreadable',
          message: `cannot be read: ${(e as Error).message}`,
        },
      ]),
    };
  }
  const parsed = scenarioSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: { scenario: parsed.data, source } };
  const schemaRefusal = refusalOf('scenario', flattenIssues(parsed.error.issues), (issue): Diagnostic => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      const pos = locateKey(source, path, key);
      const plural = issue.keys.length > 1 ? 's' : '';
      return {
        file,
        ...pos,
        path: [...path, key],
        code: 'unknown-field',
        message: `unknown field${plural} ${issue.keys.map((k) => `'${k}'`).join(', ')}; check the spelling (aidc schema lists the fields)`,
      };
    }
    const found = valueAt(data, issue.path);
    return {
      file,
      ...locate(source, path),
      path,
      code: issueCode(issue, found),
      message: issueMessage(issue, found),
    };
  });
  return { ok: false, refusal: schemaRefusal };
}
