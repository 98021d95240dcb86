// Jobs shared by the training tests (not shipped in the index).
import { findAccelerator, findModel } from '../catalog/lookup.js';
import { findSoftwareStack } from '../catalog/software.js';
import type { TrainingJob } from './job.js';

export function testJob(overrides: Partial<TrainingJob> = {}): TrainingJob {
  const accelerator = findAccelerator('h100-sxm')!;
  return {
    model: findModel('llama-3-70b')!,
    accelerator,
    gpus: 512,
    scaleUpDomain: 8,
    scaleUpBytesPerS: accelerator.scaleUpBytesPerS,
    scaleOutBytesPerS: 50e9,
    memoryBytes: accelerator.memoryBytes,
    seqLen: 8192,
    globalBatch: 1024,
    precision: 'bf16',
    software: findSoftwareStack('megatron-core')!,
    tokens: 1e12,
    ...overrides,
  };
}
