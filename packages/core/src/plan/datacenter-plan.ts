import { type CostPlan, planCost, SECONDS_PER_YEAR } from '../cost/plan.js';
import { type Figure, figure } from '../explain/figure.js';
import { type NetworkPlan, planNetworks, RUN_LENGTH_SOURCE } from '../fabric/networks.js';
import { SERVING_BYTES } from '../inference/formats.js';
import { type CarbonPlan, planCarbon } from '../power/carbon.js';
import { type PowerPlan, planPower, RACK_LIMIT_SOURCE } from '../power/plan.js';
import type { FederatedPlan } from '../privacy/federated.js';
import {
  type CheckpointPolicy,
  checkpointPolicy,
  expectedInterruptions,
  type FailureComponent,
  failureRatePerHour,
  LLAMA3_RELIABILITY_SOURCE,
  RESTART_TIME_S,
  RESTART_TIME_SOURCE,
} from '../reliability/failures.js';
import type { ResolvedDatacenter, ResolvedServing, ResolvedTraining } from '../scenario/resolve.js';
import type { SecurityPlan } from '../security/plan.js';
import {
  HOST_COPY_BYTES_PER_S_PER_GPU,
  HOST_COPY_SOURCE,
  PARALLEL_FS_SOURCE,
  planStorage,
  type StoragePlan,
} from '../storage/plan.js';
import { paramCounts } from '../transformer/params.js';
import type { PrivacyPlan } from './privacy-plan.js';
import type { ServingPlan } from './serving-plan.js';
import { type PlanOptions, planTraining, type TrainingPlan } from './training-plan.js';

export interface ReliabilityPlan {
  readonly failuresPerDay: number;
  readonly expectedInterruptions: number;
  readonly byComponent: Readonly<Record<FailureComponent, number>>;
  readonly checkpointWriteS: number;
  /** Time training stops per checkpoint: the write (sync) or the copy to host memory (async). */
  readonly checkpointBlockingS: number;
  readonly checkpointMode: 'sync' | 'async';
  readonly policy: CheckpointPolicy;
  /** Training time stretched by the goodput: the days the run really takes. */
  readonly wallClockS: number;
  readonly wallClockGpuHours: number;
}

export interface DatacenterPlan {
  readonly kind: 'datacenter';
  readonly name: string;
  /** The training plan, when the site trains. */
  readonly training: TrainingPlan | null;
  /** The serving fleets the site also runs. */
  readonly serving: readonly ServingPlan[];
  readonly gpus: { readonly total: number; readonly training: number; readonly serving: number };
  readonly system: { readonly id: string; readonly name: string; readonly derived: boolean };
  readonly networks: NetworkPlan;
  readonly storage: StoragePlan;
  readonly power: PowerPlan;
  /** Failures and checkpoints of the training run; null when the site only serves. */
  readonly reliability: ReliabilityPlan | null;
  readonly cost: CostPlan;
  /** Carbon of the training run, or of a year of operation when the site only serves. */
  readonly carbon: CarbonPlan;
  /** Energy of the training run (its share of the site), and of a year of the whole site. */
  readonly energy: { readonly runJ: number | null; readonly perYearJ: number };
  /** The headline figures, each with its formula, inputs and sources. */
  readonly figures: Readonly<Record<string, Figure>>;
  readonly warnings: readonly string[];
  /** DP-SGD: the guarantee, the noise, and what privacy costs against the same run without it. */
  readonly privacy?: PrivacyPlan | undefined;
  /** The run as federated training on clients, beside the datacenter run. */
  readonly federated?: FederatedComparison | undefined;
  /** The security controls the scenario requires, which are met, and what they cost. */
  readonly security?: SecurityPlan | undefined;
}

export interface FederatedComparison extends FederatedPlan {
  /** The same training in this datacenter, wall-clock. */
  readonly centralWallClockS: number | null;
}

export type DatacenterPlanResult =
  | { readonly ok: true; readonly plan: DatacenterPlan }
  | { readonly ok: false; readonly message: string };

/** What a site is planned for: a training workload, serving fleets, or both. */
export interface SiteWorkloads {
  readonly training?: ResolvedTraining | undefined;
  readonly servings?: readonly { readonly resolved: ResolvedServing; readonly plan: ServingPlan }[];
}

/**
 * The site for a training workload (its cluster sized by the scenario) and any serving fleets (sized
 * by their capacity search): networks, storage, power, failures and checkpoints (training), cost and
 * carbon.
 */
