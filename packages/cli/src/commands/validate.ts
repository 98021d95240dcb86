import {
  COLLECTIVES_SET_FORMAT,
  collectivesSetSchema,
  errorPct,
  FABRIC_SET_FORMAT,
  fabricSetSchema,
  figureErrors,
  flatFigures,
  formatCount,
  formatPercent,
  INFERENCE_SET_FORMAT,
  type InferenceScore,
  inferenceSetSchema,
  MEMORY_SET_FORMAT,
  memorySetSchema,
  PRIVACY_SET_FORMAT,
  type PrivacyCheck,
  privacySetSchema,
  RELIABILITY_SET_FORMAT,
  RUN_SET_FORMAT,
  type RunSetScore,
  reliabilitySetSchema,
  runSetSchema,
  type SetScore,
  scoreCollectivesSet,
  scoreFabricSet,
  scoreInferenceSet,
  scoreMemorySet,
  scorePrivacyCase,
  scoreReliabilitySet,
  scoreRunSet,
  scoreTrainingSet,
  TRAINING_SET_FORMAT,
  table,
  trainingSetSchema,
  worstPrivacyErrors,
} from '@aidc/core';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { readText, writeOut } from '../io.js';
import { progress } from '../render/progress.js';

/** Validation sets aidc can score, by their `format` field. */
const SCORERS: Record<string, (data: unknown, file: string, json: boolean) => string> = {
  [TRAINING_SET_FORMAT]: scoreTraining,
  [FABRIC_SET_FORMAT]: datacenterScorer(fabricSetSchema, (d) => scoreFabricSet(d.cases)),
  [COLLECTIVES_SET_FORMAT]: datacenterScorer(collectivesSetSchema, (d) => scoreCollectivesSet(d.cases)),
  [RELIABILITY_SET_FORMAT]: datacenterScorer(reliabilitySetSchema, (d) => scoreReliabilitySet(d.cases)),
  [INFERENCE_SET_FORMAT]: scoreInference,
  [PRIVACY_SET_FORMAT]: scorePrivacy,
  [MEMORY_SET_FORMAT]: scoreMemory,
  [RUN_SET_FORMAT]: scoreRuns,
};

/** Whole runs: each planned from its published settings and scored on GPU-hours and days. */
function scoreRuns(data: unknown, file: string, json: boolean): string {
  const set = parseSet(runSetSchema, data, file);
  const bar = progress(`planning ${set.cases.length} published runs`);
  const score = scoreRunSet(set.cases, (done) => bar.update(done / set.cases.length));
  bar.done();
  if (json) return JSON.stringify(score, null, 2);
  const count = (v: number | null | undefined) => (v == null ? '—' : formatCount(v));
  const days = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(1));
  const pct = (v: number | null) => (v === null ? '—' : signedPct(v));
  const scored = score.cases.filter((c) => c.predicted);
  const rows = scored.map((c) => [
    c.id,
    c.covers ?? '—',
    count(c.published.gpuHours),
    count(c.predicted!.gpuHours) +
      (c.span ? ` (${count(c.span.gpuHours[0])}–${count(c.span.gpuHours[1])})` : ''),
    c.interval?.gpuHours ? `${count(c.interval.gpuHours[0])}–${count(c.interval.gpuHours[1])}` : '—',
    pct(c.errorPct.gpuHours),
    days(c.published.days),
    days(c.predicted!.days),
    c.interval?.days ? `${days(c.interval.days[0])}–${days(c.interval.days[1])}` : '—',
    pct(c.errorPct.days),
    formatPercent(c.predicted!.mfu),
    formatPercent(c.predicted!.effectiveTrainingTime),
  ]);
  const unscored = score.cases.filter((c) => !c.predicted);
  const assumed = scored.filter((c) => c.assumed.length > 0);
  const line = (what: string, s: RunSetScore['gpuHours']) =>
    s.mape === null
      ? `${what}: no case publishes it`
      : `${what} MAPE ${s.mape.toFixed(2)}% over ${s.cases} runs; ${s.coverage.inside} of ${s.coverage.of} published values inside their ${Math.round(s.coverage.level * 100)}% ranges`;
  return [
    table(
      [
        'run',
        'published time',
        'GPU-h published',
        'GPU-h planned (unpublished inputs)',
        '80% range',
        'error',
        'days published',
        'days planned',
        '80% range',
        'error',
        'MFU',
        'effective',
      ],
      rows,
    ),
    '',
    ...(unscored.length > 0
      ? [`Not planned (${unscored.length}):`, ...unscored.map((c) => `  ${c.id}: ${c.error}`), '']
      : []),
    ...(assumed.length > 0
      ? [
          'Assumed where the source is silent:',
          ...assumed.map((c) => `  ${c.id}: ${c.assumed.join('; ')}`),
          '',
        ]
      : []),
    line('GPU-hours', score.gpuHours),
    line('Days', score.days),
  ].join('\n');
}

