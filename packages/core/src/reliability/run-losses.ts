// What a whole run loses beyond hardware failures and checkpoints: rollbacks after loss spikes,
// evaluation pauses, data-pipeline stalls, the job's start-up, the wait for nodes after an
// interruption, and GPUs held back as spares. Each is a named input with a default and its source.

import type { Source } from '../catalog/types.js';

export interface RunLossSettings {
  /** Rollbacks after a loss spike or divergence, per 1,000 optimizer steps. */
  readonly lossSpikesPer1000Steps: number;
  /** Optimizer steps redone after each rollback (the distance to the checkpoint rolled back to). */
  readonly lossSpikeRollbackSteps: number;
  /** Training time spent evaluating on the training GPUs, as a share of training time. */
  readonly evaluationShare: number;
  /** Time the GPUs wait on the data pipeline, as a share of training time. */
  readonly dataStallShare: number;
  /** Time a large synchronous job runs slower than its healthy step time because some rank lags
   * (uneven stages, sequence-length imbalance, garbage collection, a slow node), as a share of
   * training time; jobs of STRAGGLER_MIN_GPUS or more. */
  readonly stragglerShare: number;
  /** From the job's launch to its first full-speed step, once per run: initialisation, loading,
   * compilation and the slow first steps. */
  readonly startupS: number;
  /** Wait for replacement nodes (scheduling) after each interruption, beyond the restart itself. */
  readonly schedulingWaitS: number;
  /** GPUs held back as hot spares, as a share of the run's GPUs (in whole nodes, rounded down): paid
   * for, not training. */
  readonly spareShare: number;
}

export type RunLossName = keyof RunLossSettings;

/** One default with where it comes from. */
export interface RunLossDefault {
  readonly value: number;
  readonly source: Source;
}

const GLM_130B: Source = {
  title:
    'Zeng et al. 2023, "GLM-130B: An Open Bilingual Pre-trained Model", ICLR 2023 (arXiv:2210.02414), §3, and its training log THUDM/GLM-130B logs/main-log-en.md',
  url: 'https://github.com/THUDM/GLM-130B/blob/main/logs/main-log-en.md',
  note: 'three loss divergences and two gradient-spike restarts in the final run of about 46,240 steps (400B tokens at 4,224 × 2,048 tokens a step): 5 ÷ 46.24 = 0.108 per 1,000 steps; rolled back 140, 50 and about 100 steps (entries 2022-06-12 to 06-22)',
};
const MEGASCALE: Source = {
  title:
    'Jiang et al. 2024, "MegaScale: Scaling Large Language Model Training to More Than 10,000 GPUs", NSDI 2024 (arXiv:2402.15627)',
};
const OPT_CHRONICLES: Source = {
  title:
    'Zhang et al. 2022, "OPT: Open Pre-trained Transformer Language Models" (arXiv:2205.01068) §2.4, and the metaseq OPT chronicles (projects/OPT/chronicles)',
  url: 'https://github.com/facebookresearch/metaseq/tree/main/projects/OPT/chronicles',
};

export const RUN_LOSS_DEFAULTS: Readonly<Record<RunLossName, RunLossDefault>> = {
  lossSpikesPer1000Steps: { value: 0.108, source: GLM_130B },
  lossSpikeRollbackSteps: {
    value: 100,
    source: {
      ...GLM_130B,
      note: 'rollbacks of 140, 50 and about 100 steps (mean 97); the OPT chronicles: retries from a checkpoint got "~100 or more steps" further before diverging again',
    },
  },
  evaluationShare: {
    value: 0,
    source: {
      title:
        'Hu et al. 2024, "Characterization of Large Language Model Development in the Datacenter", NSDI 2024 (arXiv:2403.07648) §3.2; the OPT chronicles, 56% update',
      note: 'evaluation runs as separate jobs beside pre-training (0.8% of GPU time on the Kalos cluster; OPT evaluated its checkpoints on other hardware), so the training GPUs do not stop for it; set a share when evaluation runs inside the training job',
    },
  },
  dataStallShare: {
    value: 0,
    source: {
      ...MEGASCALE,
      note: '§3.4 and Table 3: an asynchronous, prefetching data pipeline leaves no measurable stall (its fixes were worth at most 1.1% of MFU, with other changes); the step-time model is fitted on measured steps that include the loader in steady state',
    },
  },
  stragglerShare: {
    value: 0.104,
    source: {
      title:
        'Lin et al. 2025, "Understanding Stragglers in Large Model Training Using What-if Analysis", OSDI 2025 (arXiv:2505.05713) §4.1',
      note: '"10.4% of the allocated GPU hours are wasted due to stragglers" across 3,079 jobs of 128 GPUs or more on ByteDance clusters, January to May 2024 (quoted from the paper; its full text was not in the stored corpus)',
    },
  },
  startupS: {
    value: 900,
    source: {
      ...MEGASCALE,
      note: '§3.5: communicator initialisation took 1,047 s on 2,048 GPUs before its fixes and under 30 s after; §6.3: training catches up to where it crashed "within 15 minutes" of a checkpoint: 15 min taken for the launch',
    },
  },
  schedulingWaitS: {
    value: 0,
    source: {
      ...OPT_CHRONICLES,
      note: 'with spare nodes at hand a failed node is swapped within the restart (RESTART_TIME_S); without them replacement "can take hours for a single machine" (27% update): set a wait when the run holds no spares',
    },
  },
  spareShare: {
    value: 0.031,
    source: {
      ...OPT_CHRONICLES,
      note: 'OPT-175B trained on 992 A100s of 1,024 held: 4 spare hosts beside 124 (3.1%); the buffer grew to 12 and 18 hosts (9.7%, 14.5%) after failures (final and 56% updates)',
    },
  },
};

