// The site of a plan shared over time (issue #16): the scenario's training run and serving fleets,
// with batch jobs like a published cluster's, simulated under each queue and placement policy the
// scenario names, on the same workload and seed. What an operator reads: utilisation, GPU-hours
// lost by cause, waits and completion times by class, serving SLO and replicas over the day, cloud
// spend, cost per useful GPU-hour, energy and carbon.

import { peakShares, TRAFFIC_PROFILES } from '../catalog/traffic-profiles.js';
import type { Source } from '../catalog/types.js';
import { derivedFigure, type Figure, figure } from '../explain/figure.js';
import type { Unlocated } from '../explain/refusal.js';
import type { CloudBursting } from '../operations/cloud-burst.js';
import { MILLI_PER_GPU, type TraceNode } from '../operations/cluster-trace.js';
import { arrivalRateForLoad, jobsAtLoad, quantile } from '../operations/compare-queues.js';
import {
  expectedSessions,
  type InteractiveSessions,
  interactiveSessions,
} from '../operations/interactive.js';
import { peakReplicas, type ServingFleet } from '../operations/serving-fleet.js';
import {
  type ClusterJob,
  type SharedClusterResult,
  simulateSharedCluster,
} from '../operations/shared-cluster.js';
import { CLUSTER_SUMMARIES } from '../operations/workload-generator.js';
import { failureRatePerHour, RESTART_TIME_S } from '../reliability/failures.js';
import type { OperationsSettings } from '../scenario/schema.js';
import { type OnProgress, progressSpan } from '../sim/progress.js';
import { SECONDS_PER_YEAR } from '../units/time.js';
import type { PlacementPolicy, PolicyPair, QueuePolicy } from '../vocab/operations.js';
import type { DatacenterPlan } from './datacenter-types.js';

/** From taking GPUs to serving, when the scenario gives no start-up: between a fast loader
 * (ServerlessLLM, Fu et al., OSDI 2024: about 84 s to load Llama-2-70B into GPUs) and a cold start
 * of up to 10 minutes (Anyscale's account of starting an LLM replica). */
export const REPLICA_STARTUP_S = 300;
/** From asking for cloud GPUs to running on them, when the scenario gives none. An assumption: an
 * instance to boot and a container to pull, which AWS SageMaker's documentation says "could take
 * minutes". */
export const CLOUD_PROVISIONING_S = 600;
/** Power a GPU no job holds draws, as a share of its power at work: an idle H100 SXM measured at
 * 72.5 W of its 700 W TDP. A GPU a job holds idle draws more (121.7 W with a CUDA context, Vadari 2026,
 * Table 2): the energy here counts held GPUs as busy. */
export const IDLE_POWER_SHARE = 72.5 / 700;
export const IDLE_POWER_SOURCE: Source = {
  title:
    'Vercellino et al., "Measurement of Generative AI Workload Power Profiles for Whole-Facility Data Center Infrastructure Planning", arXiv:2604.07345 (2026), §3.1 and Appendix A (Figure 18)',
  note: 'idle H100 SXM: 72.5 W ± 0.1 W by NVML against a 700 W TDP (a preprint)',
};

/** Jobs by size, for waits and completion times: one GPU or a share, up to a node, several nodes;
 * the scenario's training run, and its interactive sessions. */
export const JOB_CLASSES = ['single GPU', 'one node', 'multi-node', 'training run', 'interactive'] as const;
export type JobClass = (typeof JOB_CLASSES)[number];

export interface Quantiles {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly mean: number;
}

