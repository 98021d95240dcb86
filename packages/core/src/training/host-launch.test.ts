import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { findSoftwareStack, type HostLaunchProfile } from '../catalog/software.js';
import { prepare } from './context.js';
import { layerLaunches } from './host-launch.js';
import type { Layout } from './layout.js';
import { evaluate } from './step-model.js';
import { newStepResult } from './step-result.js';
import { testJob } from './test-jobs.js';

const EAGER: HostLaunchProfile = {
  graphed: [],
  routerFused: false,
  expertGemms: 'per-expert',
  dispatchSync: true,
};
const MOE = { moe: true, latentAttention: true, sharedExperts: 1 };

describe('kernel launches per layer', () => {
  it('drop what CUDA graphs capture and what the router fusion merges', () => {
    const eager = layerLaunches(EAGER, MOE, false);
    const fused = layerLaunches({ ...EAGER, routerFused: true }, MOE, false);
    const graphed = layerLaunches(
      { ...EAGER, graphed: ['latent-attention', 'router', 'preprocess'] },
      MOE,
      false,
    );
    // NVIDIA's count: the router's 72 forward kernels become 31.
    expect(eager.forwardPre - fused.forwardPre).toBe(72 - 31);
    expect(graphed.forwardPre).toBe(0);
    // What follows the routing is never captured.
    expect(graphed.forwardPost).toBe(eager.forwardPost);
  });
  it('grow with local experts only where each expert is its own GEMM', () => {
    expect(layerLaunches(EAGER, MOE, false).forwardPerLocalExpert).toBe(2);
    expect(layerLaunches({ ...EAGER, expertGemms: 'grouped' }, MOE, false).forwardPerLocalExpert).toBe(0);
  });
  it('add one quantization per linear and pass under 8-bit training', () => {
    const dense = { moe: false, latentAttention: false, sharedExperts: 0 };
    const bf16 = layerLaunches(EAGER, dense, false);
    const fp8 = layerLaunches(EAGER, dense, true);
    expect(fp8.forwardPre - bf16.forwardPre).toBe(4);
    expect(fp8.backward - bf16.backward).toBe(4);
  });
});

// DeepSeek-V3 on 128 GB200 as the spring-2025 DGX Cloud recipe lays it out.
const gb200 = findAccelerator('gb200')!;
const dsv3 = (stack: string, hostCpu: 'grace' | 'x86-64', microBatch: number) => {
  const job = testJob({
    model: findModel('deepseek-v3')!,
    accelerator: { ...gb200, hostCpu },
    gpus: 128,
    scaleUpDomain: 72,
    scaleUpBytesPerS: gb200.scaleUpBytesPerS,
    memoryBytes: gb200.memoryBytes,
    seqLen: 4096,
    globalBatch: 1024,
    software: findSoftwareStack(stack)!,
  });
  const layout: Layout = {
    tp: 2,
    pp: 4,
    dp: 16,
    cp: 1,
    ep: 32,
    vpp: 1,
    microBatch,
    zero: 1,
    recompute: 'none',
    sequenceParallel: true,
  };
  return evaluate(prepare(job), layout, newStepResult());
};

describe('waiting on the host', () => {
  it('is where the spring-2025 stack left DeepSeek-V3 on Grace, and gone with graphs and fusion', () => {
    const old = dsv3('megatron-core-0.13', 'grace', 1);
    const now = dsv3('megatron-core', 'grace', 1);
    expect(old.hostWaitS).toBeGreaterThan(0.2 * old.stepS);
    expect(now.hostWaitS).toBeLessThan(old.hostWaitS);
  });
  it('is never negative, longer on a slower host, and in the step rather than in compute', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('megatron-core-0.13', 'megatron-core'),
        fc.constantFrom(1, 2),
        (stack, mb) => {
          const grace = dsv3(stack, 'grace', mb);
          const x86 = dsv3(stack, 'x86-64', mb);
          expect(x86.hostWaitS).toBeGreaterThanOrEqual(0);
          expect(grace.hostWaitS).toBeGreaterThanOrEqual(x86.hostWaitS);
          expect(grace.computeS).toBeCloseTo(x86.computeS, 6);
          // The wait stretches every stage, so the pipeline's fill and drain grow with it.
          expect(grace.stepS).toBeGreaterThanOrEqual(x86.stepS);
        },
      ),
      { numRuns: 8 },
    );
  });
  it('shrinks per token as micro-batches grow: the same launches cover more work', () => {
    const one = dsv3('megatron-core-0.13', 'grace', 1);
    const two = dsv3('megatron-core-0.13', 'grace', 2);
    expect(two.hostWaitS).toBeLessThan(one.hostWaitS);
  });
});
