import type { Source } from '../catalog/types.js';

/** What fails, grouped as an architect buys and spares them. */
export type FailureComponent =
  | 'gpu'
  | 'hbm'
  | 'host'
  | 'network'
  | 'software'
  | 'storage'
  | 'power'
  | 'other';

export interface FailureRate {
  /** The root cause as the source names it. */
  readonly cause: string;
  readonly component: FailureComponent;
  /** Unexpected job interruptions per GPU-hour of a synchronous training job. */
  readonly perGpuHour: number;
}

const LLAMA3_GPU_HOURS = 16384 * 54 * 24;

/** Llama 3 405B pre-training: 419 unexpected interruptions in 54 days on 16,384 H100s, by root cause. */
export const LLAMA3_RELIABILITY_SOURCE: Source = {
  title: 'Dubey et al. 2024, "The Llama 3 Herd of Models", §3.3.4 and Table 5',
  note: 'counts of unexpected interruptions by root cause over a 54-day snapshot on 16,384 H100 GPUs; rates = count ÷ (16,384 × 54 × 24) GPU-hours (recorded in validation/reliability.json)',
};

const COUNTS: readonly [string, FailureComponent, number][] = [
  ['faulty GPU', 'gpu', 148],
  ['GPU HBM3 memory', 'hbm', 72],
  ['software bug', 'software', 54],
  ['network switch or cable', 'network', 35],
  ['host maintenance (unplanned)', 'host', 32],
  ['GPU SRAM memory', 'gpu', 19],
  ['GPU system processor', 'gpu', 17],
  ['NIC', 'network', 7],
  ['NCCL watchdog timeout', 'software', 7],
  ['silent data corruption', 'gpu', 6],
  ['GPU thermal interface and sensor', 'gpu', 6],
  ['SSD', 'storage', 3],
  ['power supply', 'power', 3],
  ['server chassis', 'host', 2],
  ['IO expansion board', 'host', 2],
  ['dependency', 'other', 2],
  ['CPU', 'host', 2],
  ['system memory', 'host', 2],
];

/** Failure rates per GPU-hour, calibrated on the Llama 3 record (H100 era hardware and software). */
export const FAILURE_RATES: readonly FailureRate[] = COUNTS.map(([cause, component, count]) => ({
  cause,
  component,
  perGpuHour: count / LLAMA3_GPU_HOURS,
}));

/** Planned interruptions (maintenance, upgrades) per day of a job: 47 in 54 days for Llama 3. */
export const PLANNED_INTERRUPTIONS_PER_DAY = 47 / 54;

/** Time from an interruption to training again: detect, reschedule, reload the checkpoint, rebuild
 * communicators, warm up. Ten minutes, inside the published range; not fitted. */
export const RESTART_TIME_S = 600;
export const RESTART_TIME_SOURCE: Source = {
  title:
    'Kokolis et al. 2025, "Revisiting Reliability in Large-Scale Machine Learning Research Clusters", HPCA 2025 (arXiv:2410.21680); Jiang et al. 2024, "MegaScale", NSDI 2024 §6.3',
  note: "restart overhead u₀ of 5–20 minutes in Meta's ETTR model (quoted; its full text was not in the stored corpus); MegaScale detects and diagnoses a failure in under 10 minutes: 10 minutes taken",
};

export function failureRatePerHour(gpus: number, rates: readonly FailureRate[] = FAILURE_RATES): number {
  let perGpuHour = 0;
  for (const r of rates) perGpuHour += r.perGpuHour;
  return perGpuHour * gpus;
}

/** Expected unexpected interruptions of a job on `gpus` GPUs over `hours`, by component. */
export function expectedInterruptions(
  gpus: number,
  hours: number,
  rates: readonly FailureRate[] = FAILURE_RATES,
): { readonly total: number; readonly byComponent: Readonly<Record<FailureComponent, number>> } {
  const byComponent: Record<FailureComponent, number> = {
    gpu: 0,
    hbm: 0,
    host: 0,
    network: 0,
    software: 0,
    storage: 0,
    power: 0,
    other: 0,
  };
  let total = 0;
  for (const r of rates) {
    const n = r.perGpuHour * gpus * hours;
    byComponent[r.component] += n;
    total += n;
  }
  return { total, byComponent };
}

export interface CheckpointPolicy {
  /** Time between checkpoints, s. */
  readonly intervalS: number;
  /** Mean time between unexpected interruptions of the whole job, s. */
  readonly mtbfS: number;
  /** Fraction of wall-clock time spent on training that counts (goodput). */
  readonly goodput: number;
  /** The parts of the lost time, as fractions of wall-clock time. */
  readonly checkpointFraction: number;
  readonly lostWorkFraction: number;
  readonly restartFraction: number;
}

/**
 * The checkpoint interval that maximises goodput and the goodput it gives: Young's first-order
 * optimum τ = √(2 δ M) (Young 1974; Daly 2006 for the higher-order terms), with δ the time a
 * checkpoint stops training, M the job's mean time between interruptions, and R the restart time.
 * Lost time per unit of wall-clock: δ/τ (writing), (τ/2 + R)/M (work redone after a failure and the
 * restart), and planned interruptions × R.
 */
export function checkpointPolicy(
  blockingCheckpointS: number,
  mtbfS: number,
  restartS: number = RESTART_TIME_S,
  plannedPerS: number = PLANNED_INTERRUPTIONS_PER_DAY / 86400,
  minIntervalS = 0,
): CheckpointPolicy {
  const delta = Math.max(0, blockingCheckpointS);
  // An asynchronous write must finish before the next checkpoint starts: the interval has a floor.
  const intervalS = Math.max(minIntervalS, delta > 0 ? Math.sqrt(2 * delta * mtbfS) : Math.min(mtbfS, 60));
  const checkpointFraction = delta / (intervalS + delta);
  const lostWorkFraction = intervalS / 2 / mtbfS;
  const restartFraction = restartS / mtbfS + plannedPerS * restartS;
  const goodput = Math.max(0, 1 - checkpointFraction - lostWorkFraction - restartFraction);
  return { intervalS, mtbfS, goodput, checkpointFraction, lostWorkFraction, restartFraction };
}