export interface PolicyOutcome {
  readonly policy: PolicyPair;
  /** Shares of the site's GPU time over the horizon. */
  readonly allocated: number;
  readonly busy: number;
  /** GPU-hours of the site over the horizon, by what became of them: they add up to `capacity`. */
  readonly gpuHours: {
    readonly capacity: number;
    readonly useful: number;
    readonly servingIdle: number;
    /** Held by interactive sessions while they did not compute. */
    readonly interactiveIdle: number;
    readonly lostToFailures: number;
    readonly lostToPreemption: number;
    /** Gangs spread over leaf groups where one could have held them: their time beyond one group's. */
    readonly lostToSpread: number;
    readonly free: number;
    /** Part of `free`: free while a waiting job fit in their sum but not on any node. */
    readonly freeToFragmentation: number;
  };
  readonly jobs: {
    readonly arrived: number;
    readonly completed: number;
    readonly refused: number;
    readonly inCloud: number;
    readonly abandoned: number;
    readonly stillWaiting: number;
    readonly failures: number;
    readonly preemptions: number;
    /** Of the preemptions, jobs `las` suspended for a job of a higher queue (no work lost). */
    readonly suspensions: number;
    /** Times a job preempted jobs of a lower priority class. */
    readonly priorityPreemptions: number;
    readonly spreadGangs: number;
  };
  /** Seconds from arrival to start, and to the end, of the jobs that started or ended. */
  readonly waitS: Readonly<Record<JobClass, Quantiles>>;
  /** Each team's quota and waits, when the scenario gives quotas. */
  readonly teams: readonly { readonly name: string; readonly quotaGpus: number; readonly waitS: Quantiles }[];
  /** Times a job within its team's quota preempted jobs of teams beyond theirs. */
  readonly quotaPreemptions: number;
  readonly completionS: Readonly<Record<JobClass, Quantiles>>;
  readonly fleets: SharedClusterResult['fleets'];
  readonly cloud: {
    readonly jobs: number;
    readonly gpuHours: number;
    readonly spendUsd: number;
    readonly reclaims: number;
  };
  readonly ownedCostUsd: number;
  readonly costPerUsefulGpuHourUsd: number;
  readonly energyJ: number;
  readonly carbonKg: number;
  readonly figures: Readonly<Record<string, Figure>>;
}

export interface OperationsPlan {
  readonly kind: 'operations';
  readonly name: string;
  readonly horizonS: number;
  readonly seed: number;
  readonly site: {
    readonly nodes: number;
    readonly gpusPerNode: number;
    readonly gpus: number;
    readonly accelerator: string;
  };
  readonly workload: {
    readonly batch: readonly {
      readonly like: string;
      readonly jobs: number;
      readonly load: number;
      readonly perHour: number;
      /** Priority class (0 unless the scenario gives one). */
      readonly priority: number;
    }[];
    /** The GPUs the batch load is a share of. */
    readonly batchGpus: number;
    /** Interactive sessions: the scenario's figures, and how many started within the horizon. */
    readonly interactive: readonly (InteractiveSessions & {
      readonly sessions: number;
      readonly priority: number;
      readonly team: string;
    })[];
    /** The training run; its model-parallel groups that must keep to an NVLink domain (GPUs each). */
    readonly training: {
      readonly gpus: number;
      readonly durationS: number;
      readonly scaleUpGroupGpus: number | null;
    } | null;
    /** Leaf groups and NVLink domains of the fabric (a domain of 1 node: the node is the domain),
     * and the share of a gang's time in cross-node traffic. */
    readonly topology: {
      readonly nodesPerGroup: number;
      readonly oversubscription: number;
      readonly nodesPerDomain: number;
      readonly scaleUpOverScaleOut: number;
      readonly commShare: number;
    } | null;
    readonly fleets: readonly {
      readonly name: string;
      readonly gpusPerReplica: number;
      readonly capacityPerReplicaPerS: number;
      readonly peakRatePerS: number;
      readonly peakReplicas: number;
      readonly profile: string;
    }[];
  };
  readonly policies: readonly PolicyOutcome[];
  /** Sampled every `sampleS` on the same clock for every policy: policy-major arrays. */
  readonly timeline: {
    readonly timeS: readonly number[];
    readonly byPolicy: readonly {
      readonly allocatedGpus: readonly number[];
      readonly busyGpus: readonly number[];
      readonly servingGpus: readonly number[];
      readonly cloudGpus: readonly number[];
      readonly waitingJobs: readonly number[];
      readonly replicas: readonly (readonly number[])[];
    }[];
    readonly demandPerS: readonly (readonly number[])[];
  };
  readonly sources: readonly Source[];
}

export type OperationsPlanResult =
  | { readonly ok: true; readonly plan: OperationsPlan }
  | ({ readonly ok: false } & Unlocated);

/** The most jobs one simulation takes: a million runs in seconds on one core (docs/operations.md). */
export const MAX_OPERATIONS_JOBS = 2_000_000;
/** The most points of a timeline, and the most looks of an autoscaler, over the horizon: bounds on
 * the memory and the events one simulation may take, far above what a chart or a week needs. */
