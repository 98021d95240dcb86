// A serving measurement turned into what the serving model takes: the deployment of one instance, the
// request lengths, and what was measured (the whole run, or one phase of a disaggregated one). A case
// that cannot be turned says why, and is reported as not scored.
import { findAccelerator, findModel } from '../catalog/lookup.js';
import type { Accelerator, ModelArchitecture } from '../catalog/types.js';
import { defaultKvCache } from '../inference/formats.js';
import type { ServingDeployment } from '../inference/throughput.js';
import type { ServingFormat } from '../vocab/formats.js';
import type { InferenceCase } from './inference-schema.js';
import { type MlperfBenchmark, mlperfBenchmarkOf } from './mlperf-lengths.js';

/** What a case measured: a whole serving run (MLPerf offline or server, a throughput table) or a
 * phase run alone with the other unlimited (prefill-only or decode-only, as wide-EP posts report). */
export type MeasuredPhase = 'whole' | 'prefill' | 'decode';

export interface CaseSetup {
  readonly deployment: ServingDeployment;
  readonly model: ModelArchitecture;
  readonly accelerator: Accelerator;
  /** Independent instances sharing the load. */
  readonly instances: number;
  readonly inputTokens: number;
  /** Null for a prefill-only measurement, which generates no answer. */
  readonly outputTokens: number | null;
  readonly phase: MeasuredPhase;
  /** The batch the engine was configured with, per attention-DP rank (null: the engine's own limit). */
  readonly batch: number | null;
  /** The MLPerf benchmark the case ran, when it is one. */
  readonly mlperf: MlperfBenchmark | null;
  /** What was assumed where the case is silent, for the report. */
  readonly assumed: readonly string[];
}

export type CaseSetupResult =
  | { readonly ok: true; readonly setup: CaseSetup }
  | { readonly ok: false; readonly why: string };

/**
 * Engine features a source states that the case fields do not carry. Cited from the source's text
 * (the case notes quote it).
 */
const SOURCE_FEATURES: Readonly<
  Record<string, { readonly twoBatchOverlap: boolean; readonly lowLatencyOverScaleUp: boolean }>
> = {
  // "two-batch overlap" in the post's list of features used for both phases; the run (May 2025)
  // predates DeepEP's NVLink path for low-latency kernels (README news of 2025-06-05, PR #173), so
  // decode's all-to-all went over RDMA to every peer.
  'LMSYS/SGLang large-scale EP on 96 H100 (2025-05-05)': {
    twoBatchOverlap: true,
    lowLatencyOverScaleUp: false,
  },
};

/** The format a model's checkpoint is published in, for a case that does not state it. */
function publishedWeights(m: ModelArchitecture): ServingFormat {
  return m.publishedFormat ?? 'bf16';
}

export function caseSetup(c: InferenceCase): CaseSetupResult {
  const model = findModel(c.model.catalogId);
  if (!model) return { ok: false, why: `unknown model '${c.model.catalogId}'` };
  const accelerator = findAccelerator(c.cluster.accelerator);
  if (!accelerator) return { ok: false, why: `unknown accelerator '${c.cluster.accelerator}'` };
  const { tp, pp } = c.cluster;
  if (tp === null || pp === null) return { ok: false, why: 'the layout (tp, pp) is not stated' };
  const assumed: string[] = [];
  const mlperf = c.source.startsWith('MLPerf Inference') ? mlperfBenchmarkOf(model.id) : null;
  const inputTokens = c.serving.inputTokens ?? mlperf?.meanInputTokens ?? null;
  if (inputTokens === null) {
    return { ok: false, why: 'the mean input length is neither given nor known for the dataset' };
  }
  if (c.serving.inputTokens === null) assumed.push(`input ${inputTokens.toFixed(1)} tokens (dataset mean)`);
  const dis = c.cluster.disaggregated ?? null;
  const phase: MeasuredPhase =
    dis === null ? 'whole' : 'inputTokensPerSPerGpu' in c.measured ? 'prefill' : 'decode';
  let outputTokens = c.serving.outputTokens ?? mlperf?.meanOutputTokens ?? null;
  if (outputTokens === null && phase === 'whole') {
    return { ok: false, why: 'the mean output length is neither given nor known for the dataset' };
  }
  if (phase === 'prefill') outputTokens = null;
  const weights = c.serving.weights ?? publishedWeights(model);
  if (c.serving.weights === null) assumed.push(`weights ${weights} (as the checkpoint is published)`);
  const adp = c.cluster.attentionDp ?? 1;
  const features = SOURCE_FEATURES[c.sourceGroup ?? ''];
  return {
    ok: true,
    setup: {
      model,
      accelerator,
      instances: c.cluster.instances ?? 1,
      inputTokens,
      outputTokens,
      phase,
      batch: c.serving.batch ?? null,
      mlperf,
      assumed,
      deployment: {
        model,
        accelerator,
        tp,
        pp,
        ep: c.cluster.ep ?? 1,
        redundantExperts: c.cluster.redundantExperts ?? 0,
        attentionDp: adp,
        twoBatchOverlap: features?.twoBatchOverlap ?? false,
        lowLatencyOverScaleUp: features?.lowLatencyOverScaleUp ?? true,
        weights,
        kvCache: c.serving.kvCache ?? defaultKvCache(weights),
        scaleUpBytesPerS: accelerator.scaleUpBytesPerS,
        scaleUpDomain: accelerator.scaleUpDomain,
        scaleOutBytesPerS: accelerator.scaleOutBitsPerS / 8,
      },
    },
  };
}
