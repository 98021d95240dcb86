import { describe, expect, it } from 'vitest';
import { type FieldRow, scenarioFieldSections } from './field-walk.js';
import { scenarioReference } from './reference.js';

const sections = scenarioFieldSections();
const rows = new Map<string, FieldRow>(sections.flatMap((s) => s.rows.map((r) => [r.path, r])));
const row = (path: string): FieldRow => {
  const r = rows.get(path);
  if (!r) throw new Error(`no row ${path}`);
  return r;
};

describe('the scenario field reference', () => {
  it('has a table for every section of the file and every nested object', () => {
    const names = sections.map((s) => s.name);
    for (const name of ['', 'hardware', 'site', 'fabric', 'storage', 'cost', 'security', 'train', 'serve'])
      expect(names).toContain(name);
    for (const name of [
      'train.parallelism',
      'train.privacy',
      'train.federated',
      'serve.traffic',
      'serve.slo',
    ])
      expect(names).toContain(name);
  });

  it('marks a required field and gives its description', () => {
    expect(row('train.seqLen')).toMatchObject({ required: true, description: 'Tokens per sequence.' });
    expect(row('train.seqLen').type).toMatch(/^count: a sequence length/);
    expect(row('train.tokens')).toMatchObject({ required: false });
    expect(row('train.tokens').default).toBeUndefined();
  });

  it('lists the values of an enum and its default', () => {
    expect(row('storage.checkpointMode')).toMatchObject({
      type: '`sync` | `async`',
      default: '`async`',
      required: false,
    });
  });

  it('names a quantity by its kind and shows an SI default in a readable unit', () => {
    expect(row('cost.amortization').type).toMatch(/^duration from '1 s'/);
    expect(row('cost.amortization').default).toBe('`4 years`');
    expect(row('hardware.gpus').type).toMatch(/; or `auto`$/);
  });

  it('reaches nested paths, inside workloads too', () => {
    expect(row('train.parallelism.tp')).toMatchObject({ type: 'integer, 1 to 1,000,000', required: false });
    expect(row('train.parallelism')).toMatchObject({ default: '`auto`', see: ['train.parallelism'] });
    expect(row('serve.slo.ttft.p99').type).toMatch(/^duration: a latency/);
    expect(row('train.model.moe.experts').required).toBe(true);
  });

  it('describes a shared object once and says where else it is used', () => {
    expect(row('serve.traffic.output').see).toEqual(['serve.traffic.input']);
    expect(rows.has('serve.traffic.output.mean')).toBe(false);
    expect(sections.find((s) => s.name === 'serve.traffic.input')?.alsoAt).toEqual(['serve.traffic.output']);
  });

  it('prints the schema checks that span fields', () => {
    expect(sections.find((s) => s.name === 'train.privacy')?.checks).toEqual([
      'expected exactly one of epsilon and noiseMultiplier',
    ]);
  });

  it('renders Markdown tables whose pipes inside cells are escaped', () => {
    const md = scenarioReference();
    expect(md).toContain('| `storage.checkpointMode` | `sync` \\| `async` | `async` | no |');
    expect(md).toContain('[`train.parallelism`](#trainparallelism)');
    expect(md.endsWith('\n')).toBe(true);
  });
});
