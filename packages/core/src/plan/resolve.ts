import { ACCELERATORS } from '../catalog/accelerators.js';
import {
  ENGINE_FEATURE_NAMES,
  type EngineFeature,
  offers,
  SERVING_ENGINES,
  type ServingEngineId,
} from '../catalog/engines.js';
import { GRID_INTENSITIES } from '../catalog/grid.js';
import { modelFromHfConfig } from '../catalog/hf-config.js';
import { closestIds, findAccelerator, findModel, findSwitch, findSystem } from '../catalog/lookup.js';
import { modelProblems } from '../catalog/model-check.js';
import { MODELS } from '../catalog/models.js';
import { SWITCHES } from '../catalog/network.js';
import { PRICES } from '../catalog/prices.js';
import { findRecipe, recipeModels } from '../catalog/recipes.js';
import { DEFAULT_SOFTWARE_STACK, findSoftwareStack, type SoftwareStack } from '../catalog/software.js';
import { SYSTEMS } from '../catalog/systems.js';
import type { Accelerator, ModelArchitecture, Source, SwitchSpec, SystemSpec } from '../catalog/types.js';
import type { Unlocated } from '../explain/refusal.js';
import { INFERENCE_CONSTANTS } from '../inference/constants.js';
import { defaultKvCache } from '../inference/formats.js';
import { type RequestTrace, traceRate } from '../inference/simulator.js';
import { type SpeculativeDecoding, speculation } from '../inference/speculative.js';
import type { ServingWorkload } from '../inference/workload.js';
import { CLIPPING_METHODS } from '../privacy/clipping.js';
import { DEFAULT_RUN_LOSSES, NO_RUN_LOSSES, type RunLossSettings } from '../reliability/run-losses.js';
import type {
  CostSettings,
  FabricSettings,
  FederatedSettings,
  InlineModel,
  OperationsSettings,
  PrivacySettings,
  Scenario,
  SecuritySettings,
  ServeWorkload,
  StorageSettings,
  TrainWorkload,
} from '../scenario/schema.js';
import type { TrainingJob, TrainingMethod } from '../training/job.js';
import { offloadFields, unsupportedMethodParts } from '../training/method.js';
import type { LayoutConstraints } from '../training/search.js';
import { unsupportedLayoutKnobs } from '../training/validity.js';
import {
  CALIBRATABLE,
  CALIBRATION_FORMAT,
  CALIBRATION_MEASURES,
  type CalibratedModel,
  type Calibration,
  calibrationSchema,
} from '../uncertainty/calibration.js';
import { acceleratorWithPeak, type SiteHardware, siteHardware } from './site.js';

type ModelRef = TrainWorkload['model'];

/** A training workload with every reference filled in. */
export interface ResolvedTraining {
  /** Field path of the workload in the scenario, for messages. */
  readonly path: readonly (string | number)[];
  readonly name: string;
  readonly job: TrainingJob;
  readonly constraints: LayoutConstraints;
  readonly deadlineS: number | undefined;
  /** True when the run takes the GPUs the serving fleets leave of hardware.gpus (no train.gpus). */
  readonly gpusFromSite: boolean;
  /** Interpretations the resolver made that the plan should show. */
  readonly notes: readonly string[];
  /** DP-SGD settings, when the run is private. */
  readonly privacy?: PrivacySettings | undefined;
  /** The run as federated training on clients, planned beside the datacenter run. */
  readonly federated?: FederatedSettings | undefined;
  /** The collectives calibration the scenario names: the link efficiencies the plan uses. */
  readonly collectivesCalibration?: ResolvedCalibration | undefined;
  /** The calibration the scenario names, whose constants the plan uses (and the file it came from). */
  readonly calibration?: ResolvedCalibration | undefined;
  /** Offload the plan may turn on, in this order, when no layout fits without it: what the scenario
   * left to 'auto' and the stack offers, on an accelerator whose host link is known. */
  readonly offloadIfNeeded: readonly OffloadKind[];
  /** What the run loses beyond hardware failures: the scenario's, each missing one its default. */
  readonly runLosses: RunLossSettings;
  /** The run's phases in order, when the scenario gives them; absent: one phase, the job itself. */
  readonly phases?: readonly ResolvedPhase[] | undefined;
}

/** One phase of a run as the scenario gives it: its own job (tokens, sequence, batch, GPUs) and layout
 * constraints, laid out by the search on its own. */
export interface ResolvedPhase {
  readonly name: string;
  readonly path: readonly (string | number)[];
  readonly job: TrainingJob;
  readonly constraints: LayoutConstraints;
}

export type OffloadKind = 'optimizer' | 'activations';

/** The scenario's run-level losses over their sourced defaults; 'none' loses nothing beyond failures. */
function resolveRunLosses(r: TrainWorkload['runLosses']): RunLossSettings {
  if (r === 'none') return NO_RUN_LOSSES;
  const { startup, schedulingWait, ...rest } = r ?? {};
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return {
    ...DEFAULT_RUN_LOSSES,
    ...given,
    ...(startup !== undefined ? { startupS: startup } : {}),
    ...(schedulingWait !== undefined ? { schedulingWaitS: schedulingWait } : {}),
  };
}

/** A train workload's layout as search constraints: none for 'auto', the stack's published recipe
 * for 'recipe' (with a note naming it), the scenario's own otherwise. */
