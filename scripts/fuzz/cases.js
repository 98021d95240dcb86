// The fuzz cases: scenario n of a run, generated from (seed, n) alone so that any case can be made
// again from its number, and the check of what the planner does with it. Shared by the runner
// (scripts/fuzz.js, npm run fuzz) and npm test's smaller run (tests/fuzz/fuzz.test.ts).
//
// The generator mixes the ordinary with the hostile: catalog models and sound inline ones beside
// dimensions at and past their bounds (heads not dividing hidden, kvHeads not dividing heads, MoE
// with more dense layers than layers, topK above the experts), Hugging Face configs with 1.8e308,
// 0, negative and fractional fields, privacy targets at their extremes (ε from 1e-3 to 1000, δ from
// 1e-300 to 0.999999, 9e15 examples, a PLD accountant with noise 0.001), serving fleets (with engines,
// attention DP and EP, two-batch overlap, speculative decoding up to 16 drafted tokens all accepted),
// and every catalog accelerator and system.
import { physicalViolations, planText, REASON_CODES } from '@aidc/core';
import { stringify } from 'yaml';

/** mulberry32: a small, fast, seedable generator (Tommy Ettinger's), enough for test inputs. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random source of case n: draws, picks, and numbers on a log scale. */
function source(seed, n) {
  const r = rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(n + 1, 0x85ebca6b)) >>> 0);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;
  /** 10^u for u uniform in [lo, hi]. */
  const logUniform = (lo, hi) => 10 ** (lo + r() * (hi - lo));
  const wholeLog = (lo, hi) => Math.max(1, Math.round(logUniform(Math.log10(lo), Math.log10(hi))));
  return { r, int, pick, chance, logUniform, wholeLog };
}

const MODEL_IDS = [
  'llama-3-8b',
  'llama-3.1-8b',
  'llama-3-70b',
  'llama-3.1-405b',
  'llama-7b',
  'llama-4-scout',
  'deepseek-v3',
  'qwen3-30b-a3b',
  'gpt-oss-20b',
  'mixtral-8x7b',
  'gpt-j-6b',
  'bert-base',
  'bert-large',
  'gpt-3-175b',
];
const SYSTEMS = [
  'dgx-a100',
  'dgx-h100',
  'hgx-h200',
  'dgx-b200',
  'gb200-nvl72',
  'mi300x-platform',
  'rtx-2080-node',
];
const ACCELERATORS = [
  'a100-sxm-80gb',
  'h100-sxm',
  'h100-pcie',
  'h200-sxm',
  'b200',
  'gb200',
  'rtx-pro-6000',
  'l40s',
  'v100-sxm-32gb',
  'rtx-2080',
  'mi300x',
  'mi355x',
  'tpu-v5p',
  'tpu-v6e',
];
const FORMATS = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'mxfp8', 'nvfp4'];
const SERVING_FORMATS = ['bf16', 'fp16', 'fp8', 'int8', 'int4', 'nvfp4', 'mxfp4'];
const ACCOUNTANTS = ['rdp-opacus', 'rdp-dp-accounting', 'rdp-classic', 'prv', 'pld', 'gdp'];
/** Values at and beyond the edges of model dimensions. */
const HOSTILE_DIMS = [1, 2, 3, 7, 64, 10_000, 100_000, 1_000_000, 10_000_000];

/** A sound dense model: hidden a multiple of the heads, GQA groups whole. */
function soundModel(g) {
  const heads = g.pick([4, 8, 16, 32, 64, 128]);
  const headDim = g.pick([32, 64, 128, 256]);
  const m = {
    layers: g.int(1, 128),
    hidden: heads * headDim,
    ffnHidden: g.int(1, 8) * heads * headDim,
    heads,
    vocab: g.wholeLog(1, 300_000),
  };
  if (g.chance(0.5)) m.kvHeads = g.pick([1, 2, 4, heads]);
  if (g.chance(0.2)) m.headDim = g.pick([64, 128, 256]); // Gemma-like: heads × headDim ≠ hidden
  if (g.chance(0.2)) m.ffn = 'gelu';
  if (g.chance(0.1)) m.tiedEmbeddings = true;
  if (g.chance(0.1)) m.causal = false;
  return m;
}

