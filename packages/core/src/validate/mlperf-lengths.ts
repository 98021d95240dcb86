// What an MLPerf Inference LLM benchmark runs: its dataset's mean lengths and how many samples an
// Offline run issues at least. MLPerf publishes the reference mean output length but not the mean
// input length; where a per-sample listing of the official dataset gives it, it is cited here, else it
// is null and the cases of that benchmark are reported as not scored.
import type { Source } from '../catalog/types.js';
import { type DatasetLengths, MLPERF_DATASET_LENGTHS } from './mlperf-length-quantiles.js';

export interface MlperfBenchmark {
  readonly id: string;
  readonly samples: number;
  /** Mean prompt tokens of the dataset (null: not published anywhere found). */
  readonly meanInputTokens: number | null;
  /** The reference implementation's mean output tokens (null: published only in characters). */
  readonly meanOutputTokens: number | null;
  /** `<model>.Offline.min_query_count` of loadgen/mlperf.conf: samples an Offline run issues at least. */
  readonly offlineMinQueryCount: number;
  /** The dataset's per-sample token lengths as quantiles, where a listing gives them (null: not). */
  readonly lengths: DatasetLengths | null;
  readonly sources: readonly Source[];
}

/** Per-sample lengths of the official datasets, listed by a third party; their means are computed here
 * over every row (the 405B listing's output mean equals MLPerf's published 684.68 exactly). */
const PSAP_SUMMARIES = 'openshift-psap/performance-dashboard mlperf-data/summaries';

const MLPERF_CONF: Source = {
  title: 'mlcommons/inference loadgen/mlperf.conf @ 001712e9',
  note: '<model>.Offline.min_query_count and performance_sample_count_override; *.Server.min_duration = 600000 ms',
};

const BENCHMARKS: Readonly<Record<string, MlperfBenchmark>> = {
  'llama-2-70b': {
    id: 'llama2-70b',
    samples: 24576,
    meanInputTokens: 222.33,
    meanOutputTokens: 294.45,
    offlineMinQueryCount: 24576,
    lengths: MLPERF_DATASET_LENGTHS['llama2-70b'] ?? null,
    sources: [
      MLPERF_CONF,
      {
        title: 'mlcommons/inference language/llama2-70b/README.md @ 00bf8346',
        note: 'Tokens per sample: 294.45',
      },
      {
        title: `${PSAP_SUMMARIES} (llama2-70b, commit 7cd1065d)`,
        note: 'input_length over all 24,576 rows: mean 222.33 tokens, max 1,021',
      },
    ],
  },
  'llama-3.1-405b': {
    id: 'llama3.1-405b',
    samples: 8313,
    meanInputTokens: 9428.64,
    meanOutputTokens: 684.68,
    offlineMinQueryCount: 8313,
    lengths: MLPERF_DATASET_LENGTHS['llama3.1-405b'] ?? null,
    sources: [
      MLPERF_CONF,
      {
        title: 'mlcommons/inference language/llama3.1-405b/README.md @ 0fa0692b',
        note: "'tokens_per_sample': 684.68",
      },
      {
        title: `${PSAP_SUMMARIES} (llama3.1-405b, commit 739352b6)`,
        note: 'input_length over all 8,313 rows: mean 9,428.64 tokens, max 19,988; output_length mean 684.68',
      },
    ],
  },
  // No listing of the R1 dataset's prompt lengths was found (prompts are at most 3,140 tokens: NVIDIA's
  // v5.1 preprocess_data.py asserts it), so its cases are not scored.
  'deepseek-v3': {
    id: 'deepseek-r1',
    samples: 4388,
    meanInputTokens: null,
    meanOutputTokens: 3886.2274,
    offlineMinQueryCount: 4388,
    lengths: null,
    sources: [
      MLPERF_CONF,
      {
        title: 'mlcommons/inference tools/submission/submission_checker/constants.py @ 001d64ca, v5.1 block',
        note: '"deepseek-r1": ("exact_match", …, "TOKENS_PER_SAMPLE", 0.9 * 3886.2274)',
      },
    ],
  },
  'mixtral-8x7b': {
    id: 'mixtral-8x7b',
    samples: 15000,
    meanInputTokens: 427.39,
    meanOutputTokens: 144.84,
    offlineMinQueryCount: 15000,
    lengths: MLPERF_DATASET_LENGTHS['mixtral-8x7b'] ?? null,
    sources: [
      MLPERF_CONF,
      {
        title: 'mlcommons/inference language/mixtral-8x7b/README.md @ 003d4d3a',
        note: "{'tokens_per_sample': 144.84}",
      },
      {
        title: `${PSAP_SUMMARIES} (mixtral-8x7b, commit 67033bae)`,
        note: 'input_length over all 15,000 rows: mean 427.39 tokens, max 1,948; output_length mean 144.84',
      },
    ],
  },
  'llama-3.1-8b': {
    id: 'llama3.1-8b',
    samples: 13368,
    meanInputTokens: 870.73,
    // The reference gives gen_len 8,167,644 over 13,368 samples in characters, not tokens
    // (mlcommons/inference issue 2256).
    meanOutputTokens: null,
    offlineMinQueryCount: 13368,
    // Its output column is characters ÷ 4, not tokens: no length distribution is taken from it.
    lengths: null,
    sources: [
      MLPERF_CONF,
      {
        title: `${PSAP_SUMMARIES} (llama3-1-8b-datacenter, commit b04ea53f)`,
        note: 'input_length (len of tok_input) over all 13,368 rows: mean 870.73 tokens; its output_length is characters ÷ 4, not tokens',
      },
    ],
  },
};

/** The MLPerf benchmark a catalog model ran in (DeepSeek-R1 shares DeepSeek-V3's architecture). */
export function mlperfBenchmarkOf(modelId: string): MlperfBenchmark | null {
  return BENCHMARKS[modelId] ?? null;
}
