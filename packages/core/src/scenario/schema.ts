import { z } from 'zod';
import { NUMBER_FORMATS } from '../catalog/types.js';
import { RECOMPUTE_MODES } from '../training/layout.js';
import { SOFTWARE_STACKS } from '../training/software.js';
import { parseQuantity, type QuantityKind } from '../units/quantity.js';

/**
 * The scenario file's schema: declared once, used to validate files, to type the loaded scenario and
 * to export a JSON Schema for editors (`aidc schema`). Quantities may be written with units as text;
 * they are parsed here, once, into SI.
 */

function quantity(kind: QuantityKind, check: (v: number) => boolean, what: string) {
  return z.union([z.number(), z.string()]).transform((input, ctx) => {
    const r = parseQuantity(kind, input);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `expected ${r.expected}` });
      return z.NEVER;
    }
    if (!check(r.value)) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}` });
      return z.NEVER;
    }
    return r.value;
  });
}

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

/** Global batch: a number of sequences, or tokens when written with the word "tokens". */
const globalBatch = z.union([z.number(), z.string()]).transform((input, ctx) => {
  const asTokens = typeof input === 'string' && /tokens?\s*$/i.test(input);
  const r = parseQuantity('count', input);
  const max = asTokens ? MAX_BATCH_SEQUENCES * 1e6 : MAX_BATCH_SEQUENCES;
  if (!r.ok || !(r.value > 0) || r.value > max || (!asTokens && !Number.isInteger(r.value))) {
    ctx.addIssue({
      code: 'custom',
      message: "expected a whole number of sequences (2048) or of tokens ('16M tokens'), up to 1e9 sequences",
    });
    return z.NEVER;
  }
  return asTokens ? { tokens: r.value } : { sequences: r.value };
});

const smallInt = (max: number) => z.number().int().min(1).max(max);

export const inlineModelSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().optional(),
    layers: smallInt(10_000),
    hidden: smallInt(1_000_000),
    ffnHidden: smallInt(10_000_000),
    ffn: z.enum(['gelu', 'swiglu']).default('swiglu'),
    heads: smallInt(100_000),
    kvHeads: smallInt(100_000).optional(),
    headDim: smallInt(100_000).optional(),
    vocab: smallInt(100_000_000),
    tiedEmbeddings: z.boolean().default(false),
    causal: z.boolean().default(true),
    moe: z
      .object({
        experts: smallInt(100_000),
        topK: smallInt(1_000),
        sharedExperts: z.number().int().min(0).max(1_000).default(0),
        expertFfnHidden: smallInt(10_000_000),
        denseLayers: z.number().int().min(0).max(10_000).default(0),
        layerInterval: smallInt(1_000).default(1),
      })
      .strict()
      .optional(),
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
  z.literal('auto'),
  z
    .object({
      tp: smallInt(1_000_000).optional(),
      pp: smallInt(1_000_000).optional(),
      dp: smallInt(MAX_GPUS).optional(),
      cp: smallInt(1_000_000).optional(),
      ep: smallInt(1_000_000).optional(),
      vpp: smallInt(1_000).optional(),
      microBatch: smallInt(1_000_000).optional(),
      zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
      recompute: z.enum(RECOMPUTE_MODES).optional(),
      sequenceParallel: z.boolean().optional(),
    })
    .strict()
    .describe('Fix any of the layout knobs; the search chooses the others.'),
]);

const softwareIds = SOFTWARE_STACKS.map((s) => s.id) as [string, ...string[]];

export const trainSchema = z
  .object({
    model: modelRefSchema,
    tokens: count('a token count').describe("Tokens of the whole run, e.g. '15.6T'."),
    seqLen: count('a sequence length', 100_000_000).describe('Tokens per sequence.'),
    globalBatch: globalBatch.describe("Sequences per step (2048) or tokens per step ('16M tokens')."),
    precision: z.enum(NUMBER_FORMATS).default('bf16').describe('Number format of the weight matmuls.'),
    parallelism: parallelismSchema.default('auto'),
    software: z.enum(softwareIds).optional().describe('Training software stack; default megatron-core.'),
    deadline: duration.optional().describe("Wall-clock target for the run, e.g. '60 days'."),
  })
  .strict();

export const hardwareSchema = z
  .object({
    accelerator: z
      .string()
      .min(1)
      .describe('Catalog accelerator id, e.g. h100-sxm (aidc catalog accelerators).'),
    gpus: count('a GPU count', MAX_GPUS).describe('Accelerators in the cluster.'),
    scaleUpDomain: smallInt(1_000_000).optional().describe('GPUs per NVLink / scale-up domain.'),
    scaleUp: bandwidth.optional().describe("Scale-up bandwidth per GPU, one direction, e.g. '450 GB/s'."),
    scaleOut: bandwidth.optional().describe("Scale-out bandwidth per GPU, e.g. '400 Gb/s'."),
    memory: size.optional().describe("Memory per GPU, overriding the catalog, e.g. '80 GiB'."),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    software: z.enum(softwareIds).optional(),
    hardware: hardwareSchema,
    workloads: z
      .array(z.object({ train: trainSchema }).strict())
      .min(1)
      .describe('What runs on the cluster. Training now; serving comes later.'),
  })
  .strict();

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type TrainWorkload = z.output<typeof trainSchema>;
export type InlineModel = z.output<typeof inlineModelSchema>;

/** The JSON Schema of scenario files, for editors (input side: units may be text). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