export const DEFAULT_RUN_LOSSES: RunLossSettings = Object.fromEntries(
  Object.entries(RUN_LOSS_DEFAULTS).map(([k, d]) => [k, d.value]),
) as unknown as RunLossSettings;

/** The smallest job the straggler share was measured on (Lin et al. 2025 §3.1: jobs of 128 GPUs or
 * more); smaller jobs are assumed to lose nothing to stragglers. */
export const STRAGGLER_MIN_GPUS = 128;

/** A run that loses nothing beyond hardware failures and checkpoints. */
export const NO_RUN_LOSSES: RunLossSettings = {
  lossSpikesPer1000Steps: 0,
  lossSpikeRollbackSteps: 0,
  evaluationShare: 0,
  dataStallShare: 0,
  stragglerShare: 0,
  startupS: 0,
  schedulingWaitS: 0,
  spareShare: 0,
};

/** One phase of the run as the losses see it. */
export interface PhaseRun {
  /** Time of the phase's steps at full speed, s. */
  readonly trainingTimeS: number;
  readonly stepS: number;
  readonly gpus: number;
  /** GPUs per node: spares are held as whole nodes. */
  readonly gpusPerNode: number;
  /** Share of the running time that counts after failures and checkpoints (goodput). */
  readonly failureGoodput: number;
  /** Unexpected interruptions per second of the running job. */
  readonly interruptionsPerS: number;
  /** Time to restart after a rollback or an interruption, s. */
  readonly restartS: number;
}

/** Seconds of wall-clock each cause takes from the run. */
export interface RunLossTimes {
  readonly failuresAndCheckpointsS: number;
  readonly lossSpikesS: number;
  readonly evaluationS: number;
  readonly dataStallsS: number;
  readonly stragglersS: number;
  readonly startupS: number;
  readonly schedulingWaitS: number;
}

export interface RunLosses {
  readonly trainingTimeS: number;
  readonly wallClockS: number;
  /** GPU-hours of the run's GPUs over its wall clock. */
  readonly wallClockGpuHours: number;
  /** GPU-hours of the spares held beside them over the same time. */
  readonly spareGpuHours: number;
  /** Training time ÷ wall clock: the "effective training time" of published run reports. */
  readonly effectiveTrainingTime: number;
  readonly lostS: RunLossTimes;
  readonly lossSpikes: number;
  readonly interruptions: number;
}

/**
 * The run's wall clock from its phases and losses. Per phase: stalls and evaluation lengthen the
 * running time in proportion, and so do stragglers; each loss spike redoes its rolled-back steps and a restart; failures
 * and checkpoints divide all of that by the phase's goodput (they strike evaluation and redone work
 * alike); each interruption then waits for nodes. The start-up is paid once.
 */
export function runLosses(phases: readonly PhaseRun[], s: RunLossSettings): RunLosses {
  let training = 0;
  let wall = s.startupS;
  let gpuS = 0;
  let failures = 0;
  let spikesS = 0;
  let evaluation = 0;
  let stalls = 0;
  let lagging = 0;
  let wait = 0;
  let spikes = 0;
  let spareGpuS = 0;
  let interruptions = 0;
  for (const p of phases) {
    const stall = p.trainingTimeS * s.dataStallShare;
    const lag = p.gpus >= STRAGGLER_MIN_GPUS ? p.trainingTimeS * s.stragglerShare : 0;
    const evals = p.trainingTimeS * s.evaluationShare;
    const busy = p.trainingTimeS + stall + lag + evals;
    const n = (s.lossSpikesPer1000Steps * p.trainingTimeS) / p.stepS / 1000;
    const redo = n * (s.lossSpikeRollbackSteps * p.stepS + p.restartS);
    const running = (busy + redo) / Math.max(p.failureGoodput, 1e-6);
    const k = running * p.interruptionsPerS;
    const phaseWall = running + k * s.schedulingWaitS;
    training += p.trainingTimeS;
    stalls += stall;
    lagging += lag;
    evaluation += evals;
    spikes += n;
    spikesS += redo;
    failures += running - busy - redo;
    interruptions += k;
    wait += k * s.schedulingWaitS;
    wall += phaseWall;
    gpuS += phaseWall * p.gpus;
    // Whole spare nodes: a job of a few nodes holds none.
    spareGpuS += phaseWall * Math.floor((s.spareShare * p.gpus) / p.gpusPerNode) * p.gpusPerNode;
  }
  gpuS += s.startupS * (phases[0]?.gpus ?? 0);
  return {
    trainingTimeS: training,
    wallClockS: wall,
    wallClockGpuHours: gpuS / 3600,
    spareGpuHours: spareGpuS / 3600,
    effectiveTrainingTime: wall > 0 ? training / wall : 1,
    lostS: {
      failuresAndCheckpointsS: failures,
      lossSpikesS: spikesS,
      evaluationS: evaluation,
      dataStallsS: stalls,
      stragglersS: lagging,
      startupS: s.startupS,
      schedulingWaitS: wait,
    },
    lossSpikes: spikes,
    interruptions,
  };
}