/** Dimensions drawn with no regard for each other, often at their bounds. */
function hostileModel(g) {
  const dim = (max) => (g.chance(0.5) ? Math.min(max, g.pick(HOSTILE_DIMS)) : g.wholeLog(1, max));
  const m = {
    layers: dim(10_000),
    hidden: dim(1_000_000),
    ffnHidden: dim(10_000_000),
    heads: dim(100_000),
    vocab: dim(100_000_000),
  };
  if (g.chance(0.5)) m.headDim = dim(100_000);
  if (g.chance(0.5)) m.kvHeads = dim(100_000);
  return m;
}

function withMoe(g, m) {
  const experts = g.chance(0.3) ? g.pick([1, 2, 100_000]) : g.pick([8, 16, 64, 128, 256]);
  return {
    ...m,
    moe: {
      experts,
      topK: g.chance(0.2) ? g.int(1, 1000) : g.int(1, Math.min(8, experts)),
      expertFfnHidden: g.chance(0.2) ? g.pick(HOSTILE_DIMS) : g.pick([512, 1024, 2048]),
      ...(g.chance(0.5) ? { sharedExperts: g.int(0, 4) } : {}),
      ...(g.chance(0.5) ? { denseLayers: g.chance(0.3) ? g.int(0, 10_000) : g.int(0, 3) } : {}),
      ...(g.chance(0.3) ? { layerInterval: g.int(1, 4) } : {}),
    },
  };
}

/** A config.json as the transformers library writes it, some fields broken. */
function hfConfig(g) {
  const heads = g.pick([8, 16, 32]);
  const c = {
    model_type: g.pick(['llama', 'mistral', 'qwen2', 'gpt2', 'bert', 'deepseek_v3', 'mixtral']),
    num_hidden_layers: g.int(1, 64),
    hidden_size: heads * 128,
    num_attention_heads: heads,
    num_key_value_heads: g.pick([1, 4, 8, heads]),
    intermediate_size: heads * 128 * 4,
    vocab_size: 32_000,
    max_position_embeddings: 8192,
  };
  if (g.chance(0.3)) c.head_dim = g.pick([64, 128, 256]);
  if (g.chance(0.2)) {
    c.num_local_experts = g.pick([8, 64]);
    c.num_experts_per_tok = g.pick([1, 2, 100]);
    if (g.chance(0.5)) c.first_k_dense_replace = g.pick([0, 1, 1000]);
  }
  if (g.chance(0.1)) {
    c.kv_lora_rank = g.pick([0, 512]);
    c.q_lora_rank = 1536;
  }
  // '1.8e308' is written into the text as a number (JSON.parse reads it as Infinity).
  const broken = ['@1.8e308', 1.7e308, 0, -1, 0.5, 2 ** 53, 1e15, 'forty', null];
  const fields = [
    'num_attention_heads',
    'head_dim',
    'hidden_size',
    'num_hidden_layers',
    'vocab_size',
    'num_key_value_heads',
    'intermediate_size',
    'num_experts_per_tok',
    'first_k_dense_replace',
  ];
  for (let i = g.int(0, 2); i > 0; i--) c[g.pick(fields)] = g.pick(broken);
  return c;
}

/** A model reference, and any file it names. */
function modelRef(g, files) {
  const kind = g.r();
  if (kind < 0.3) return g.pick(MODEL_IDS);
  if (kind < 0.5) {
    files['config.json'] = JSON.stringify(hfConfig(g)).replaceAll('"@1.8e308"', '1.8e308');
    return { hf: 'config.json' };
  }
  const base = kind < 0.75 ? soundModel(g) : hostileModel(g);
  return g.chance(0.3) ? withMoe(g, base) : base;
}

