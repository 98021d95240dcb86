import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_FORMATS } from '../vocab/formats.js';
import { ACCELERATORS } from './accelerators.js';
import { type FieldOf, type FieldSourced, fieldSources } from './field-sources.js';
import { findAccelerator } from './lookup.js';
import { SYSTEMS } from './systems.js';
import type { Accelerator, SystemSpec } from './types.js';

const NOT_FIELDS = new Set(['id', 'name', 'sources', 'fieldSources']);

/** Every field of an entry a figure may ask the documents of, peak rates also per format. */
function fieldsOf(entry: Accelerator | SystemSpec): string[] {
  const fields = Object.keys(entry).filter((k) => !NOT_FIELDS.has(k));
  if (!('peakFlopsPerS' in entry)) return fields;
  return [...fields, ...Object.keys(entry.peakFlopsPerS).map((f) => `peakFlopsPerS.${f}`)];
}

const entries: readonly (Accelerator | SystemSpec)[] = [...ACCELERATORS, ...SYSTEMS];

/** Asks for fields by name without the entry's own key type: the property draws them at run time. */
const sourcesOf = (entry: FieldSourced, fields: readonly string[]) =>
  fieldSources(entry, ...(fields as [FieldOf<FieldSourced>, ...FieldOf<FieldSourced>[]]));

describe('field-level catalog sources', () => {
  it.each(entries.map((e) => [e.id, e] as const))(
    '%s: each field names existing sources of its entry',
    (_, e) => {
      const fields = new Set(fieldsOf(e));
      for (const [field, indices] of Object.entries(e.fieldSources ?? {})) {
        const [base, part] = field.split('.');
        expect(fields.has(base!), `${field} is not a field of ${e.id}`).toBe(true);
        if (part !== undefined) {
          expect(NUMBER_FORMATS as readonly string[]).toContain(part);
          expect(fields.has(field), `${e.id} has no ${part} rate`).toBe(true);
        }
        expect(indices.length, field).toBeGreaterThan(0);
        expect(new Set(indices).size, field).toBe(indices.length);
        for (const i of indices) {
          expect(Number.isInteger(i) && i >= 0 && i < e.sources.length, `${e.id}.${field}: source ${i}`).toBe(
            true,
          );
        }
      }
    },
  );

  it('every accelerator and system citing several documents says which field comes from which', () => {
    const unplaced = entries.filter((e) => e.sources.length > 1 && !e.fieldSources).map((e) => e.id);
    expect(unplaced).toEqual([]);
  });

  it("a field's sources are a subset of its entry's, once each, in the entry's order", () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...entries)
          .chain((e) => fc.tuple(fc.constant(e), fc.subarray(fieldsOf(e), { minLength: 1 }))),
        ([entry, fields]) => {
          const cited = sourcesOf(entry, fields);
          const at = cited.map((s) => entry.sources.indexOf(s));
          expect(at.every((i) => i >= 0)).toBe(true);
          expect(at).toEqual([...at].sort((a, b) => a - b));
          expect(new Set(at).size).toBe(at.length);
          // Several fields cite what each cites alone, nothing more.
          const alone = new Set(fields.flatMap((f) => sourcesOf(entry, [f])));
          expect(new Set(cited)).toEqual(alone);
        },
      ),
    );
  });

  it('falls back to the whole list, and a format to the peak rates', () => {
    const h100 = findAccelerator('h100-sxm')!;
    expect(fieldSources(h100, 'year')).toEqual(h100.sources);
    expect(fieldSources(h100, 'peakFlopsPerS.fp8')).toEqual(fieldSources(h100, 'peakFlopsPerS'));
    expect(fieldSources(h100, 'peakFlopsPerS.fp32')).toEqual([h100.sources[0]]);
    expect(sourcesOf({ sources: h100.sources }, ['anything'])).toEqual(h100.sources);
  });

  it("the H100's peak rates do not cite the DGX H100's NICs, its scale-out does", () => {
    const h100 = findAccelerator('h100-sxm')!;
    const titles = (s: readonly { title: string }[]) => s.map((x) => x.title);
    expect(titles(fieldSources(h100, 'peakFlopsPerS.fp8'))).not.toContain('NVIDIA DGX H100 datasheet');
    expect(titles(fieldSources(h100, 'scaleOutBitsPerS'))).toEqual(['NVIDIA DGX H100 datasheet']);
  });
});