export function planDatacenter(
  w: ResolvedTraining | SiteWorkloads,
  dc: ResolvedDatacenter,
  options: PlanOptions = {},
): DatacenterPlanResult {
  const workloads: SiteWorkloads = 'job' in w ? { training: w, servings: [] } : w;
  const t = workloads.training;
  const servings = workloads.servings ?? [];
  let training: TrainingPlan | null = null;
  if (t) {
    const tr = planTraining(t, options);
    if (!tr.ok) return { ok: false, message: tr.message };
    training = tr.plan;
  }
  const first = servings[0]?.resolved;
  if (!t && !first)
    return { ok: false, message: 'nothing to plan: the scenario needs a train or serve workload' };
  const servingGpus = servings.reduce((a, s) => a + s.plan.best.gpus, 0);
  const trainingGpus = t ? t.job.gpus : 0;
  const gpus = trainingGpus + servingGpus;
  const accelerator = t ? t.job.accelerator : first!.accelerator;
  const sys = dc.system;
  const networks = planNetworks(
    gpus,
    {
      accelerator,
      domainSize: t ? t.job.scaleUpDomain : first!.scaleUpDomain,
      bytesPerS: t ? t.job.scaleUpBytesPerS : first!.scaleUpBytesPerS,
    },
    sys,
    dc.fabric,
  );
  if (!networks.ok) return { ok: false, message: networks.message };
  const net = networks.plan;
  // Storage holds the training data and checkpoints, or a copy of each served model's weights.
  const servedWeightBytes = servings.reduce(
    (a, s) => a + paramCounts(s.resolved.model).total * SERVING_BYTES[s.resolved.weights],
    0,
  );
  const storage = planStorage({
    durable: t ? 'checkpoints' : 'model weights',
    nodes: Math.ceil(gpus / sys.gpusPerNode),
    tokens: t ? t.job.tokens : 0,
    bytesPerToken: dc.storage.bytesPerToken,
    ...(t ? { params: paramCounts(t.job.model).total } : { params: servedWeightBytes, bytesPerParam: 1 }),
    keepCheckpoints: t ? dc.storage.keepCheckpoints : 1,
    replication: dc.storage.replication,
    checkpointWriteS: dc.storage.checkpointWrite,
    tokensPerS: training ? training.best.tokensPerS : 0,
  });
  const switches = net.items.filter((i) => i.kind === 'switch').reduce((a, i) => a + i.count, 0);
  const power = planPower({
    gpus,
    system: sys,
    rackLimitW: dc.site.rackPowerLimitW,
    pue: dc.site.pue,
    networkW: net.powerW,
    switches,
    storageW: storage.powerW,
    storageServers: storage.servers,
  });
  let reliability: ReliabilityPlan | null = null;
  if (t && training) {
    // Failures: the checkpoint is written at the storage's provisioned bandwidth; training stops for it.
    const ratePerHour = failureRatePerHour(trainingGpus);
    const mtbfS = 3600 / ratePerHour;
    const checkpointWriteS = storage.checkpointBytes / storage.provisionedWriteBytesPerS;
    // Synchronous: training waits for the write. Asynchronous: it waits for the copy to host memory,
    // and the next checkpoint cannot start before the write has finished.
    const async = dc.storage.checkpointMode === 'async';
    const blockingS = async
      ? storage.checkpointBytes / (HOST_COPY_BYTES_PER_S_PER_GPU * trainingGpus)
      : checkpointWriteS;
    const policy = checkpointPolicy(blockingS, mtbfS, undefined, undefined, async ? checkpointWriteS : 0);
    const wallClockS = training.best.trainingTimeS / Math.max(policy.goodput, 1e-6);
    const interruptions = expectedInterruptions(trainingGpus, wallClockS / 3600);
    reliability = {
      failuresPerDay: ratePerHour * 24,
      expectedInterruptions: interruptions.total,
      byComponent: interruptions.byComponent,
      checkpointWriteS,
      checkpointBlockingS: blockingS,
      checkpointMode: dc.storage.checkpointMode,
      policy,
      wallClockS,
      wallClockGpuHours: (wallClockS * trainingGpus) / 3600,
    };
  }
  const racks = power.computeRacks + power.networkRacks + power.storageRacks;
  const cost = planCost({
    system: sys,
    systemDerived: dc.systemDerived,
    nodes: power.nodes,
    gpus,
    network: net.items,
    parallelFsBytes: storage.parallelFsBytes,
    objectStoreBytes: storage.objectStoreBytes,
    racks,
    itW: power.itW,
    facilityW: power.facilityW,
    region: dc.site.region,
    electricityUsdPerJ: dc.site.electricityUsdPerJ,
    amortizationS: dc.cost.amortization,
    maintenancePerYear: dc.cost.maintenancePerYear,
    prices: dc.cost.prices,
    cloudPerGpuHour: dc.cost.cloudPerGpuHour,
    accelerator: accelerator.id,
    runGpuHours: reliability ? reliability.wallClockGpuHours : 0,
  });
  // The training run's energy; a site that only serves is counted over a year.
  const energy = {
    runJ: reliability ? (power.facilityW * reliability.wallClockS * trainingGpus) / gpus : null,
    perYearJ: power.facilityW * SECONDS_PER_YEAR,
  };
  const carbon = planCarbon({
    region: dc.site.region,
    energyJ: energy.runJ ?? energy.perYearJ,
    accelerator: accelerator.id,
    gpus: reliability ? trainingGpus : gpus,
    runS: reliability ? reliability.wallClockS : SECONDS_PER_YEAR,
    amortizationS: dc.cost.amortization,
  });
  const warnings = [
    ...(training?.warnings ?? []),
    ...servings.flatMap((s) => s.plan.warnings),
    ...power.warnings,
    ...cost.warnings,
  ];
  if (t && reliability && t.deadlineS !== undefined && reliability.wallClockS > t.deadlineS) {
    warnings.push(
      `with failures and checkpoints the run takes ${(reliability.wallClockS / 86400).toFixed(1)} days, past the deadline`,
    );
  }
  if (dc.cost.budget !== undefined && reliability && cost.runCostUsd > dc.cost.budget) {
    warnings.push(`the run costs ${(cost.runCostUsd / 1e6).toFixed(2)}M USD, over the budget`);
  }
  const figures = datacenterFigures({
    training,
    net,
    storage,
    power,
    reliability,
    cost,
    carbon,
    energy,
    gpus,
    trainingGpus,
  });
  return {
    ok: true,
    plan: {
      kind: 'datacenter',
      name: training?.name ?? first!.name,
      training,
      serving: servings.map((s) => s.plan),
      gpus: { total: gpus, training: trainingGpus, serving: servingGpus },
      system: { id: sys.id, name: sys.name, derived: dc.systemDerived },
      networks: net,
      storage,
      power,
      reliability,
      cost,
      carbon,
      energy,
      figures,
      warnings,
    },
  };
}