function privacy(g) {
  const p = {
    delta: g.pick([1e-300, 1e-12, 1e-8, 1e-5, 0.01, 0.5, 0.999999]),
    examples: g.pick([1000, 60_000, 1_000_000, 10_000_000, 9e15]),
    accountant: g.pick(ACCOUNTANTS),
  };
  if (g.chance(0.5)) p.epsilon = g.pick([1e-3, 0.01, 0.1, 1, 3, 8, 100, 1000]);
  else p.noiseMultiplier = g.pick([0.001, 0.01, 0.3, 1, 1.1, 10, 1e4]);
  if (g.chance(0.3)) p.sampling = 'shuffle';
  if (g.chance(0.2)) p.microbatching = true;
  if (g.chance(0.3)) p.clipping = g.pick(['ghost', 'per-sample', 'book-keeping']);
  return p;
}

function train(g, files) {
  const seqLen = g.pick([128, 512, 2048, 4096, 8192, 131_072]);
  const t = {
    model: modelRef(g, files),
    tokens: g.pick(['1M', '100M', '1B', '100B', '15T', 1e6]),
    seqLen,
    globalBatch: g.chance(0.2) ? '4M tokens' : g.pick([1, 8, 64, 256, 1024, 2048]),
    precision: g.pick(FORMATS),
  };
  if (g.chance(0.3)) {
    const par = {};
    if (g.chance(0.5)) par.tp = g.pick([1, 2, 4, 8]);
    if (g.chance(0.4)) par.pp = g.pick([1, 2, 4]);
    if (g.chance(0.2)) par.cp = g.pick([1, 2]);
    if (g.chance(0.2)) par.microBatch = g.pick([1, 2, 4]);
    if (g.chance(0.2)) par.zero = g.pick([0, 1, 2, 3]);
    if (g.chance(0.2)) par.recompute = g.pick(['none', 'selective', 'full']);
    t.parallelism = par;
  }
  if (g.chance(0.25)) t.privacy = privacy(g);
  if (g.chance(0.1)) t.deadline = '30 days';
  // Issue #14's knobs, drawn last so the draws above stay as they were: every stack (most refuse
  // some of these), fine-tuning methods, the optimizer's kind and place, offload, loss and compile.
  if (g.chance(0.2)) {
    t.software = g.pick([
      'megatron-core',
      'megatron-lm-2021',
      'llama3-2024',
      'megatron-deepspeed',
      'deepspeed',
      'torchtitan',
      'torchtune',
    ]);
  }
  if (g.chance(0.15)) {
    t.finetune = { method: g.pick(['full', 'lora', 'qlora']) };
    if (g.chance(0.5)) t.finetune.rank = g.pick([1, 8, 64, 4096]);
    if (g.chance(0.5))
      t.finetune.targets = g.pick([['q', 'v'], ['q', 'k', 'v', 'o', 'mlp', 'output'], ['output']]);
  }
  if (g.chance(0.1)) {
    t.optimizer = { kind: g.pick(['adam', 'adam-8bit']), inBackward: g.chance(0.5), offload: g.chance(0.5) };
  }
  if (g.chance(0.1)) t.activationOffload = true;
  if (g.chance(0.1)) t.loss = g.pick(['fused-fp32', 'standard', 'chunked']);
  if (g.chance(0.1)) t.compile = true;
  return t;
}

