import type { Source } from './types.js';

/**
 * What a serving engine can run, by release: which layouts the capacity search may give it and which
 * features change its step time. Data, one entry per engine: each feature with the release it is
 * documented from. `since` is that release ('first': the first release to have it; 'present': a
 * release known to have it, earlier ones not established) or null when no release offers it.
 */
export interface ServingEngine {
  readonly id: ServingEngineId;
  readonly name: string;
  /** The release planned when the scenario names none: the latest the entry is documented from. */
  readonly version: string;
  readonly features: Readonly<Record<EngineFeature, FeatureRelease>>;
  readonly sources: readonly Source[];
}

export const ENGINE_FEATURES = [
  'attentionDp',
  'expertParallel',
  'twoBatchOverlap',
  'redundantExperts',
  'pipeline',
  'disaggregated',
  'mtp',
] as const;
export type EngineFeature = (typeof ENGINE_FEATURES)[number];

/** What each feature is, as a refusal names it. */
export const ENGINE_FEATURE_NAMES: Readonly<Record<EngineFeature, string>> = {
  attentionDp: 'attention data parallelism',
  expertParallel: 'expert parallelism',
  twoBatchOverlap: 'two-batch overlap',
  redundantExperts: 'redundant expert slots (an EP load balancer)',
  pipeline: 'pipeline-parallel serving',
  disaggregated: 'disaggregated prefill and decode',
  mtp: 'multi-token prediction (MTP) drafting',
};

export interface FeatureRelease {
  readonly since: string | null;
  readonly known: 'first' | 'present';
  readonly source: Source;
}

export const SERVING_ENGINE_IDS = ['vllm', 'sglang', 'trtllm'] as const;
export type ServingEngineId = (typeof SERVING_ENGINE_IDS)[number];

const TRTLLM_NOTES: Source = {
  title: 'TensorRT-LLM docs/source/release-notes.md (0.7.1 to 1.2) @ 001eaece',
  note: 'first stable releases; 0.18.0 left out the 0.18.0.dev pre-release features',
};
const VLLM_EP_DOCS: Source = {
  title: 'vLLM documentation, "Data Parallel Deployment" and "Expert Parallel Deployment"',
  url: 'https://docs.vllm.ai/en/latest/serving/expert_parallel_deployment.html',
  note: '--data-parallel-size with --enable-expert-parallel (attention DP + EP), DeepEP all2all backends, --enable-dbo (dual batch overlap), --enable-eplb with --num-redundant-experts',
};
const LMSYS_EP: Source = {
  title:
    'LMSYS blog, "Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs" (2025-05-05)',
  url: 'https://lmsys.org/blog/2025-05-05-large-scale-ep/',
  note: '--enable-dp-attention, --enable-deepep-moe, --enable-two-batch-overlap, EPLB with --ep-num-redundant-experts (32: 288 slots), PD disaggregation; pipeline parallelism not used for serving there',
};

