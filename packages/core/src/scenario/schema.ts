import { z } from 'zod';
import { SERVING_ENGINE_IDS } from '../catalog/engines.js';
import { MODEL_LIMITS } from '../catalog/model-check.js';
import { LOSS_KINDS, SOFTWARE_STACKS } from '../catalog/software.js';
import { TRAFFIC_PROFILE_IDS } from '../catalog/traffic-profiles.js';
import { parseQuantity, type QuantityKind } from '../units/quantity.js';
import { SECONDS_PER_YEAR } from '../units/time.js';
import { FABRIC_TOPOLOGIES } from '../vocab/fabric.js';
import { NUMBER_FORMATS, SERVING_FORMATS } from '../vocab/formats.js';
import { CLUSTER_IDS, POLICY_PAIRS } from '../vocab/operations.js';
import { ACCOUNTANTS, CLIPPING_IDS, SAMPLINGS, SECURE_AGGREGATION_IDS } from '../vocab/privacy.js';
import { CONTROL_IDS, SECURITY_LEVELS } from '../vocab/security.js';
import { ADAPTER_TARGETS, OPTIMIZERS, RECOMPUTE_MODES } from '../vocab/training.js';
import { quantityFields } from './quantity-fields.js';

/** Years over which hardware is written off unless the scenario says otherwise: a common planning life. */
export const HARDWARE_AMORTIZATION_YEARS = 4;

/**
 * The scenario file's schema: declared once, used to validate files, to type the loaded scenario and
 * to export a JSON Schema for editors (`aidc schema`). Quantities may be written with units as text;
 * they are parsed here, once, into SI.
 */

/** A quantity as people write it ('400 Gb/s', '15.6T'), parsed to SI and checked; `auto` where the
 * field may be left to the planner. */
function quantityField<Auto extends boolean>(
  kind: QuantityKind,
  check: (v: number) => boolean,
  what: string,
  allowAuto: Auto,
) {
  return z
    .union([z.number(), z.string()])
    .transform((input, ctx): Auto extends true ? number | 'auto' : number => {
      type Out = Auto extends true ? number | 'auto' : number;
      if (allowAuto && input === 'auto') return 'auto' as Out;
      const r = parseQuantity(kind, input);
      if (!r.ok) {
        ctx.addIssue({
          code: 'custom',
          message: `expected ${allowAuto ? `auto or ${r.expected}` : r.expected}`,
        });
        return z.NEVER;
      }
      if (!check(r.value)) {
        ctx.addIssue({ code: 'custom', message: `expected ${what}${allowAuto ? ', or auto' : ''}` });
        return z.NEVER;
      }
      return r.value as Out;
    })
    .register(quantityFields, { kind, accepts: what, auto: allowAuto });
}

const quantity = (kind: QuantityKind, check: (v: number) => boolean, what: string) =>
  quantityField(kind, check, what, false);

const MAX_GPUS = 10_000_000;
const positive = (v: number) => v > 0 && Number.isFinite(v);
const wholePositive = (max: number) => (v: number) => Number.isInteger(v) && v > 0 && v <= max;

const count = (what: string, max = Number.MAX_SAFE_INTEGER) =>
  quantity('count', wholePositive(max), `${what} (a whole number from 1 to ${max.toLocaleString('en-US')})`);
const within = (lo: number, hi: number) => (v: number) => positive(v) && v >= lo && v <= hi;
// Ranges far wider than any real hardware, so that every time and size in a plan stays finite.
const bandwidth = quantity('bytesPerS', within(1e3, 1e16), "a bandwidth from '8 kb/s' to '10 PB/s'");
const size = quantity('bytes', within(2 ** 20, 2 ** 60), "a size from '1 MiB' to '1 EiB'");
const duration = quantity('seconds', within(1, 1e10), "a duration from '1 s' to about 300 years");

/** Far beyond any real batch; keeps every product of batch and sequence finite. */
const MAX_BATCH_SEQUENCES = 1e9;

const GLOBAL_BATCH_ACCEPTS =
  "a whole number of sequences (2048) or of tokens ('16M tokens'), up to 1e9 sequences";

/** Global batch: a number of sequences, or tokens when written with the word "tokens". */
const globalBatch = z
  .union([z.number(), z.string()])
  .transform((input, ctx) => {
    const asTokens = typeof input === 'string' && /tokens?\s*$/i.test(input);
    const r = parseQuantity('count', input);
    const max = asTokens ? MAX_BATCH_SEQUENCES * 1e6 : MAX_BATCH_SEQUENCES;
    if (!r.ok || !(r.value > 0) || r.value > max || (!asTokens && !Number.isInteger(r.value))) {
      ctx.addIssue({ code: 'custom', message: `expected ${GLOBAL_BATCH_ACCEPTS}` });
      return z.NEVER;
    }
    return asTokens ? { tokens: r.value } : { sequences: r.value };
  })
  .register(quantityFields, { kind: 'count', accepts: GLOBAL_BATCH_ACCEPTS });

const smallInt = (max: number) => z.number().int().min(1).max(max);

