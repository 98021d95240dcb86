// The site's headline figures, each with its formula, inputs and sources.
import { AMORTIZATION_SOURCE, type CostPlan, FACILITY_AMORTIZATION_YEARS } from '../cost/plan.js';
import { derivedFigure, type Figure, figure, figureRef, uniqueSources } from '../explain/figure.js';
import { type NetworkPlan, RUN_LENGTH_SOURCE } from '../fabric/networks.js';
import type { CarbonPlan } from '../power/carbon.js';
import { type PowerPlan, RACK_LIMIT_SOURCE } from '../power/plan.js';
import { LLAMA3_RELIABILITY_SOURCE, RESTART_TIME_S, RESTART_TIME_SOURCE } from '../reliability/failures.js';
import { HOST_COPY_SOURCE, PARALLEL_FS_SOURCE, type StoragePlan } from '../storage/plan.js';
import { CHECKPOINT_BYTES_PER_PARAM, MIXED_PRECISION_ADAM_SOURCE } from '../transformer/training-state.js';
import type { ReliabilityPlan } from './datacenter-types.js';
import type { TrainingPlan } from './training-plan.js';

export function datacenterFigures(p: {
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
      siteGpus: p.gpus,
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
    itPower: derivedFigure(power.itW, 'W', 'nodes × node power + switches and optics + storage servers', {
      computeW: power.computeW,
      networkW: power.networkW,
      storageW: power.storageW,
    }),
    facilityPower: figure(
      power.facilityW,
      'W',
      'IT power × PUE',
      { itW: figureRef('site', 'itPower', power.itW), pue: power.pue },
      [RACK_LIMIT_SOURCE],
    ),
    racks: figure(
      power.computeRacks + power.networkRacks + power.storageRacks,
      'count',
      'compute racks (nodes ÷ nodes per rack under the power limit) + network + storage racks',
      {
        nodesPerRack: power.nodesPerRack,
        rackLimitW: power.rackLimitW,
      },
      [RACK_LIMIT_SOURCE],
    ),
    storageUsable: figure(
      storage.usableBytes,
      'B',
      storage.tiers[0]?.role === 'model weights'
        ? "the served models' weights (parameters × bytes of their format)"
        : `data set (tokens × bytes per token) + checkpoints kept × checkpoint size (parameters × ${CHECKPOINT_BYTES_PER_PARAM} B)`,
      {
        datasetBytes: storage.datasetBytes,
        checkpointBytes: storage.checkpointBytes,
        kept: storage.keptCheckpoints,
      },
      [MIXED_PRECISION_ADAM_SOURCE],
    ),
    hardwareCapex: figure(
      cost.hardwareCapexUsd,
      'USD',
      'Σ count × price over compute, network and storage lines',
      { lines: cost.lines.length },
      uniqueSources(cost.lines.flatMap((l) => l.sources)),
    ),
    costPerGpuHour: figure(
      cost.costPerGpuHourUsd,
      'USD/GPU·h',
      `(hardware ÷ amortization + facility ÷ ${FACILITY_AMORTIZATION_YEARS} years + energy per year + maintenance per year) ÷ GPU-hours per year`,
      {
        annualCostUsd: cost.annualCostUsd,
        energyPerYearUsd: cost.energyPerYearUsd,
        maintenancePerYearUsd: cost.maintenancePerYearUsd,
        energyPrice: cost.energyPriceSource,
      },
      [AMORTIZATION_SOURCE],
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
  siteGpus: number;
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
    wallClock: derivedFigure(rel.wallClockS, 's', 'training time ÷ goodput', {
      trainingTimeS: figureRef('training', 'trainingTime', p.training.best.trainingTimeS),
      goodput: figureRef('site', 'goodput', rel.policy.goodput),
    }),
    energyRun: derivedFigure(
      energy.runJ,
      'J',
      "facility power × wall-clock time × the run's share of the site's GPUs",
      {
        facilityW: figureRef('site', 'facilityPower', power.facilityW),
        wallClockS: figureRef('site', 'wallClock', rel.wallClockS),
        trainingGpus: p.gpus,
        siteGpus: p.siteGpus,
      },
    ),
    runCost: derivedFigure(cost.runCostUsd, 'USD', 'cost per GPU-hour × wall-clock GPU-hours', {
      costPerGpuHourUsd: figureRef('site', 'costPerGpuHour', cost.costPerGpuHourUsd),
      gpuHours: rel.wallClockGpuHours,
    }),
    // With no cloud price known the figure is 0 and has nothing to cite.
    cloudRunCost: (cost.cloudRunCostUsd === null ? derivedFigure : figure)(
      cost.cloudRunCostUsd ?? 0,
      'USD',
      'cloud price per GPU-hour × wall-clock GPU-hours (0 when no price is known)',
      {
        cloudPerGpuHourUsd: cost.cloudPerGpuHourUsd ?? 'unknown',
        gpuHours: rel.wallClockGpuHours,
      },
      cost.cloudPriceSources,
    ),
  };
}
