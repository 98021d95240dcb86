// Capacity beyond the site: a job that has waited too long runs on rented cloud GPUs instead, after
// they are provisioned. On spot capacity the provider may take the GPUs back: the job loses the work
// since its last checkpoint and waits for new ones.

import type { Random } from '../sim/random.js';

export interface CloudBursting {
  /** A job that has waited this long on the site goes to the cloud (Infinity: never for its wait). */
  readonly afterWaitS: number;
  /** While more jobs than this wait, the earliest waiting ones go to the cloud. */
  readonly queueOver?: number;
  /** From asking for the GPUs to running on them. */
  readonly provisioningS: number;
  /** Rent of one GPU for an hour, USD. */
  readonly perGpuHourUsd: number;
  /** Spot capacity instead of on-demand: cheaper, and reclaimed at a rate per instance-hour. */
  readonly spot?: {
    readonly perGpuHourUsd: number;
    /** Reclaims per hour a job holds its GPUs. */
    readonly reclaimPerHour: number;
    readonly checkpointIntervalS: number;
  };
}

/** Interruptions after which a spot job is given up: one reclaimed faster than it checkpoints never ends. */
export const MAX_RECLAIMS = 1000;

export interface CloudRun {
  /** From the burst to the end: provisioning, work, and what reclaims cost. */
  totalS: number;
  /** GPU time billed per GPU: every second the job held cloud GPUs. */
  billedS: number;
  reclaims: number;
  /** Seconds of work redone after reclaims. */
  lostS: number;
}

/** One burst of a job with `workS` of work left, into `out` (no allocation per job). */
export function cloudRun(c: CloudBursting, workS: number, rng: Random, out: CloudRun): CloudRun {
  out.totalS = c.provisioningS;
  out.billedS = 0;
  out.reclaims = 0;
  out.lostS = 0;
  const spot = c.spot;
  if (!spot || spot.reclaimPerHour <= 0) {
    out.totalS += workS;
    out.billedS = workS;
    return out;
  }
  let left = workS;
  while (left > 0) {
    const ttr = rng.exponential(3600 / spot.reclaimPerHour);
    if (ttr >= left || out.reclaims >= MAX_RECLAIMS) {
      out.totalS += left;
      out.billedS += left;
      return out;
    }
    const kept = Math.floor(ttr / spot.checkpointIntervalS) * spot.checkpointIntervalS;
    left -= kept;
    out.lostS += ttr - kept;
    out.billedS += ttr;
    out.totalS += ttr + c.provisioningS;
    out.reclaims++;
  }
  return out;
}

/** The rent of a burst per GPU-hour: spot's when it runs on spot. */
export const cloudPricePerGpuHour = (c: CloudBursting): number => c.spot?.perGpuHourUsd ?? c.perGpuHourUsd;