function datacenterFigures(p: {
  training: TrainingPlan | null;
  net: NetworkPlan;
  storage: StoragePlan;
  power: PowerPlan;
  reliability: ReliabilityPlan | null;
  cost: CostPlan;
  carbon: CarbonPlan;
  energy: { runJ: number | null; perYearJ: number };
  gpus: number;
  trainingGpus: number;
}): Record<string, Figure> {
  const site = siteFigures({ ...p, servingOnly: p.reliability === null });
  if (!p.training || !p.reliability || p.energy.runJ === null) return site;
  return {
    ...site,
    ...runFigures({
      ...p,
      gpus: p.trainingGpus,
      training: p.training,
      reliability: p.reliability,
      energy: { ...p.energy, runJ: p.energy.runJ },
    }),
  };
}

function siteFigures(p: {
  servingOnly: boolean;
  net: NetworkPlan;
  storage: StoragePlan;
  power: PowerPlan;
  cost: CostPlan;
  carbon: CarbonPlan;
  gpus: number;
}): Record<string, Figure> {
  const { net, storage, power, cost, carbon } = p;
  const c = net.compute;
  return {
    computeSwitches: figure(
      c.leafSwitches + c.spineSwitches + c.coreSwitches,
      'count',
      'leaf + spine + core switches of the compute fabric (folded Clos sized for the NIC ports, radix and oversubscription)',
      {
        tiers: c.tiers,
        leaves: c.leafSwitches,
        spines: c.spineSwitches,
        cores: c.coreSwitches,
        endpoints: c.endpoints,
      },
      [RUN_LENGTH_SOURCE],
    ),
    itPower: figure(power.itW, 'W', 'nodes × node power + switches and optics + storage servers', {
      computeW: power.computeW,
      networkW: power.networkW,
      storageW: power.storageW,
    }),
    facilityPower: figure(power.facilityW, 'W', 'IT power × PUE', { itW: power.itW, pue: power.pue }, [
      RACK_LIMIT_SOURCE,
    ]),
    racks: figure(
      power.computeRacks + power.networkRacks + power.storageRacks,
      'count',
      'compute racks (nodes ÷ nodes per rack under the power limit) + network + storage racks',
      {
        nodesPerRack: power.nodesPerRack,
        rackLimitW: power.rackLimitW,
      },
    ),
    storageUsable: figure(
      storage.usableBytes,
      'B',
      storage.tiers[0]?.role === 'model weights'
        ? "the served models' weights (parameters × bytes of their format)"
        : 'data set (tokens × bytes per token) + checkpoints kept × checkpoint size (parameters × 14 B)',
      {
        datasetBytes: storage.datasetBytes,
        checkpointBytes: storage.checkpointBytes,
        kept: storage.keptCheckpoints,
      },
    ),
    hardwareCapex: figure(
      cost.hardwareCapexUsd,
      'USD',
      'Σ count × price over compute, network and storage lines',
      { lines: cost.lines.length },
    ),
    costPerGpuHour: figure(
      cost.costPerGpuHourUsd,
      'USD/GPU·h',
      '(hardware ÷ amortization + facility ÷ 15 years + energy per year + maintenance per year) ÷ GPU-hours per year',
      {
        annualCostUsd: cost.annualCostUsd,
        energyPerYearUsd: cost.energyPerYearUsd,
        maintenancePerYearUsd: cost.maintenancePerYearUsd,
        energyPrice: cost.energyPriceSource,
      },
    ),
    operationalCo2: figure(
      carbon.operationalKg,
      'kgCO2e',
      p.servingOnly
        ? 'a year of site energy (kWh) × grid intensity (g/kWh) ÷ 1000'
        : 'training-run energy (kWh) × grid intensity (g/kWh) ÷ 1000',
      {
        region: carbon.region,
        gCo2ePerKWh: carbon.gCo2ePerKWh,
        year: carbon.intensityYear,
      },
      carbon.sources,
    ),
  };
}

