import type { z } from 'zod';
import { describeKind, type QuantityKind, SI_SYMBOLS } from '../units/quantity.js';
import { SECONDS_PER_DAY, SECONDS_PER_YEAR } from '../units/time.js';
import type { QuantityField } from './quantity-fields.js';

/** Words for the leaf types of the schema, as the field reference prints them (Markdown). */

export const code = (v: unknown): string => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

const number = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 20 });

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
}

/** zod 4 keeps each check's parameters in its def; ranges and lengths are read from there. */
function checks(schema: z.ZodType): CheckDef[] {
  const list = (schema.def as { checks?: readonly { _zod: { def: CheckDef } }[] }).checks ?? [];
  return list.map((c) => c._zod.def);
}

export function numberText(schema: z.ZodType): string {
  const cs = checks(schema);
  const whole = cs.some(
    (c) => c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32'),
  );
  const low = cs.find((c) => c.check === 'greater_than');
  const high = cs.find((c) => c.check === 'less_than');
  const bound = (c: CheckDef | undefined, inclusive: string, exclusive: string) =>
    c?.value === undefined ? undefined : `${c.inclusive ? inclusive : exclusive} ${number(c.value)}`;
  const range =
    low?.inclusive && high?.inclusive && low.value !== undefined && high.value !== undefined
      ? `${number(low.value)} to ${number(high.value)}`
      : [bound(low, '≥', '>'), bound(high, '≤', '<')].filter((b) => b !== undefined).join(', ');
  return `${whole ? 'integer' : 'number'}${range ? `, ${range}` : ''}`;
}

export function stringText(schema: z.ZodType): string {
  const min = checks(schema).find((c) => c.check === 'min_length')?.minimum;
  return min === 1 ? 'string, not empty' : 'string';
}

/** How many items a list takes, from its length checks; empty when any number will do. */
export function lengthText(schema: z.ZodType): string {
  const cs = checks(schema);
  const exact = cs.find((c) => c.check === 'length_equals')?.length;
  if (exact !== undefined) return `exactly ${number(exact)}`;
  const min = cs.find((c) => c.check === 'min_length')?.minimum;
  const max = cs.find((c) => c.check === 'max_length')?.maximum;
  return [
    min === undefined ? '' : `at least ${number(min)}`,
    max === undefined ? '' : `at most ${number(max)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Messages of the schema's own cross-field checks (refinements), e.g. "expected exactly one of …". */
export function refinementMessages(schema: z.ZodType): string[] {
  const list = (schema.def as { checks?: readonly { _zod: { def: { check: string; error?: unknown } } }[] })
    .checks;
  return (list ?? [])
    .map((c) => c._zod.def)
    .filter((d) => d.check === 'custom' && typeof d.error === 'function')
    .map((d) => (d.error as () => unknown)())
    .filter((m): m is string => typeof m === 'string');
}

export function quantityText(field: QuantityField): string {
  const kind = describeKind(field.kind);
  const article = /^an? /.exec(field.accepts)?.[0] ?? '';
  // "a bandwidth from …" under the kind "bandwidth" reads better as "bandwidth from …".
  const accepts = field.accepts.startsWith(`${article}${kind} `)
    ? `${kind}${field.accepts.slice(article.length + kind.length)}`
    : `${kind}: ${field.accepts}`;
  return field.auto ? `${accepts}; or ${code('auto')}` : accepts;
}

/** A quantity default as people would write it: whole years or days of a duration, else the SI value. */
export function quantityValueText(kind: QuantityKind, si: number): string {
  if (kind === 'seconds' && si > 0) {
    if (Number.isInteger(si / SECONDS_PER_YEAR)) return `${number(si / SECONDS_PER_YEAR)} years`;
    if (Number.isInteger(si / SECONDS_PER_DAY)) return `${number(si / SECONDS_PER_DAY)} days`;
  }
  const symbol = SI_SYMBOLS[kind];
  return symbol ? `${number(si)} ${symbol}` : number(si);
}
