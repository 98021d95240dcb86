// Predictions for a serving measurement, made the way the measurement was made: an MLPerf Offline run
// simulated with every sample queued at once, a Server run with Poisson arrivals at its rate, a phase
// measured alone at its saturation, or a throughput-table row by the steady-state estimate.
import type { InferenceConstants } from '../inference/constants.js';
import {
  drawLength,
  type LengthSpec,
  type Percentiles,
  SIMULATION_DEFAULTS,
  simulateServing,
} from '../inference/simulator.js';
import {
  effectiveContext,
  engineStepS,
  estimateServing,
  type ServingStepModel,
  servingStepModel,
} from '../inference/throughput.js';
import { Random } from '../sim/random.js';
import type { CaseSetup } from './inference-case.js';
import type { InferenceCase } from './inference-schema.js';

/** How long an MLPerf performance run lasts at least (LoadGen's min_duration, 600 s in mlperf.conf
 * for every LLM benchmark). */
export const MLPERF_MIN_DURATION_S = 600;
/** Poisson requests a Server run simulates at least, for stable p99s. */
const SERVER_MIN_REQUESTS = 3000;
const SERVER_MAX_REQUESTS = 30_000;

export type Predicted = Record<string, number | Percentiles>;

const toMs = (p: Percentiles): Percentiles => ({
  mean: p.mean * 1000,
  p50: p.p50 * 1000,
  p90: p.p90 * 1000,
  p99: p.p99 * 1000,
});

/** The instance's batch limit: the case's per-rank batch times its ranks, or the engine's own. */
function batchLimit(sm: ServingStepModel, s: CaseSetup): number {
  return s.batch !== null ? s.batch * sm.attentionDp * sm.pp : sm.maxBatch * sm.pp;
}

/**
 * An MLPerf Offline run on one instance: its share of the samples, all queued at t = 0, grown until
 * the run lasts MLPERF_MIN_DURATION_S as LoadGen grows it; throughput is output tokens over the
 * makespan.
 */
function offlineRun(sm: ServingStepModel, s: CaseSetup, output: number): Predicted {
  const minSamples = Math.ceil((s.mlperf?.offlineMinQueryCount ?? SERVER_MIN_REQUESTS) / s.instances);
  // The dataset's lengths where a listing gives them; else every sample the mean.
  const lengths = datasetLengths(s, output);
  const run = (n: number) => {
    const rng = new Random(1);
    const draw = (l: LengthSpec) => (l.distribution === 'empirical' ? drawLength(rng, l) : l.mean);
    const input = Array.from({ length: n }, () => draw(lengths.input));
    const out = Array.from({ length: n }, () => draw(lengths.output));
    const trace = { timesS: new Array<number>(n).fill(0), input, output: out };
    return simulateServing(
      sm,
      {
        trace,
        ratePerS: 1,
        input: { mean: s.inputTokens, distribution: 'fixed' },
        output: { mean: output, distribution: 'fixed' },
        durationS: Number.MIN_VALUE,
        seed: 1,
      },
      { maxBatch: batchLimit(sm, s), maxQueueS: Number.POSITIVE_INFINITY },
    );
  };
  let r = run(minSamples);
  if (r.simulatedS > 0 && r.simulatedS < MLPERF_MIN_DURATION_S) {
    r = run(Math.ceil((minSamples * MLPERF_MIN_DURATION_S) / r.simulatedS));
  }
  const requestsPerS = r.simulatedS > 0 ? r.completed / r.simulatedS : 0;
  return {
    outputTokensPerSPerGpu: r.outputTokensPerS / sm.gpus,
    requestsPerS: requestsPerS * s.instances,
  };
}

/** A run's request lengths: drawn from the MLPerf dataset's per-sample lengths, as LoadGen draws its
 * samples, where a listing gives them (inputs, and outputs where the listing's are the benchmark's
 * own); else exponential with the case's means. */
