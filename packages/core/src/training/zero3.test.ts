import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator } from '../catalog/lookup.js';
import { findSoftwareStack } from '../catalog/software.js';
import { prepare } from './context.js';
import type { Layout } from './layout.js';
import { evaluate } from './step-model.js';
import { newStepResult } from './step-result.js';
import { testJob } from './test-jobs.js';

// Llama 3 70B sharded over 64 H100 (8 nodes): FSDP's collectives cross the NICs.
const h100 = findAccelerator('h100-sxm')!;
const job = testJob({ gpus: 64, globalBatch: 256, seqLen: 4096, accelerator: h100 });
const ctx = prepare(job);
const base: Layout = {
  tp: 1,
  pp: 1,
  dp: 64,
  cp: 1,
  ep: 1,
  vpp: 1,
  microBatch: 1,
  zero: 3,
  recompute: 'full',
  sequenceParallel: false,
};
const run = (l: Partial<Layout>) => evaluate(ctx, { ...base, ...l }, newStepResult());

describe('ZeRO-3 / FSDP traffic', () => {
  it('gathers every micro-batch, per layer, beyond what ZeRO-2 moves', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4),
        fc.constantFrom<Layout['recompute']>('none', 'full'),
        (mb, rc) => {
          const z3 = run({ microBatch: mb, recompute: rc });
          const z2 = run({ microBatch: mb, recompute: rc, zero: 2 });
          expect(z3.dpRawS).toBeGreaterThan(z2.dpRawS);
          expect(z3.dpExposedS).toBeGreaterThanOrEqual(z2.dpExposedS * (1 - 1e-9));
        },
      ),
    );
  });
  it('gathers again for the recomputed forward', () => {
    expect(run({ recompute: 'full' }).dpRawS).toBeGreaterThan(run({ recompute: 'none' }).dpRawS);
  });
  it('pays more with more micro-batches per step (each gathers the layers again)', () => {
    expect(run({ microBatch: 1 }).dpRawS).toBeGreaterThan(run({ microBatch: 4 }).dpRawS);
  });
});

describe('FSDP beside pipeline stages', () => {
  // The same job on two stacks: Megatron-Core reshards every micro-batch; torchtitan keeps the stage.
  const staged: Layout = { ...base, pp: 4, dp: 16, recompute: 'none' };
  const on = (stack: string, l: Layout) =>
    evaluate(prepare({ ...job, software: findSoftwareStack(stack)! }), l, newStepResult());
  it('keeps the stage gathered under torchtitan: whole weights and gradients, sharded state, one gather per step', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2), (mb) => {
        const l = { ...staged, microBatch: mb };
        const titan = on('torchtitan', l);
        const unsharded = on('torchtitan', { ...l, zero: 0 });
        const megatron = on('megatron-core', l);
        expect(titan.weightsBytes).toBe(unsharded.weightsBytes);
        expect(titan.gradientsBytes).toBe(unsharded.gradientsBytes);
        expect(titan.optimizerBytes).toBeLessThan(unsharded.optimizerBytes);
        expect(titan.weightsBytes).toBeGreaterThan(megatron.weightsBytes);
        expect(titan.dpRawS).toBeLessThan(megatron.dpRawS);
      }),
    );
  });
  it('still shards per layer without pipeline stages', () => {
    const l = { ...base };
    expect(on('torchtitan', l).weightsBytes).toBe(on('megatron-core', l).weightsBytes);
  });
});