export const MAX_TIMELINE_SAMPLES = 100_000;
export const MAX_AUTOSCALER_LOOKS = 1_000_000;

const quantiles = (values: number[]): Quantiles => {
  const v = Float64Array.from(values).sort();
  let sum = 0;
  for (const x of v) sum += x;
  return {
    count: v.length,
    p50: quantile(v, 0.5),
    p90: quantile(v, 0.9),
    p99: quantile(v, 0.99),
    mean: v.length ? sum / v.length : Number.NaN,
  };
};

const fail = (path: (string | number)[], message: string): OperationsPlanResult => ({
  ok: false,
  code: 'invalid-value',
  path,
  message,
});

export function planOperations(
  o: OperationsSettings,
  plan: DatacenterPlan,
  onProgress?: OnProgress,
  /** The GPUs batch load is a share of; default: those of this site the training run and fleets leave.
   * A comparison of site sizes keeps one workload by giving the base site's. */
  loadGpus?: number,
): OperationsPlanResult {
  if (o.horizon / o.sample > MAX_TIMELINE_SAMPLES)
    return fail(
      ['operations', 'sample'],
      `expected an interval of at least ${Math.ceil(o.horizon / MAX_TIMELINE_SAMPLES)} s: at most ${MAX_TIMELINE_SAMPLES.toLocaleString('en-US')} points over the horizon`,
    );
  if (plan.serving.length > 0 && o.horizon / o.serving.interval > MAX_AUTOSCALER_LOOKS)
    return fail(
      ['operations', 'serving', 'interval'],
      `expected an interval of at least ${Math.ceil(o.horizon / MAX_AUTOSCALER_LOOKS)} s: at most ${MAX_AUTOSCALER_LOOKS.toLocaleString('en-US')} looks of the autoscaler over the horizon`,
    );
  const gpusPerNode = plan.site.gpusPerNode;
  const nodeCount = Math.ceil(plan.gpus.total / gpusPerNode);
  const nodes: TraceNode[] = Array.from({ length: nodeCount }, (_, i) => ({
    name: `node-${i}`,
    cpuMilli: 0,
    memoryMib: 0,
    gpus: gpusPerNode,
    model: plan.site.accelerator,
  }));
  const gpus = nodeCount * gpusPerNode;
  const profile = TRAFFIC_PROFILES.find((p) => p.id === o.serving.profile)!;
  const startupS = o.serving.startup ?? REPLICA_STARTUP_S;
  const fleets: ServingFleet[] = plan.serving.map((s) => {
    const base = {
      name: s.name,
      gpusPerReplica: s.best.gpusPerReplica,
      capacityPerReplicaPerS: s.best.maxRatePerReplica,
      peakRatePerS: s.traffic.ratePerS,
      hourlyShare: peakShares(profile),
      targetUtilization: o.serving.targetUtilization,
      minReplicas: 1,
      intervalS: o.serving.interval,
      startupS,
    };
    return { ...base, maxReplicas: Math.max(peakReplicas(base), s.best.replicas) };
  });
  const t = o.training && plan.training ? plan.training : null;
  // Gangs communicate like the scenario's training run: its exposed cross-node traffic (data-parallel
  // sync and pipeline transfers) as a share of its step; without a run, placement changes no speed.
  const tf = plan.training?.figures;
  const commShare = tf?.stepTime
    ? ((tf.dataParallelExposed?.value ?? 0) + (tf.pipelineExposed?.value ?? 0)) / tf.stepTime.value
    : 0;
  const fabric = plan.networks.compute;
  // An NVLink domain of several nodes (GB200 NVL72: 18 trays of 4) sits whole in one leaf group.
  const nodesPerDomain = Math.max(1, Math.floor(plan.site.scaleUpDomain / gpusPerNode));
  const groups = fabric.tiers >= 2 && fabric.scalableUnits > 1;
  const topology =
    groups || nodesPerDomain > 1
      ? {
          nodesPerGroup: groups
            ? Math.ceil(fabric.nodes / fabric.scalableUnits / nodesPerDomain) * nodesPerDomain
            : nodeCount,
          oversubscription: plan.site.oversubscription,
          nodesPerDomain,
          scaleUpOverScaleOut: plan.site.scaleUpBytesPerS / plan.site.scaleOutBytesPerS,
        }
      : undefined;
  const training = t ? { gpus: t.cluster.gpus, durationS: (t.run.gpuHours * 3600) / t.cluster.gpus } : null;
  const servingPeakGpus = fleets.reduce((a, f) => a + f.maxReplicas * f.gpusPerReplica, 0);
  // Batch load is a share of the GPUs neither the training run nor the fleets at their peak hold.
  const batchGpus = loadGpus ?? Math.max(gpusPerNode, gpus - (training?.gpus ?? 0) - servingPeakGpus);
  const jobs: ClusterJob[] = [];
  const classOf: JobClass[] = [];
  // Teams: the training run's, guaranteed its GPUs, then one per batch entry (entries naming the same
  // team share it; its quota is the largest they give).
  const teams: { name: string; quotaGpus: number }[] = [];
  const teamIndex = (name: string, quotaGpus: number) => {
    let i = teams.findIndex((x) => x.name === name);
    if (i < 0) i = teams.push({ name, quotaGpus }) - 1;
    else teams[i]!.quotaGpus = Math.max(teams[i]!.quotaGpus, quotaGpus);
    return i;
  };
  const anyQuota = o.batch.some((b) => b.quota !== undefined);
  // The run's model-parallel groups, planned on NVLink, keep to a domain when they span nodes.
  const layout = t?.best.layout;
  const group = layout ? layout.tp * layout.cp * layout.ep : 0;
  const scaleUpGroupGpus = group > gpusPerNode && group <= plan.site.scaleUpDomain ? group : undefined;
  if (training) {
    jobs.push({
      arrivalS: 0,
      durationS: training.durationS,
      shape: { cpuMilli: 0, memoryMib: 0, gpus: training.gpus, gpuMilli: MILLI_PER_GPU, modelMask: 0 },
      commShare,
      ...(scaleUpGroupGpus ? { scaleUpGroupGpus } : {}),
      ...(anyQuota ? { team: teamIndex('training run', training.gpus) } : {}),
    });
    classOf.push('training run');
  }
  const batch: { like: string; jobs: number; load: number; perHour: number; priority: number }[] = [];
  for (const [i, b] of o.batch.entries()) {
    const c = CLUSTER_SUMMARIES.find((x) => x.id === b.like)!;
    const seed = o.seed + 7919 * (i + 1);
    const perS = arrivalRateForLoad(c, batchGpus, b.load, seed);
    const count = b.jobs ?? Math.ceil(perS * o.horizon);
    if (jobs.length + count > MAX_OPERATIONS_JOBS)
      return fail(
        ['operations', 'batch', i],
        `expected at most ${MAX_OPERATIONS_JOBS.toLocaleString('en-US')} jobs in all; ${b.like} at load ${b.load} over the horizon is ${count.toLocaleString('en-US')}: give jobs, a lower load or a shorter horizon`,
      );
    const team = anyQuota ? teamIndex(b.team ?? b.like, b.quota ?? 0) : undefined;
    for (const j of jobsAtLoad(c, batchGpus, count, b.load, seed)) {
      const withTeam = {
        ...j,
        ...(team === undefined ? {} : { team }),
        ...(b.priority ? { priority: b.priority } : {}),
      };
      jobs.push(j.shape.gpus > gpusPerNode ? { ...withTeam, commShare } : withTeam);
      const g = j.shape.gpus;
      classOf.push(g <= 1 ? 'single GPU' : g <= gpusPerNode ? 'one node' : 'multi-node');
    }
    batch.push({ like: b.like, jobs: count, load: b.load, perHour: perS * 3600, priority: b.priority });
  }
  const interactive: OperationsPlan['workload']['interactive'][number][] = [];
  for (const [i, s] of o.interactive.entries()) {
    const spec = { perHour: s.perHour, gpus: s.gpus, meanLengthS: s.length, busy: s.busy };
    const expected = expectedSessions(spec, o.horizon);
    if (jobs.length + expected > MAX_OPERATIONS_JOBS)
      return fail(
        ['operations', 'interactive', i],
        `expected at most ${MAX_OPERATIONS_JOBS.toLocaleString('en-US')} jobs in all; ${s.perHour} sessions an hour over the horizon are about ${Math.round(expected).toLocaleString('en-US')}: give fewer an hour or a shorter horizon`,
      );
    const team = anyQuota ? teamIndex(s.team ?? 'interactive', 0) : undefined;
    const sessions = interactiveSessions(spec, o.horizon, o.seed + 104_729 * (i + 1));
    for (const j of sessions) {
      jobs.push({
        ...j,
        ...(team === undefined ? {} : { team }),
        ...(s.priority ? { priority: s.priority } : {}),
      });
      classOf.push('interactive');
    }
    interactive.push({
      ...spec,
      sessions: sessions.length,
      priority: s.priority,
      team: s.team ?? 'interactive',
    });
  }
  let cloud: CloudBursting | undefined;
  if (o.cloud) {
    const perGpuHourUsd = o.cloud.perGpuHour ?? plan.cost.cloudPerGpuHourUsd;
    if (perGpuHourUsd === null || perGpuHourUsd === undefined)
      return fail(
        ['operations', 'cloud', 'perGpuHour'],
        `expected a cloud price: the catalog has none for ${plan.site.accelerator}`,
      );
    cloud = {
      afterWaitS: o.cloud.after ?? Number.POSITIVE_INFINITY,
      ...(o.cloud.queueOver !== undefined ? { queueOver: o.cloud.queueOver } : {}),
      provisioningS: o.cloud.provisioning ?? CLOUD_PROVISIONING_S,
      perGpuHourUsd,
      ...(o.cloud.spot
        ? {
            spot: {
              perGpuHourUsd: o.cloud.spot.perGpuHour,
              reclaimPerHour: o.cloud.spot.reclaimPerHour,
              checkpointIntervalS: o.checkpointInterval,
            },
          }
        : {}),
    };
  }
  const failures = o.failures
    ? {
        perGpuHour: failureRatePerHour(1),
        checkpointIntervalS: o.checkpointInterval,
        restartS: RESTART_TIME_S,
      }
    : undefined;

  const outcomes: PolicyOutcome[] = [];
  const byPolicy: OperationsPlan['timeline']['byPolicy'][number][] = [];
  let timeS: number[] = [];
  let demandPerS: number[][] = [];
  for (const [k, policy] of o.policies.entries()) {
    const [queue, placement] = policy.split('/') as [QueuePolicy, PlacementPolicy];
    const r = simulateSharedCluster(nodes, jobs, {
      queue,
      placement,
      seed: o.seed,
      ...(onProgress
        ? { onProgress: progressSpan(onProgress, k / o.policies.length, (k + 1) / o.policies.length)! }
        : {}),
      horizonS: o.horizon,
      fleets,
      preemptForServing: o.preemption,
      checkpointIntervalS: o.checkpointInterval,
      sampleS: o.sample,
      ...(topology ? { topology } : {}),
      ...(anyQuota ? { quotaGpus: teams.map((x) => x.quotaGpus) } : {}),
      ...(failures ? { failures } : {}),
      ...(cloud ? { cloud } : {}),
    });
    outcomes.push(outcome(policy, r, jobs, classOf, plan, gpus, o.horizon, cloud, teams));
    const samples = r.timeline.timeS.length;
    const fleetSeries = (a: Float64Array) =>
      fleets.map((_, f) => Array.from(a.subarray(f * samples, (f + 1) * samples)));
    byPolicy.push({
      allocatedGpus: Array.from(r.timeline.allocatedGpus),
      busyGpus: Array.from(r.timeline.busyGpus),
      servingGpus: Array.from(r.timeline.servingGpus),
      cloudGpus: Array.from(r.timeline.cloudGpus),
      waitingJobs: Array.from(r.timeline.waitingJobs),
      replicas: fleetSeries(r.timeline.replicas),
    });
    if (k === 0) {
      timeS = Array.from(r.timeline.timeS);
      demandPerS = fleetSeries(r.timeline.demandPerS);
    }
    onProgress?.((k + 1) / o.policies.length);
  }
  return {
    ok: true,
    plan: {
      kind: 'operations',
      name: plan.name,
      horizonS: o.horizon,
      seed: o.seed,
      site: { nodes: nodeCount, gpusPerNode, gpus, accelerator: plan.site.accelerator },
      workload: {
        batch,
        interactive,
        batchGpus,
        training: training ? { ...training, scaleUpGroupGpus: scaleUpGroupGpus ?? null } : null,
        topology: topology ? { ...topology, commShare } : null,
        fleets: fleets.map((f) => ({
          name: f.name,
          gpusPerReplica: f.gpusPerReplica,
          capacityPerReplicaPerS: f.capacityPerReplicaPerS,
          peakRatePerS: f.peakRatePerS,
          peakReplicas: f.maxReplicas,
          profile: profile.id,
        })),
      },
      policies: outcomes,
      timeline: { timeS, byPolicy, demandPerS },
      sources: [
        CLUSTER_SUMMARIES[0]!.source,
        ...(fleets.length > 0 ? [profile.source] : []),
        IDLE_POWER_SOURCE,
      ],
    },
  };
}

