import type { Source } from './types.js';

/**
 * What a serving engine can run: which layouts the capacity search may give it and which features
 * change its step time. Data, one entry per engine; the versions are those the features are
 * documented from.
 */
export interface ServingEngine {
  readonly id: ServingEngineId;
  readonly name: string;
  /** The release the entry describes. */
  readonly version: string;
  /** Attention replicated per data-parallel rank, each with its own requests and KV cache, beside
   * expert parallelism for the MoE layers. */
  readonly attentionDp: boolean;
  /** Experts spread over GPUs (EP), with the dispatch and combine all-to-all. */
  readonly expertParallel: boolean;
  /** Two micro-batches per step, one's all-to-all hidden behind the other's compute. */
  readonly twoBatchOverlap: boolean;
  /** An EP load balancer with redundant expert slots (EPLB). */
  readonly redundantExperts: boolean;
  /** Pipeline-parallel serving. */
  readonly pipeline: boolean;
  /** Separate prefill and decode pools with the KV cache sent between them. */
  readonly disaggregated: boolean;
  readonly sources: readonly Source[];
}

export const SERVING_ENGINE_IDS = ['vllm', 'sglang', 'trtllm'] as const;
export type ServingEngineId = (typeof SERVING_ENGINE_IDS)[number];

export const SERVING_ENGINES: Readonly<Record<ServingEngineId, ServingEngine>> = {
  vllm: {
    id: 'vllm',
    name: 'vLLM',
    version: '0.11',
    attentionDp: true,
    expertParallel: true,
    twoBatchOverlap: true,
    redundantExperts: true,
    pipeline: true,
    disaggregated: true,
    sources: [
      {
        title: 'vLLM documentation, "Data Parallel Deployment" and "Expert Parallel Deployment" (v0.11)',
        url: 'https://docs.vllm.ai/en/latest/serving/expert_parallel_deployment.html',
        note: '--data-parallel-size with --enable-expert-parallel (attention DP + EP), DeepEP low-latency and high-throughput all2all backends, --enable-dbo (dual batch overlap), --enable-eplb with --num-redundant-experts, disaggregated prefill via KV connectors',
      },
    ],
  },
  sglang: {
    id: 'sglang',
    name: 'SGLang',
    version: '0.4.7',
    attentionDp: true,
    expertParallel: true,
    twoBatchOverlap: true,
    redundantExperts: true,
    pipeline: false,
    disaggregated: true,
    sources: [
      {
        title:
          'LMSYS blog, "Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs" (2025-05-05)',
        url: 'https://lmsys.org/blog/2025-05-05-large-scale-ep/',
        note: '--enable-dp-attention, --enable-deepep-moe (normal dispatch for prefill, low-latency for decode), --enable-two-batch-overlap, EPLB with --ep-num-redundant-experts (32 in the post: 288 slots), PD disaggregation; pipeline parallelism not used for serving there',
      },
    ],
  },
  trtllm: {
    id: 'trtllm',
    name: 'TensorRT-LLM',
    version: '1.0',
    attentionDp: true,
    expertParallel: true,
    twoBatchOverlap: false,
    redundantExperts: true,
    pipeline: true,
    disaggregated: true,
    sources: [
      {
        title: 'TensorRT-LLM documentation, "Parallelism in TensorRT-LLM" and LLM API options (1.0)',
        url: 'https://nvidia.github.io/TensorRT-LLM/features/parallel-strategy.html',
        note: 'enable_attention_dp with moe_expert_parallel_size; tensor and pipeline parallelism; disaggregated serving; the MoE load balancer (moe_config.load_balancer, num_slots = experts + redundant; examples/ep_load_balancer). No two-batch overlap of the MoE all-to-all in the MLPerf v5.1 DeepSeek-R1 configs (enable_attention_dp, moe_expert_parallelism only)',
      },
    ],
  },
};
