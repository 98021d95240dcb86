import type { ModelArchitecture, Source } from './types.js';

/**
 * Model architectures, as published.
 *
 * Fields come from each model's Hugging Face config.json where one exists, else from the paper:
 * layers = num_hidden_layers, hidden = hidden_size, ffnHidden = intermediate_size, heads =
 * num_attention_heads, kvHeads = num_key_value_heads, headDim = head_dim (else hidden / heads),
 * vocab = vocab_size, tiedEmbeddings = tie_word_embeddings, maxSeqLen = max_position_embeddings.
 */

const MHA = { kind: 'mha' } as const;
const GQA = { kind: 'gqa' } as const;

/** A model's config.json on the Hugging Face Hub. */
function hfConfig(repo: string, note: string): Source {
  return {
    title: `${repo} config.json (Hugging Face Hub)`,
    url: `https://huggingface.co/${repo}/blob/main/config.json`,
    note,
  };
}

const LLAMA_FIELDS =
  'num_hidden_layers, hidden_size, intermediate_size, num_attention_heads, num_key_value_heads, ' +
  'vocab_size, max_position_embeddings, tie_word_embeddings';

const LLAMA3_PAPER: Source = {
  title: 'Llama Team, "The Llama 3 Herd of Models" (2024), Table 3',
  url: 'https://arxiv.org/abs/2407.21783',
  note: 'Cross-check of layers, model dimension, FFN dimension, heads and KV heads; SwiGLU FFN.',
};

/** LLaMA 7B; Llama 2 7B has the same shape with a 4K context. */
const LLAMA_7B: ModelArchitecture = {
  id: 'llama-7b',
  name: 'LLaMA 7B',
  layers: 32,
  hidden: 4096,
  ffnHidden: 11008,
  ffn: 'swiglu',
  heads: 32,
  kvHeads: 32,
  headDim: 128,
  vocab: 32000,
  attention: MHA,
  moe: null,
  tiedEmbeddings: false,
  causal: true,
  maxSeqLen: 2048,
  publishedParams: 6.7e9,
  sources: [
    {
      title: 'Touvron et al., "LLaMA: Open and Efficient Foundation Language Models" (2023), Table 2',
      url: 'https://arxiv.org/abs/2302.13971',
      note: '6.7B parameters, 32 layers, dimension 4096, 32 heads, 2048-token context, SwiGLU.',
    },
    hfConfig('huggyllama/llama-7b', 'intermediate_size 11008, vocab_size 32000, untied lm_head.'),
  ],
};

/** Llama 3 8B; Llama 3.1 8B has the same shape with a 128K context. */
const LLAMA_3_8B: ModelArchitecture = {
  id: 'llama-3-8b',
  name: 'Llama 3 8B',
  layers: 32,
  hidden: 4096,
  ffnHidden: 14336,
  ffn: 'swiglu',
  heads: 32,
  kvHeads: 8,
  headDim: 128,
  vocab: 128256,
  attention: GQA,
  moe: null,
  tiedEmbeddings: false,
  causal: true,
  maxSeqLen: 8192,
  publishedParams: 8e9,
  sources: [hfConfig('meta-llama/Meta-Llama-3-8B', `${LLAMA_FIELDS}; headDim = 4096 / 32.`), LLAMA3_PAPER],
};

/** Llama 3 70B; Llama 3.3 70B has the same shape with a 128K context. */
const LLAMA_3_70B: ModelArchitecture = {
  id: 'llama-3-70b',
  name: 'Llama 3 70B',
  layers: 80,
  hidden: 8192,
  ffnHidden: 28672,
  ffn: 'swiglu',
  heads: 64,
  kvHeads: 8,
  headDim: 128,
  vocab: 128256,
  attention: GQA,
  moe: null,
  tiedEmbeddings: false,
  causal: true,
  maxSeqLen: 8192,
  publishedParams: 70e9,
  sources: [hfConfig('meta-llama/Meta-Llama-3-70B', `${LLAMA_FIELDS}; headDim = 8192 / 64.`), LLAMA3_PAPER],
};

