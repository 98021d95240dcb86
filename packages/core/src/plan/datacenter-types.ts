// The shape of a site's plan: what planDatacenter returns and every face reads.

import type { CostPlan } from '../cost/plan.js';
import type { Figure } from '../explain/figure.js';
import type { Failure } from '../explain/refusal.js';
import type { Warning } from '../explain/warning.js';
import type { NetworkPlan } from '../fabric/networks.js';
import type { CarbonPlan } from '../power/carbon.js';
import type { PowerPlan } from '../power/plan.js';
import type { FederatedPlan } from '../privacy/federated.js';
import type { CheckpointPolicy, FailureComponent } from '../reliability/failures.js';
import type { RunLosses, RunLossSettings } from '../reliability/run-losses.js';
import type { SecurityPlan } from '../security/plan.js';
import type { StoragePlan } from '../storage/plan.js';
import type { AccountantId, Sampling } from '../vocab/privacy.js';
import type { NaiveEstimate, NaiveGap } from './naive.js';
import type { ServingPlan } from './serving-plan.js';
import type { SiteSummary } from './site.js';
import type { TrainingPlan } from './training-plan.js';

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
  /** The run's time lost by cause, and its effective training time. */
  readonly losses: RunLosses;
  /** The run-level losses the plan assumed (the scenario's, or the sourced defaults). */
  readonly lossSettings: RunLossSettings;
}

export interface DatacenterPlan {
  readonly kind: 'datacenter';
  readonly name: string;
  /** The training plan, when the site trains. */
  readonly training: TrainingPlan | null;
  /** The seed essay's T = P/(N·C) + D/B for the training run at its size, and what separates aidc's
   * time from it; null when the site only serves. */
  readonly naive: { readonly estimate: NaiveEstimate; readonly gap: NaiveGap } | null;
  /** The serving fleets the site also runs. */
  readonly serving: readonly ServingPlan[];
  /** GPUs of the site (hardware.gpus, or what the workloads take when it is auto), of the training run,
   * of the serving fleets, and those no workload takes. */
  readonly gpus: {
    readonly total: number;
    readonly training: number;
    readonly serving: number;
    readonly idle: number;
  };
  readonly system: { readonly id: string; readonly name: string; readonly derived: boolean };
  /** The hardware every workload runs on, worked out once: nodes, links and power per GPU. */
  readonly site: SiteSummary;
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
  readonly warnings: readonly Warning[];
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

export type DatacenterPlanResult = { readonly ok: true; readonly plan: DatacenterPlan } | Failure;

/** One run's headline, for the private-against-non-private comparison. */
export interface RunSummary {
  readonly gpus: number;
  readonly layout: string;
  readonly stepTimeS: number;
  readonly memoryBytes: number;
  readonly wallClockS: number;
  readonly energyJ: number;
  readonly runCostUsd: number;
  readonly cloudRunCostUsd: number | null;
}

export interface PrivacyPlan {
  readonly accountant: AccountantId;
  readonly clipping: {
    readonly id: string;
    readonly name: string;
    readonly stepTimeFactor: number;
    readonly range: string;
  };
  /** Which side was given: the target ε (the noise was solved), or the noise multiplier. */
  readonly solvedFor: 'noiseMultiplier' | 'epsilon';
  readonly epsilon: number;
  readonly delta: number;
  /** Noise std ÷ clipping norm the optimizer adds. */
  readonly noiseMultiplier: number;
  readonly sampleRate: number;
  readonly steps: number;
  readonly epochs: number;
  readonly microbatching: boolean;
  readonly sampling: Sampling;
  readonly private: RunSummary;
  readonly nonPrivate: RunSummary;
  /** The fewest GPUs (in the sizes tried) at which the private run is as fast as the non-private one. */
  readonly gpusForSameWallClock: number | null;
  readonly figures: Readonly<Record<string, Figure>>;
  readonly warnings: readonly Warning[];
}