export const inlineModelSchema = z
  .object({
    id: z.string().min(1).optional().describe("Id shown in the plan; default 'workload-<i>'."),
    name: z.string().optional().describe('Name shown in the plan; default: the id.'),
    layers: smallInt(MODEL_LIMITS.layers).describe('Transformer layers.'),
    hidden: smallInt(MODEL_LIMITS.hidden).describe('Hidden (model) dimension.'),
    ffnHidden: smallInt(MODEL_LIMITS.ffnHidden).describe(
      'Hidden size of the dense FFN (of the dense layers, for MoE).',
    ),
    ffn: z.enum(['gelu', 'swiglu']).default('swiglu').describe('FFN kind; swiglu is gated (three matrices).'),
    heads: smallInt(MODEL_LIMITS.heads).describe('Attention (query) heads.'),
    kvHeads: smallInt(MODEL_LIMITS.heads)
      .optional()
      .describe('Key/value heads; fewer than heads is GQA. Default: heads.'),
    headDim: smallInt(MODEL_LIMITS.headDim)
      .optional()
      .describe('Per-head dimension; default hidden ÷ heads.'),
    vocab: smallInt(MODEL_LIMITS.vocab).describe('Vocabulary size.'),
    tiedEmbeddings: z.boolean().default(false).describe('The output projection shares the input embedding.'),
    causal: z.boolean().default(true).describe('true: decoder (causal mask); false: encoder.'),
    moe: z
      .object({
        experts: smallInt(MODEL_LIMITS.experts).describe('Routed experts per MoE layer.'),
        topK: smallInt(MODEL_LIMITS.topK).describe('Routed experts each token goes to.'),
        sharedExperts: z
          .number()
          .int()
          .min(0)
          .max(MODEL_LIMITS.sharedExperts)
          .default(0)
          .describe('Always-active shared experts per MoE layer.'),
        expertFfnHidden: smallInt(MODEL_LIMITS.ffnHidden).describe("Hidden size of one expert's FFN."),
        denseLayers: z
          .number()
          .int()
          .min(0)
          .max(MODEL_LIMITS.layers)
          .default(0)
          .describe('The first layers, with a dense FFN of ffnHidden.'),
        layerInterval: smallInt(MODEL_LIMITS.layerInterval)
          .default(1)
          .describe('Every n-th layer after the dense ones is MoE; 1 = all.'),
      })
      .strict()
      .optional()
      .describe('Mixture of experts; default dense.'),
  })
  .strict()
  .describe('A model given by its dimensions.');

export const modelRefSchema = z.union([
  z.string().min(1).describe('A catalog model id, e.g. llama-3.1-405b (aidc catalog models).'),
  z
    .object({
      hf: z.string().min(1).describe('Path to a Hugging Face config.json, relative to the scenario.'),
    })
    .strict(),
  inlineModelSchema,
]);

export const parallelismSchema = z.union([
  z.literal('auto').describe('Search every layout the stack can run.'),
  z
    .literal('recipe')
    .describe(
      "The layout the software stack's published recipe uses for this model (nearest GPU generation, format and size); DP from the GPUs.",
    ),
  z
    .object({
      tp: smallInt(1_000_000).optional().describe("Tensor-parallel ranks; must divide the model's heads."),
      pp: smallInt(1_000_000).optional().describe('Pipeline stages.'),
      dp: smallInt(MAX_GPUS).optional().describe('Data-parallel replicas, not counting CP.'),
      cp: smallInt(1_000_000).optional().describe('Context-parallel ranks (one sequence split across them).'),
      ep: smallInt(1_000_000).optional().describe('Expert-parallel ranks; 1 for dense models.'),
      vpp: smallInt(1_000).optional().describe('Virtual pipeline stages (model chunks) per pipeline rank.'),
      microBatch: smallInt(1_000_000).optional().describe('Sequences per micro-batch.'),
      zero: z
        .union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])
        .optional()
        .describe('ZeRO stage: 1 shards optimizer state, 2 also gradients, 3 also parameters.'),
      recompute: z.enum(RECOMPUTE_MODES).optional().describe('Activation recomputation.'),
      sequenceParallel: z
        .boolean()
        .optional()
        .describe('Megatron sequence parallelism: norms and dropouts split across TP ranks.'),
    })
    .strict()
    .describe('Fix any of the layout knobs; the search chooses the others.'),
]);

const softwareIds = SOFTWARE_STACKS.map((s) => s.id) as [string, ...string[]];

const probabilityBelowOne = z.number().gt(0).lt(1);