/** Memory sets: each case's peak per GPU against the measurement (the figure it reports), its parts,
 * the cases not scored and why, and the error by source (nothing is fitted on them: each source's
 * error is its leave-one-source-out error). */
function scoreMemory(data: unknown, file: string, json: boolean): string {
  const set = parseSet(memorySetSchema, data, file);
  const score = scoreMemorySet(set.cases);
  if (json) return JSON.stringify(score, null, 2);
  const gib = (v: number) => v.toFixed(2);
  const rows = score.cases.map((c) => [
    c.id,
    c.measured.metric,
    gib(c.measured.memoryGiBPerGpu),
    gib(c.predicted.memoryGiBPerGpu),
    c.interval ? `${gib(c.interval.memoryGiBPerGpu[0])}–${gib(c.interval.memoryGiBPerGpu[1])}` : '—',
    signedPct(c.errorPct),
    c.parts
      ? `W ${gib(c.parts.weightsGiB)} G ${gib(c.parts.gradientsGiB)} O ${gib(c.parts.optimizerGiB)} A ${gib(c.parts.activationsGiB)} B ${gib(c.parts.buffersGiB)}`
      : '',
  ]);
  const assumed = score.cases.filter((c) => c.assumed.length > 0);
  return [
    table(
      ['case', 'metric', 'measured GiB', 'predicted GiB', '80% range', 'error', 'parts (GiB, allocated)'],
      rows,
    ),
    '',
    'W weights, G gradients, O optimizer state, A activations and the loss, B communication buffers.',
    '',
    score.unscored.length > 0
      ? `Not scored (${score.unscored.length}):\n${score.unscored.map((u) => `  ${u.id}: ${u.why}`).join('\n')}\n`
      : 'Every case scored.\n',
    ...(assumed.length > 0
      ? ['Assumed where the case is silent:', ...assumed.map((c) => `  ${c.id}: ${c.assumed.join('; ')}`), '']
      : []),
    table(
      ['source (leave-one-source-out: nothing fitted)', 'cases', 'MAPE'],
      score.bySource.map((s) => [s.source, String(s.cases), `${s.mape.toFixed(1)}%`]),
    ),
    '',
    `Memory MAPE ${score.mape.toFixed(2)}% over ${score.cases.length} scored cases of ${score.cases.length + score.unscored.length}`,
    coverageLine(score.coverage, 'memory per GPU'),
  ].join('\n');
}

/** Serving sets: each case's figures against the measurement, the cases not scored and why, the MAPE
 * of each figure, and where the error lies (by family, layout, accelerator and source). */
function scoreInference(data: unknown, file: string, json: boolean): string {
  const set = parseSet(inferenceSetSchema, data, file);
  const bar = progress(`scoring ${set.cases.length} serving cases`);
  const score = scoreInferenceSet(set.cases);
  bar.done();
  if (json) return JSON.stringify(score, null, 2);
  const rows: string[][] = [];
  for (const c of score.cases) {
    const errors = figureErrors(c);
    const measured = flatFigures(c.measured);
    const predicted = flatFigures(c.predicted);
    for (const [figure, e] of Object.entries(errors)) {
      rows.push([c.id, figure, show(measured[figure]), show(predicted[figure]), signedPct(e)]);
    }
  }
  const figures = Object.keys(score.mapeByFigure);
  const mapeRows = figures.map((f) => [f, `${score.mapeByFigure[f]!.toFixed(1)}%`]);
  const axes = [...new Set(score.breakdown.map((r) => r.axis))];
  const headline = figures.filter((f) => !f.includes('.'));
  const latency = figures.filter((f) => f.endsWith('.p99'));
  const breakdown = axes.map((axis) =>
    table(
      [axis, 'cases', ...headline, ...latency],
      score.breakdown
        .filter((r) => r.axis === axis)
        .map((r) => [
          r.group,
          String(r.cases),
          ...[...headline, ...latency].map((f) =>
            r.mapeByFigure[f] === undefined ? '' : `${r.mapeByFigure[f]!.toFixed(1)}%`,
          ),
        ]),
    ),
  );
  return [
    table(['case', 'figure', 'measured', 'predicted', 'error'], rows),
    '',
    score.unscored.length > 0
      ? `Not scored (${score.unscored.length}):\n${score.unscored.map((u) => `  ${u.id}: ${u.why}`).join('\n')}\n`
      : 'Every case scored.\n',
    table(['figure', 'MAPE'], mapeRows),
    '',
    ...matchedLoadLines(score),
    ...breakdown.flatMap((t) => [t, '']),
    `Throughput MAPE ${score.mape.toFixed(2)}% over ${score.cases.length - score.unscored.length} scored cases of ${score.cases.length}`,
    coverageLine(score.coverage, 'throughput per GPU'),
  ].join('\n');
}