function layoutConstraints(
  p: TrainWorkload['parallelism'],
  path: readonly (string | number)[],
  q: {
    readonly stackId: string;
    readonly model: ModelArchitecture | undefined;
    readonly accelerator: Accelerator | undefined;
    readonly precision: string;
    readonly gpus: number | undefined;
  },
  notes: string[],
  problems: ResolveProblem[],
): LayoutConstraints {
  if (p === 'auto') return {};
  if (p !== 'recipe') return p;
  if (!q.model || !q.accelerator) return {};
  const r = findRecipe({
    stack: q.stackId,
    model: q.model.id,
    architecture: q.accelerator.architecture,
    precision: q.precision,
    gpus: q.gpus ?? 1,
  });
  if (!r) {
    const models = recipeModels(q.stackId);
    problems.push({
      code: 'no-recipe',
      path: [...path],
      message: `the ${q.stackId} stack publishes no recipe for ${q.model.id}${models.length > 0 ? `; it has recipes for ${models.join(', ')}` : ''}: expected parallelism auto, your own layout, or a software stack with a recipe for it`,
    });
    return {};
  }
  const L = r.layout;
  const layout = `TP${L.tp} PP${L.pp} CP${L.cp} EP${L.ep}${L.vpp ? ` VPP${L.vpp}` : ''} mb${L.microBatch}${L.zero !== undefined ? ` ZeRO-${L.zero}` : ''}`;
  notes.push(
    `layout from the recipe of ${r.source.title}: ${layout} (${r.model} on ${r.gpus} ${r.architecture} GPUs, ${r.precision}, sequence ${r.seqLen}); data parallelism from the GPUs`,
  );
  return {
    tp: L.tp,
    pp: L.pp,
    cp: L.cp,
    ep: L.ep,
    ...(L.vpp ? { vpp: L.vpp } : {}),
    microBatch: L.microBatch,
    ...(L.zero !== undefined ? { zero: L.zero } : {}),
  };
}

/** Sequences per step from a batch in sequences or in tokens ("16M tokens" rarely divides by the
 * sequence length: the nearest power-of-two-friendly count, with a note). */
function batchSequences(
  batch: { sequences: number } | { tokens: number },
  seqLen: number,
  field: string,
  notes: string[],
): number {
  if ('sequences' in batch) return batch.sequences;
  const sequences = nearestBatch(batch.tokens / seqLen);
  if (sequences * seqLen !== batch.tokens) {
    notes.push(
      `${field}globalBatch ${batch.tokens} tokens taken as ${sequences} sequences of ${seqLen} (${sequences * seqLen} tokens)`,
    );
  }
  return sequences;
}

/** A run is whole optimizer steps: fewer tokens than one step's batch is not a run (and a fraction of
 * a step is no figure a plan can show). */
function checkWholeStep(
  tokens: number | undefined,
  sequences: number,
  seqLen: number,
  path: readonly (string | number)[],
  problems: ResolveProblem[],
): void {
  if (tokens === undefined || tokens >= sequences * seqLen) return;
  problems.push({
    code: 'conflicting-fields',
    path: [...path],
    message: `found ${tokens} tokens, fewer than one step (globalBatch × seqLen = ${sequences * seqLen} tokens): expected tokens ≥ one global batch`,
  });
}

/** The run's tokens: train.tokens, or the sum of its phases (which must agree when both are given). */
function runTokens(t: TrainWorkload, path: readonly (string | number)[], problems: ResolveProblem[]) {
  const sum = t.phases?.reduce((a, p) => a + p.tokens, 0);
  if (t.tokens === undefined && sum === undefined) {
    problems.push({
      code: 'missing-field',
      path: [...path, 'tokens'],
      message: "expected the run's tokens: give train.tokens or train.phases",
    });
    return undefined;
  }
  if (t.tokens !== undefined && sum !== undefined && Math.abs(t.tokens - sum) > 1e-9 * t.tokens) {
    problems.push({
      code: 'conflicting-fields',
      path: [...path, 'tokens'],
      message: `found ${t.tokens} tokens but the phases add up to ${sum}: expected their sum, or leave train.tokens out`,
    });
  }
  return t.tokens ?? sum;
}

/** A run's (or a phase's) GPUs fit the cluster, and its fixed layout fits them. */
function checkGpus(
  gpus: number,
  clusterGpus: number | 'auto',
  par: LayoutConstraints,
  path: readonly (string | number)[],
  problems: ResolveProblem[],
): void {
  if (clusterGpus !== 'auto' && gpus > clusterGpus) {
    problems.push({
      code: 'cluster-too-small',
      path: [...path, 'gpus'],
      message: `found ${gpus} GPUs, more than the ${clusterGpus} of the cluster (hardware.gpus)`,
    });
    return;
  }
  const wrong = layoutMisfit(par, gpus);
  if (wrong) problems.push({ code: 'layout-misfit', path: [...path, 'parallelism'], message: wrong });
}

export interface ResolvedCalibration extends Calibration {
  readonly file: string;
}

