import { describe, expect, it } from 'vitest';
import { planText } from './text-plan.js';

// A small serving fleet (8B on one H100 each) so the search is quick, with and without a training run.
const serve = `
  - serve:
      model: llama-3.1-8b
      weights: fp8
      traffic: { rate: 5 req/s, input: { mean: 1000 }, output: { mean: 200 } }
      slo: { ttft: { p99: 1 s }, tpot: { p99: 50 ms } }`;
const train = `
  - train: { model: llama-3-8b, tokens: 100B, seqLen: 4096, globalBatch: 256, gpus: 64 }`;

function fractions(text: string): number[] {
  const seen: number[] = [];
  const r = planText(text, 'x.yaml', undefined, { onProgress: (f) => seen.push(f) });
  if (!r.ok) throw new Error(r.refusal.diagnostics.map((d) => d.message).join('; '));
  return seen;
}

describe('progress of a plan with serving workloads', () => {
  for (const [name, workloads] of [
    ['serving only', serve],
    ['serving and training', `${serve}${train}`],
  ] as const) {
    it(`${name}: advances often, never goes back, stays in 0..1 and ends at 1`, () => {
      const seen = fractions(`hardware: { system: dgx-h100, gpus: auto }\nworkloads:${workloads}\n`);
      // The capacity search runs dozens of simulations per layout: each one is a step of progress.
      expect(seen.length).toBeGreaterThan(20);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
      expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
      expect(seen.at(-1)).toBe(1);
      // Half-way is passed before the end: the fraction is spread, not a jump from 0 to 1.
      expect(seen.some((f) => f > 0.2 && f < 0.8)).toBe(true);
    });
  }
});