function serve(g, files) {
  const s = {
    model: modelRef(g, files),
    weights: g.pick(SERVING_FORMATS),
    traffic: {
      rate: g.pick(['0.01 req/s', '1 req/s', '50 req/s', '2000 req/s']),
      input: { mean: g.pick([1, 128, 2048, 32_000]) },
      output: { mean: g.pick([1, 64, 512, 4096]) },
    },
  };
  if (g.chance(0.6)) s.slo = { ttft: { p99: g.pick(['1 ms', '500 ms', '2 s']) } };
  if (g.chance(0.3)) s.parallelism = { tp: g.pick([1, 2, 8]) };
  // Drawn after the draws above, so the cases of earlier runs keep everything up to here.
  if (g.chance(0.25)) s.engine = g.pick(['vllm', 'sglang', 'trtllm']);
  if (g.chance(0.2)) {
    s.parallelism = { ...s.parallelism, attentionDp: g.pick([2, 8, 16, 72]) };
    if (g.chance(0.5)) s.parallelism.twoBatchOverlap = true;
  }
  if (g.chance(0.2)) {
    s.speculative = g.chance(0.5)
      ? {
          method: 'mtp',
          ...(g.chance(0.5) ? { tokens: g.int(1, 16), acceptance: g.pick([0.01, 0.5, 0.85, 1]) } : {}),
        }
      : {
          method: 'draft',
          // Mostly the model itself: a draft of its own vocabulary, so the plan goes on past the check.
          draftModel: g.chance(0.7) ? s.model : g.pick(['llama-3.1-8b', 'deepseek-v3', 'bert-base']),
          tokens: g.int(1, 16),
          acceptance: g.pick([1e-9, 0.3, 0.9, 1]),
        };
  }
  // Drawn last again: engine releases, EP load-balancer slots, disaggregated pools of their own layouts.
  if (g.chance(0.15)) s.engineVersion = g.pick(['0.3.6', '0.9.1', '0.19.0', '1.0', '99']);
  if (g.chance(0.15)) s.parallelism = { ...s.parallelism, redundantExperts: g.pick([0, 8, 32, 1000]) };
  if (g.chance(0.1)) s.parallelism = { ...s.parallelism, disaggregated: true };
  return s;
}

/** Case n of the run with this seed: the scenario text and the files it names. `serving: false`
 * makes training workloads only (a serving fleet's capacity search simulates for seconds: npm test's
 * run leaves it to npm run fuzz). */
export function fuzzCase(seed, n, { serving = true } = {}) {
  const g = source(seed, n);
  const files = {};
  const hardware = g.chance(0.4) ? { system: g.pick(SYSTEMS) } : { accelerator: g.pick(ACCELERATORS) };
  hardware.gpus = g.chance(0.1) ? 'auto' : g.pick([1, 2, 8, 16, 64, 256, 1024, 8192]);
  if (g.chance(0.1)) hardware.memory = g.pick(['1 MiB', '16 GiB', '1 TiB']);
  const workloads = [];
  const kinds = serving ? g.r() : 0;
  if (kinds < 0.65) workloads.push({ train: train(g, files) });
  else if (kinds < 0.9) workloads.push({ serve: serve(g, files) });
  else workloads.push({ serve: serve(g, files) }, { train: train(g, files) });
  for (const w of workloads) if (w.train && hardware.gpus === 'auto') w.train.gpus = g.pick([8, 64]);
  const scenario = { name: `fuzz-${seed}-${n}`, hardware, workloads };
  if (g.chance(0.2)) scenario.site = { pue: g.pick([1, 1.3, 5]), region: g.pick(['us-ca', 'fr', 'world']) };
  if (g.chance(0.1)) scenario.cost = { budget: g.pick([0, 1e6]) };
  return { text: stringify(scenario), files };
}

/**
 * What the planner made of case n: 'planned' (a plan that holds the law), 'refused' (a located
 * refusal), or a finding: 'crash' (an exception, or a refusal without a place or a known code),
 * 'impossible' (a feasible plan that breaks the law). 'law-refusal' is a refusal with code
 * physically-impossible: the law held, but a model got dimensions it cannot plan.
 */
export function checkCase(c) {
  let r;
  try {
    r = planText(c.text, 'fuzz.yaml', (p) => c.files[p]);
  } catch (e) {
    return { outcome: 'crash', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  if (!r.ok) {
    for (const d of r.refusal.diagnostics) {
      if (!(d.code in REASON_CODES) || d.file !== 'fuzz.yaml' || d.message.length === 0 || d.line < 1)
        return { outcome: 'crash', detail: `badly located refusal: ${JSON.stringify(d)}` };
    }
    const first = r.refusal.diagnostics[0];
    if (first.code === 'physically-impossible') return { outcome: 'law-refusal', detail: first.message };
    return { outcome: 'refused', code: first.code };
  }
  const broken = physicalViolations(r.plan);
  if (broken.length > 0)
    return {
      outcome: 'impossible',
      detail: broken
        .slice(0, 3)
        .map((v) => `${v.path} = ${v.value} (${v.rule})`)
        .join('; '),
    };
  return { outcome: 'planned' };
}
