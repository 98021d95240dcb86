import { checkpointPolicy, expectedInterruptions, failureRatePerHour } from '../reliability/failures.js';
import { HOST_COPY_BYTES_PER_S_PER_GPU, type StoragePlan } from '../storage/plan.js';
import type { ReliabilityPlan } from './datacenter-types.js';
import type { TrainingPlan } from './training-plan.js';

/** The run's failures, its checkpoint policy and the wall-clock time they stretch training to. */
export function planReliability(
  training: TrainingPlan,
  storage: StoragePlan,
  trainingGpus: number,
  checkpointMode: 'sync' | 'async',
): ReliabilityPlan {
  // Failures: the checkpoint is written at the storage's provisioned bandwidth; training stops for it.
  const ratePerHour = failureRatePerHour(trainingGpus);
  const mtbfS = 3600 / ratePerHour;
  const checkpointWriteS = storage.checkpointBytes / storage.provisionedWriteBytesPerS;
  // Synchronous: training waits for the write. Asynchronous: it waits for the copy to host memory,
  // and the next checkpoint cannot start before the write has finished.
  const async = checkpointMode === 'async';
  const blockingS = async
    ? storage.checkpointBytes / (HOST_COPY_BYTES_PER_S_PER_GPU * trainingGpus)
    : checkpointWriteS;
  const policy = checkpointPolicy(blockingS, mtbfS, undefined, undefined, async ? checkpointWriteS : 0);
  const wallClockS = training.best.trainingTimeS / Math.max(policy.goodput, 1e-6);
  const interruptions = expectedInterruptions(trainingGpus, wallClockS / 3600);
  return {
    failuresPerDay: ratePerHour * 24,
    expectedInterruptions: interruptions.total,
    byComponent: interruptions.byComponent,
    checkpointWriteS,
    checkpointBlockingS: blockingS,
    checkpointMode: checkpointMode,
    policy,
    wallClockS,
    wallClockGpuHours: (wallClockS * trainingGpus) / 3600,
  };
}