/** A calibration file a scenario names, read and checked, or undefined (with the problem said). */
function resolveCalibration(
  file: string,
  path: readonly (string | number)[],
  readRelative: ReadRelative,
  problems: ResolveProblem[],
): ResolvedCalibration | undefined {
  const text = readRelative(file);
  if (text === undefined) {
    problems.push({
      code: 'unreadable-file',
      path: [...path],
      message: `cannot read '${file}': ${UNREADABLE_REFERENCE}`,
    });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    problems.push({ code: 'invalid-file', path: [...path], message: `'${file}' is not JSON` });
    return undefined;
  }
  const parsed = calibrationSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    problems.push({
      code: 'invalid-file',
      path: [...path],
      message: `'${file}': ${i.path.join('.') || 'the file'}: ${i.message} (expected a file written by aidc calibrate, format ${CALIBRATION_FORMAT})`,
    });
    return undefined;
  }
  // Only the constants aidc calibrate fits, within the bounds it fits them in: a file edited by hand
  // cannot put the model outside what it was checked for.
  const fits = CALIBRATABLE[parsed.data.model];
  for (const [name, value] of Object.entries(parsed.data.constants)) {
    const c = fits.find((x) => x.name === name);
    const why = !c
      ? `is not a constant aidc calibrate fits for the ${parsed.data.model} model (${fits.map((x) => x.name).join(', ')})`
      : value < c.bounds[0] || value > c.bounds[1]
        ? `is ${value}, outside ${c.bounds[0]}–${c.bounds[1]}`
        : undefined;
    if (why) {
      problems.push({
        code: 'invalid-file',
        path: [...path],
        message: `'${file}': constants.${name} ${why}`,
      });
      return undefined;
    }
  }
  return { ...parsed.data, file };
}

/** The calibration files a scenario names (one, or a list), by the model each calibrates; two for
 * one model are refused. */
function resolveCalibrations(
  files: string | readonly string[] | undefined,
  readRelative: ReadRelative,
  problems: ResolveProblem[],
): Partial<Record<CalibratedModel, ResolvedCalibration>> {
  if (files === undefined) return {};
  const list = typeof files === 'string' ? [files] : files;
  const out: Partial<Record<CalibratedModel, ResolvedCalibration>> = {};
  list.forEach((file, i) => {
    const path = typeof files === 'string' ? ['calibration'] : ['calibration', i];
    const c = resolveCalibration(file, path, readRelative, problems);
    if (!c) return;
    const before = out[c.model];
    if (before) {
      problems.push({
        code: 'conflicting-fields',
        path,
        message: `'${file}' and '${before.file}' both calibrate the ${c.model} model: expected one file per model`,
      });
      return;
    }
    out[c.model] = c;
  });
  return out;
}

