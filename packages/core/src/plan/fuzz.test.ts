import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from './load.js';
import { planTraining } from './training-plan.js';

/**
 * The loader and the planner under hostile input: 10,000 generated and mutated scenarios. Nothing may
 * crash or hang, a plan may hold no NaN or Infinity, and every rejection is located.
 */

const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.double(),
    fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
    fc.string(),
    fc.constantFrom('80 GiB', '400 Gb/s', '15T', '-3', 'NaN', 'Infinity', '1e400', ''),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const base = () => ({
  name: 'fuzz',
  hardware: { accelerator: 'h100-sxm', gpus: 16 },
  workloads: [
    {
      train: {
        model: { layers: 4, hidden: 256, ffnHidden: 1024, heads: 4, vocab: 1000 } as unknown,
        tokens: '1B',
        seqLen: 1024,
        globalBatch: 64,
      } as Record<string, unknown>,
    },
  ],
});

const paths: readonly (readonly (string | number)[])[] = [
  ['name'],
  ['hardware'],
  ['hardware', 'accelerator'],
  ['hardware', 'gpus'],
  ['hardware', 'scaleOut'],
  ['hardware', 'memory'],
  ['hardware', 'extra'],
  ['workloads'],
  ['workloads', 0],
  ['workloads', 0, 'train', 'model'],
  ['workloads', 0, 'train', 'model', 'layers'],
  ['workloads', 0, 'train', 'model', 'heads'],
  ['workloads', 0, 'train', 'tokens'],
  ['workloads', 0, 'train', 'seqLen'],
  ['workloads', 0, 'train', 'globalBatch'],
  ['workloads', 0, 'train', 'precision'],
  ['workloads', 0, 'train', 'parallelism'],
  ['workloads', 0, 'train', 'parallelism', 'tp'],
  ['workloads', 0, 'train', 'unknown'],
];

function setIn(obj: unknown, path: readonly (string | number)[], v: unknown): void {
  let o = obj as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string | number, unknown>;
  }
  o[path[path.length - 1]!] = v;
}

const structured = fc
  .record({
    edits: fc.array(fc.tuple(fc.constantFrom(...paths), anyValue, fc.boolean()), {
      minLength: 1,
      maxLength: 4,
    }),
    gpus: fc.constantFrom(1, 2, 8, 16, 24, 64),
  })
  .map(({ edits, gpus }) => {
    const s = base();
    s.hardware.gpus = gpus;
    for (const [path, value, remove] of edits) {
      if (remove) setIn(s, path, undefined);
      else setIn(s, path, value);
    }
    return stringify(s);
  });

const deep = fc
  .integer({ min: 50, max: 3000 })
  .map((n) => `${'a: '.repeat(0)}${'['.repeat(n)}${']'.repeat(n)}`);

const mutatedText = fc
  .tuple(
    fc.constant(stringify(base())),
    fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat(3)), { maxLength: 5 }),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [at, ins, del] of edits) {
      const i = at % (t.length + 1);
      t = t.slice(0, i) + ins + t.slice(i + del);
    }
    return t;
  });

function finiteEverywhere(x: unknown, path = ''): string | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? undefined : path;
  if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      const bad = finiteEverywhere(v, `${path}.${k}`);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

function check(text: string): void {
  const r = loadScenario(text, 'fuzz.yaml');
  if (!r.ok) {
    for (const d of r.refusal.diagnostics) {
      expect(d.file).toBe('fuzz.yaml');
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
      expect(d.message.length).toBeGreaterThan(0);
    }
    return;
  }
  for (const t of r.value.trainings) {
    const p = planTraining(t);
    if (p.ok) expect(finiteEverywhere(p.plan)).toBeUndefined();
    else expect(p.message.length).toBeGreaterThan(0);
  }
}

describe('scenario loader and planner under hostile input', () => {
  it('survive 6,000 structurally mutated scenarios', () => {
    fc.assert(fc.property(structured, check), { numRuns: 6000 });
  });
  it('survive 3,500 randomly edited scenario texts (broken YAML)', () => {
    fc.assert(fc.property(mutatedText, check), { numRuns: 3500 });
  });
  it('survive 500 deeply nested documents', () => {
    fc.assert(fc.property(deep, check), { numRuns: 500 });
  });
});
