// What the serving capacity search needs of a workload: the model on its hardware, the traffic and the
// objectives. The planner resolves a scenario's `serve` workload into this shape (plan/resolve.ts).
import type { ServingEngineId } from '../catalog/engines.js';
import type { Accelerator, ModelArchitecture, Source } from '../catalog/types.js';
import type { ServingFormat } from '../vocab/formats.js';
import type { InferenceConstants } from './constants.js';
import type { LengthSpec, RequestTrace } from './simulator.js';
import type { SpeculativeDecoding } from './speculative.js';

/** A serving workload's traffic with the trace read and every default filled in. */
export interface ServingTraffic {
  readonly rate: number;
  readonly input: LengthSpec;
  readonly output: LengthSpec;
  /** Hourly multipliers of the mean rate over a day. */
  readonly profile?: readonly number[] | undefined;
  readonly burst?: { readonly factor: number; readonly duration: number; readonly every: number } | undefined;
  readonly trace?: RequestTrace | undefined;
}

/** Latency limits by percentile, seconds; an absent percentile is not an objective. */
export interface PercentileLimits {
  readonly p50?: number | undefined;
  readonly p90?: number | undefined;
  readonly p99?: number | undefined;
}

export interface ServingObjectives {
  readonly ttft?: PercentileLimits | undefined;
  readonly tpot?: PercentileLimits | undefined;
}

/** The links and power of the site each GPU of the fleet gets. */
export interface ServingSite {
  readonly scaleUpBytesPerS: number;
  readonly scaleOutBytesPerS: number;
  readonly oversubscription: number;
  readonly gpuPowerW: number;
}

export interface ServingWorkload {
  readonly model: ModelArchitecture;
  readonly accelerator: Accelerator;
  readonly weights: ServingFormat;
  readonly kvCache: ServingFormat;
  readonly site: ServingSite;
  readonly scaleUpDomain: number;
  readonly scaleUpBytesPerS: number;
  readonly memoryBytes: number;
  readonly traffic: ServingTraffic;
  readonly slo: ServingObjectives;
  /** The serving engine: which layouts and features the search may use. */
  readonly engine: ServingEngineId;
  /** Its release (the features it offers depend on it). */
  readonly engineVersion: string;
  /** Speculative decoding, when the scenario asks for it. */
  readonly speculative?: SpeculativeDecoding | undefined;
  /** The serving model's constants refitted on the team's own throughputs (aidc calibrate), and the
   * calibration they came from; absent: the public constants. */
  readonly calibrated?: { readonly constants: InferenceConstants; readonly source: Source } | undefined;
  readonly constraints: {
    readonly tp?: number | undefined;
    readonly pp?: number | undefined;
    readonly ep?: number | undefined;
    readonly attentionDp?: number | undefined;
    /** Two-batch overlap of the expert all-to-all (attention-DP layouts only). */
    readonly twoBatchOverlap?: boolean | undefined;
    /** Expert slots beyond the routed experts on EP layouts (EPLB copies). */
    readonly redundantExperts?: number | undefined;
    readonly disaggregated?: boolean | undefined;
  };
}