function outcome(
  policy: PolicyPair,
  r: SharedClusterResult,
  jobs: readonly ClusterJob[],
  classOf: readonly JobClass[],
  plan: DatacenterPlan,
  gpus: number,
  horizonS: number,
  cloud: CloudBursting | undefined,
  teams: readonly { readonly name: string; readonly quotaGpus: number }[],
): PolicyOutcome {
  const toGpuH = (milliS: number) => milliS / MILLI_PER_GPU / 3600;
  const capacity = gpus * (horizonS / 3600);
  const servingGpuH = toGpuH(r.servingGpuMilliS);
  const servingBusyGpuH = r.fleets.reduce((a, f) => a + f.busyGpuS, 0) / 3600;
  const allocatedGpuH = toGpuH(r.allocatedGpuMilliS);
  const useful = toGpuH(r.usefulGpuMilliS) + servingBusyGpuH;
  const lostToFailures = toGpuH(r.lostGpuMilliS);
  const lostToPreemption = toGpuH(r.preemptedGpuMilliS);
  const servingIdle = servingGpuH - servingBusyGpuH;
  const interactiveIdle = toGpuH(r.idleHeldGpuMilliS);
  const busyGpuH = allocatedGpuH - servingIdle - interactiveIdle;
  const waits: Record<JobClass, number[]> = {
    'single GPU': [],
    'one node': [],
    'multi-node': [],
    'training run': [],
    interactive: [],
  };
  const completions: Record<JobClass, number[]> = {
    'single GPU': [],
    'one node': [],
    'multi-node': [],
    'training run': [],
    interactive: [],
  };
  let arrived = 0;
  let refused = 0;
  for (let j = 0; j < r.jobs; j++) {
    const job = jobs[j]!;
    if (job.arrivalS > horizonS) continue;
    arrived++;
    const c = classOf[j]!;
    if (r.waitS[j]! >= 0) waits[c].push(r.waitS[j]!);
    else if (job.shape.gpus > gpus && !r.inCloud[j]) refused++;
    if (r.endedS[j]! >= 0) completions[c].push(r.endedS[j]! - job.arrivalS);
  }
  const cloudGpuHours = r.cloud.billedGpuS / 3600;
  const years = horizonS / SECONDS_PER_YEAR;
  const ownedCostUsd = plan.cost.annualCostUsd * years;
  const costPerUseful = (ownedCostUsd + r.cloud.spendUsd) / Math.max(1e-9, useful + cloudGpuHours);
  const pue = plan.power.pue;
  const gpuPowerW = plan.site.gpuPowerW;
  // A session's GPU waits on its user with no kernel running: it draws what a free GPU does. A serving
  // replica below its capacity still runs smaller batches, so it counts at full power.
  const drawingGpuH = allocatedGpuH - interactiveIdle;
  const energyJ = (drawingGpuH + (capacity - drawingGpuH) * IDLE_POWER_SHARE) * 3600 * gpuPowerW * pue;
  const carbonKg = (energyJ / 3.6e6) * (plan.carbon.gCo2ePerKWh / 1000);
  const figures: Record<string, Figure> = {
    allocatedShare: derivedFigure(
      allocatedGpuH / capacity,
      'fraction',
      "GPU-hours jobs and replicas held ÷ the site's GPU-hours over the horizon",
      { allocatedGpuHours: allocatedGpuH, capacityGpuHours: capacity },
    ),
    busyShare: derivedFigure(
      busyGpuH / capacity,
      'fraction',
      "(GPU-hours held − serving replicas' idle GPU-hours − interactive sessions' idle GPU-hours) ÷ the site's GPU-hours",
      {
        allocatedGpuHours: allocatedGpuH,
        servingIdleGpuHours: servingIdle,
        interactiveIdleGpuHours: interactiveIdle,
        capacityGpuHours: capacity,
      },
    ),
    completedJobs: derivedFigure(
      r.completed,
      'count',
      'jobs ended within the horizon, on the site or in the cloud',
      {
        arrived: r.jobs,
      },
    ),
    ...Object.fromEntries(
      r.fleets.map((f) => [
        `sloAttainment:${f.name}`,
        derivedFigure(
          f.sloAttainment,
          'fraction',
          'Σ min(demand, ready replicas × capacity per replica) × interval ÷ Σ demand × interval, at each look of the autoscaler',
          { meanReplicas: f.meanReplicas, maxReplicas: f.maxReplicas, unplacedStarts: f.unplacedStarts },
        ),
      ]),
    ),
    costPerUsefulGpuHour: derivedFigure(
      costPerUseful,
      'USD/GPU·h',
      '(site cost per year × horizon + cloud spend) ÷ (useful GPU-hours on the site + cloud GPU-hours)',
      {
        annualCostUsd: plan.cost.annualCostUsd,
        horizonYears: years,
        cloudSpendUsd: r.cloud.spendUsd,
        usefulGpuHours: useful,
        cloudGpuHours,
      },
    ),
    energy: figure(
      energyJ,
      'J',
      '((allocated − interactive idle) GPU-hours + (free + interactive idle) GPU-hours × idle power share) × 3600 × power per GPU × PUE',
      {
        allocatedGpuHours: allocatedGpuH,
        interactiveIdleGpuHours: interactiveIdle,
        freeGpuHours: capacity - allocatedGpuH,
        idlePowerShare: IDLE_POWER_SHARE,
        gpuPowerW,
        pue,
      },
      [IDLE_POWER_SOURCE],
    ),
    carbon: derivedFigure(carbonKg, 'kgCO2e', 'energy (kWh) × grid intensity (gCO2e/kWh) ÷ 1000', {
      energyKWh: energyJ / 3.6e6,
      gCo2ePerKWh: plan.carbon.gCo2ePerKWh,
    }),
    cloudSpend: derivedFigure(
      r.cloud.spendUsd,
      'USD',
      'Σ over bursts: GPUs × hours billed (work, and work redone after spot reclaims) × price per GPU-hour',
      { cloudGpuHours, perGpuHourUsd: cloud ? (cloud.spot?.perGpuHourUsd ?? cloud.perGpuHourUsd) : 0 },
    ),
  };
  return {
    policy,
    allocated: allocatedGpuH / capacity,
    busy: busyGpuH / capacity,
    gpuHours: {
      capacity,
      useful,
      servingIdle,
      interactiveIdle,
      lostToFailures,
      lostToPreemption,
      lostToSpread: toGpuH(r.spreadGpuMilliS),
      free: capacity - allocatedGpuH,
      freeToFragmentation: toGpuH(r.fragmentedGpuMilliS),
    },
    jobs: {
      arrived,
      completed: r.completed,
      refused,
      inCloud: r.cloud.jobs,
      abandoned: r.abandoned,
      stillWaiting: r.waitingAtEnd,
      failures: r.failures,
      preemptions: r.preemptions,
      suspensions: r.suspensions,
      priorityPreemptions: r.priorityPreemptions,
      spreadGangs: r.spreadGangs,
    },
    waitS: mapClasses(waits),
    teams: teams.map((team, i) => ({
      ...team,
      waitS: quantiles(jobs.flatMap((j, k) => (j.team === i && r.waitS[k]! >= 0 ? [r.waitS[k]!] : []))),
    })),
    quotaPreemptions: r.quotaPreemptions,
    completionS: mapClasses(completions),
    fleets: r.fleets,
    cloud: {
      jobs: r.cloud.jobs,
      gpuHours: cloudGpuHours,
      spendUsd: r.cloud.spendUsd,
      reclaims: r.cloud.reclaims,
    },
    ownedCostUsd,
    costPerUsefulGpuHourUsd: costPerUseful,
    energyJ,
    carbonKg,
    figures,
  };
}

const mapClasses = (v: Record<JobClass, number[]>): Record<JobClass, Quantiles> =>
  Object.fromEntries(JOB_CLASSES.map((c) => [c, quantiles(v[c])])) as Record<JobClass, Quantiles>;