function datasetLengths(s: CaseSetup, output: number): { input: LengthSpec; output: LengthSpec } {
  const l = s.mlperf?.lengths;
  return {
    input: l
      ? { mean: l.input.mean, distribution: 'empirical', quantiles: l.input.quantiles }
      : { mean: s.inputTokens, distribution: 'exponential', max: 8 * s.inputTokens },
    output: l?.output
      ? { mean: l.output.mean, distribution: 'empirical', quantiles: l.output.quantiles }
      : { mean: output, distribution: 'exponential', max: 8 * output },
  };
}

/** A Server run on one instance: Poisson arrivals at its share of the rate, lengths as datasetLengths. */
export function serverRun(sm: ServingStepModel, s: CaseSetup, output: number, systemRate: number): Predicted {
  const rate = systemRate / s.instances;
  const durationS = Math.min(
    SERVER_MAX_REQUESTS / rate,
    Math.max(MLPERF_MIN_DURATION_S, SERVER_MIN_REQUESTS / rate),
  );
  const r = simulateServing(
    sm,
    {
      ratePerS: rate,
      ...datasetLengths(s, output),
      durationS,
      seed: 1,
    },
    { maxBatch: batchLimit(sm, s), maxQueueS: Number.POSITIVE_INFINITY },
  );
  // Throughput over the arrival window: what keeps up completes the offered load; what falls behind
  // drains its backlog after the window, at its capacity, which the time to its last request tells
  // (less one request's typical latency, the drain any run has).
  const spanS = Math.max(durationS, r.simulatedS - r.e2eS.p99);
  const tokens = r.outputTokensPerS * Math.max(r.simulatedS, durationS);
  const requestsPerS = r.completed / spanS;
  return {
    outputTokensPerSPerGpu: tokens / spanS / sm.gpus,
    requestsPerS: requestsPerS * s.instances,
    ttftMs: toMs(r.ttftS),
    tpotMs: toMs(r.tpotS),
    e2eMs: toMs(r.e2eS),
  };
}

/** Prefill alone at saturation: each attention-DP rank fills its step budget with whole prompts. */
function prefillRun(sm: ServingStepModel, s: CaseSetup): Predicted {
  const L = s.inputTokens;
  const perRank = Math.max(L, Math.floor(SIMULATION_DEFAULTS.maxStepTokens / L) * L);
  const tokens = perRank * sm.attentionDp;
  const stepS = engineStepS(sm, 0, 0, tokens, tokens * effectiveContext(sm, L / 2));
  return { inputTokensPerSPerGpu: (tokens * sm.pp) / stepS / sm.gpus };
}

/** Decode alone at saturation: the batch (the case's per rank, else what memory and the engine hold)
 * generating at the mean context. */
function decodeRun(sm: ServingStepModel, s: CaseSetup): Predicted {
  const ctxLen = s.inputTokens + (s.outputTokens ?? 0) / 2;
  const ctx = effectiveContext(sm, ctxLen);
  const memory = Math.floor(
    sm.kvPoolBytesPerGpu /
      (sm.kvBytesPerTokenPerGpu * effectiveContext(sm, s.inputTokens + (s.outputTokens ?? 0))),
  );
  const batch = Math.max(0, Math.min(memory, batchLimit(sm, s)));
  if (batch < 1) return { outputTokensPerSPerGpu: 0 };
  const stepS = engineStepS(sm, batch, batch * ctx, 0, 0);
  return { outputTokensPerSPerGpu: batch / stepS / sm.gpus };
}

export function predictCase(c: InferenceCase, s: CaseSetup, constants?: InferenceConstants): Predicted {
  const sm = servingStepModel(s.deployment, constants);
  if (!sm.weightsFit) return { outputTokensPerSPerGpu: 0 };
  if (s.phase === 'prefill') return prefillRun(sm, s);
  if (s.phase === 'decode') return decodeRun(sm, s);
  const output = s.outputTokens ?? 0;
  const rate = c.serving.requestRate ?? null;
  if (c.serving.scenario === 'server' && rate !== null) return serverRun(sm, s, output, rate);
  if (s.mlperf) return offlineRun(sm, s, output);
  const e = estimateServing(s.deployment, s.inputTokens, output, constants, s.batch ?? undefined);
  return { outputTokensPerSPerGpu: e.outputTokensPerSPerGpu };
}