/** What a plan cites for constants a calibration set. */
export function calibrationSource(c: ResolvedCalibration): Source {
  return {
    title: `calibrated on ${c.measurements} (${c.file}, aidc calibrate)`,
    note: `${c.points} measured ${CALIBRATION_MEASURES[c.model].split(' (')[0]}; each left out in turn: MAPE ${c.crossValidated.beforeMapePct.toFixed(2)}% with the public constants, ${c.crossValidated.afterMapePct.toFixed(2)}% calibrated; constants ${Object.entries(
      c.constants,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  };
}

/** The whole number of sequences nearest to `x`, preferring a multiple of a large power of two within 5%
 * (16M tokens of 8K sequences is 1953.1: 2048 is what people mean by it). */
export function nearestBatch(x: number): number {
  if (x <= 1) return 1;
  if (Number.isInteger(x)) return x;
  for (let p = 2 ** Math.floor(Math.log2(x) + 1); p >= 2; p /= 2) {
    const candidate = Math.round(x / p) * p;
    if (candidate > 0 && Math.abs(candidate - x) / x <= 0.05) return candidate;
  }
  return Math.round(x);
}

/** What the site plan needs besides the training jobs. */
export interface ResolvedDatacenter {
  /** hardware.gpus: the accelerators of the whole site, or 'auto' (as many as the workloads take). */
  readonly clusterGpus: number | 'auto';
  /** The hardware every workload runs on, worked out once. */
  readonly hardware: SiteHardware;
  /** The node the cluster is built from: the catalog system, or one derived from the accelerator. */
  readonly system: SystemSpec;
  /** True when `system` was derived (no catalog system named). */
  readonly systemDerived: boolean;
  readonly site: {
    readonly region: string | undefined;
    readonly pue: number;
    readonly electricityUsdPerJ: number | undefined;
    readonly rackPowerLimitW: number | undefined;
  };
  readonly fabric: FabricSettings & { readonly switchSpec: SwitchSpec };
  readonly storage: StorageSettings;
  readonly cost: CostSettings;
}

/** A CSV of requests (arrival_s,input_tokens,output_tokens; a header line is allowed), or the first problem. */
export function parseTrace(text: string): { ok: true; trace: RequestTrace } | { ok: false; message: string } {
  const timesS: number[] = [];
  const input: number[] = [];
  const output: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    const nums = cells.map(Number);
    if (cells.length !== 3 || nums.some((x) => !Number.isFinite(x))) {
      if (timesS.length === 0 && i === 0 && nums.some((x) => Number.isNaN(x))) continue; // header
      return {
        ok: false,
        message: `line ${i + 1}: expected three numbers, arrival_s,input_tokens,output_tokens`,
      };
    }
    const [t, inp, out] = nums as [number, number, number];
    if (t < 0 || inp < 1 || out < 1 || (timesS.length > 0 && t < timesS[timesS.length - 1]!)) {
      return {
        ok: false,
        message: `line ${i + 1}: expected a time not before the previous one and lengths of at least 1`,
      };
    }
    timesS.push(t);
    input.push(inp);
    output.push(out);
  }
  if (timesS.length < 2) return { ok: false, message: 'expected at least two requests' };
  return { ok: true, trace: { timesS, input, output } };
}

function meanOf(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** A serving workload with every reference filled in. */
/** Why a file a scenario names could not be read: the reader (the CLI, the API) decides which files a
 * scenario may reach, and a file's contents are never echoed back. */
const UNREADABLE_REFERENCE =
  "expected a readable regular file in the scenario's folder (the CLI reads others with --allow-outside; the API reads none)";

/** A serving workload with every reference filled in: what the capacity search needs, where it
 * stands in the scenario, and the site it runs on. */
export interface ResolvedServing extends ServingWorkload {
  readonly path: readonly (string | number)[];
  readonly name: string;
  /** The site's hardware the fleet runs on (its NICs, power per GPU). */
  readonly site: SiteHardware;
}

export interface ResolvedScenario {
  readonly name: string;
  readonly trainings: readonly ResolvedTraining[];
  readonly servings: readonly ResolvedServing[];
  readonly datacenter: ResolvedDatacenter | undefined;
  readonly security: SecuritySettings | undefined;
  /** The cluster shared over time, when the scenario has an operations section. */
  readonly operations: OperationsSettings | undefined;
}

/** Compute-fabric switch when the scenario names none: the newest of the right port speed. */
const DEFAULT_SWITCH_BY_GBPS: readonly [number, string][] = [
  [800, 'spectrum-4-sn5600'],
  [400, 'quantum-2-qm9700'],
  [200, 'quantum-hdr-qm8700'],
];

/** A problem found while resolving: where (field path) and what. Located into a file by the caller. */
/** A problem the resolver finds: the field at fault, a reason code and the words. */
export type ResolveProblem = Unlocated;

/** Reads a file the scenario refers to (a Hugging Face config), relative to the scenario. */
export type ReadRelative = (path: string) => string | undefined;

function inlineArchitecture(m: InlineModel, id: string): ModelArchitecture {
  const kvHeads = m.kvHeads ?? m.heads;
  return {
    id: m.id ?? id,
    name: m.name ?? m.id ?? id,
    layers: m.layers,
    hidden: m.hidden,
    ffnHidden: m.ffnHidden,
    ffn: m.ffn,
    heads: m.heads,
    kvHeads,
    headDim: m.headDim ?? m.hidden / m.heads,
    vocab: m.vocab,
    attention: { kind: kvHeads < m.heads ? 'gqa' : 'mha' },
    moe: m.moe ?? null,
    tiedEmbeddings: m.tiedEmbeddings,
    causal: m.causal,
    maxSeqLen: Number.MAX_SAFE_INTEGER,
    sources: [{ title: 'given inline in the scenario' }],
  };
}

/** An id the catalog does not have, at its field, with the closest ids it has. */
function unknownId(
  path: readonly (string | number)[],
  kind: string,
  id: string,
  ids: readonly string[],
  list: string,
): ResolveProblem {
  const closest = closestIds(id, ids)
    .map((c) => `'${c}'`)
    .join(', ');
  return {
    code: 'unknown-id',
    path,
    message: `unknown ${kind} '${id}'; did you mean ${closest}? (aidc catalog ${list} lists them all)`,
  };
}

/** A model reference (catalog id, Hugging Face config, inline dimensions) to an architecture. */
function resolveModel(
  ref: ModelRef,
  path: readonly (string | number)[],
  index: number,
  problems: ResolveProblem[],
  readRelative: ReadRelative,
): ModelArchitecture | undefined {
  let model: ModelArchitecture | undefined;
  if (typeof ref === 'string') {
    model = findModel(ref);
    if (!model) {
      problems.push(
        unknownId(
          path,
          'model',
          ref,
          MODELS.map((m) => m.id),
          'models',
        ),
      );
    }
  } else if ('hf' in ref) {
    const text = readRelative(ref.hf);
    if (text === undefined) {
      problems.push({
        code: 'unreadable-file',
        path: [...path, 'hf'],
        message: `cannot read '${ref.hf}': ${UNREADABLE_REFERENCE}`,
      });
    } else {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        problems.push({
          code: 'invalid-file',
          path: [...path, 'hf'],
          message: `'${ref.hf}' is not JSON`,
        });
      }
      if (json !== undefined) {
        const r = modelFromHfConfig(json, ref.hf.replace(/^.*\//, '').replace(/\.json$/, ''));
        if (r.ok) model = r.model;
        else
          for (const p of r.problems)
            problems.push({
              code: p.code,
              path: [...path, 'hf'],
              message: `'${ref.hf}': field ${p.field}: ${p.message}`,
            });
      }
    }
  } else {
    const inline = inlineArchitecture(ref, `workload-${index}`);
    const found = modelProblems(inline, { headDimDerived: ref.headDim === undefined });
    for (const p of found)
      problems.push({ code: p.code, path: [...path, ...p.field.split('.')], message: p.message });
    if (found.length === 0) model = inline;
  }
  // Catalog models are checked by a test; a model that reached here unchecked is refused all the same.
  if (model && typeof ref === 'string') {
    const found = modelProblems(model);
    for (const p of found)
      problems.push({
        code: p.code,
        path,
        message: `catalog model '${ref}': ${p.field}: ${p.message}`,
      });
    if (found.length > 0) model = undefined;
  }
  return model;
}

/** Tensor parallelism splits the attention heads: a TP that does not divide them is a user error. */
function checkTpDividesHeads(
  model: { readonly heads: number } | undefined,
  tp: number | undefined,
  path: readonly (string | number)[],
  problems: ResolveProblem[],
): void {
  if (model && tp !== undefined && model.heads % tp !== 0) {
    problems.push({
      code: 'layout-misfit',
      path: [...path, 'parallelism', 'tp'],
      message: `TP ${tp} does not divide the model's ${model.heads} attention heads`,
    });
  }
}