export const privacySchema = z
  .object({
    epsilon: z
      .number()
      .gt(0)
      .max(1000)
      .optional()
      .describe('Target ε of (ε, δ)-DP; the plan finds the noise multiplier.'),
    noiseMultiplier: z
      .number()
      .gt(0)
      .max(1e4)
      .optional()
      .describe('Noise std ÷ clipping norm, when it is fixed; the plan finds ε.'),
    delta: probabilityBelowOne.describe('δ of (ε, δ)-DP; commonly below 1 ÷ examples.'),
    examples: count('a number of training examples').describe(
      'Examples (sequences) in the private data set: the sampling rate is the batch ÷ this.',
    ),
    accountant: z
      .enum(ACCOUNTANTS)
      .default('rdp-dp-accounting')
      .describe('Privacy accountant (aidc privacy --help).'),
    clipping: z.enum(CLIPPING_IDS).default('book-keeping').describe('Per-example clipping method.'),
    microbatching: z.boolean().default(false).describe('Clip per micro-batch: doubles the sensitivity.'),
    sampling: z
      .enum(SAMPLINGS)
      .default('poisson')
      .describe('poisson (amplified by sampling) or shuffle (counted as one full release per epoch).'),
  })
  .strict()
  .refine((p) => (p.epsilon === undefined) !== (p.noiseMultiplier === undefined), {
    message: 'expected exactly one of epsilon and noiseMultiplier',
  });

const clientBandwidth = z.union([
  bandwidth,
  z
    .object({ down: bandwidth.describe('Server to client.'), up: bandwidth.describe('Client to server.') })
    .strict(),
]);

export const federatedSchema = z
  .object({
    clients: count('a number of clients').describe('Clients that hold data.'),
    clientsPerRound: count('a number of clients per round').describe(
      'Updates the server waits for each round (K).',
    ),
    clientCompute: quantity(
      'flopsPerS',
      within(1e6, 1e18),
      "a speed from '1 MFLOP/s' to '1 EFLOP/s'",
    ).describe("Sustained training speed of a typical client, e.g. '2 TFLOP/s'."),
    clientBandwidth: clientBandwidth.describe(
      "Link of a typical client: '20 Mb/s' both ways, or { down, up }.",
    ),
    rounds: count('a number of rounds').describe('Federated rounds of the run.'),
    secureAggregation: z
      .enum(SECURE_AGGREGATION_IDS)
      .default('none')
      .describe('How updates are protected in transit.'),
    localTokens: count('a token count')
      .optional()
      .describe('Tokens each client trains on per round; default the run spread evenly.'),
    overcommit: z
      .number()
      .min(1)
      .max(10)
      .default(1.3)
      .describe('Clients selected ÷ K (Bonawitz et al. 2019: 1.3).'),
    dropout: z
      .number()
      .min(0)
      .lt(1)
      .default(0.08)
      .describe('Share of selected clients that never report (6–10%).'),
    clientSpread: z
      .number()
      .min(0)
      .max(3)
      .default(0.5)
      .describe('σ of log client time (an assumption; 0 = identical).'),
  })
  .strict()
  .refine((f) => f.clientsPerRound <= f.clients, { message: 'expected clientsPerRound ≤ clients' });

const finetuneSchema = z
  .object({
    method: z
      .enum(['full', 'lora', 'qlora'])
      .describe(
        'full: train every parameter; lora: low-rank adapters on a frozen 16-bit base; qlora: on a frozen NF4 base.',
      ),
    rank: smallInt(65_536).default(16).describe('Adapter rank (lora, qlora).'),
    targets: z
      .array(z.enum(ADAPTER_TARGETS))
      .min(1)
      .default(['q', 'k', 'v', 'o', 'mlp'])
      .describe(
        'Matrices the adapters wrap: q, k, v, o (attention), mlp (every FFN matrix), output (the head).',
      ),
  })
  .strict();

const optimizerSchema = z
  .object({
    kind: z
      .enum(OPTIMIZERS)
      .default('adam')
      .describe('adam: two moments; adam-8bit: moments kept in 8 bits.'),
    inBackward: z
      .boolean()
      .default(false)
      .describe('Step each parameter as backward makes its gradient, so the gradients never exist at once.'),
    offload: z
      .union([z.boolean(), z.literal('auto')])
      .default('auto')
      .describe(
        "Keep the optimizer's state in host memory: true, false, or auto (only when no layout fits without it and the stack offers it).",
      ),
  })
  .strict();

const waitTime = quantity(
  'seconds',
  (v) => Number.isFinite(v) && v >= 0 && v <= 1e8,
  "a duration from '0 s' to about 3 years",
);
const lossShare = z.number().min(0).max(0.9);

/** What a run loses beyond hardware failures and checkpoints; each left out takes its sourced default
 * (reliability/run-losses.ts, shown with its source in the plan). */
export const runLossesSchema = z.union([
  z.literal('none').describe('Only hardware failures and checkpoints: the run loses nothing else.'),
  z
    .object({
      lossSpikesPer1000Steps: z
        .number()
        .min(0)
        .max(1000)
        .optional()
        .describe('Rollbacks after a loss spike or divergence, per 1,000 optimizer steps.'),
      lossSpikeRollbackSteps: z
        .number()
        .int()
        .min(0)
        .max(10_000_000)
        .optional()
        .describe('Optimizer steps redone after each rollback.'),
      evaluationShare: lossShare
        .optional()
        .describe('Time spent evaluating, as a share of training time (0–0.9).'),
      dataStallShare: lossShare
        .optional()
        .describe('Time the GPUs wait on the data pipeline, as a share of training time (0–0.9).'),
      stragglerShare: lossShare
        .optional()
        .describe(
          'Time the job runs slower than its healthy step because some rank lags, as a share of training time (0–0.9).',
        ),
      startup: waitTime
        .optional()
        .describe("From the job's launch to its first full-speed step, once per run, e.g. '2 h'."),
      schedulingWait: waitTime
        .optional()
        .describe("Wait for replacement nodes after each interruption, beyond the restart, e.g. '15 min'."),
      spareShare: lossShare
        .optional()
        .describe("GPUs held back as hot spares, as a share of the run's GPUs."),
    })
    .strict(),
]);

