import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOFTWARE_STACKS } from '../catalog/software.js';
import { prepare } from './context.js';
import { searchLayouts } from './search.js';
import { testJob } from './test-jobs.js';

// Llama 3 70B on 64 H100: a job every stack could lay out some way.
const jobOn = (stack: (typeof SOFTWARE_STACKS)[number]) =>
  testJob({ gpus: 64, globalBatch: 256, seqLen: 4096, software: stack });

describe('software stacks as capability profiles', () => {
  it('never lets the search pick a layout the stack cannot run', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SOFTWARE_STACKS), (stack) => {
        const out = searchLayouts(prepare(jobOn(stack)), {}, { top: 20 });
        const s = stack.schedules;
        for (const { layout: l } of [...out.ranked, ...out.closestOutOfMemory]) {
          if (!s.tensorParallel) expect(l.tp).toBe(1);
          if (!s.pipeline) expect(l.pp).toBe(1);
          if (!s.interleavedPipeline) expect(l.vpp).toBe(1);
          if (!s.sequenceParallel) expect(l.sequenceParallel).toBe(false);
          if (!s.contextParallel) expect(l.cp).toBe(1);
          expect(s.zero).toContain(l.zero);
          if (!s.zeroAboveOneWithPipeline && l.pp > 1) expect(l.zero).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: SOFTWARE_STACKS.length * 2 },
    );
  });
  it('refuses a fixed layout the stack cannot run, with the reason', () => {
    const deepspeedPipeline = SOFTWARE_STACKS.find((s) => s.id === 'megatron-deepspeed')!;
    const out = searchLayouts(prepare(jobOn(deepspeedPipeline)), { tp: 8, pp: 4, vpp: 2 });
    expect(out.ranked).toHaveLength(0);
    expect(out.invalidByReason['stack-vpp'] ?? 0).toBeGreaterThan(0);
    const zero3 = searchLayouts(prepare(jobOn(deepspeedPipeline)), { tp: 8, pp: 2, zero: 3 });
    expect(zero3.ranked).toHaveLength(0);
    expect(zero3.invalidByReason['stack-zero'] ?? 0).toBeGreaterThan(0);
  });
});
