import {
  type CheckpointPolicy,
  checkpointPolicy,
  expectedInterruptions,
  failureRatePerHour,
  RESTART_TIME_S,
} from '../reliability/failures.js';
import { type PhaseRun, type RunLossSettings, runLosses } from '../reliability/run-losses.js';
import { HOST_COPY_BYTES_PER_S_PER_GPU, type StoragePlan } from '../storage/plan.js';
import type { ReliabilityPlan } from './datacenter-types.js';
import type { TrainingPlan } from './training-plan.js';

/** A phase's checkpoint policy: the checkpoint is written at the storage's provisioned bandwidth;
 * synchronous, training waits for the write; asynchronous, for the copy to host memory, and the next
 * checkpoint cannot start before the write has finished. */
function phasePolicy(
  gpus: number,
  storage: StoragePlan,
  async: boolean,
): { policy: CheckpointPolicy; blockingS: number; writeS: number; ratePerHour: number } {
  const ratePerHour = failureRatePerHour(gpus);
  const writeS = storage.checkpointBytes / storage.provisionedWriteBytesPerS;
  const blockingS = async ? storage.checkpointBytes / (HOST_COPY_BYTES_PER_S_PER_GPU * gpus) : writeS;
  const policy = checkpointPolicy(blockingS, 3600 / ratePerHour, undefined, undefined, async ? writeS : 0);
  return { policy, blockingS, writeS, ratePerHour };
}

/** The run's failures, its checkpoint policy, its other losses and the wall-clock time they stretch
 * training to, phase by phase (a phase on fewer GPUs fails less often). */
export function planReliability(
  training: TrainingPlan,
  storage: StoragePlan,
  checkpointMode: 'sync' | 'async',
  settings: RunLossSettings,
  gpusPerNode: number,
): ReliabilityPlan {
  const async = checkpointMode === 'async';
  const perPhase = training.phases.map((ph) => ({ ph, ...phasePolicy(ph.gpus, storage, async) }));
  const phases: PhaseRun[] = perPhase.map(({ ph, policy, ratePerHour }) => ({
    trainingTimeS: ph.best.trainingTimeS,
    stepS: ph.best.stepTimeS,
    gpus: ph.gpus,
    gpusPerNode,
    failureGoodput: policy.goodput,
    interruptionsPerS: ratePerHour / 3600,
    restartS: RESTART_TIME_S,
  }));
  const losses = runLosses(phases, settings);
  const main = perPhase[training.run.mainPhase] ?? perPhase[0]!;
  // The interruptions by component in the shares of their rates (the same on every phase).
  const perGpuHour = expectedInterruptions(1, 1);
  const byComponent = Object.fromEntries(
    Object.entries(perGpuHour.byComponent).map(([c, n]) => [
      c,
      (losses.interruptions * n) / perGpuHour.total,
    ]),
  ) as ReliabilityPlan['byComponent'];
  return {
    failuresPerDay: main.ratePerHour * 24,
    expectedInterruptions: losses.interruptions,
    byComponent,
    checkpointWriteS: main.writeS,
    checkpointBlockingS: main.blockingS,
    checkpointMode,
    policy: main.policy,
    wallClockS: losses.wallClockS,
    wallClockGpuHours: losses.wallClockGpuHours,
    losses,
    lossSettings: settings,
  };
}
