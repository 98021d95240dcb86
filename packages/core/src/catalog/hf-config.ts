import type { ModelArchitecture } from './types.js';

/**
 * A model architecture from a Hugging Face `config.json` (the transformers field names). Returns the
 * architecture, or the missing or malformed field. Multimodal configs are read from `text_config`.
 */
export function modelFromHfConfig(
  json: unknown,
  id: string,
): { ok: true; model: ModelArchitecture } | { ok: false; field: string; expected: string } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, field: '(top level)', expected: 'a JSON object (a config.json)' };
  }
  const root = json as Record<string, unknown>;
  const c = (
    typeof root.text_config === 'object' && root.text_config !== null ? root.text_config : root
  ) as Record<string, unknown>;
  const int = (...names: string[]): number | undefined => {
    for (const n of names) {
      const v = c[n] ?? root[n];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    }
    return undefined;
  };
  const need: [string, number | undefined][] = [
    ['num_hidden_layers', int('num_hidden_layers', 'n_layer', 'num_layers')],
    ['hidden_size', int('hidden_size', 'n_embd', 'd_model')],
    ['num_attention_heads', int('num_attention_heads', 'n_head')],
    ['vocab_size', int('vocab_size')],
  ];
  for (const [field, v] of need) if (!v) return { ok: false, field, expected: 'a positive whole number' };
  const layers = need[0]![1]!;
  const hidden = need[1]![1]!;
  const heads = need[2]![1]!;
  const vocab = need[3]![1]!;
  const ffnHidden = int('intermediate_size', 'n_inner', 'ffn_hidden_size') ?? 4 * hidden;
  const act = String(c.hidden_act ?? c.activation_function ?? 'silu');
  const modelType = String(c.model_type ?? root.model_type ?? '');
  const gated =
    /silu|swish|swiglu/.test(act) || /llama|mistral|mixtral|qwen|deepseek|gpt_oss/.test(modelType);
  const kvHeads = int('num_key_value_heads', 'num_kv_heads') ?? (c.multi_query === true ? 1 : heads);
  const experts = int('n_routed_experts', 'num_local_experts', 'num_experts');
  const topK = int('num_experts_per_tok', 'moe_topk', 'experts_per_token');
  const kvLoraRank = int('kv_lora_rank');
  const model: ModelArchitecture = {
    id,
    name: typeof c._name_or_path === 'string' ? c._name_or_path : id,
    layers,
    hidden,
    ffnHidden,
    ffn: gated ? 'swiglu' : 'gelu',
    heads,
    kvHeads,
    headDim: int('head_dim') ?? hidden / heads,
    vocab,
    attention:
      kvLoraRank !== undefined && kvLoraRank > 0
        ? {
            kind: 'mla',
            qLoraRank: int('q_lora_rank') ?? 0,
            kvLoraRank,
            qkNopeHeadDim: int('qk_nope_head_dim') ?? 128,
            qkRopeHeadDim: int('qk_rope_head_dim') ?? 64,
            vHeadDim: int('v_head_dim') ?? 128,
          }
        : { kind: kvHeads < heads ? 'gqa' : 'mha' },
    moe:
      experts && topK
        ? {
            experts,
            topK,
            sharedExperts: int('n_shared_experts', 'num_shared_experts') ?? 0,
            expertFfnHidden: int('moe_intermediate_size', 'intermediate_size') ?? ffnHidden,
            denseLayers: int('first_k_dense_replace') ?? 0,
            layerInterval: int('interleave_moe_layer_step', 'decoder_sparse_step') || 1,
          }
        : null,
    tiedEmbeddings:
      c.tie_word_embeddings === true || (c.tie_word_embeddings === undefined && modelType === 'bert'),
    causal: !/bert|roberta|electra/.test(modelType),
    maxSeqLen: int('max_position_embeddings', 'n_positions', 'seq_length') ?? 2048,
    sources: [{ title: `Hugging Face config.json imported as '${id}'` }],
  };
  return { ok: true, model };
}
