import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePlans } from './compare.js';
import { planText } from './text-plan.js';

const SMALL = `name: small
hardware:
  system: dgx-h100
  gpus: 8
workloads:
  - train:
      model: llama-3-8b
      tokens: 1T
      seqLen: 8192
      globalBatch: 128
`;

describe('planText', () => {
  it('plans valid text and locates every kind of problem', () => {
    const ok = planText(SMALL, 's.yaml');
    expect(ok.ok && ok.plan.gpus.total).toBe(8);
    const bad = planText(SMALL.replace('gpus: 8', 'gpus: zero'), 's.yaml');
    expect(!bad.ok && bad.refusal).toMatchObject({ kind: 'refusal', what: 'scenario' });
    expect(!bad.ok && bad.refusal.diagnostics[0]).toMatchObject({
      file: 's.yaml',
      line: 4,
      path: ['hardware', 'gpus'],
      code: 'invalid-value',
    });
    const unplannable = planText(SMALL.replace('llama-3-8b', 'llama-3.1-405b'), 's.yaml');
    expect(!unplannable.ok && unplannable.refusal.what).toBe('plan');
    expect(!unplannable.ok && unplannable.refusal.diagnostics[0]).toMatchObject({
      line: 7,
      path: ['workloads', 0, 'train'],
      code: 'out-of-memory',
    });
    const nothing = planText('name: x\nhardware: { system: dgx-h100, gpus: 8 }\nworkloads: []\n', 's.yaml');
    expect(!nothing.ok && nothing.refusal.diagnostics[0]!.code).toBe('out-of-range');
  });
});

describe('comparePlans', () => {
  const plan = (g: number) => {
    const r = planText(SMALL.replace('gpus: 8', `gpus: ${g}`), 's.yaml');
    if (!r.ok) throw new Error('the fixture must plan');
    return r.plan;
  };
  const p8 = plan(8);
  const p16 = plan(16);

  it('finds no difference between a plan and itself', () => {
    expect(comparePlans(p8, p8).every((r) => r.delta === 0)).toBe(true);
  });

  it('gives delta = b − a and ratio = b ÷ a for every shared figure', () => {
    const rows = comparePlans(p8, p16);
    expect(rows.find((r) => r.key === 'site.gpus')).toMatchObject({ a: 8, b: 16, delta: 8, ratio: 2 });
    fc.assert(
      fc.property(fc.constantFrom(...rows), (r) => {
        if (r.a === null || r.b === null) return;
        expect(r.delta).toBeCloseTo(r.b - r.a, 9);
        if (r.a !== 0) expect(r.ratio).toBeCloseTo(r.b / r.a, 9);
      }),
    );
    const back = comparePlans(p16, p8);
    expect(back.map((r) => r.key)).toEqual(rows.map((r) => r.key));
  });
});