function runFigures(p: {
  training: TrainingPlan;
  storage: StoragePlan;
  power: PowerPlan;
  reliability: ReliabilityPlan;
  cost: CostPlan;
  energy: { runJ: number; perYearJ: number };
  gpus: number;
}): Record<string, Figure> {
  const { storage, power, reliability: rel, cost, energy } = p;
  return {
    checkpointWrite: figure(
      rel.checkpointWriteS,
      's',
      'checkpoint bytes ÷ provisioned write bandwidth (storage servers × per-server write)',
      {
        checkpointBytes: storage.checkpointBytes,
        writeBytesPerS: storage.provisionedWriteBytesPerS,
        servers: storage.servers,
      },
      [PARALLEL_FS_SOURCE],
    ),
    interruptions: figure(
      rel.expectedInterruptions,
      'count',
      'Σ failure rate per GPU-hour × GPUs × wall-clock hours',
      {
        gpus: p.gpus,
        failuresPerDay: rel.failuresPerDay,
      },
      [LLAMA3_RELIABILITY_SOURCE],
    ),
    checkpointInterval: figure(
      rel.policy.intervalS,
      's',
      "Young's optimum √(2 × time training stops per checkpoint × MTBF); asynchronous: no shorter than the storage write",
      {
        mode: rel.checkpointMode,
        blockingS: rel.checkpointBlockingS,
        checkpointWriteS: rel.checkpointWriteS,
        mtbfS: rel.policy.mtbfS,
      },
      [
        { title: 'Young 1974, "A first order approximation to the optimum checkpoint interval"; Daly 2006' },
        HOST_COPY_SOURCE,
      ],
    ),
    goodput: figure(
      rel.policy.goodput,
      'fraction',
      '1 − stop ÷ (interval + stop) − interval ÷ 2 ÷ MTBF − restart ÷ MTBF − planned interruptions × restart',
      {
        restartS: RESTART_TIME_S,
        mtbfS: rel.policy.mtbfS,
        intervalS: rel.policy.intervalS,
      },
      [RESTART_TIME_SOURCE, LLAMA3_RELIABILITY_SOURCE],
    ),
    wallClock: figure(rel.wallClockS, 's', 'training time ÷ goodput', {
      trainingTimeS: p.training.best.trainingTimeS,
      goodput: rel.policy.goodput,
    }),
    energyRun: figure(energy.runJ, 'J', 'facility power × wall-clock time', {
      facilityW: power.facilityW,
      wallClockS: rel.wallClockS,
    }),
    runCost: figure(cost.runCostUsd, 'USD', 'cost per GPU-hour × wall-clock GPU-hours', {
      gpuHours: rel.wallClockGpuHours,
    }),
    cloudRunCost: figure(
      cost.cloudRunCostUsd ?? 0,
      'USD',
      'cloud price per GPU-hour × wall-clock GPU-hours (0 when no price is known)',
      {
        cloudPerGpuHourUsd: cost.cloudPerGpuHourUsd ?? 'unknown',
      },
    ),
  };
}