/** One phase of a run: what changes from the run's settings (each left out is the run's own). */
export const phaseSchema = z
  .object({
    name: z.string().min(1).optional().describe("The phase's name; default 'phase <n>'."),
    tokens: count('a token count').describe("Tokens of this phase, e.g. '200B'."),
    seqLen: count('a sequence length', 100_000_000)
      .optional()
      .describe("Tokens per sequence in this phase; default the run's."),
    globalBatch: globalBatch
      .optional()
      .describe("Sequences (or 'N tokens') per step in this phase; default the run's."),
    gpus: count('a GPU count', MAX_GPUS).optional().describe("GPUs of this phase; default the run's."),
    parallelism: parallelismSchema.optional().describe("Layout of this phase; default the run's."),
  })
  .strict();

export const trainSchema = z
  .object({
    name: z.string().min(1).optional().describe("The run's name; default: the model's name."),
    model: modelRefSchema,
    gpus: count('a GPU count', MAX_GPUS)
      .optional()
      .describe("GPUs of this run; default: hardware.gpus less the serving fleets' GPUs."),
    tokens: count('a token count')
      .optional()
      .describe("Tokens of the whole run, e.g. '15.6T'; with phases, their sum (may be left out)."),
    seqLen: count('a sequence length', 100_000_000).describe('Tokens per sequence.'),
    globalBatch: globalBatch.describe("Sequences per step (2048) or tokens per step ('16M tokens')."),
    precision: z.enum(NUMBER_FORMATS).default('bf16').describe('Number format of the weight matmuls.'),
    parallelism: parallelismSchema.default('auto'),
    phases: z
      .array(phaseSchema)
      .min(1)
      .max(64)
      .optional()
      .describe(
        'The run as phases in order (batch ramp-up, main pre-training, long-context extension, annealing, a change of cluster size), each laid out by the search; default one phase of the whole run.',
      ),
    software: z.enum(softwareIds).optional().describe('Training software stack; default megatron-core.'),
    finetune: finetuneSchema
      .optional()
      .describe(
        'Fine-tune: every parameter, or low-rank adapters (LoRA, QLoRA); default: train every parameter.',
      ),
    optimizer: optimizerSchema
      .optional()
      .describe('The optimizer and where its state lives; default Adam on the GPU.'),
    activationOffload: z
      .union([z.boolean(), z.literal('auto')])
      .default('auto')
      .describe(
        'Keep the activations saved for backward in host memory: true, false, or auto (only when no layout fits without it and the stack offers it).',
      ),
    loss: z
      .enum(LOSS_KINDS)
      .optional()
      .describe("How the cross-entropy is computed (fused-fp32, standard, chunked); default the stack's."),
    compile: z
      .boolean()
      .default(false)
      .describe('Run the model under torch.compile (PyTorch-native stacks).'),
    mtp: z
      .boolean()
      .optional()
      .describe(
        "Train the model's multi-token-prediction modules beside it; default: when the model ships them (DeepSeek-V3 was trained with its one).",
      ),
    deadline: duration.optional().describe("Wall-clock target for the run, e.g. '60 days'."),
    runLosses: runLossesSchema
      .optional()
      .describe(
        "What the run loses beyond hardware failures: loss-spike rollbacks, evaluation, data stalls, start-up, scheduling wait, spares; each left out takes its sourced default; 'none' for failures only.",
      ),
    privacy: privacySchema.optional().describe('Train with DP-SGD to an (ε, δ) guarantee.'),
    federated: federatedSchema
      .optional()
      .describe('Also plan the run as federated training on clients, beside the datacenter plan.'),
  })
  .strict();

const lengthSchema = z
  .object({
    mean: smallInt(10_000_000).describe('Mean tokens per request.'),
    distribution: z
      .enum(['fixed', 'exponential'])
      .default('exponential')
      .describe('fixed: every request has the mean; exponential: drawn with that mean.'),
    max: smallInt(10_000_000).optional().describe('Longest request, tokens.'),
  })
  .strict();

const latency = quantity('seconds', within(1e-6, 3600), "a latency from '1 µs' to '1 h', e.g. '60 ms'");
const percentileSchema = z
  .object({
    p50: latency.optional().describe('Median target.'),
    p90: latency.optional().describe('90th-percentile target.'),
    p99: latency.optional().describe('99th-percentile target.'),
  })
  .strict()
  .refine((x) => x.p50 !== undefined || x.p90 !== undefined || x.p99 !== undefined, {
    message: 'expected at least one of p50, p90, p99',
  });

