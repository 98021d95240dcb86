// The run's wall clock and what it loses, cause by cause, as explained figures: the effective
// training time that published run reports give.

import type { Source } from '../catalog/types.js';
import { derivedFigure, type Figure, figure, figureRef } from '../explain/figure.js';
import { RESTART_TIME_S } from '../reliability/failures.js';
import { RUN_LOSS_DEFAULTS, type RunLossName, STRAGGLER_MIN_GPUS } from '../reliability/run-losses.js';
import type { ReliabilityPlan } from './datacenter-types.js';
import type { TrainingPlan } from './training-plan.js';

/** Where a run-loss input came from: its default's source, or the scenario that set it. */
function settingSource(rel: ReliabilityPlan, name: RunLossName): Source {
  const d = RUN_LOSS_DEFAULTS[name];
  return rel.lossSettings[name] === d.value
    ? d.source
    : { title: `the scenario's train.runLosses.${name}`, note: `default ${d.value} (${d.source.title})` };
}

export function runLossFigures(training: TrainingPlan, rel: ReliabilityPlan): Record<string, Figure> {
  const s = rel.lossSettings;
  const l = rel.losses;
  const trainingTime = figureRef('training', 'trainingTime', l.trainingTimeS);
  const cite = (...names: RunLossName[]) => names.map((n) => settingSource(rel, n));
  return {
    wallClock: derivedFigure(
      rel.wallClockS,
      's',
      'Σ over phases [(training time × (1 + data stalls + stragglers + evaluation) + loss spikes × (rolled-back steps × step time + restart)) ÷ goodput + interruptions × scheduling wait] + start-up',
      {
        trainingTimeS: trainingTime,
        goodput: figureRef('site', 'goodput', rel.policy.goodput),
        phases: training.phases.length,
        dataStallShare: s.dataStallShare,
        stragglerShare: s.stragglerShare,
        evaluationShare: s.evaluationShare,
        lossSpikesPer1000Steps: s.lossSpikesPer1000Steps,
        lossSpikeRollbackSteps: s.lossSpikeRollbackSteps,
        restartS: RESTART_TIME_S,
        schedulingWaitS: s.schedulingWaitS,
        startupS: s.startupS,
      },
    ),
    effectiveTrainingTime: derivedFigure(
      l.effectiveTrainingTime,
      'fraction',
      'training time at full speed ÷ wall clock',
      { trainingTimeS: trainingTime, wallClockS: figureRef('site', 'wallClock', rel.wallClockS) },
    ),
    lostToFailures: derivedFigure(
      l.lostS.failuresAndCheckpointsS,
      's',
      'running time × (1 ÷ goodput − 1): checkpoints, work redone after failures, restarts',
      { goodput: figureRef('site', 'goodput', rel.policy.goodput) },
    ),
    lostToLossSpikes: figure(
      l.lostS.lossSpikesS,
      's',
      'loss spikes per 1,000 steps × steps ÷ 1,000 × (rolled-back steps × step time + restart)',
      {
        lossSpikesPer1000Steps: s.lossSpikesPer1000Steps,
        lossSpikes: l.lossSpikes,
        lossSpikeRollbackSteps: s.lossSpikeRollbackSteps,
        stepS: figureRef('training', 'stepTime', training.best.stepTimeS),
        restartS: RESTART_TIME_S,
      },
      cite('lossSpikesPer1000Steps', 'lossSpikeRollbackSteps'),
    ),
    lostToEvaluation: figure(
      l.lostS.evaluationS,
      's',
      'training time × evaluation share',
      { trainingTimeS: trainingTime, evaluationShare: s.evaluationShare },
      cite('evaluationShare'),
    ),
    lostToDataStalls: figure(
      l.lostS.dataStallsS,
      's',
      'training time × data-stall share',
      { trainingTimeS: trainingTime, dataStallShare: s.dataStallShare },
      cite('dataStallShare'),
    ),
    lostToStragglers: figure(
      l.lostS.stragglersS,
      's',
      `training time × straggler share, on phases of ${STRAGGLER_MIN_GPUS} GPUs or more`,
      { trainingTimeS: trainingTime, stragglerShare: s.stragglerShare },
      cite('stragglerShare'),
    ),
    lostToSchedulingWait: figure(
      l.lostS.schedulingWaitS,
      's',
      'interruptions × scheduling wait',
      { interruptions: l.interruptions, schedulingWaitS: s.schedulingWaitS },
      cite('schedulingWaitS'),
    ),
    lostToStartup: figure(
      l.lostS.startupS,
      's',
      'start-up, once per run',
      { startupS: s.startupS },
      cite('startupS'),
    ),
    spareGpuHours: figure(
      l.spareGpuHours,
      'GPU·h',
      'Σ over phases: wall clock × whole nodes of (spare share × GPUs) × GPUs per node',
      { gpuHours: rel.wallClockGpuHours, spareShare: s.spareShare },
      cite('spareShare'),
    ),
  };
}
