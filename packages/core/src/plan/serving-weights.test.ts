import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.js';

describe('serving weights', () => {
  it('serves a model in its published format unless the scenario names one', () => {
    const text = (weights: string) => `hardware: { system: dgx-h100, gpus: auto }
workloads:
  - serve:
      model: gpt-oss-120b${weights}
      traffic: { rate: 1 req/s, input: { mean: 100 }, output: { mean: 100 } }
`;
    const published = loadScenario(text(''), 'x.yaml');
    const told = loadScenario(text('\n      weights: bf16'), 'x.yaml');
    if (!published.ok || !told.ok) throw new Error('expected both to load');
    expect(published.value.servings[0]!.weights).toBe('mxfp4');
    expect(told.value.servings[0]!.weights).toBe('bf16');
    const dense = loadScenario(text('').replace('gpt-oss-120b', 'llama-3.1-8b'), 'x.yaml');
    expect(dense.ok && dense.value.servings[0]!.weights).toBe('fp8');
  });
});