export const SERVING_ENGINES: Readonly<Record<ServingEngineId, ServingEngine>> = {
  vllm: {
    id: 'vllm',
    name: 'vLLM',
    version: '0.11',
    features: {
      attentionDp: { since: '0.11', known: 'present', source: VLLM_EP_DOCS },
      expertParallel: {
        since: '0.10.1',
        known: 'present',
        source: {
          title: 'vLLM documentation v0.10.1.1, expert_parallel_deployment',
          note: '"Enable EP by setting the --enable-expert-parallel flag" (the flag replaced VLLM_TEST_ENABLE_EP in PR #14305, March 2025)',
        },
      },
      twoBatchOverlap: {
        since: '0.11',
        known: 'present',
        source: {
          title:
            'vLLM PR #23693 "Add Dual-Batch Overlap mechanism" and design doc docs/design/dbo.md (PR #26024, merged 2025-10-07)',
          note: '--enable-dbo, for DP+EP deployments',
        },
      },
      redundantExperts: {
        since: '0.9.2',
        known: 'first',
        source: {
          title:
            'vLLM PR #18343 "Expert Parallelism Load Balancer (EPLB)"; API docs v0.9.2 vllm/distributed/eplb',
          url: 'https://docs.vllm.ai/en/v0.9.2/api/vllm/distributed/eplb/index.html',
          note: '--enable-eplb --num-redundant-experts; still in review on 2025-06-22, no EPLB page for v0.9.1',
        },
      },
      pipeline: {
        since: '0.8.1',
        known: 'present',
        source: {
          title: 'vLLM documentation v0.8.1, engine arguments',
          url: 'https://docs.vllm.ai/en/v0.8.1/serving/engine_args.html',
          note: '--pipeline-parallel-size',
        },
      },
      disaggregated: {
        since: '0.8.0',
        known: 'present',
        source: {
          title: 'vLLM documentation v0.8.0, features/disagg_prefill.md',
          note: '"Disaggregated Prefilling (experimental)", KV connectors',
        },
      },
      mtp: {
        since: '0.11',
        known: 'present',
        source: {
          title: 'vLLM PR #12755 "DeepSeek MTP spec decode" (February 2025)',
          note: '--num-speculative-tokens for DeepSeek-V3/R1 MTP; the first release with it is not established',
        },
      },
    },
    sources: [VLLM_EP_DOCS],
  },
  sglang: {
    id: 'sglang',
    name: 'SGLang',
    version: '0.4.7',
    features: {
      attentionDp: {
        since: '0.4.0',
        known: 'first',
        source: {
          title: 'SGLang PR #2338 "bump v0.4.0" (2024-12-03) and the SGLang v0.4 release blog',
          note: '"Data parallelism attention for DeepSeek models" (--enable-dp-attention, PR #1970)',
        },
      },
      expertParallel: {
        since: '0.4.1',
        known: 'present',
        source: {
          title:
            'SGLang PR #2371 "MoE Expert Parallel" (2024-12-06), before the v0.4.1 bump (PR #2582, 2024-12-25)',
          note: '--enable-ep-moe',
        },
      },
      twoBatchOverlap: { since: '0.4.7', known: 'present', source: LMSYS_EP },
      redundantExperts: { since: '0.4.7', known: 'present', source: LMSYS_EP },
      pipeline: { since: null, known: 'present', source: LMSYS_EP },
      disaggregated: {
        since: '0.4.6',
        known: 'present',
        source: {
          title: 'SGLang issue #4655 "PD Tracker" (2025-05-26)',
          note: 'PD disaggregation (--disaggregation-mode) run on the lmsysorg/sglang:v0.4.6.post5 image',
        },
      },
      mtp: { since: '0.4.7', known: 'present', source: LMSYS_EP },
    },
    sources: [LMSYS_EP],
  },
  trtllm: {
    id: 'trtllm',
    name: 'TensorRT-LLM',
    version: '1.0',
    features: {
      attentionDp: {
        since: '0.19.0',
        known: 'first',
        source: {
          ...TRTLLM_NOTES,
          note: `${TRTLLM_NOTES.note}; 0.19.0: attention DP with pipeline parallelism, CUDA graphs under attention DP`,
        },
      },
      expertParallel: {
        since: '0.11.0',
        known: 'present',
        source: {
          ...TRTLLM_NOTES,
          note: `${TRTLLM_NOTES.note}; 0.11.0: "tensor parallelism and expert parallelism enabled together for MoE"`,
        },
      },
      twoBatchOverlap: {
        since: null,
        known: 'present',
        source: {
          ...TRTLLM_NOTES,
          note: `${TRTLLM_NOTES.note}: no two-batch overlap of the MoE all-to-all in any release (nor in the MLPerf v5.1 DeepSeek-R1 configs)`,
        },
      },
      redundantExperts: {
        since: '0.21.0',
        known: 'first',
        source: {
          ...TRTLLM_NOTES,
          note: `${TRTLLM_NOTES.note}; 0.21.0: large-scale EP with the MoE load balancer (moe_config.load_balancer num_slots; PRs #4615, #4818)`,
        },
      },
      pipeline: {
        since: '0.10.0',
        known: 'present',
        source: {
          ...TRTLLM_NOTES,
          note: `${TRTLLM_NOTES.note}; 0.10.0: pipeline parallelism with in-flight batching`,
        },
      },
      disaggregated: {
        since: '0.18.2',
        known: 'present',
        source: {
          title: 'TensorRT-LLM documentation 0.18.2, advanced/disaggregated-service',
          url: 'https://nvidia.github.io/TensorRT-LLM/0.18.2/advanced/disaggregated-service.html',
          note: 'context and generation phases on different executors (experimental)',
        },
      },
      mtp: {
        since: '0.19.0',
        known: 'first',
        source: {
          ...TRTLLM_NOTES,
          note: `${TRTLLM_NOTES.note}; 0.19.0: "Added Multi-Token Prediction (MTP) support"`,
        },
      },
    },
    sources: [TRTLLM_NOTES],
  },
};

/** Compares dotted release numbers part by part (0.10 after 0.9; suffixes like .post1 or rc1 drop). */
export function compareReleases(a: string, b: string): number {
  const parts = (v: string) => v.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a release offers a feature: 'yes', 'no', or 'unknown' (before the release a feature is only
 * known to be present in). */
export function offers(
  engine: ServingEngine,
  feature: EngineFeature,
  release: string,
): 'yes' | 'no' | 'unknown' {
  const f = engine.features[feature];
  if (f.since === null) return 'no';
  if (compareReleases(release, f.since) >= 0) return 'yes';
  return f.known === 'first' ? 'no' : 'unknown';
}
