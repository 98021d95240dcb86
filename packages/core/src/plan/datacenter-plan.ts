import { planCost } from '../cost/plan.js';
import { type Warning, warning } from '../explain/warning.js';
import { planNetworks } from '../fabric/networks.js';
import { SERVING_BYTES } from '../inference/formats.js';
import { planCarbon } from '../power/carbon.js';
import { planPower } from '../power/plan.js';
import { planStorage } from '../storage/plan.js';
import { paramCounts } from '../transformer/params.js';
import { SECONDS_PER_YEAR } from '../units/time.js';
import type { DatacenterPlan, DatacenterPlanResult } from './datacenter-types.js';
import { planReliability } from './goodput.js';
import { naiveEstimate, naiveGap } from './naive.js';
import { physicallyImpossibleMessage, physicalViolations } from './physical-law.js';
import type { ResolvedDatacenter, ResolvedServing, ResolvedTraining } from './resolve.js';
import type { ServingPlan } from './serving-plan.js';
import { nodesFor, siteSummary } from './site.js';
import { datacenterFigures } from './site-figures.js';
import { type PlanOptions, planTraining, type TrainingPlan } from './training-plan.js';

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
    if (!tr.ok) return { ok: false, code: tr.code, message: tr.message };
    training = tr.plan;
  }
  const first = servings[0]?.resolved;
  if (!t && !first)
    return {
      ok: false,
      code: 'nothing-to-plan',
      message: 'nothing to plan: the scenario needs a train or serve workload',
    };
  const servingGpus = servings.reduce((a, s) => a + s.plan.best.gpus, 0);
  // A run whose phases change the cluster size holds its largest.
  const trainingGpus = training ? Math.max(...training.phases.map((p) => p.gpus)) : 0;
  // The site holds hardware.gpus; GPUs no workload takes stay idle but are bought, racked and powered.
  const used = trainingGpus + servingGpus;
  const gpus = dc.clusterGpus === 'auto' ? used : Math.max(dc.clusterGpus, used);
  const hw = dc.hardware;
  const accelerator = hw.accelerator;
  const sys = dc.system;
  const nodes = nodesFor(hw, gpus);
  const networks = planNetworks(
    gpus,
    { accelerator, domainSize: hw.scaleUpDomain, bytesPerS: hw.scaleUpBytesPerS },
    sys,
    dc.fabric,
  );
  if (!networks.ok) return networks;
  const net = networks.plan;
  // Storage holds the training data and checkpoints, or a copy of each served model's weights.
  const servedWeightBytes = servings.reduce(
    (a, s) => a + paramCounts(s.resolved.model).total * SERVING_BYTES[s.resolved.weights],
    0,
  );
  const storage = planStorage({
    durable: t ? 'checkpoints' : 'model weights',
    nodes,
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
    nodes,
    system: sys,
    rackLimitW: dc.site.rackPowerLimitW,
    pue: dc.site.pue,
    networkW: net.powerW,
    switches,
    storageW: storage.powerW,
    storageServers: storage.servers,
    storageServerRackUnits: storage.server.rackUnits,
  });
  const reliability =
    t && training
      ? planReliability(training, storage, dc.storage.checkpointMode, t.runLosses, hw.gpusPerNode)
      : null;
  const racks = power.computeRacks + power.networkRacks + power.storageRacks;
  const cost = planCost({
    system: sys,
    systemDerived: dc.systemDerived,
    nodes: power.nodes,
    gpus,
    network: net.items,
    fileServer: storage.server,
    fileServers: storage.servers,
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
    // Spares held beside the run are paid for as long as it runs.
    runGpuHours: reliability ? reliability.wallClockGpuHours + reliability.losses.spareGpuHours : 0,
  });
  // The training run's energy; a site that only serves is counted over a year.
  const energy = {
    runJ: reliability ? (power.facilityW * reliability.wallClockGpuHours * 3600) / gpus : null,
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
  const warnings: Warning[] = [
    ...(training?.warnings ?? []),
    ...servings.flatMap((s) => s.plan.warnings),
    ...power.warnings,
    ...cost.warnings,
  ];
  if (t && reliability && t.deadlineS !== undefined && reliability.wallClockS > t.deadlineS) {
    warnings.push(
      warning(
        'past-deadline',
        `with failures, checkpoints and the run's other losses it takes ${(reliability.wallClockS / 86400).toFixed(1)} days, past the deadline`,
      ),
    );
  }
  if (dc.cost.budget !== undefined && reliability && cost.runCostUsd > dc.cost.budget) {
    warnings.push(
      warning('over-budget', `the run costs ${(cost.runCostUsd / 1e6).toFixed(2)}M USD, over the budget`),
    );
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
  const plan: DatacenterPlan = {
    kind: 'datacenter',
    name: training?.name ?? first!.name,
    training,
    naive: training && t ? naiveBeside(training, t, hw.gpusPerNode) : null,
    serving: servings.map((s) => s.plan),
    gpus: { total: gpus, training: trainingGpus, serving: servingGpus, idle: gpus - used },
    system: { id: sys.id, name: sys.name, derived: dc.systemDerived },
    site: siteSummary(hw, nodes),
    networks: net,
    storage,
    power,
    reliability,
    cost,
    carbon,
    energy,
    figures,
    warnings,
  };
  const broken = physicalViolations(plan);
  if (broken.length > 0)
    return { ok: false, code: 'physically-impossible', message: physicallyImpossibleMessage(broken) };
  return { ok: true, plan };
}

/** The naive formula at the run's size, and the parts of aidc's time it has no term for. */
function naiveBeside(training: TrainingPlan, t: ResolvedTraining, gpusPerNode: number) {
  const estimate = naiveEstimate(t.job, gpusPerNode);
  return { estimate, gap: naiveGap(training.figures, training.figures.steps?.value ?? 0, estimate) };
}
