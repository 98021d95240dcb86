// Training modes: closed vocabularies the scenario schema and the models share.

/** 'partial' recomputes whole layers, as few per stage as make the layout fit (Megatron's
 * --recompute-method block --recompute-num-layers). */
export const RECOMPUTE_MODES = ['none', 'selective', 'partial', 'full'] as const;
export type Recompute = (typeof RECOMPUTE_MODES)[number];

/** 0 = plain data parallel; 1 = optimizer state sharded (Megatron's distributed optimizer);
 * 2 = gradients sharded too; 3 = parameters sharded too (FSDP / ZeRO-3). */
export const ZERO_STAGES = [0, 1, 2, 3] as const;
export type ZeroStage = (typeof ZERO_STAGES)[number];

/** The projections low-rank adapters can wrap: attention's query, key, value and output, the FFN's
 * matrices, and the output head. */
export const ADAPTER_TARGETS = ['q', 'k', 'v', 'o', 'mlp', 'output'] as const;
export type AdapterTarget = (typeof ADAPTER_TARGETS)[number];

/** Optimizers by the state they keep: Adam with its two moments, or 8-bit Adam (Dettmers et al. 2022,
 * block-wise quantised moments). */
export const OPTIMIZERS = ['adam', 'adam-8bit'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];