/** Speculative decoding as the scenario asks it, or undefined (and the problems recorded) when the
 * model has no MTP module to draft with, or a draft model is missing, unreadable or speaks another
 * vocabulary, or a draft model's figures are not given. */
function resolveSpeculation(
  model: ModelArchitecture,
  ask: ServeWorkload['speculative'],
  path: readonly (string | number)[],
  index: number,
  problems: ResolveProblem[],
  readRelative: ReadRelative,
): SpeculativeDecoding | undefined {
  if (!ask) return undefined;
  const before = problems.length;
  if (ask.method === 'mtp') {
    if (!model.mtpModules) {
      problems.push({
        code: 'unsupported-feature',
        path: [...path, 'method'],
        message: `${model.name} has no multi-token-prediction module to draft with: expected method: draft with a draftModel`,
      });
    }
    if (ask.draftModel !== undefined) {
      problems.push({
        code: 'conflicting-fields',
        path: [...path, 'draftModel'],
        message: 'method mtp drafts with the model itself: expected no draftModel, or method: draft',
      });
    }
    if (problems.length > before) return undefined;
    return speculation(model, { method: 'mtp', draftTokens: ask.tokens, acceptance: ask.acceptance });
  }
  for (const [field, what] of [
    ['draftModel', 'the draft model'],
    ['tokens', 'the tokens drafted per step'],
    ['acceptance', "the chance each drafted token is accepted (measure it on the team's own prompts)"],
  ] as const) {
    if (ask[field] === undefined) {
      problems.push({ code: 'missing-field', path: [...path, field], message: `method draft needs ${what}` });
    }
  }
  const draft =
    ask.draftModel !== undefined
      ? resolveModel(ask.draftModel, [...path, 'draftModel'], index, problems, readRelative)
      : undefined;
  if (draft && draft.vocab !== model.vocab) {
    problems.push({
      code: 'inconsistent-model',
      path: [...path, 'draftModel'],
      message: `the draft's vocabulary of ${draft.vocab} tokens is not ${model.name}'s ${model.vocab}: expected a draft with the same tokenizer`,
    });
  }
  if (!draft || ask.tokens === undefined || ask.acceptance === undefined || problems.length > before)
    return undefined;
  return speculation(model, { method: 'draft', draft, draftTokens: ask.tokens, acceptance: ask.acceptance });
}

/** Why an engine's release cannot run a feature, or undefined when it can (or is not known not to). */
export function engineLacks(
  engineId: ServingEngineId,
  release: string,
  feature: EngineFeature,
): string | undefined {
  const engine = SERVING_ENGINES[engineId];
  if (offers(engine, feature, release) !== 'no') return undefined;
  const f = engine.features[feature];
  return f.since === null
    ? `${engine.name} does not offer ${ENGINE_FEATURE_NAMES[feature]} in any release the catalog documents (${f.source.title})`
    : `${engine.name} ${release} does not offer ${ENGINE_FEATURE_NAMES[feature]}: it came in ${f.since} (${f.source.title})`;
}

/** The scenario's layout knob of each engine feature a knob turns on. */
const FEATURE_KNOBS: readonly {
  knob: 'redundantExperts' | 'twoBatchOverlap' | 'attentionDp' | 'ep' | 'disaggregated' | 'pp';
  feature: EngineFeature;
  unused: number | boolean;
}[] = [
  { knob: 'redundantExperts', feature: 'redundantExperts', unused: 0 },
  { knob: 'twoBatchOverlap', feature: 'twoBatchOverlap', unused: false },
  { knob: 'attentionDp', feature: 'attentionDp', unused: 1 },
  { knob: 'ep', feature: 'expertParallel', unused: 1 },
  { knob: 'disaggregated', feature: 'disaggregated', unused: false },
  { knob: 'pp', feature: 'pipeline', unused: 1 },
];

/** A serving layout's knobs the model or the engine cannot take, located at the knob. */
function servingLayoutProblems(
  model: ModelArchitecture | undefined,
  engineId: ServingEngineId,
  release: string,
  par: {
    readonly ep?: number | undefined;
    readonly attentionDp?: number | undefined;
    readonly twoBatchOverlap?: boolean | undefined;
    readonly redundantExperts?: number | undefined;
    readonly pp?: number | undefined;
    readonly disaggregated?: boolean | undefined;
  },
  path: readonly (string | number)[],
): ResolveProblem[] {
  const at = (knob: string) => [...path, 'parallelism', knob];
  const out: ResolveProblem[] = [];
  for (const knob of ['ep', 'attentionDp', 'redundantExperts'] as const) {
    if (model && !model.moe && par[knob] !== undefined && par[knob] > (knob === 'redundantExperts' ? 0 : 1)) {
      out.push({
        code: 'layout-misfit',
        path: at(knob),
        message: `found ${knob} ${par[knob]} for ${model.name}, a dense model: expected ${knob} only for a mixture-of-experts model`,
      });
    }
  }
  if (model?.moe && par.ep !== undefined && par.ep > model.moe.experts) {
    out.push({
      code: 'layout-misfit',
      path: at('ep'),
      message: `found ep ${par.ep} for ${model.name}'s ${model.moe.experts} routed experts: expected at most one rank per expert (a rank without an expert has no expert work)`,
    });
  }
  if (par.redundantExperts !== undefined && par.redundantExperts > 0 && par.ep === 1) {
    out.push({
      code: 'layout-misfit',
      path: at('redundantExperts'),
      message: `found ${par.redundantExperts} redundant experts with ep 1: expected ep above 1 (without EP every GPU holds every expert, and copies balance nothing)`,
    });
  }
  for (const { knob, feature, unused } of FEATURE_KNOBS) {
    const v = par[knob];
    if (v === undefined || v === unused || v === false) continue;
    const lacks = engineLacks(engineId, release, feature);
    if (lacks) {
      out.push({
        code: 'unsupported-feature',
        path: at(knob),
        message: `${lacks}: expected another engine or release (serve.engine, serve.engineVersion), or no ${knob}`,
      });
    }
  }
  return out;
}

