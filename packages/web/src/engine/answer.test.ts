import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples.js';
import { answer } from './answer.js';

const chat = EXAMPLES.find((e) => e.id === 'llama3-70b-chat')!.yaml;

describe("the engine worker's answers", () => {
  it('reports progress for a serving plan: often, never back, ending at 1, before the answer', () => {
    const seen: number[] = [];
    const a = answer({ id: 1, kind: 'plan', yaml: chat }, (f) => seen.push(f));
    expect(a.kind).toBe('plan');
    if (a.kind !== 'plan') return;
    expect(a.result.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(20);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen[0]!).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toBe(1);
  });
});
