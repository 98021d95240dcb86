// A serving fleet on the shared cluster: its traffic follows a daily profile and an autoscaler sets
// its replicas every period, from the capacity one replica serves within its latency targets (the
// serving planner's figure). A replica takes its GPUs when started and serves once its weights are
// loaded.

export interface ServingFleet {
  readonly name: string;
  /** GPUs one replica holds: up to a node's on one node, or whole nodes beyond. */
  readonly gpusPerReplica: number;
  /** Requests per second one replica serves within its latency targets. */
  readonly capacityPerReplicaPerS: number;
  /** Requests per second at the busiest hour of the day. */
  readonly peakRatePerS: number;
  /** Rate by hour of the day as a share of the peak (24 values, the largest 1). */
  readonly hourlyShare: readonly number[];
  /** The autoscaler keeps demand at or under this share of the ready capacity. */
  readonly targetUtilization: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** How often the autoscaler looks. */
  readonly intervalS: number;
  /** From taking the GPUs to serving: start-up and loading the weights. */
  readonly startupS: number;
}

const DAY_S = 86_400;
const HOUR_S = 3_600;

/** Requests per second at time t (seconds from midnight of day one), between hourly points linearly. */
export function fleetDemandPerS(f: ServingFleet, tS: number): number {
  const h = (((tS % DAY_S) + DAY_S) % DAY_S) / HOUR_S;
  const i = Math.floor(h);
  const a = f.hourlyShare[i % 24]!;
  const b = f.hourlyShare[(i + 1) % 24]!;
  return f.peakRatePerS * (a + (b - a) * (h - i));
}

/** Replicas the autoscaler asks for at a demand: enough that the demand is at most the target share
 * of their capacity, within the fleet's bounds. */
export function targetReplicas(f: ServingFleet, demandPerS: number): number {
  const want = Math.ceil(demandPerS / (f.capacityPerReplicaPerS * f.targetUtilization) - 1e-9);
  return Math.min(f.maxReplicas, Math.max(f.minReplicas, want));
}

/** Replicas the fleet needs at its peak: the most the autoscaler may ask for. */
export function peakReplicas(f: Omit<ServingFleet, 'maxReplicas'>): number {
  return Math.max(
    f.minReplicas,
    Math.ceil(f.peakRatePerS / (f.capacityPerReplicaPerS * f.targetUtilization) - 1e-9),
  );
}