/** A train workload's method: what it trains and how it keeps the optimizer, activations and loss. */
/** The offload a scenario left to the plan ('auto', the default) that the stack can run and the
 * accelerator's host link carries. */
function autoOffload(t: TrainWorkload, software: SoftwareStack, accelerator: Accelerator): OffloadKind[] {
  if (accelerator.hostLinkBytesPerS === undefined) return [];
  const out: OffloadKind[] = [];
  if ((t.optimizer?.offload ?? 'auto') === 'auto' && software.offers.includes('optimizer-offload'))
    out.push('optimizer');
  if (t.activationOffload === 'auto' && software.offers.includes('activation-offload'))
    out.push('activations');
  return out;
}

function trainingMethod(t: TrainWorkload): TrainingMethod {
  const f = t.finetune;
  return {
    adapters:
      f && f.method !== 'full'
        ? { rank: f.rank, targets: f.targets, base: f.method === 'qlora' ? 'nf4' : 'bf16' }
        : null,
    optimizer: t.optimizer?.kind ?? 'adam',
    optimizerInBackward: t.optimizer?.inBackward ?? false,
    optimizerOffload: t.optimizer?.offload === true,
    activationOffload: t.activationOffload === true,
    loss: t.loss ?? null,
    compiled: t.compile,
  };
}

/** Why a parallel layout cannot run on `gpus` GPUs (TP × PP × CP × DP must divide them, or equal
 * them when all four are fixed), or undefined when it can. */
export function layoutMisfit(
  par: {
    readonly tp?: number | undefined;
    readonly pp?: number | undefined;
    readonly cp?: number | undefined;
    readonly dp?: number | undefined;
  },
  gpus: number,
): string | undefined {
  const fixed = (par.tp ?? 1) * (par.pp ?? 1) * (par.cp ?? 1) * (par.dp ?? 1);
  const allFixed =
    par.tp !== undefined && par.pp !== undefined && par.cp !== undefined && par.dp !== undefined;
  if ((allFixed && fixed !== gpus) || gpus % fixed !== 0)
    return `TP × PP × CP × DP = ${fixed} ${allFixed ? 'is not' : 'does not divide'} the GPU count ${gpus}`;
  return undefined;
}