/** One cluster size in a datacenter sweep. */
export type DatacenterSweepRow =
  | {
      readonly gpus: number;
      readonly ok: true;
      readonly layout: string;
      readonly wallClockS: number;
      readonly goodput: number;
      readonly runCostUsd: number;
      readonly hardwareCapexUsd: number;
      readonly energyJ: number;
      readonly operationalKg: number;
      readonly facilityW: number;
    }
  | { readonly gpus: number; readonly ok: false; readonly reason: string };

export interface ClusterChoice {
  readonly gpus: number;
  readonly why: string;
}

/** The whole site for each cluster size: time, cost, energy and goodput side by side. */
export function sweepDatacenter(
  t: ResolvedTraining,
  dc: ResolvedDatacenter,
  gpuCounts: readonly number[],
  options: PlanOptions = {},
): DatacenterSweepRow[] {
  return gpuCounts.map((gpus, i) => {
    const r = planDatacenter(
      { ...t, job: { ...t.job, gpus }, constraints: { ...t.constraints, dp: undefined } },
      dc,
      {
        ...options,
        alternatives: 0,
        onProgress: (f) => options.onProgress?.((i + f) / gpuCounts.length),
      },
    );
    if (!r.ok) return { gpus, ok: false, reason: r.message };
    const p = r.plan;
    if (!p.training || !p.reliability || p.energy.runJ === null)
      return { gpus, ok: false, reason: 'no training plan' };
    return {
      gpus,
      ok: true,
      layout: p.training.best.description,
      wallClockS: p.reliability.wallClockS,
      goodput: p.reliability.policy.goodput,
      runCostUsd: p.cost.runCostUsd,
      hardwareCapexUsd: p.cost.hardwareCapexUsd,
      energyJ: p.energy.runJ,
      operationalKg: p.carbon.operationalKg,
      facilityW: p.power.facilityW,
    };
  });
}

/**
 * The spec's question, "the best number of nodes": with a deadline, the size that meets it at least
 * cost; with a budget, the fastest size within it; with both, the cheapest that meets both; with
 * neither, the size after which each step up buys less than 80% of its ideal speed-up.
 */
export function chooseClusterSize(
  rows: readonly DatacenterSweepRow[],
  deadlineS: number | undefined,
  budgetUsd: number | undefined,
): ClusterChoice | null {
  const ok = rows.filter((r): r is Extract<DatacenterSweepRow, { ok: true }> => r.ok);
  if (ok.length === 0) return null;
  const fits = ok.filter(
    (r) =>
      (deadlineS === undefined || r.wallClockS <= deadlineS) &&
      (budgetUsd === undefined || r.runCostUsd <= budgetUsd),
  );
  if (deadlineS !== undefined || budgetUsd !== undefined) {
    if (fits.length === 0) return null;
    const best =
      deadlineS !== undefined
        ? fits.reduce((a, b) => (b.runCostUsd < a.runCostUsd ? b : a))
        : fits.reduce((a, b) => (b.wallClockS < a.wallClockS ? b : a));
    const why =
      deadlineS !== undefined
        ? `the cheapest size that finishes within the deadline${budgetUsd !== undefined ? ' and the budget' : ''}`
        : 'the fastest size within the budget';
    return { gpus: best.gpus, why };
  }
  const sorted = [...ok].sort((a, b) => a.gpus - b.gpus);
  let choice = sorted[0]!;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    const marginal = prev.wallClockS / cur.wallClockS / (cur.gpus / prev.gpus);
    if (marginal < 0.8) break;
    choice = cur;
  }
  return {
    gpus: choice.gpus,
    why: 'the largest size before a step up buys less than 80% of its ideal speed-up',
  };
}