export const serveSchema = z
  .object({
    name: z.string().min(1).optional().describe("The fleet's name; default: '<model name> serving'."),
    model: modelRefSchema,
    weights: z
      .enum(SERVING_FORMATS)
      .optional()
      .describe(
        "Number format of the weights; default: the format the model's checkpoint is published in (DeepSeek-V3 FP8, gpt-oss MXFP4), else FP8.",
      ),
    engine: z
      .enum(SERVING_ENGINE_IDS)
      .default('vllm')
      .describe('Serving engine (vllm, sglang, trtllm): the layouts and features it offers.'),
    engineVersion: z
      .string()
      .regex(/^\d+(\.\d+){0,3}([.+-]?[A-Za-z0-9]+)*$/, 'a release number such as 0.9.2 or 1.0')
      .optional()
      .describe(
        "The engine's release, e.g. '0.9.2': features it does not have yet are refused or not searched. Default: the latest release the catalog documents (vLLM 0.11, SGLang 0.4.7, TensorRT-LLM 1.0).",
      ),
    kvCache: z
      .enum(SERVING_FORMATS)
      .optional()
      .describe('Number format of the KV cache; default FP8 for 8- and 4-bit weights.'),
    traffic: z
      .object({
        rate: quantity('perS', within(1e-6, 1e7), "a rate from '0.000001 req/s' to '10M req/s'")
          .optional()
          .describe("Mean request rate, e.g. '200 req/s' (Poisson arrivals); default: the trace's."),
        trace: z
          .string()
          .min(1)
          .optional()
          .describe(
            'CSV of recorded requests (arrival_s,input_tokens,output_tokens), relative to the scenario; replayed, its time scaled to the rate.',
          ),
        input: lengthSchema.optional().describe("Prompt lengths; default: the trace's."),
        output: lengthSchema.optional().describe("Answer lengths; default: the trace's."),
        profile: z
          .array(z.number().min(0).max(100))
          .length(24)
          .optional()
          .describe(
            'Rate multipliers for each hour of the day (24 values); the fleet is sized for the peak.',
          ),
        burst: z
          .object({
            factor: z.number().min(1).max(100).describe('The rate during a burst ÷ the rate.'),
            duration: latency.describe('How long a burst lasts.'),
            every: duration.describe('From the start of one burst to the start of the next.'),
          })
          .strict()
          .optional()
          .describe(
            "Bursts: the rate times factor for a duration every so often, e.g. { factor: 3, duration: '30 s', every: '10 min' }.",
          ),
      })
      .strict()
      .describe('The requests: rate, input and output lengths; or a trace.'),
    slo: z
      .object({
        ttft: percentileSchema.optional().describe('Time to first token, queueing included.'),
        tpot: percentileSchema.optional().describe('Time per output token after the first.'),
      })
      .strict()
      .default({})
      .describe('Latency objectives: time to first token and time per output token, by percentile.'),
    speculative: z
      .object({
        method: z
          .enum(['mtp', 'draft'])
          .describe(
            "mtp: draft with the model's own multi-token-prediction module (DeepSeek-V3); draft: with a smaller model (draftModel).",
          ),
        draftModel: modelRefSchema
          .optional()
          .describe('The draft model (method draft): a catalog id, a Hugging Face config or dimensions.'),
        tokens: smallInt(16)
          .optional()
          .describe(
            'Tokens drafted per step; MTP default 1 (DeepSeek-V3 report sec. 5.4.3); required for draft.',
          ),
        acceptance: z
          .number()
          .gt(0)
          .max(1)
          .optional()
          .describe(
            'Chance each drafted token is accepted, given those before it were; MTP default 0.85 (DeepSeek-V3 report sec. 5.4.3: 85–90%); required for draft.',
          ),
      })
      .strict()
      .optional()
      .describe(
        'Speculative decoding: a draft proposes tokens, the model verifies them in one pass; a step yields (1 − acceptance^(tokens+1)) ÷ (1 − acceptance) tokens.',
      ),
    parallelism: z
      .union([
        z.literal('auto'),
        z
          .object({
            tp: smallInt(1024).optional().describe('Tensor-parallel GPUs per replica.'),
            pp: smallInt(1024).optional().describe('Pipeline stages per replica.'),
            ep: smallInt(1024)
              .optional()
              .describe('Expert-parallel GPUs per replica (MoE models): experts spread over them.'),
            attentionDp: smallInt(1024)
              .optional()
              .describe(
                'Attention data-parallel ranks per replica (MoE models): attention replicated, each rank with its own requests and KV cache, experts spread over all of them.',
              ),
            twoBatchOverlap: z
              .boolean()
              .optional()
              .describe(
                "Run each step as two micro-batches, one's expert all-to-all behind the other's compute (SGLang two-batch overlap, vLLM dual-batch overlap).",
              ),
            redundantExperts: z
              .number()
              .int()
              .min(0)
              .max(65_536)
              .optional()
              .describe(
                "Expert slots beyond the routed experts, for the copies an EP load balancer places (EPLB; vLLM --num-redundant-experts, SGLang --ep-num-redundant-experts): with EP, experts + redundantExperts whole-expert slots spread over the EP ranks, e.g. 32 for DeepSeek-V3's 256 experts on EP 72 (288 = 72 × 4). Default 0: the experts alone, ⌈experts ÷ EP⌉ on the busiest rank.",
              ),
            disaggregated: z
              .boolean()
              .optional()
              .describe('Also try separate prefill and decode pools, with the KV cache sent between them.'),
          })
          .strict(),
      ])
      .default('auto')
      .describe('Replica layout knobs to fix; the search tries the others.'),
  })
  .strict();