/** Llama 4 Scout; Maverick shares its shape with 128 experts in every second layer. */
const LLAMA_4_SCOUT: ModelArchitecture = {
  id: 'llama-4-scout',
  name: 'Llama 4 Scout 17B-16E',
  layers: 48,
  hidden: 5120,
  ffnHidden: 16384,
  ffn: 'swiglu',
  heads: 40,
  kvHeads: 8,
  headDim: 128,
  vocab: 202048,
  attention: GQA,
  moe: {
    experts: 16,
    topK: 1,
    sharedExperts: 1,
    expertFfnHidden: 8192,
    denseLayers: 0,
    layerInterval: 1,
  },
  tiedEmbeddings: false,
  causal: true,
  maxSeqLen: 10485760,
  localAttention: { window: 8192, layers: 3, outOf: 4 },
  publishedParams: 109e9,
  sources: [
    hfConfig(
      'meta-llama/Llama-4-Scout-17B-16E',
      'text_config: num_hidden_layers, hidden_size, head_dim, heads, KV heads, vocab_size, ' +
        'num_local_experts 16, num_experts_per_tok 1, intermediate_size 8192 (expert and shared ' +
        'expert), intermediate_size_mlp 16384 (dense FFN; unused, every layer is MoE), ' +
        'interleave_moe_layer_step 1, max_position_embeddings. Chunked attention (8192) on 3 of 4 ' +
        'layers is modelled as plain GQA. 109B total includes the vision encoder.',
    ),
  ],
};