/** Server runs' latency at their measured share of their own system's Offline throughput. */
function matchedLoadLines(score: InferenceScore): string[] {
  if (score.matchedLoad.length === 0) return [];
  const p99 = Object.keys(score.mapeAtMatchedLoad).filter((f) => f.endsWith('.p99'));
  return [
    `Latency at matched load (${score.matchedLoad.length} Server runs, each simulated at its measured share of its own system's Offline throughput, of the model's Offline capacity: the latency apart from the capacity's error):`,
    table(
      ['case', 'share of Offline', ...p99.map((f) => `${f} error`)],
      score.matchedLoad.map((m) => {
        const c = score.cases.find((x) => x.id === m.id)!;
        const errors = figureErrors({ ...c, predicted: m.predicted });
        return [
          m.id,
          `${(m.measuredUtilisation * 100).toFixed(1)}%`,
          ...p99.map((f) => (errors[f] === undefined ? '' : signedPct(errors[f]!))),
        ];
      }),
    ),
    table(
      ['figure', 'MAPE at matched load'],
      Object.entries(score.mapeAtMatchedLoad).map(([f, v]) => [f, `${v.toFixed(1)}%`]),
    ),
    '',
  ];
}

function signedPct(e: number): string {
  return `${e >= 0 ? '+' : ''}${e.toFixed(1)}%`;
}

/** Privacy vectors: every check of every record, with its tolerance, and the worst error per accountant. */
function scorePrivacy(data: unknown, file: string, json: boolean): string {
  const set = parseSet(privacySetSchema, data, file);
  const bar = progress(`scoring ${set.cases.length} privacy vectors`);
  const checks: PrivacyCheck[] = [];
  set.cases.forEach((c, i) => {
    bar.update(i / set.cases.length);
    checks.push(...scorePrivacyCase(c));
  });
  bar.done();
  const worst = worstPrivacyErrors(checks);
  if (json) return JSON.stringify({ format: PRIVACY_SET_FORMAT, checks, worstRelativeError: worst }, null, 2);
  const tol = (c: PrivacyCheck): string => {
    const t = c.tolerance;
    return t.kind === 'relative'
      ? `rel ${t.max}`
      : t.kind === 'absolute'
        ? `abs ${t.max}`
        : t.kind === 'below'
          ? `< ${t.bound}`
          : t.kind === 'between'
            ? `${t.low}…${t.high}`
            : 'equal';
  };
  const rows = checks.map((c) => [
    c.caseId,
    c.figure,
    String(Number(c.expected.toPrecision(10))),
    String(Number(c.actual.toPrecision(10))),
    c.relativeError === 0 ? 'exact' : c.relativeError.toExponential(1),
    tol(c),
    c.pass ? 'pass' : 'FAIL',
  ]);
  const passed = checks.filter((c) => c.pass).length;
  return [
    table(['case', 'figure', 'expected', 'aidc', 'rel. error', 'tolerance', ''], rows),
    '',
    `${passed} of ${checks.length} checks pass over ${set.cases.length} vectors.`,
    `Worst relative error: ${Object.entries(worst)
      .map(([k, v]) => `${k} ${v.toPrecision(2)}`)
      .join(', ')}`,
  ].join('\n');
}

function parseSet<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new UserError(`${file}: ${i.path.join('.')}: ${i.message}`);
  }
  return parsed.data;
}

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  if (v && typeof v === 'object') return `{${Object.keys(v).length} values}`;
  return String(v);
}