export const hardwareSchema = z
  .object({
    system: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Catalog system id, e.g. dgx-h100 (aidc catalog systems); gives the accelerator, node and rack.',
      ),
    accelerator: z
      .string()
      .min(1)
      .optional()
      .describe('Catalog accelerator id, e.g. h100-sxm (aidc catalog accelerators); or give a system.'),
    gpus: quantityField(
      'count',
      wholePositive(MAX_GPUS),
      `a GPU count (a whole number from 1 to ${MAX_GPUS.toLocaleString('en-US')})`,
      true,
    ).describe(
      "Accelerators in the cluster, the whole site: training and serving share them (a training run takes what the serving fleets leave, unless train.gpus says). 'auto': as many as the workloads take.",
    ),
    scaleUpDomain: smallInt(1_000_000).optional().describe('GPUs per NVLink / scale-up domain.'),
    scaleUp: bandwidth.optional().describe("Scale-up bandwidth per GPU, one direction, e.g. '450 GB/s'."),
    scaleOut: bandwidth.optional().describe("Scale-out bandwidth per GPU, e.g. '400 Gb/s'."),
    memory: size.optional().describe("Memory per GPU, overriding the catalog, e.g. '80 GiB'."),
    peak: quantity('flopsPerS', within(1e9, 1e18), "a compute rate from '1 GFLOP/s' to '1 EFLOP/s'")
      .optional()
      .describe(
        "Dense 16-bit (bf16/fp16) matmul peak per GPU, overriding the catalog, e.g. '16 TFLOP/s'; the accelerator's other number formats scale by the same ratio.",
      ),
  })
  .strict();

const fraction = z.number().min(0).max(1);
const money = quantity('usd', (v) => v >= 0 && v <= 1e15, 'a sum of money from 0 to 1e15 USD');
const energyPrice = quantity('usdPerJ', (v) => v >= 0 && v <= 1e-5, "an energy price from 0 to '36 USD/kWh'");
const power = quantity('watts', within(100, 1e9), "a power from '100 W' to '1 GW'");

/**
 * Most workloads one scenario may hold. A site plan with more is not a plan anyone reads, and a list
 * checked item by item costs the parser memory in proportion (120,000 empty workloads took 300 MB
 * per planner thread): past this the list is refused whole, before its items are checked.
 */
export const MAX_WORKLOADS = 1000;

export const siteSchema = z
  .object({
    region: z
      .string()
      .min(1)
      .optional()
      .describe('Grid region id for carbon and energy price (aidc catalog grid).'),
    pue: z
      .number()
      .min(1)
      .max(5)
      .default(1.3)
      .describe('Power usage effectiveness: facility power ÷ IT power.'),
    electricity: energyPrice.optional().describe("Energy price, e.g. '0.07 USD/kWh'; default: the region's."),
    rackPowerLimit: power.optional().describe("Power one rack may draw, e.g. '40 kW'; default by cooling."),
  })
  .strict();

export const fabricSchema = z
  .object({
    topology: z
      .enum(FABRIC_TOPOLOGIES)
      .default('rail-optimized-fat-tree')
      .describe(
        'Rail-optimized: NIC k of every node goes to leaf k of its unit; fat-tree: nodes fill leaves in order.',
      ),
    switch: z
      .string()
      .min(1)
      .optional()
      .describe('Catalog switch id for the compute fabric (aidc catalog switches).'),
    oversubscription: z
      .number()
      .min(1)
      .max(64)
      .default(1)
      .describe('Leaf down-links per up-link; 1 = non-blocking.'),
    nodesPerScalableUnit: smallInt(100_000).default(32).describe('Nodes per scalable unit (rail group).'),
  })
  .strict();

export const storageSchema = z
  .object({
    keepCheckpoints: z.number().int().min(1).max(10_000).default(5).describe('Checkpoints kept at once.'),
    checkpointWrite: duration
      .optional()
      .describe("Time allowed to write a checkpoint, e.g. '60 s'; sets the bandwidth."),
    checkpointMode: z
      .enum(['sync', 'async'])
      .default('async')
      .describe(
        'async: training stops only to copy the state to host memory; the write to storage runs behind.',
      ),
    bytesPerToken: z.number().min(0.1).max(1000).default(4).describe('Stored bytes per training token.'),
    replication: z
      .number()
      .min(1)
      .max(10)
      .default(1.25)
      .describe('Raw ÷ usable bytes (erasure coding or copies).'),
  })
  .strict();

