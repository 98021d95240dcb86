// Interactive sessions (notebooks, debugging): they arrive as a Poisson process, hold their GPUs for
// an exponentially distributed time and compute only part of it. No published statistics of such
// sessions were found (Acme, NSDI 2024, shows a "debug" type only in a figure; Helios, Philly and
// PAI have none), so every figure is the scenario's; the distributions are assumptions: memoryless
// arrivals and lengths, the simplest that a rate and a mean determine.

import { Random } from '../sim/random.js';
import { MILLI_PER_GPU } from './cluster-trace.js';
import type { ClusterJob } from './shared-cluster.js';

export interface InteractiveSessions {
  readonly perHour: number;
  /** GPUs a session holds: whole, or a share of one below 1. */
  readonly gpus: number;
  readonly meanLengthS: number;
  /** Share of the held time it computes. */
  readonly busy: number;
}

/** The sessions that start within `horizonS`. */
export function interactiveSessions(s: InteractiveSessions, horizonS: number, seed: number): ClusterJob[] {
  const rng = new Random(seed);
  const shape =
    s.gpus < 1
      ? {
          cpuMilli: 0,
          memoryMib: 0,
          gpus: 1,
          gpuMilli: Math.max(1, Math.round(s.gpus * MILLI_PER_GPU)),
          modelMask: 0,
        }
      : { cpuMilli: 0, memoryMib: 0, gpus: s.gpus, gpuMilli: MILLI_PER_GPU, modelMask: 0 };
  const out: ClusterJob[] = [];
  for (let t = rng.exponential(3600 / s.perHour); t < horizonS; t += rng.exponential(3600 / s.perHour))
    out.push({ arrivalS: t, durationS: rng.exponential(s.meanLengthS), shape, busyShare: s.busy });
  return out;
}

/** Sessions expected over a horizon: for bounds before generating them. */
export const expectedSessions = (s: InteractiveSessions, horizonS: number) => (s.perHour * horizonS) / 3600;
