// Nodes and jobs for the shared-cluster tests: a node of n GPUs with room for any task's CPU and
// memory, and a job of whole GPUs (or a share of one) that asks a CPU per GPU.

import { MILLI_PER_GPU, type TraceNode } from './cluster-trace.js';
import type { ClusterJob } from './shared-cluster.js';

export const node = (gpus: number): TraceNode => ({
  name: `n${gpus}`,
  cpuMilli: 96_000,
  memoryMib: 1 << 20,
  gpus,
  model: 'G2',
});

export const job = (
  arrivalS: number,
  durationS: number,
  gpus: number,
  gpuMilli = MILLI_PER_GPU,
): ClusterJob => ({
  arrivalS,
  durationS,
  shape: { cpuMilli: 1000 * gpus, memoryMib: 1024, gpus, gpuMilli: gpus === 0 ? 0 : gpuMilli, modelMask: 0 },
});