export function resolveScenario(
  s: Scenario,
  readRelative: ReadRelative = () => undefined,
): { ok: true; value: ResolvedScenario } | { ok: false; problems: ResolveProblem[] } {
  const problems: ResolveProblem[] = [];
  const hw = s.hardware;
  const system = hw.system !== undefined ? findSystem(hw.system) : undefined;
  if (hw.system !== undefined && !system) {
    problems.push(
      unknownId(
        ['hardware', 'system'],
        'system',
        hw.system,
        SYSTEMS.map((x) => x.id),
        'systems',
      ),
    );
  }
  const acceleratorId = hw.accelerator ?? system?.accelerator;
  const catalogAccelerator = acceleratorId !== undefined ? findAccelerator(acceleratorId) : undefined;
  const accelerator =
    catalogAccelerator && hw.peak !== undefined
      ? acceleratorWithPeak(catalogAccelerator, hw.peak)
      : catalogAccelerator;
  if (acceleratorId === undefined && hw.system === undefined) {
    problems.push({
      code: 'missing-field',
      path: ['hardware'],
      message: 'give hardware.accelerator or hardware.system',
    });
  } else if (hw.accelerator !== undefined && !accelerator) {
    problems.push(
      unknownId(
        ['hardware', 'accelerator'],
        'accelerator',
        hw.accelerator,
        ACCELERATORS.map((a) => a.id),
        'accelerators',
      ),
    );
  } else if (system && hw.accelerator !== undefined && hw.accelerator !== system.accelerator) {
    problems.push({
      code: 'conflicting-fields',
      path: ['hardware', 'accelerator'],
      message: `system ${system.id} holds ${system.accelerator}, not ${hw.accelerator}; give one of the two`,
    });
  }
  const fabricIn = s.fabric;
  const site = accelerator ? siteHardware(hw, system, accelerator, fabricIn.oversubscription) : undefined;
  const node = site?.system;
  const switchId =
    fabricIn.switch ??
    DEFAULT_SWITCH_BY_GBPS.find(([gbps]) => node !== undefined && node.nicGbps >= gbps)?.[1] ??
    'quantum-hdr-qm8700';
  const switchSpec = findSwitch(switchId);
  if (!switchSpec) {
    problems.push(
      unknownId(
        ['fabric', 'switch'],
        'switch',
        switchId,
        SWITCHES.map((x) => x.id),
        'switches',
      ),
    );
  }
  const trainings: ResolvedTraining[] = [];
  const servings: ResolvedServing[] = [];
  const calibrations = resolveCalibrations(s.calibration, readRelative, problems);
  const calibration = calibrations.training;
  s.workloads.forEach((w, i) => {
    if ('serve' in w) {
      const sv = w.serve;
      const path = ['workloads', i, 'serve'];
      const model = resolveModel(sv.model, [...path, 'model'], i, problems, readRelative);
      const par = sv.parallelism === 'auto' ? {} : sv.parallelism;
      checkTpDividesHeads(model, par.tp, path, problems);
      const release = sv.engineVersion ?? SERVING_ENGINES[sv.engine].version;
      problems.push(...servingLayoutProblems(model, sv.engine, release, par, path));
      const mtpLacks = sv.speculative?.method === 'mtp' ? engineLacks(sv.engine, release, 'mtp') : undefined;
      if (mtpLacks) {
        problems.push({
          code: 'unsupported-feature',
          path: [...path, 'speculative', 'method'],
          message: `${mtpLacks}: expected another engine or release (serve.engine, serve.engineVersion), or method: draft`,
        });
      }
      const speculative = model
        ? resolveSpeculation(model, sv.speculative, [...path, 'speculative'], i, problems, readRelative)
        : undefined;
      let trace: RequestTrace | undefined;
      if (sv.traffic.trace !== undefined) {
        const text = readRelative(sv.traffic.trace);
        if (text === undefined) {
          problems.push({
            code: 'unreadable-file',
            path: [...path, 'traffic', 'trace'],
            message: `cannot read '${sv.traffic.trace}': ${UNREADABLE_REFERENCE}`,
          });
        } else {
          const tr = parseTrace(text);
          if (tr.ok) trace = tr.trace;
          else
            problems.push({
              code: 'invalid-file',
              path: [...path, 'traffic', 'trace'],
              message: `'${sv.traffic.trace}': ${tr.message}`,
            });
        }
      }
      const rate = sv.traffic.rate ?? (trace ? traceRate(trace) : undefined);
      const inputSpec =
        sv.traffic.input ??
        (trace ? { mean: Math.round(meanOf(trace.input)), distribution: 'exponential' as const } : undefined);
      const outputSpec =
        sv.traffic.output ??
        (trace
          ? { mean: Math.round(meanOf(trace.output)), distribution: 'exponential' as const }
          : undefined);
      if (sv.traffic.trace === undefined && (rate === undefined || !inputSpec || !outputSpec)) {
        problems.push({
          code: 'missing-field',
          path: [...path, 'traffic'],
          message: 'give rate, input and output, or a trace',
        });
      }
      if (!accelerator || !model || rate === undefined || !inputSpec || !outputSpec) return;
      const weights = sv.weights ?? model.publishedFormat ?? 'fp8';
      servings.push({
        path,
        name: sv.name ?? `${model.name} serving`,
        model,
        accelerator,
        weights,
        kvCache: sv.kvCache ?? defaultKvCache(weights),
        site: site!,
        scaleUpDomain: site!.scaleUpDomain,
        scaleUpBytesPerS: site!.scaleUpBytesPerS,
        memoryBytes: site!.memoryBytes,
        traffic: {
          rate,
          input: inputSpec,
          output: outputSpec,
          profile: sv.traffic.profile,
          burst: sv.traffic.burst,
          trace,
        },
        slo: sv.slo,
        engine: sv.engine,
        engineVersion: release,
        speculative,
        ...(calibrations.serving
          ? {
              calibrated: {
                constants: { ...INFERENCE_CONSTANTS, ...calibrations.serving.constants },
                source: calibrationSource(calibrations.serving),
              },
            }
          : {}),
        constraints: par,
      });
      return;
    }
    const t = w.train;
    const path = ['workloads', i, 'train'];
    const model = resolveModel(t.model, [...path, 'model'], i, problems, readRelative);
    const stackId = t.software ?? s.software ?? DEFAULT_SOFTWARE_STACK;
    const software = findSoftwareStack(stackId);
    const seqLen = t.seqLen;
    const notes: string[] = [];
    const tokens = runTokens(t, path, problems);
    const sequences = batchSequences(t.globalBatch, seqLen, '', notes);
    checkWholeStep(tokens, sequences, seqLen, [...path, 'tokens'], problems);
    const par = layoutConstraints(
      t.parallelism,
      [...path, 'parallelism'],
      {
        stackId,
        model,
        accelerator,
        precision: t.precision,
        gpus: t.gpus ?? (hw.gpus === 'auto' ? undefined : hw.gpus),
      },
      notes,
      problems,
    );
    const gpus = t.gpus ?? (hw.gpus === 'auto' ? undefined : hw.gpus);
    if (gpus === undefined) {
      problems.push({
        code: 'missing-field',
        path: [...path, 'gpus'],
        message: "expected the run's GPU count: give train.gpus when hardware.gpus is auto",
      });
    } else checkGpus(gpus, hw.gpus, par, path, problems);
    checkTpDividesHeads(model, par.tp, path, problems);
    const phases = (t.phases ?? []).map((ph, n) => {
      const phPath = [...path, 'phases', n];
      const phSeq = ph.seqLen ?? seqLen;
      const phSequences = ph.globalBatch
        ? batchSequences(ph.globalBatch, phSeq, `phases[${n}].`, notes)
        : ph.seqLen
          ? // The run's batch in tokens stays the phase's batch in tokens when only the sequence changes.
            Math.max(1, Math.round((sequences * seqLen) / phSeq))
          : sequences;
      checkWholeStep(ph.tokens, phSequences, phSeq, [...phPath, 'tokens'], problems);
      const phPar =
        ph.parallelism === undefined
          ? par
          : layoutConstraints(
              ph.parallelism,
              [...phPath, 'parallelism'],
              { stackId, model, accelerator, precision: t.precision, gpus: ph.gpus ?? gpus },
              notes,
              problems,
            );
      const phGpus = ph.gpus ?? gpus;
      if (phGpus !== undefined) checkGpus(phGpus, hw.gpus, phPar, phPath, problems);
      checkTpDividesHeads(model, phPar.tp, phPath, problems);
      if (software && ph.parallelism !== undefined) {
        for (const u of unsupportedLayoutKnobs(phPar, software)) {
          problems.push({
            code: 'unsupported-feature',
            path: [...phPath, 'parallelism', u.knob],
            message: u.message,
          });
        }
      }
      return {
        name: ph.name ?? `phase ${n + 1}`,
        path: phPath,
        tokens: ph.tokens,
        seqLen: phSeq,
        sequences: phSequences,
        gpus: phGpus,
        constraints: phPar,
      };
    });
    const method = trainingMethod(t);
    if (software) {
      for (const u of unsupportedLayoutKnobs(par, software)) {
        problems.push({
          code: 'unsupported-feature',
          path: [...path, 'parallelism', u.knob],
          message: u.message,
        });
      }
      for (const u of unsupportedMethodParts(method, software)) {
        problems.push({ code: 'unsupported-feature', path: [...path, ...u.field], message: u.message });
      }
    }
    if (!accelerator || !model || !software) return;
    if (accelerator.peakFlopsPerS[t.precision] === undefined) {
      const formats = Object.keys(accelerator.peakFlopsPerS).join(', ');
      problems.push({
        code: 'unsupported-format',
        path: [...path, 'precision'],
        message: `${accelerator.name} has no ${t.precision} matmuls; it supports ${formats}`,
      });
      return;
    }
    for (const field of offloadFields(method)) {
      if (accelerator.hostLinkBytesPerS !== undefined) break;
      problems.push({
        code: 'unsupported-feature',
        path: [...path, ...field],
        message: `the catalog does not give ${accelerator.name}'s link to host memory (hostLinkBytesPerS), which offload crosses: expected an accelerator whose host link is known, or no offload`,
      });
    }
    if (gpus === undefined || tokens === undefined) return;
    const job: TrainingJob = {
      model,
      accelerator,
      gpus,
      scaleUpDomain: site!.scaleUpDomain,
      scaleUpBytesPerS: site!.scaleUpBytesPerS,
      scaleOutBytesPerS: site!.scaleOutBytesPerS,
      memoryBytes: site!.memoryBytes,
      oversubscription: site!.oversubscription,
      seqLen,
      globalBatch: Math.round(sequences),
      precision: t.precision,
      software,
      tokens,
      privateClipping: t.privacy ? CLIPPING_METHODS[t.privacy.clipping] : undefined,
      method,
      mtpModules: t.mtp === false ? 0 : (model.mtpModules ?? 0),
    };
    trainings.push({
      path,
      name: t.name ?? model.name,
      gpusFromSite: t.gpus === undefined,
      job,
      constraints: { ...par },
      ...(phases.length > 0
        ? {
            phases: phases.map((ph) => ({
              name: ph.name,
              path: ph.path,
              job: {
                ...job,
                tokens: ph.tokens,
                seqLen: ph.seqLen,
                globalBatch: ph.sequences,
                gpus: ph.gpus ?? gpus,
              },
              constraints: { ...ph.constraints },
            })),
          }
        : {}),
      deadlineS: t.deadline,
      offloadIfNeeded: autoOffload(t, software, accelerator),
      runLosses: resolveRunLosses(t.runLosses),
      calibration,
      ...(calibrations.collectives ? { collectivesCalibration: calibrations.collectives } : {}),
      notes,
      privacy: t.privacy,
      federated: t.federated,
    });
  });
  const region = s.site.region;
  if (region !== undefined && !GRID_INTENSITIES.some((g) => g.id === region)) {
    problems.push(
      unknownId(
        ['site', 'region'],
        'grid region',
        region,
        GRID_INTENSITIES.map((g) => g.id),
        'grid',
      ),
    );
  }
  // A price override must name something the plan buys: a catalog price item or system.
  const priceable = [
    ...new Set([...PRICES.map((p) => p.item), ...SYSTEMS.map((x) => x.id), ...(node ? [node.id] : [])]),
  ];
  for (const item of Object.keys(s.cost.prices ?? {})) {
    if (!priceable.includes(item)) {
      problems.push(unknownId(['cost', 'prices', item], 'price item', item, priceable, 'prices'));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const datacenter: ResolvedDatacenter | undefined =
    site && switchSpec
      ? {
          clusterGpus: hw.gpus,
          hardware: site,
          system: site.system,
          systemDerived: site.systemDerived,
          site: {
            region: s.site.region,
            pue: s.site.pue,
            electricityUsdPerJ: s.site.electricity,
            rackPowerLimitW: s.site.rackPowerLimit,
          },
          fabric: { ...fabricIn, switchSpec },
          storage: s.storage,
          cost: s.cost,
        }
      : undefined;
  return {
    ok: true,
    value: {
      name: s.name ?? trainings[0]?.name ?? servings[0]?.name ?? 'scenario',

      trainings,
      servings,
      datacenter,
      security: s.security,
      operations: s.operations,
    },
  };
}