export const costSchema = z
  .object({
    amortization: duration
      .default(HARDWARE_AMORTIZATION_YEARS * SECONDS_PER_YEAR)
      .describe(
        `Time over which hardware is written off, e.g. '4 years' (default ${HARDWARE_AMORTIZATION_YEARS} years: a common planning life).`,
      ),
    maintenancePerYear: fraction
      .default(0.08)
      .describe('Maintenance per year as a share of hardware capital.'),
    cloudPerGpuHour: money
      .optional()
      .describe('Cloud rent per GPU-hour to compare; default: the catalog price.'),
    budget: money.optional().describe('Most the training run may cost, for choosing N.'),
    prices: z
      .record(z.string(), money)
      .optional()
      .describe('Overrides of catalog prices by item id, in USD.'),
  })
  .strict();

export const securitySchema = z
  .object({
    level: z
      .enum(SECURITY_LEVELS)
      .optional()
      .describe('A weight-security level of RAND "Securing AI Model Weights" (2024): SL1 to SL5.'),
    require: z
      .array(z.enum(CONTROL_IDS))
      .optional()
      .describe('Controls required beyond (or instead of) a level.'),
    controls: z.array(z.enum(CONTROL_IDS)).default([]).describe('Controls the site has or will have.'),
  })
  .strict()
  .refine((s) => s.level !== undefined || s.require !== undefined || s.controls.length > 0, {
    message: 'expected a level, a require list or controls',
  });

/** Days the shared cluster is simulated unless the scenario says: a week holds every weekday's
 * traffic and long enough a queue to compare policies. */
export const OPERATIONS_HORIZON_DAYS = 7;
const shortDuration = quantity('seconds', within(1, 1e8), "a duration from '1 s' to about 3 years");
/** A priority class of operations jobs: higher goes first and preempts lower (0 unless given). */
const priorityClass = z.number().int().min(-1000).max(1000).default(0);

