import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { findSoftwareStack } from '../catalog/software.js';
import { prepare } from './context.js';
import { FULL_TRAINING, type TrainingJob, type TrainingMethod } from './job.js';
import { type Layout, SINGLE_GPU_LAYOUT } from './layout.js';
import { evaluate } from './step-model.js';
import { newStepResult } from './step-result.js';
import { testJob } from './test-jobs.js';

// Llama 2 7B on one GPU under torchtune: the case offload exists for.
const single = (accelerator: string, method: Partial<TrainingMethod>, recompute: Layout['recompute']) => {
  const a = findAccelerator(accelerator)!;
  const job: TrainingJob = testJob({
    model: findModel('llama-2-7b')!,
    accelerator: a,
    gpus: 1,
    scaleUpDomain: 1,
    scaleUpBytesPerS: a.scaleUpBytesPerS,
    memoryBytes: a.memoryBytes,
    seqLen: 2048,
    globalBatch: 8,
    software: findSoftwareStack('torchtune')!,
    method: { ...FULL_TRAINING, ...method },
  });
  const layout: Layout = { ...SINGLE_GPU_LAYOUT, recompute };
  return evaluate(prepare(job), layout, newStepResult());
};

describe('offload to host memory', () => {
  it('moves the optimizer step to the host: no state on the GPU, the step paced by the host link and host memory', () => {
    fc.assert(
      fc.property(fc.constantFrom('a100-sxm-80gb', 'h100-sxm', 'gb200'), (acc) => {
        const kept = single(acc, {}, 'full');
        const off = single(acc, { optimizerOffload: true }, 'full');
        expect(off.optimizerBytes).toBe(0);
        expect(kept.optimizerBytes).toBeGreaterThan(0);
        // Host memory is far slower than HBM: the offloaded step is longer on every GPU here.
        expect(off.optimizerS).toBeGreaterThan(kept.optimizerS);
        expect(off.optimizerHostS).toBe(off.optimizerS);
        expect(kept.optimizerHostS).toBe(0);
      }),
    );
  });
  it('costs more over PCIe 4.0 than over PCIe 5.0, and more than over NVLink-C2C', () => {
    const a100 = single('a100-sxm-80gb', { optimizerOffload: true }, 'full');
    const h100 = single('h100-sxm', { optimizerOffload: true }, 'full');
    const gb200 = single('gb200', { optimizerOffload: true }, 'full');
    // The weights back up the link alone: 2 B per parameter at 31.5, 63 and 450 GB/s.
    expect(a100.optimizerS - h100.optimizerS).toBeGreaterThan(0);
    expect(h100.optimizerS - gb200.optimizerS).toBeGreaterThan(0);
  });
  it('shows the activations moved only when the pass cannot hide them, less when a layer keeps only its input', () => {
    fc.assert(
      fc.property(fc.constantFrom('a100-sxm-80gb', 'h100-sxm'), (acc) => {
        const none = single(acc, {}, 'none');
        const offNone = single(acc, { activationOffload: true }, 'none');
        const offFull = single(acc, { activationOffload: true }, 'full');
        expect(none.offloadExposedS).toBe(0);
        expect(offNone.offloadExposedS).toBeGreaterThan(0);
        expect(offFull.offloadExposedS).toBeLessThan(offNone.offloadExposedS);
        expect(offNone.stepS).toBeGreaterThan(none.stepS);
        // Exposed time is part of the step, never double-counted as compute.
        expect(offNone.computeS).toBeCloseTo(none.computeS, 9);
      }),
    );
  });
});
