import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../explain/refusal.js';
import { loadScenario } from './load.js';
import { planTraining } from './training-plan.js';

const fineTune = (stack: string, extra: string) => `name: fine-tune
hardware:
  system: dgx-a100
  gpus: 8
workloads:
  - train:
      model: llama-2-7b
      software: ${stack}
      gpus: 1
      tokens: 10M
      seqLen: 2048
      globalBatch: 16
      parallelism: { microBatch: 2, recompute: full }
${extra}`;

function refusals(text: string): string[] {
  const r = loadScenario(text, 'x.yaml');
  return r.ok ? [] : r.refusal.diagnostics.map(formatDiagnostic);
}

function memoryOf(text: string): number {
  const r = loadScenario(text, 'x.yaml');
  if (!r.ok) throw new Error(r.refusal.diagnostics.map(formatDiagnostic).join('\n'));
  const p = planTraining(r.value.trainings[0]!);
  if (!p.ok) throw new Error(p.message);
  return p.plan.best.memoryBytes;
}

describe('training methods in a scenario', () => {
  it('refuses a method the software stack does not offer, at the field that asks for it', () => {
    const p = refusals(fineTune('megatron-core', '      finetune: { method: qlora }\n'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /workloads\[0\]\.train\.finetune\.method: Megatron-Core .* does not offer QLoRA \(adapters on an NF4 base\) \(it offers LoRA adapters, .*\): expected another software stack/,
    );
    expect(refusals(fineTune('megatron-core', '      optimizer: { inBackward: true }\n'))[0]).toMatch(
      /train\.optimizer\.inBackward: .* does not offer the optimizer step in backward/,
    );
    expect(refusals(fineTune('megatron-core', '      loss: standard\n'))[0]).toMatch(
      /train\.loss: .* computes the loss as 'fused-fp32', not 'standard'/,
    );
  });
  it('refuses a layout knob the software stack cannot run, where the scenario sets it', () => {
    const p = refusals(
      fineTune('megatron-deepspeed', '').replace(
        'parallelism: { microBatch: 2, recompute: full }',
        'parallelism: { pp: 1, vpp: 2, zero: 3, sequenceParallel: true }',
      ),
    );
    expect(
      p.some((x) =>
        /train\.parallelism\.vpp: Megatron-DeepSpeed .* has no interleaved pipeline schedule/.test(x),
      ),
    ).toBe(true);
    expect(
      p.some((x) => /train\.parallelism\.zero: .* does not offer ZeRO stage 3 \(it offers 0, 1\)/.test(x)),
    ).toBe(true);
    expect(
      p.some((x) => /train\.parallelism\.sequenceParallel: .* has no sequence parallelism/.test(x)),
    ).toBe(true);
  });
  it('plans QLoRA below LoRA below full fine-tuning in memory on one layout, on the stack that offers them', () => {
    const full = memoryOf(fineTune('torchtune', ''));
    const lora = memoryOf(fineTune('torchtune', '      finetune: { method: lora, rank: 16 }\n'));
    const qlora = memoryOf(fineTune('torchtune', '      finetune: { method: qlora, rank: 16 }\n'));
    expect(qlora).toBeLessThan(lora);
    expect(lora).toBeLessThan(full);
  });
});

describe('offload left to the plan', () => {
  // Full fine-tuning of Llama 2 7B on one 48 GB L40S: BF16 weights, gradients and Adam's moments
  // (8 B per parameter, 54 GB) do not fit; without the moments (4 B) they do.
  const onL40s = (extra: string) =>
    fineTune('torchtune', extra).replace('system: dgx-a100\n  gpus: 8', 'accelerator: l40s\n  gpus: 1');
  const plan = (text: string) => {
    const r = loadScenario(text, 'x.yaml');
    if (!r.ok) throw new Error(r.refusal.diagnostics.map(formatDiagnostic).join('\n'));
    return planTraining(r.value.trainings[0]!);
  };
  it('offloads the optimizer only when nothing fits without it, and says so', () => {
    const p = plan(onL40s(''));
    if (!p.ok) throw new Error(p.message);
    expect(p.plan.best.memoryBytes).toBeLessThan(p.plan.best.usableMemoryBytes);
    expect(p.plan.figures.optimizer!.formula).toMatch(/^offloaded/);
    expect(p.plan.warnings.map((w) => w.code)).toContain('offload-chosen');
  });
  it('does not offload what fits on the GPU, nor what the scenario refuses', () => {
    const fits = plan(fineTune('torchtune', ''));
    if (!fits.ok) throw new Error(fits.message);
    expect(fits.plan.warnings.map((w) => w.code)).not.toContain('offload-chosen');
    const refused = plan(onL40s('      optimizer: { offload: false }\n      activationOffload: false\n'));
    expect(refused.ok).toBe(false);
  });
});
