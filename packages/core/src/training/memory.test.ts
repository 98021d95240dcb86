import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { findSoftwareStack, LOSS_KINDS } from '../catalog/software.js';
import { ADAPTER_TARGETS } from '../vocab/training.js';
import { prepare } from './context.js';
import { FULL_TRAINING, type TrainingMethod } from './job.js';
import { type Layout, SINGLE_GPU_LAYOUT } from './layout.js';
import { evaluateMemory } from './step-model.js';
import { newStepResult } from './step-result.js';
import { testJob } from './test-jobs.js';

// A fine-tuning job as torchtune runs it: Llama 3.2 3B on one A100, packed 4,096-token sequences.
const a100 = findAccelerator('a100-sxm-80gb')!;
const fineTune = (method: TrainingMethod, stack = 'torchtune') =>
  testJob({
    model: findModel('llama-3.2-3b')!,
    accelerator: a100,
    gpus: 1,
    memoryBytes: a100.memoryBytes,
    seqLen: 4096,
    globalBatch: 2,
    software: findSoftwareStack(stack)!,
    method,
  });
const single: Layout = { ...SINGLE_GPU_LAYOUT, microBatch: 2 };
const peak = (method: TrainingMethod, l: Partial<Layout> = {}, stack?: string) =>
  evaluateMemory(prepare(fineTune(method, stack)), { ...single, ...l }, newStepResult()).memoryBytes;

const methods: fc.Arbitrary<TrainingMethod> = fc.record({
  adapters: fc.option(
    fc.record({
      rank: fc.constantFrom(8, 16, 64),
      targets: fc.subarray([...ADAPTER_TARGETS], { minLength: 1 }),
      base: fc.constantFrom('bf16', 'nf4') as fc.Arbitrary<'bf16' | 'nf4'>,
    }),
    { nil: null },
  ),
  optimizer: fc.constantFrom('adam', 'adam-8bit') as fc.Arbitrary<TrainingMethod['optimizer']>,
  optimizerInBackward: fc.boolean(),
  optimizerOffload: fc.boolean(),
  activationOffload: fc.boolean(),
  loss: fc.constantFrom(null, ...LOSS_KINDS),
  compiled: fc.boolean(),
});
const recomputes = fc.constantFrom('none', 'full') as fc.Arbitrary<Layout['recompute']>;

describe('training memory of fine-tuning methods', () => {
  it('never grows when a method adds a memory saving (each flag, adapters, NF4, 8-bit state, chunked loss)', () => {
    fc.assert(
      fc.property(methods, recomputes, (m, recompute) => {
        const at = (x: TrainingMethod) => peak(x, { recompute });
        const p = at(m);
        expect(Number.isFinite(p) && p > 0).toBe(true);
        const savings: TrainingMethod[] = [
          { ...m, optimizerInBackward: true },
          { ...m, optimizerOffload: true },
          { ...m, activationOffload: true },
          { ...m, optimizer: 'adam-8bit' },
          { ...m, compiled: true },
          ...(m.loss === 'standard' ? [{ ...m, loss: 'chunked' as const }] : []),
          ...(m.adapters ? [{ ...m, adapters: { ...m.adapters, base: 'nf4' as const } }] : []),
        ];
        for (const s of savings) expect(at(s)).toBeLessThanOrEqual(p * (1 + 1e-12));
      }),
      { numRuns: 200 },
    );
  });
  it('holds less with adapters than with every parameter trained', () => {
    fc.assert(
      fc.property(methods, recomputes, (m, recompute) => {
        if (!m.adapters) return;
        expect(peak(m, { recompute })).toBeLessThan(peak({ ...m, adapters: null }, { recompute }));
      }),
      { numRuns: 100 },
    );
  });
  it('never holds more when gradients are made on demand than when their buffers persist', () => {
    // The same state format either way: only when gradients exist differs.
    const persistent = { ...findSoftwareStack('torchtune')!, gradients: 'persistent' as const };
    fc.assert(
      fc.property(methods, recomputes, (m, recompute) => {
        const job = fineTune(m);
        const onDemand = evaluateMemory(prepare(job), { ...single, recompute }, newStepResult()).memoryBytes;
        const kept = evaluateMemory(
          prepare({ ...job, software: persistent }),
          { ...single, recompute },
          newStepResult(),
        ).memoryBytes;
        expect(onDemand).toBeLessThanOrEqual(kept * (1 + 1e-12));
      }),
      { numRuns: 100 },
    );
  });
  it('keeps Megatron-style full training unchanged by the method defaults', () => {
    const job = testJob();
    const l: Layout = { ...single, tp: 8, pp: 4, dp: 16, microBatch: 1, zero: 1, sequenceParallel: true };
    const without = evaluateMemory(prepare(job), l, newStepResult()).memoryBytes;
    const withDefault = evaluateMemory(
      prepare({ ...job, method: FULL_TRAINING }),
      l,
      newStepResult(),
    ).memoryBytes;
    expect(withDefault).toBe(without);
  });
  it('reports the allocator-reserved figure above the allocated one', () => {
    const r = evaluateMemory(prepare(fineTune(FULL_TRAINING)), single, newStepResult());
    expect(r.reservedBytes).toBeGreaterThan(r.memoryBytes);
  });
});
