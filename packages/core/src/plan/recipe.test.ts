import { describe, expect, it } from 'vitest';
import { planText } from './text-plan.js';

describe('parallelism: recipe', () => {
  it('lay a plan out as the recipe does, or refuse with the models that have one', () => {
    const text = (model: string) => `name: r
hardware: {system: dgx-h100, gpus: 512}
workloads:
  - train:
      model: ${model}
      tokens: 100B
      seqLen: 8192
      globalBatch: 512
      precision: fp8
      parallelism: recipe
`;
    const ok = planText(text('llama-3-70b'), 'r.yaml');
    expect(ok.ok && ok.plan.training!.best.description).toMatch(/^TP4 PP8 DP16 VPP5 mb1 ZeRO-1/);
    expect(ok.ok && ok.plan.warnings.map((w) => w.message).join()).toMatch(
      /layout from the recipe of NVIDIA/,
    );
    const none = planText(text('mixtral-8x7b'), 'r.yaml');
    expect(!none.ok && none.refusal.diagnostics[0]).toMatchObject({
      code: 'no-recipe',
      path: ['workloads', 0, 'train', 'parallelism'],
      line: 10,
    });
  });
});
