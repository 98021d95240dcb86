import { planText } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples.js';
import { firstSyntaxError } from './first-syntax-error.js';

describe('a YAML syntax error', () => {
  it('shows alone, located: the errors that cascade from a missing bracket are counted, not listed', () => {
    const text = EXAMPLES.find((e) => e.id === 'hf-import-a100')!.yaml.replace('}', '');
    const r = planText(text, 'scenario.yaml');
    if (r.ok) throw new Error('a missing bracket planned');
    expect(r.refusal.diagnostics.length).toBeGreaterThan(3);
    const shown = firstSyntaxError(r.refusal);
    expect(shown.refusal.diagnostics).toHaveLength(1);
    expect(shown.refusal.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 10 });
    expect(shown.hidden).toBe(r.refusal.diagnostics.length - 1);
  });

  it('leaves a refusal without syntax errors whole', () => {
    const text = EXAMPLES.find((e) => e.id === 'llama3-8b-h100-fp8')!.yaml.replace('gpus: 8', 'gpus: -3');
    const r = planText(text, 'scenario.yaml');
    if (r.ok) throw new Error('-3 GPUs planned');
    expect(firstSyntaxError(r.refusal)).toEqual({ refusal: r.refusal, hidden: 0 });
  });
});