export const operationsSchema = z
  .object({
    horizon: shortDuration
      .default(OPERATIONS_HORIZON_DAYS * 86_400)
      .describe(
        `How long the shared cluster is simulated, e.g. '14 days' (default ${OPERATIONS_HORIZON_DAYS} days).`,
      ),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1)
      .describe('Seed of the simulation: the same seed repeats exactly.'),
    sample: shortDuration.default(3600).describe("Interval of the timeline, e.g. '15 min' (default 1 hour)."),
    batch: z
      .array(
        z
          .object({
            like: z
              .enum(CLUSTER_IDS)
              .describe(
                "A cluster whose published job statistics the jobs match: Seren, Kalos, Philly, Helios (Hu et al., NSDI 2024, cluster_summary.csv) or Alibaba-2023 (the 2023 GPU-sharing trace's tasks, shares of one GPU included).",
              ),
            jobs: count('jobs', 2_000_000)
              .optional()
              .describe(
                'How many jobs to generate (default: as many as arrive over the horizon at this load).',
              ),
            load: z
              .number()
              .gt(0)
              .max(4)
              .describe(
                'GPU time the jobs ask for, as a share of the GPUs batch can use (1: as much as they hold).',
              ),
            team: z
              .string()
              .min(1)
              .optional()
              .describe(
                'The team these jobs belong to, for its quota and its own waits (default: the cluster named).',
              ),
            quota: z
              .number()
              .int()
              .min(0)
              .max(MAX_GPUS)
              .optional()
              .describe(
                'GPUs guaranteed to the team: its job within quota that finds no room preempts jobs of teams beyond theirs. Absent: none (its jobs run on what others leave, and may be preempted by teams within quota).',
              ),
            priority: priorityClass.describe(
              'Priority class of these jobs: a waiting job goes before every job of a lower priority, and preempts running jobs of a lower priority when it finds no room (they keep their last checkpoint). The training run has 0.',
            ),
          })
          .strict(),
      )
      .max(8)
      .default([])
      .describe('Batch jobs (training, fine-tuning, evaluation) generated to match a named cluster.'),
    interactive: z
      .array(
        z
          .object({
            perHour: z
              .number()
              .gt(0)
              .max(100_000)
              .describe('Sessions that start an hour, on average (Poisson arrivals).'),
            gpus: z
              .number()
              .gt(0)
              .max(8)
              .refine(
                (g) => g < 1 || Number.isInteger(g),
                'expected a share below 1 or a whole number of GPUs',
              )
              .describe('GPUs a session holds: a whole number up to 8, or a share of one GPU below 1.'),
            length: shortDuration.describe(
              'Mean length of a session (exponentially distributed), e.g. 2 h: how long it holds its GPUs.',
            ),
            busy: z
              .number()
              .min(0)
              .max(1)
              .describe(
                'Share of the time a session holds its GPUs that it computes (the rest its user thinks).',
              ),
            team: z
              .string()
              .min(1)
              .optional()
              .describe("The team the sessions belong to (default 'interactive')."),
            priority: priorityClass.describe('Priority class of the sessions, as for batch jobs.'),
          })
          .strict(),
      )
      .max(8)
      .default([])
      .describe(
        "Interactive sessions (notebooks, debugging) that hold GPUs and compute part of the time. No published statistics of such sessions were found: every figure is the scenario's.",
      ),
    training: z
      .boolean()
      .default(true)
      .describe(
        "Whether the scenario's training run joins the cluster at the start as one gang, on the GPUs and for the time its plan gives.",
      ),
    serving: z
      .object({
        profile: z
          .enum(TRAFFIC_PROFILE_IDS)
          .default('azure-2024-both')
          .describe("Daily traffic of every serving workload; its rate is the busiest hour's."),
        targetUtilization: z
          .number()
          .gt(0)
          .max(1)
          .default(0.8)
          .describe("The autoscaler keeps demand at or under this share of the replicas' capacity."),
        interval: shortDuration.default(300).describe('How often the autoscaler looks (default 5 min).'),
        startup: shortDuration
          .optional()
          .describe(
            'From taking GPUs to serving: start-up and loading weights (default: see docs/operations.md).',
          ),
      })
      .strict()
      .prefault({})
      .describe('How the serving workloads run as autoscaled fleets.'),
    policies: z
      .array(z.enum(POLICY_PAIRS))
      .min(1)
      .max(12)
      .default(['fifo/best-fit', 'sjf/best-fit', 'first-fit/best-fit', 'backfill/best-fit', 'las/best-fit'])
      .describe("Queue and placement policies to compare, each 'queue/placement'."),
    failures: z.boolean().default(true).describe("Whether jobs fail at the reliability model's rate."),
    preemption: z
      .boolean()
      .default(true)
      .describe(
        'Whether a fleet that finds no GPUs takes them from batch jobs (they keep their last checkpoint).',
      ),
    checkpointInterval: shortDuration
      .default(3600)
      .describe('How often batch jobs checkpoint (default 1 hour).'),
    cloud: z
      .object({
        after: shortDuration
          .optional()
          .describe("A job that has waited this long runs in the cloud, e.g. '2 h'."),
        queueOver: z
          .number()
          .int()
          .min(0)
          .max(100_000_000)
          .optional()
          .describe('While more jobs than this wait, the earliest waiting ones run in the cloud.'),
        provisioning: shortDuration
          .optional()
          .describe('From asking for cloud GPUs to running on them (default: see docs/operations.md).'),
        perGpuHour: money
          .optional()
          .describe("Rent per GPU-hour on demand; default: the catalog's cloud price."),
        spot: z
          .object({
            perGpuHour: money.describe('Rent per GPU-hour on spot capacity.'),
            reclaimPerHour: z.number().min(0).max(10).describe('Reclaims per hour a job holds spot GPUs.'),
          })
          .strict()
          .optional()
          .describe('Run bursts on spot capacity: cheaper, and reclaimed.'),
      })
      .strict()
      .refine((c) => c.after !== undefined || c.queueOver !== undefined, {
        message: 'expected after (a wait), queueOver (a queue length) or both: when a job goes to the cloud',
      })
      .optional()
      .describe('Bursting to rented cloud GPUs: after a wait, or while the queue is long, or both.'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1).optional().describe('Name of the plan.'),
    description: z.string().optional().describe('Free text; the planner does not use it.'),
    calibration: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(3)])
      .optional()
      .describe(
        'Calibration files made by aidc calibrate from your own measurements (step times, serving throughputs, collective bandwidths), relative to the scenario: one file or a list, one per model; the plans use their constants and say so.',
      ),
    software: z
      .enum(softwareIds)
      .optional()
      .describe('Software stack of every train workload that sets none; default megatron-core.'),
    site: siteSchema
      .prefault({})
      .describe('Where the cluster runs: grid region, PUE, energy price, rack power.'),
    hardware: hardwareSchema.describe('The cluster: accelerators, their number, memory and links.'),
    fabric: fabricSchema.prefault({}).describe('The compute (scale-out) network.'),
    storage: storageSchema.prefault({}).describe('Data set and checkpoint storage.'),
    cost: costSchema.prefault({}).describe('Amortization, maintenance, prices, budget.'),
    security: securitySchema.optional().describe('Weight-security level and controls.'),
    workloads: z
      .array(z.union([z.object({ train: trainSchema }).strict(), z.object({ serve: serveSchema }).strict()]))
      .min(1)
      .max(MAX_WORKLOADS)
      .describe('What runs on the cluster: training and serving workloads.'),
    operations: operationsSchema
      .optional()
      .describe(
        'The cluster shared over time: batch jobs, serving fleets, policies, failures, cloud bursting (aidc operate).',
      ),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type TrainWorkload = z.output<typeof trainSchema>;
export type PrivacySettings = z.output<typeof privacySchema>;
export type FederatedSettings = z.output<typeof federatedSchema>;
export type SecuritySettings = z.output<typeof securitySchema>;
export type ServeWorkload = z.output<typeof serveSchema>;
export type InlineModel = z.output<typeof inlineModelSchema>;
export type SiteInput = z.output<typeof siteSchema>;
export type HardwareInput = z.output<typeof hardwareSchema>;
export type FabricSettings = z.output<typeof fabricSchema>;
export type StorageSettings = z.output<typeof storageSchema>;
export type CostSettings = z.output<typeof costSchema>;
export type OperationsSettings = z.output<typeof operationsSchema>;

/** The JSON Schema of scenario files, for editors (input side: units may be text). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
