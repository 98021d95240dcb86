import { describe, expect, it } from 'vitest';
import { formatRefusal, MAX_DIAGNOSTICS, refusal } from '../explain/refusal.js';
import { parseScenario } from '../scenario/parse.js';
import { MAX_WORKLOADS } from '../scenario/schema.js';
import { checkText } from './text-plan.js';

/** The input: 480 KB of workloads with an empty train block, three missing fields each (model,
 * seqLen, globalBatch; tokens may come from phases, so the resolver asks for it). */
const FLOOD_ITEMS = 34_000;
const flood = (items: number) =>
  `name: x\nhardware: {system: dgx-h100, gpus: 8}\nworkloads:\n${'- {train: {}}\n'.repeat(items)}`;

describe('a refusal lists at most MAX_DIAGNOSTICS reasons and counts the rest', () => {
  it('refuses a list of 34,000 workloads whole, before checking each (102,000 problems before)', () => {
    const r = parseScenario(flood(FLOOD_ITEMS), 'big.yaml');
    expect(!r.ok && r.refusal.diagnostics).toEqual([
      expect.objectContaining({
        path: ['workloads'],
        code: 'out-of-range',
        message: expect.stringContaining(`<=${MAX_WORKLOADS}`),
      }),
    ]);
  });

  it('keeps the first 100 of 3,000 schema problems and counts the others', () => {
    const r = parseScenario(flood(MAX_WORKLOADS), 'big.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(r.refusal.omitted).toBe(3 * MAX_WORKLOADS - MAX_DIAGNOSTICS);
    // The first reasons are the first in the text, each still located.
    expect(r.refusal.diagnostics[0]).toMatchObject({ line: 4, path: ['workloads', 0, 'train', 'model'] });
    // The answer is a few kilobytes, not the 21 MB the whole list took.
    expect(JSON.stringify(r.refusal).length).toBeLessThan(50_000);
  });

  it('caps checkText the same way, so the API and the page get the short list', () => {
    const r = checkText(flood(1000), 'big.yaml');
    expect(!r.ok && r.refusal.diagnostics.length).toBe(MAX_DIAGNOSTICS);
    expect(!r.ok && r.refusal.omitted).toBe(3000 - MAX_DIAGNOSTICS);
  });

  it('says how many more when printed, as the CLI does', () => {
    const d = { file: 'f', line: 1, column: 1, path: ['a'], code: 'wrong-type', message: 'm' } as const;
    const r = refusal(
      'scenario',
      Array.from({ length: MAX_DIAGNOSTICS + 5 }, () => d),
    );
    expect(r.diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(r.omitted).toBe(5);
    const lines = formatRefusal(r).split('\n');
    expect(lines).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(lines.at(-1)).toBe('… and 5 more problems');
  });

  it('leaves a short refusal whole, with no count', () => {
    const d = { file: 'f', line: 1, column: 1, path: ['a'], code: 'wrong-type', message: 'm' } as const;
    const r = refusal('scenario', [d, d]);
    expect(r).toEqual({ kind: 'refusal', what: 'scenario', diagnostics: [d, d] });
    expect(formatRefusal(r)).toBe('f:1:1: a: m\nf:1:1: a: m');
  });
});