export const MODELS: readonly ModelArchitecture[] = [
  LLAMA_3_8B,
  {
    ...LLAMA_3_8B,
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    maxSeqLen: 131072,
    sources: [
      hfConfig(
        'meta-llama/Llama-3.1-8B',
        `${LLAMA_FIELDS}; headDim = 4096 / 32. Same shape as Llama 3 8B; 128K context via llama3 ` +
          'RoPE scaling.',
      ),
      LLAMA3_PAPER,
    ],
  },
  LLAMA_3_70B,
  {
    ...LLAMA_3_70B,
    id: 'llama-3.3-70b',
    name: 'Llama 3.3 70B',
    maxSeqLen: 131072,
    sources: [
      hfConfig(
        'meta-llama/Llama-3.3-70B-Instruct',
        `${LLAMA_FIELDS}; headDim = 8192 / 64. Same shape as Llama 3.1 70B.`,
      ),
    ],
  },
  {
    id: 'llama-3.1-405b',
    name: 'Llama 3.1 405B',
    layers: 126,
    hidden: 16384,
    ffnHidden: 53248,
    ffn: 'swiglu',
    heads: 128,
    kvHeads: 8,
    headDim: 128,
    vocab: 128256,
    attention: GQA,
    moe: null,
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 131072,
    publishedParams: 405e9,
    sources: [hfConfig('meta-llama/Llama-3.1-405B', `${LLAMA_FIELDS}; headDim = 16384 / 128.`), LLAMA3_PAPER],
  },
  {
    id: 'llama-2-70b',
    name: 'Llama 2 70B',
    layers: 80,
    hidden: 8192,
    ffnHidden: 28672,
    ffn: 'swiglu',
    heads: 64,
    kvHeads: 8,
    headDim: 128,
    vocab: 32000,
    attention: GQA,
    moe: null,
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 4096,
    publishedParams: 70e9,
    sources: [
      hfConfig('meta-llama/Llama-2-70b-hf', `${LLAMA_FIELDS}; headDim = 8192 / 64.`),
      {
        title: 'Touvron et al., "Llama 2: Open Foundation and Fine-Tuned Chat Models" (2023), Table 1',
        url: 'https://arxiv.org/abs/2307.09288',
        note: '70B size (actual count about 69B), 4K context, GQA for the 70B model.',
      },
    ],
  },
  LLAMA_7B,
  {
    ...LLAMA_7B,
    id: 'llama-2-7b',
    name: 'Llama 2 7B',
    maxSeqLen: 4096,
    publishedParams: 6.74e9,
    sources: [
      hfConfig(
        'meta-llama/Llama-2-7b-hf',
        `${LLAMA_FIELDS}; headDim = 4096 / 32; tie_word_embeddings false.`,
      ),
      {
        title: 'Touvron et al., "Llama 2: Open Foundation and Fine-Tuned Chat Models" (2023), Table 1',
        url: 'https://arxiv.org/abs/2307.09288',
        note: '7B size, 4K context, no GQA below 34B; the same shape as LLaMA 7B.',
      },
    ],
  },
  {
    id: 'llama-3.2-3b',
    name: 'Llama 3.2 3B',
    layers: 28,
    hidden: 3072,
    ffnHidden: 8192,
    ffn: 'swiglu',
    heads: 24,
    kvHeads: 8,
    headDim: 128,
    vocab: 128256,
    attention: GQA,
    moe: null,
    tiedEmbeddings: true,
    causal: true,
    maxSeqLen: 131072,
    publishedParams: 3.21e9,
    sources: [
      hfConfig(
        'meta-llama/Llama-3.2-3B',
        `${LLAMA_FIELDS}; head_dim 128; tie_word_embeddings true (the output head is the embedding).`,
      ),
    ],
  },
  LLAMA_4_SCOUT,
  {
    ...LLAMA_4_SCOUT,
    id: 'llama-4-maverick',
    name: 'Llama 4 Maverick 17B-128E',
    moe: { ...LLAMA_4_SCOUT.moe!, experts: 128, layerInterval: 2 },
    maxSeqLen: 1048576,
    publishedParams: 400e9,
    sources: [
      hfConfig(
        'meta-llama/Llama-4-Maverick-17B-128E',
        'text_config: num_hidden_layers, hidden_size, head_dim, heads, KV heads, vocab_size, ' +
          'num_local_experts 128, num_experts_per_tok 1, intermediate_size 8192 (expert and shared ' +
          'expert), intermediate_size_mlp 16384 (dense layers), interleave_moe_layer_step 2 (layers ' +
          '1, 3, ..., 47 are MoE, 24 in all), max_position_embeddings.',
      ),
    ],
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    layers: 61,
    hidden: 7168,
    ffnHidden: 18432,
    ffn: 'swiglu',
    heads: 128,
    kvHeads: 128,
    headDim: 128,
    vocab: 129280,
    attention: {
      kind: 'mla',
      qLoraRank: 1536,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
    },
    moe: {
      experts: 256,
      topK: 8,
      sharedExperts: 1,
      expertFfnHidden: 2048,
      denseLayers: 3,
      layerInterval: 1,
      routingGroups: { groups: 8, topGroups: 4 },
    },
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 163840,
    mtpModules: 1,
    publishedParams: 671e9,
    publishedFormat: 'fp8',
    sources: [
      hfConfig(
        'deepseek-ai/DeepSeek-V3',
        'num_hidden_layers, hidden_size, intermediate_size 18432 (dense layers), moe_intermediate_size, ' +
          'n_routed_experts, n_shared_experts, num_experts_per_tok, first_k_dense_replace 3, ' +
          'moe_layer_freq 1, q_lora_rank, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, ' +
          'v_head_dim, vocab_size, max_position_embeddings, n_group 8, topk_group 4, quantization_config ' +
          '(fp8, weight_block_size [128, 128]: publishedFormat). headDim is v_head_dim (MLA has no single ' +
          'head size). num_nextn_predict_layers 1: mtpModules (drafts for speculative decoding in serving; not trained).',
      ),
      {
        title: 'DeepSeek-AI, "DeepSeek-V3 Technical Report" (2024), sec. 4.2',
        url: 'https://arxiv.org/abs/2412.19437',
        note: '671B total parameters (main model, without the 14B MTP module), 37B activated.',
      },
    ],
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3-30B-A3B',
    layers: 48,
    hidden: 2048,
    ffnHidden: 6144,
    ffn: 'swiglu',
    heads: 32,
    kvHeads: 4,
    headDim: 128,
    vocab: 151936,
    attention: GQA,
    moe: {
      experts: 128,
      topK: 8,
      sharedExperts: 0,
      expertFfnHidden: 768,
      denseLayers: 0,
      layerInterval: 1,
    },
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 40960,
    publishedParams: 30.5e9,
    sources: [
      hfConfig(
        'Qwen/Qwen3-30B-A3B',
        'num_hidden_layers, hidden_size, intermediate_size (unused: mlp_only_layers is empty), ' +
          'head_dim 128, heads, KV heads, num_experts, num_experts_per_tok, moe_intermediate_size, ' +
          'decoder_sparse_step 1, vocab_size, tie_word_embeddings, max_position_embeddings 40960 ' +
          '(32K native; 131K with YaRN per the model card). 30.5B total from the model card.',
      ),
    ],
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3-235B-A22B',
    layers: 94,
    hidden: 4096,
    ffnHidden: 12288,
    ffn: 'swiglu',
    heads: 64,
    kvHeads: 4,
    headDim: 128,
    vocab: 151936,
    attention: GQA,
    moe: {
      experts: 128,
      topK: 8,
      sharedExperts: 0,
      expertFfnHidden: 1536,
      denseLayers: 0,
      layerInterval: 1,
    },
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 40960,
    publishedParams: 235e9,
    sources: [
      hfConfig(
        'Qwen/Qwen3-235B-A22B',
        'num_hidden_layers, hidden_size, intermediate_size (unused: mlp_only_layers is empty), ' +
          'head_dim 128, heads, KV heads, num_experts, num_experts_per_tok, moe_intermediate_size, ' +
          'decoder_sparse_step 1, vocab_size, tie_word_embeddings, max_position_embeddings 40960 ' +
          '(32K native; 131K with YaRN per the model card).',
      ),
    ],
  },
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    layers: 24,
    hidden: 2880,
    ffnHidden: 2880,
    ffn: 'swiglu',
    heads: 64,
    kvHeads: 8,
    headDim: 64,
    vocab: 201088,
    attention: GQA,
    moe: {
      experts: 32,
      topK: 4,
      sharedExperts: 0,
      expertFfnHidden: 2880,
      denseLayers: 0,
      layerInterval: 1,
    },
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 131072,
    localAttention: { window: 128, layers: 1, outOf: 2 },
    publishedParams: 21e9,
    publishedFormat: 'mxfp4',
    sources: [
      hfConfig(
        'openai/gpt-oss-20b',
        'num_hidden_layers, hidden_size, intermediate_size (per expert), head_dim 64, heads, KV ' +
          'heads, num_local_experts, num_experts_per_tok, vocab_size, tie_word_embeddings, ' +
          'max_position_embeddings. Layers alternate 128-token sliding-window and full attention ' +
          '(with attention sinks); modelled as plain GQA. quantization_config quant_method mxfp4, ' +
          'modules_to_not_convert self_attn, mlp.router, embed_tokens, lm_head: the MoE experts ship ' +
          'in MXFP4 (publishedFormat, taken for the whole model: the experts are about 90% of the ' +
          'weights).',
      ),
      {
        title: 'OpenAI, "gpt-oss-120b & gpt-oss-20b Model Card" (2025), Table 1',
        url: 'https://arxiv.org/abs/2508.10925',
        note: '21B total parameters (3.6B active).',
      },
    ],
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    layers: 36,
    hidden: 2880,
    ffnHidden: 2880,
    ffn: 'swiglu',
    heads: 64,
    kvHeads: 8,
    headDim: 64,
    vocab: 201088,
    attention: GQA,
    moe: {
      experts: 128,
      topK: 4,
      sharedExperts: 0,
      expertFfnHidden: 2880,
      denseLayers: 0,
      layerInterval: 1,
    },
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 131072,
    localAttention: { window: 128, layers: 1, outOf: 2 },
    publishedParams: 117e9,
    publishedFormat: 'mxfp4',
    sources: [
      hfConfig(
        'openai/gpt-oss-120b',
        'num_hidden_layers, hidden_size, intermediate_size (per expert), head_dim 64, heads, KV ' +
          'heads, num_local_experts, num_experts_per_tok, vocab_size, tie_word_embeddings, ' +
          'max_position_embeddings. Layers alternate 128-token sliding-window and full attention ' +
          '(with attention sinks); modelled as plain GQA. quantization_config quant_method mxfp4, ' +
          'modules_to_not_convert self_attn, mlp.router, embed_tokens, lm_head: the MoE experts ship ' +
          'in MXFP4 (publishedFormat, taken for the whole model: the experts are about 90% of the ' +
          'weights).',
      ),
      {
        title: 'OpenAI, "gpt-oss-120b & gpt-oss-20b Model Card" (2025), Table 1',
        url: 'https://arxiv.org/abs/2508.10925',
        note: '117B total parameters (5.1B active).',
      },
    ],
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    layers: 32,
    hidden: 4096,
    ffnHidden: 14336,
    ffn: 'swiglu',
    heads: 32,
    kvHeads: 8,
    headDim: 128,
    vocab: 32000,
    attention: GQA,
    moe: {
      experts: 8,
      topK: 2,
      sharedExperts: 0,
      expertFfnHidden: 14336,
      denseLayers: 0,
      layerInterval: 1,
    },
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 32768,
    publishedParams: 46.7e9,
    sources: [
      hfConfig(
        'mistralai/Mixtral-8x7B-v0.1',
        'num_hidden_layers, hidden_size, intermediate_size (per expert), heads, KV heads, ' +
          'num_local_experts, num_experts_per_tok, vocab_size, tie_word_embeddings, ' +
          'max_position_embeddings; headDim = 4096 / 32.',
      ),
      {
        title: 'Jiang et al., "Mixtral of Experts" (2024), Table 1',
        url: 'https://arxiv.org/abs/2401.04088',
        note: '46.7B total parameters (12.9B active).',
      },
    ],
  },
  {
    id: 'gpt-j-6b',
    name: 'GPT-J 6B',
    layers: 28,
    hidden: 4096,
    ffnHidden: 16384,
    ffn: 'gelu',
    heads: 16,
    kvHeads: 16,
    headDim: 256,
    vocab: 50400,
    attention: MHA,
    moe: null,
    tiedEmbeddings: false,
    causal: true,
    maxSeqLen: 2048,
    publishedParams: 6.053e9,
    sources: [
      hfConfig(
        'EleutherAI/gpt-j-6b',
        'n_layer, n_embd, n_head, vocab_size 50400 (padded from 50257), n_positions; n_inner unset ' +
          'so the FFN is 4 x n_embd; headDim = 4096 / 16; separate lm_head. Attention and MLP run ' +
          'in parallel from one LayerNorm; RoPE on 64 of 256 head dims. 6,053,381,344 parameters ' +
          'per the model card.',
      ),
    ],
  },
  {
    id: 'falcon-180b',
    name: 'Falcon-180B',
    layers: 80,
    hidden: 14848,
    ffnHidden: 59392,
    ffn: 'gelu',
    heads: 232,
    kvHeads: 8,
    headDim: 64,
    vocab: 65024,
    attention: GQA,
    moe: null,
    tiedEmbeddings: true,
    causal: true,
    maxSeqLen: 2048,
    publishedParams: 180e9,
    sources: [
      hfConfig(
        'tiiuae/falcon-180B',
        'num_hidden_layers, hidden_size, num_attention_heads 232, num_kv_heads 8 (multigroup ' +
          'attention), vocab_size, new_decoder_architecture and parallel_attn (attention and MLP in ' +
          'parallel); FFN is 4 x hidden; headDim = 14848 / 232. tie_word_embeddings is not set, so ' +
          'the transformers default (tied) applies.',
      ),
      {
        title: 'Almazrouei et al., "The Falcon Series of Open Language Models" (2023)',
        url: 'https://arxiv.org/abs/2311.16867',
        note: '180B parameters, 2,048-token context, GELU MLP, multigroup attention.',
      },
    ],
  },
  {
    id: 'mt-nlg-530b',
    name: 'Megatron-Turing NLG 530B',
    layers: 105,
    hidden: 20480,
    ffnHidden: 81920,
    ffn: 'gelu',
    heads: 128,
    kvHeads: 128,
    headDim: 160,
    vocab: 50257,
    attention: MHA,
    moe: null,
    tiedEmbeddings: true,
    causal: true,
    maxSeqLen: 2048,
    publishedParams: 530e9,
    sources: [
      {
        title: 'Smith et al., "Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B" (2022)',
        url: 'https://arxiv.org/abs/2201.11990',
        note:
          'Sec. 3: 105 layers, hidden 20480, 128 heads, 2048-token sequences, GPT-2 BPE vocabulary (50257; ' +
          'Megatron pads the embedding table to 51200). FFN 4 x hidden and tied embeddings follow the ' +
          'Megatron GPT defaults.',
      },
    ],
  },
  {
    id: 'bert-base',
    name: 'BERT-Base',
    layers: 12,
    hidden: 768,
    ffnHidden: 3072,
    ffn: 'gelu',
    heads: 12,
    kvHeads: 12,
    headDim: 64,
    vocab: 30522,
    attention: MHA,
    moe: null,
    tiedEmbeddings: true,
    causal: false,
    maxSeqLen: 512,
    publishedParams: 110e6,
    sources: [
      hfConfig(
        'google-bert/bert-base-uncased',
        'num_hidden_layers, hidden_size, intermediate_size, num_attention_heads, vocab_size, ' +
          'max_position_embeddings; MLM decoder tied to the word embeddings.',
      ),
      {
        title: 'Devlin et al., "BERT: Pre-training of Deep Bidirectional Transformers" (2019), sec. 3',
        url: 'https://arxiv.org/abs/1810.04805',
        note: 'BERT-Base: L=12, H=768, A=12, 110M parameters.',
      },
    ],
  },
  {
    id: 'bert-large',
    name: 'BERT-Large',
    layers: 24,
    hidden: 1024,
    ffnHidden: 4096,
    ffn: 'gelu',
    heads: 16,
    kvHeads: 16,
    headDim: 64,
    vocab: 30522,
    attention: MHA,
    moe: null,
    tiedEmbeddings: true,
    causal: false,
    maxSeqLen: 512,
    publishedParams: 340e6,
    sources: [
      hfConfig(
        'google-bert/bert-large-uncased',
        'num_hidden_layers, hidden_size, intermediate_size, num_attention_heads, vocab_size, ' +
          'max_position_embeddings; MLM decoder tied to the word embeddings.',
      ),
      {
        title: 'Devlin et al., "BERT: Pre-training of Deep Bidirectional Transformers" (2019), sec. 3',
        url: 'https://arxiv.org/abs/1810.04805',
        note: 'BERT-Large: L=24, H=1024, A=16, 340M parameters.',
      },
    ],
  },
  {
    id: 'gpt-3-175b',
    name: 'GPT-3 175B',
    layers: 96,
    hidden: 12288,
    ffnHidden: 49152,
    ffn: 'gelu',
    heads: 96,
    kvHeads: 96,
    headDim: 128,
    vocab: 50257,
    attention: MHA,
    moe: null,
    tiedEmbeddings: true,
    causal: true,
    maxSeqLen: 2048,
    publishedParams: 175e9,
    sources: [
      {
        title: 'Brown et al., "Language Models are Few-Shot Learners" (2020), Table 2.1 and sec. 2.1',
        url: 'https://arxiv.org/abs/2005.14165',
        note:
          '175.0B parameters, 96 layers, d_model 12288, 96 heads of 128, 2048-token context; FFN is ' +
          '4 x d_model. Vocabulary 50257 and tied embeddings are those of GPT-2, which GPT-3 follows.',
      },
    ],
  },
];
