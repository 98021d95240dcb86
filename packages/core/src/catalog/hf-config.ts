import type { ServingFormat } from '../vocab/formats.js';
import { type ModelProblem, modelProblems } from './model-check.js';
import type { ModelArchitecture } from './types.js';

/** A config.json field that is missing, malformed or at odds with another: its name in the file. */
export interface HfConfigProblem {
  readonly field: string;
  readonly code: 'invalid-file' | ModelProblem['code'];
  readonly message: string;
}

/**
 * A model architecture from a Hugging Face `config.json` (the transformers field names). Returns the
 * architecture, or the missing, malformed or inconsistent fields, named as the file names them (the
 * model's dimensions pass the same check as a scenario's: catalog/model-check.ts). Multimodal configs
 * are read from `text_config`.
 */
export function modelFromHfConfig(
  json: unknown,
  id: string,
): { ok: true; model: ModelArchitecture } | { ok: false; problems: readonly HfConfigProblem[] } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {
      ok: false,
      problems: [
        { field: '(top level)', code: 'invalid-file', message: 'expected a JSON object (a config.json)' },
      ],
    };
  }
  const root = json as Record<string, unknown>;
  const c = (
    typeof root.text_config === 'object' && root.text_config !== null ? root.text_config : root
  ) as Record<string, unknown>;
  /** The config.json name each model field was read from, to name it in messages. */
  const from = new Map<string, string>();
  /** The first of `names` the config holds as a whole number ≥ 0, read into model field `field`. */
  const int = (field: string, ...names: string[]): number | undefined => {
    for (const n of names) {
      const v = c[n] ?? root[n];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
        from.set(field, n);
        return v;
      }
    }
    return undefined;
  };
  const need: [string, number | undefined][] = [
    ['num_hidden_layers', int('layers', 'num_hidden_layers', 'n_layer', 'num_layers')],
    ['hidden_size', int('hidden', 'hidden_size', 'n_embd', 'd_model')],
    ['num_attention_heads', int('heads', 'num_attention_heads', 'n_head')],
    ['vocab_size', int('vocab', 'vocab_size')],
  ];
  const missing = need
    .filter(([, v]) => !v)
    .map(
      ([field]): HfConfigProblem => ({
        field,
        code: 'invalid-file',
        message: 'expected a positive whole number',
      }),
    );
  if (missing.length > 0) return { ok: false, problems: missing };
  const layers = need[0]![1]!;
  const hidden = need[1]![1]!;
  const heads = need[2]![1]!;
  const vocab = need[3]![1]!;
  const ffnHidden = int('ffnHidden', 'intermediate_size', 'n_inner', 'ffn_hidden_size') ?? 4 * hidden;
  const act = String(c.hidden_act ?? c.activation_function ?? 'silu');
  const modelType = String(c.model_type ?? root.model_type ?? '');
  const gated =
    /silu|swish|swiglu/.test(act) || /llama|mistral|mixtral|qwen|deepseek|gpt_oss/.test(modelType);
  const kvHeads =
    int('kvHeads', 'num_key_value_heads', 'num_kv_heads') ?? (c.multi_query === true ? 1 : heads);
  const experts = int('moe.experts', 'n_routed_experts', 'num_local_experts', 'num_experts');
  const topK = int('moe.topK', 'num_experts_per_tok', 'moe_topk', 'experts_per_token');
  const headDim = int('headDim', 'head_dim');
  const kvLoraRank = int('attention.kvLoraRank', 'kv_lora_rank');
  const mtpModules = int('mtpModules', 'num_nextn_predict_layers');
  const publishedFormat = PUBLISHED_FORMATS[String(quantMethod(root) ?? '')];
  const model: ModelArchitecture = {
    id,
    name: typeof c._name_or_path === 'string' ? c._name_or_path : id,
    layers,
    hidden,
    ffnHidden,
    ffn: gated ? 'swiglu' : 'gelu',
    heads,
    kvHeads,
    headDim: headDim ?? hidden / heads,
    vocab,
    attention:
      kvLoraRank !== undefined && kvLoraRank > 0
        ? {
            kind: 'mla',
            qLoraRank: int('attention.qLoraRank', 'q_lora_rank') ?? 0,
            kvLoraRank,
            qkNopeHeadDim: int('attention.qkNopeHeadDim', 'qk_nope_head_dim') ?? 128,
            qkRopeHeadDim: int('attention.qkRopeHeadDim', 'qk_rope_head_dim') ?? 64,
            vHeadDim: int('attention.vHeadDim', 'v_head_dim') ?? 128,
          }
        : { kind: kvHeads < heads ? 'gqa' : 'mha' },
    moe:
      experts && topK
        ? {
            experts,
            topK,
            sharedExperts: int('moe.sharedExperts', 'n_shared_experts', 'num_shared_experts') ?? 0,
            expertFfnHidden:
              int('moe.expertFfnHidden', 'moe_intermediate_size', 'intermediate_size') ?? ffnHidden,
            denseLayers: int('moe.denseLayers', 'first_k_dense_replace') ?? 0,
            layerInterval: int('moe.layerInterval', 'interleave_moe_layer_step', 'decoder_sparse_step') || 1,
          }
        : null,
    tiedEmbeddings:
      c.tie_word_embeddings === true || (c.tie_word_embeddings === undefined && modelType === 'bert'),
    causal: !/bert|roberta|electra/.test(modelType),
    maxSeqLen: int('maxSeqLen', 'max_position_embeddings', 'n_positions', 'seq_length') ?? 2048,
    ...(mtpModules !== undefined && mtpModules > 0 ? { mtpModules } : {}),
    ...(publishedFormat ? { publishedFormat } : {}),
    sources: [{ title: `Hugging Face config.json imported as '${id}'` }],
  };
  const problems = modelProblems(model, { headDimDerived: headDim === undefined }).map(
    (p): HfConfigProblem => ({ ...p, field: hfField(p.field, from) }),
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, model };
}

/** The config.json name of a model field, or what it was derived from. */
function hfField(field: string, from: ReadonlyMap<string, string>): string {
  const named = from.get(field);
  if (named !== undefined) return named;
  if (field === 'headDim') return 'head_dim (absent: hidden_size ÷ num_attention_heads)';
  return field;
}

/** quantization_config.quant_method values that name a serving format: the checkpoint's own. */
const PUBLISHED_FORMATS: Readonly<Record<string, ServingFormat>> = { fp8: 'fp8', mxfp4: 'mxfp4' };

function quantMethod(root: Record<string, unknown>): unknown {
  const q = root.quantization_config;
  return typeof q === 'object' && q !== null ? (q as Record<string, unknown>).quant_method : undefined;
}
