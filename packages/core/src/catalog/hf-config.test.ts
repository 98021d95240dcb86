import { describe, expect, it } from 'vitest';
import { modelFromHfConfig } from './hf-config.js';

/** The fields of DeepSeek-V3's config.json this importer reads, as published. */
const deepseekV3 = {
  model_type: 'deepseek_v3',
  num_hidden_layers: 61,
  hidden_size: 7168,
  intermediate_size: 18432,
  moe_intermediate_size: 2048,
  num_attention_heads: 128,
  num_key_value_heads: 128,
  vocab_size: 129280,
  n_routed_experts: 256,
  n_shared_experts: 1,
  num_experts_per_tok: 8,
  first_k_dense_replace: 3,
  kv_lora_rank: 512,
  q_lora_rank: 1536,
  qk_nope_head_dim: 128,
  qk_rope_head_dim: 64,
  v_head_dim: 128,
  num_nextn_predict_layers: 1,
  quantization_config: { quant_method: 'fp8', weight_block_size: [128, 128] },
};

describe('Hugging Face config import', () => {
  it('reads the MTP modules and the format the checkpoint is published in', () => {
    const r = modelFromHfConfig(deepseekV3, 'dsv3');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.model.mtpModules).toBe(1);
    expect(r.model.publishedFormat).toBe('fp8');
    const oss = modelFromHfConfig(
      { ...deepseekV3, num_nextn_predict_layers: 0, quantization_config: { quant_method: 'mxfp4' } },
      'x',
    );
    if (!oss.ok) throw new Error('expected a model');
    expect(oss.model.mtpModules).toBeUndefined();
    expect(oss.model.publishedFormat).toBe('mxfp4');
    // A method that names no serving format (bitsandbytes) leaves the format to the scenario.
    const bnb = modelFromHfConfig(
      { ...deepseekV3, quantization_config: { quant_method: 'bitsandbytes' } },
      'x',
    );
    expect(bnb.ok && bnb.model.publishedFormat).toBeUndefined();
  });
});
