// A Server run's latency at the load it ran at relative to its own system, apart from the error of the
// capacity. MLPerf submitters set a Server run's rate just under where its latency limits break, often
// above 95% of what the same system does Offline; there, queueing turns a few percent of capacity error
// into a factor in TTFT, so the latency at the measured rate mostly scores the capacity. Simulated
// instead at the same share of the model's own Offline capacity as the measured rate is of the
// measured Offline throughput, the latencies score the scheduler and the step model.
import type { InferenceConstants } from '../inference/constants.js';
import { servingStepModel } from '../inference/throughput.js';
import type { CaseSetup } from './inference-case.js';
import { type Predicted, serverRun } from './inference-run.js';
import type { InferenceCase } from './inference-schema.js';

export interface MatchedLoad {
  /** The same system's Offline case the load is measured against. */
  readonly offlineId: string;
  /** Measured Server output throughput ÷ measured Offline output throughput. */
  readonly measuredUtilisation: number;
  /** The system's request rate simulated: that share of the predicted Offline capacity. */
  readonly ratePerS: number;
  /** Latency percentiles simulated at that rate (ttftMs, tpotMs, e2eMs), named as the case names them. */
  readonly predicted: Predicted;
}

/** The Offline case of the same submission: the id with its scenario suffix replaced. */
export function offlineSiblingId(id: string): string | null {
  return /-(server|interactive)$/.test(id) ? id.replace(/-(server|interactive)$/, '-offline') : null;
}

const headline = (v: Readonly<Record<string, unknown>>): number | null =>
  typeof v.outputTokensPerSPerGpu === 'number' ? v.outputTokensPerSPerGpu : null;

/**
 * The case re-simulated at matched load, or null when it is not a Server run with latencies, or its
 * system has no scored Offline case in the set.
 */
export function matchedLoad(
  c: InferenceCase,
  s: CaseSetup,
  offline:
    | {
        readonly id: string;
        readonly measured: Readonly<Record<string, unknown>>;
        readonly predicted: Readonly<Record<string, unknown>>;
      }
    | undefined,
  constants?: InferenceConstants,
): MatchedLoad | null {
  if (c.serving.scenario !== 'server' || !c.measured.ttftMs || !offline || s.outputTokens === null)
    return null;
  const served = headline(c.measured);
  const measuredOffline = headline(offline.measured);
  const predictedOffline = headline(offline.predicted);
  if (served === null || !measuredOffline || !predictedOffline) return null;
  const sm = servingStepModel(s.deployment, constants);
  const measuredUtilisation = served / measuredOffline;
  const ratePerS = (measuredUtilisation * predictedOffline * sm.gpus * s.instances) / s.outputTokens;
  const { ttftMs, tpotMs, e2eMs } = serverRun(sm, s, s.outputTokens, ratePerS);
  return {
    offlineId: offline.id,
    measuredUtilisation,
    ratePerS,
    predicted: { ttftMs: ttftMs!, tpotMs: tpotMs!, e2eMs: e2eMs! },
  };
}
