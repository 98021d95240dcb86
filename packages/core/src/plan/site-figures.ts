// The site's headline figures: each concern's own (built where it is computed), then the training
// run's failures, wall-clock, energy and cost, which only the composition knows.

import { costFigures } from '../cost/figures.js';
import type { CostPlan } from '../cost/plan.js';
import { derivedFigure, type Figure, figure, figureRef } from '../explain/figure.js';
import { fabricFigures } from '../fabric/figures.js';
import type { NetworkPlan } from '../fabric/networks.js';
import type { CarbonPlan } from '../power/carbon.js';
import { carbonFigures } from '../power/carbon-figures.js';
import { powerFigures } from '../power/figures.js';
import type { PowerPlan } from '../power/plan.js';
import { LLAMA3_RELIABILITY_SOURCE, RESTART_TIME_S, RESTART_TIME_SOURCE } from '../reliability/failures.js';
import { storageFigures } from '../storage/figures.js';
import { HOST_COPY_SOURCE, type StoragePlan } from '../storage/plan.js';
import { errorBand } from '../uncertainty/bands.js';
import { runErrorClass } from '../uncertainty/classes.js';
import { RUN_TIME_ERRORS } from '../uncertainty/data/run-time.js';
import type { ReliabilityPlan } from './datacenter-types.js';
import { runLossFigures } from './run-loss-figures.js';
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
  const run = runFigures({
    ...p,
    gpus: p.trainingGpus,
    siteGpus: p.gpus,
    training: p.training,
    reliability: p.reliability,
    energy: { ...p.energy, runJ: p.energy.runJ },
  });
  return withRunRanges({ ...site, ...run }, p.training.figures.stepTime);
}

/** The run's figures that grow in proportion to its wall-clock time (at a fixed goodput and power). */
const SCALE_WITH_RUN = ['wallClock', 'energyRun', 'runCost', 'cloudRunCost', 'operationalCo2'];

/** The run's 80% range: the wider of the step time's range carried over (the model's error on
 * steps of this class) and the band of whole published runs planned the same way (what a run loses
 * beyond its steps, uncertainty/data/run-time.ts). */
function withRunRanges(run: Record<string, Figure>, step: Figure | undefined): Record<string, Figure> {
  const r = step?.range;
  const band = errorBand(RUN_TIME_ERRORS, runErrorClass({ elapsed: true }));
  if ((!step || !r) && !band) return run;
  const low = Math.min(r && step ? r.low / step.value : 1, band?.lowFactor ?? 1);
  const high = Math.max(r && step ? r.high / step.value : 1, band?.highFactor ?? 1);
  const basis = [
    ...(r ? [`the step time's range: ${r.basis}`] : []),
    ...(band
      ? [
          `${RUN_TIME_ERRORS.figure}, leave-one-source-out errors of published runs of ${band.classLabel} (${band.cases} cases, ${band.sources} sources)`,
        ]
      : []),
  ].join('; widened to ');
  const out = { ...run };
  for (const name of SCALE_WITH_RUN) {
    const f = out[name];
    if (!f) continue;
    out[name] = {
      ...f,
      range: {
        low: f.value * low,
        high: f.value * high,
        level: r?.level ?? band!.level,
        basis: `in proportion to the wall clock's range, the wider of ${basis}`,
        cases: (r?.cases ?? 0) + (band?.cases ?? 0),
        sources: (r?.sources ?? 0) + (band?.sources ?? 0),
        outsideValidated: r?.outsideValidated ?? false,
      },
    };
  }
  return out;
}

function siteFigures(p: {
  servingOnly: boolean;
  net: NetworkPlan;
  storage: StoragePlan;
  power: PowerPlan;
  cost: CostPlan;
  carbon: CarbonPlan;
}): Record<string, Figure> {
  return {
    ...fabricFigures(p.net),
    ...powerFigures(p.power),
    ...storageFigures(p.storage),
    ...costFigures(p.cost),
    ...carbonFigures(p.carbon, p.servingOnly),
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
      storage.server.sources,
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
    ...runLossFigures(p.training, rel),
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
    runCost: derivedFigure(
      cost.runCostUsd,
      'USD',
      'cost per GPU-hour × (wall-clock GPU-hours + spare GPU-hours)',
      {
        costPerGpuHourUsd: figureRef('site', 'costPerGpuHour', cost.costPerGpuHourUsd),
        gpuHours: rel.wallClockGpuHours,
        spareGpuHours: rel.losses.spareGpuHours,
      },
    ),
    // With no cloud price known there is no figure: a 0 would read as a free run.
    ...(cost.cloudRunCostUsd === null || cost.cloudPerGpuHourUsd === null
      ? {}
      : {
          cloudRunCost: figure(
            cost.cloudRunCostUsd,
            'USD',
            'cloud price per GPU-hour × (wall-clock GPU-hours + spare GPU-hours)',
            {
              cloudPerGpuHourUsd: cost.cloudPerGpuHourUsd,
              gpuHours: rel.wallClockGpuHours,
              spareGpuHours: rel.losses.spareGpuHours,
            },
            cost.cloudPriceSources,
          ),
        }),
  };
}
