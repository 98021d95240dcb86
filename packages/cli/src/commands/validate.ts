import { formatPercent, scoreTrainingSet, TRAINING_SET_FORMAT, trainingSetSchema } from '@aidc/core';
import { UserError } from '../errors.js';
import { readText, writeOut } from '../io.js';
import { table } from '../render/table.js';

/** Validation sets aidc can score, by their `format` field. */
const SCORERS: Record<string, (data: unknown, file: string, json: boolean) => string> = {
  [TRAINING_SET_FORMAT]: scoreTraining,
};

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
    table(['case', 'predicted s', 'measured s', 'error', 'MFU', 'notes'], rows),
    '',
    `MAPE ${score.mape.toFixed(2)}% over ${score.cases.length} cases; worst ${score.worst?.id} (${score.worst?.errorPct.toFixed(1)}%)`,
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
