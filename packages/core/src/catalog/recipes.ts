// The layouts software stacks publish for their own performance recipes: what `parallelism: recipe`
// takes instead of searching. Each entry is one published row (model, GPU generation, number format,
// GPU count) with the split it ran; the data-parallel degree follows from the scenario's GPUs.

import type { AcceleratorArchitecture, Source } from './types.js';

export interface RecipeLayout {
  readonly tp: number;
  readonly pp: number;
  readonly cp: number;
  readonly ep: number;
  /** Virtual stages per pipeline rank; absent: not interleaved. */
  readonly vpp?: number;
  readonly microBatch: number;
  /** ZeRO stage (1: the distributed optimizer; 3: Megatron FSDP); absent: not stated. */
  readonly zero?: 0 | 1 | 2 | 3;
}

export interface TrainingRecipe {
  /** Software stack id (catalog/software.ts) whose recipe this is. */
  readonly stack: string;
  /** Catalog model id. */
  readonly model: string;
  readonly architecture: AcceleratorArchitecture;
  readonly precision: string;
  /** GPUs of the published row. */
  readonly gpus: number;
  readonly seqLen: number;
  readonly layout: RecipeLayout;
  readonly source: Source;
}

const NEMO_25_11: Source = {
  title: 'NVIDIA Megatron-Bridge / NeMo performance summary, 25.11 container (docs/performance-summary.md)',
  note: 'the pre-training rows as recorded in validation/training.json (ids nemo-25.11-*)',
};
const DGXC_V25_05: Source = {
  title: 'NVIDIA dgxc-benchmarking v25.05.05 recipes (llama3.1, deepseek_v3, nemotron)',
  note: 'the rows as recorded in validation/training-recipes.json (ids dgxc-v25.05.05-*)',
};
const DGXC_V25_04: Source = {
  title: 'NVIDIA dgxc-benchmarking v25.04.01 recipes (nemo_megatron gpt3 175b)',
  note: 'the rows as recorded in validation/training-recipes.json (ids dgxc-v25.04.01-*)',
};

export const TRAINING_RECIPES: readonly TrainingRecipe[] = [
  // Late-2025 Megatron-Core / NeMo (the default stack).
  {
    stack: 'megatron-core',
    model: 'llama-3-8b',
    architecture: 'hopper',
    precision: 'fp8',
    gpus: 8,
    seqLen: 8192,
    layout: { tp: 1, pp: 1, cp: 1, ep: 1, microBatch: 1, zero: 3 },
    source: NEMO_25_11,
  },
  {
    stack: 'megatron-core',
    model: 'llama-3-8b',
    architecture: 'blackwell',
    precision: 'fp8',
    gpus: 8,
    seqLen: 8192,
    layout: { tp: 1, pp: 1, cp: 1, ep: 1, microBatch: 2, zero: 1 },
    source: NEMO_25_11,
  },
  {
    stack: 'megatron-core',
    model: 'llama-3-70b',
    architecture: 'hopper',
    precision: 'fp8',
    gpus: 64,
    seqLen: 8192,
    layout: { tp: 4, pp: 8, cp: 1, ep: 1, vpp: 5, microBatch: 1, zero: 1 },
    source: NEMO_25_11,
  },
  {
    stack: 'megatron-core',
    model: 'llama-3.1-405b',
    architecture: 'hopper',
    precision: 'fp8',
    gpus: 1024,
    seqLen: 8192,
    layout: { tp: 8, pp: 8, cp: 2, ep: 1, vpp: 8, microBatch: 1, zero: 1 },
    source: NEMO_25_11,
  },
  {
    stack: 'megatron-core',
    model: 'deepseek-v3',
    architecture: 'blackwell',
    precision: 'bf16',
    gpus: 256,
    seqLen: 4096,
    layout: { tp: 1, pp: 4, cp: 1, ep: 64, vpp: 4, microBatch: 1, zero: 1 },
    source: NEMO_25_11,
  },
  // Megatron-Core 0.12–0.13 / NeMo 25.04–25.05, as the spring-2025 DGX Cloud recipes ran it.
  ...(
    [
      ['llama-3.1-405b', 'blackwell', 'bf16', 256, { tp: 4, pp: 8, cp: 2, ep: 1, vpp: 8, microBatch: 1 }],
      ['llama-3.1-405b', 'blackwell', 'fp8', 256, { tp: 4, pp: 8, cp: 2, ep: 1, vpp: 8, microBatch: 1 }],
      ['llama-3.1-405b', 'hopper', 'bf16', 512, { tp: 8, pp: 8, cp: 2, ep: 1, vpp: 8, microBatch: 1 }],
      ['llama-3.1-405b', 'hopper', 'fp8', 512, { tp: 8, pp: 8, cp: 2, ep: 1, vpp: 8, microBatch: 1 }],
      ['deepseek-v3', 'hopper', 'bf16', 512, { tp: 2, pp: 8, cp: 1, ep: 64, microBatch: 1 }],
      ['deepseek-v3', 'hopper', 'bf16', 1024, { tp: 2, pp: 16, cp: 1, ep: 64, microBatch: 1 }],
      ['deepseek-v3', 'blackwell', 'bf16', 128, { tp: 2, pp: 4, cp: 1, ep: 32, microBatch: 1 }],
      ['deepseek-v3', 'blackwell', 'bf16', 256, { tp: 2, pp: 4, cp: 1, ep: 64, microBatch: 1 }],
    ] as const
  ).map(
    ([model, architecture, precision, gpus, layout]): TrainingRecipe => ({
      stack: 'megatron-core-0.13',
      model,
      architecture,
      precision,
      gpus,
      seqLen: model === 'deepseek-v3' ? 4096 : 8192,
      layout,
      source: DGXC_V25_05,
    }),
  ),
  ...(['bf16', 'fp8'] as const).map(
    (precision): TrainingRecipe => ({
      stack: 'megatron-core-0.13',
      model: 'gpt-3-175b',
      architecture: 'hopper',
      precision,
      gpus: 512,
      seqLen: 2048,
      layout: { tp: 4, pp: 8, cp: 1, ep: 1, vpp: 6, microBatch: 1 },
      source: DGXC_V25_04,
    }),
  ),
];

/**
 * The stack's published recipe for a model: of its rows for this model, those of the same GPU
 * generation first, then of the same number format, then the GPU count nearest (on a log scale) to
 * the scenario's. Undefined when the stack publishes none for the model.
 */
export function findRecipe(q: {
  readonly stack: string;
  readonly model: string;
  readonly architecture: AcceleratorArchitecture | undefined;
  readonly precision: string;
  readonly gpus: number;
}): TrainingRecipe | undefined {
  let best: TrainingRecipe | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const r of TRAINING_RECIPES) {
    if (r.stack !== q.stack || r.model !== q.model) continue;
    const score =
      (r.architecture === q.architecture ? 0 : 100) +
      (r.precision === q.precision ? 0 : 10) +
      Math.abs(Math.log2(r.gpus / q.gpus));
    if (score < bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** The models a stack publishes recipes for, for a refusal's words. */
export function recipeModels(stack: string): string[] {
  return [...new Set(TRAINING_RECIPES.filter((r) => r.stack === stack).map((r) => r.model))];
}