/** Fabric, collectives and reliability sets: one row per measured figure. */
function datacenterScorer<S extends z.ZodType>(schema: S, score: (data: z.output<S>) => SetScore) {
  return (data: unknown, file: string, json: boolean): string => {
    const result = score(parseSet(schema, data, file));
    if (json) return JSON.stringify(result, null, 2);
    const rows: string[][] = [];
    for (const c of result.cases) {
      if (c.error) rows.push([c.id, '', '', '', c.error]);
      for (const key of Object.keys(c.measured)) {
        const m = (c.measured as Record<string, unknown>)[key];
        const p = (c.predicted as Record<string, unknown>)[key];
        const err =
          typeof m === 'number' && typeof p === 'number'
            ? m === p
              ? 'exact'
              : `${p >= m ? '+' : ''}${errorPct(p, m).toFixed(1)}%`
            : '';
        rows.push([c.id, key, show(m), show(p), err]);
      }
    }
    const out = [table(['case', 'figure', 'measured', 'predicted', 'error'], rows), ''];
    if (result.allExact !== null) {
      out.push(
        `${result.cases.filter((c) => c.exact).length} of ${result.cases.length} cases match every count exactly`,
      );
    }
    if (result.mape !== null) {
      out.push(
        `MAPE ${result.mape.toFixed(2)}% over ${result.cases.length} cases (headline figure of each case)`,
      );
    }
    return out.join('\n');
  };
}

export function validateCommand(file: string, opts: { json?: boolean }): void {
  const text = readText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const format = (data as { format?: unknown } | null)?.format;
  const scorer = typeof format === 'string' ? SCORERS[format] : undefined;
  if (!scorer) {
    throw new UserError(
      `${file}: format: found ${JSON.stringify(format ?? null)}, expected one of ${Object.keys(SCORERS)
        .map((f) => `'${f}'`)
        .join(', ')}`,
    );
  }
  writeOut(scorer(data, file, opts.json === true));
}

/** The share of measurements inside their 80% ranges (each range taken without its case's source). */
function coverageLine(c: { inside: number; of: number; level: number }, figure: string): string {
  return c.of === 0
    ? `No ${figure} ranges: no class of these cases has enough held-out errors from other sources.`
    : `${Math.round(c.level * 100)}% ranges of ${figure} (held-out errors of other sources, same class): ${c.inside} of ${c.of} measured inside (${formatPercent(c.inside / c.of)} coverage)`;
}

function scoreTraining(data: unknown, file: string, json: boolean): string {
  const parsed = trainingSetSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new UserError(`${file}: ${i.path.join('.')}: ${i.message}`);
  }
  const score = scoreTrainingSet(parsed.data.cases);
  if (json) return JSON.stringify(score, null, 2);
  const rows = score.cases.map((c) => [
    c.id,
    c.predicted.stepTimeS.toFixed(3),
    c.interval ? `${c.interval.stepTimeS[0].toFixed(2)}–${c.interval.stepTimeS[1].toFixed(2)}` : '—',
    c.measured.stepTimeS.toFixed(3),
    `${c.errorPct >= 0 ? '+' : ''}${c.errorPct.toFixed(1)}%`,
    formatPercent(c.mfu),
    [
      c.chosen.length > 0 ? `chose ${c.chosen.join(' ')}` : '',
      c.memoryModelSaysOom ? 'memory model: does not fit' : '',
      c.error ?? '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
  const out = [
    table(['case', 'predicted s', '80% range', 'measured s', 'error', 'MFU', 'notes'], rows),
    '',
    ...(score.unscored.length > 0
      ? [`Not scored (${score.unscored.length}):`, ...score.unscored.map((u) => `  ${u.id}: ${u.why}`), '']
      : []),
    `MAPE ${score.mape.toFixed(2)}% over ${score.cases.length - score.unscored.length} scored cases of ${score.cases.length}; worst ${score.worst?.id} (${score.worst?.errorPct.toFixed(1)}%)`,
    coverageLine(score.coverage, 'step time'),
  ];
  if (score.rankGroups.length > 0) {
    out.push(
      '',
      'Rank correlation (Spearman) of predicted and measured step time, one model on one cluster:',
    );
    for (const g of score.rankGroups)
      out.push(`  ${g.key}: ${g.spearman.toFixed(2)} over ${g.ids.length} cases`);
  }
  return out.join('\n');
}
