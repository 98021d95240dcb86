import { readFileSync } from 'node:fs';
import { scoreTrainingSet, TRAINING_CONSTANTS, trainingSetSchema } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { describeFitGate } from './fit-gate.js';

// The gate is the leave-one-source-out MAPE (validation/fits/training.json, `npm run fit`): each
// publication's cases scored with the constants fitted without it. Measured 14.47% (in-sample 7.29%);
// the limit is that plus at least half a point, rounded up to a whole percent. Issue #2's per-case
// limit stays on the in-sample errors: no case beyond 25%.
const LOSO_LIMIT_PCT = 15;
const CASE_LIMIT_PCT = 25;

const set = trainingSetSchema.parse(
  JSON.parse(readFileSync(new URL('./training.json', import.meta.url), 'utf8')),
);
const score = scoreTrainingSet(set.cases);

describeFitGate({
  name: 'training',
  cases: set.cases,
  committed: { ...TRAINING_CONSTANTS },
  errorsOf: (cases, fitted) =>
    scoreTrainingSet(cases, { ...TRAINING_CONSTANTS, ...fitted }).cases.map((c) => c.errorPct),
  limitPct: LOSO_LIMIT_PCT,
  refitSlackPct: 0.1,
});

describe('training model against published runs (validation/training.json)', () => {
  it.each(score.cases.map((c) => [c.id, c] as const))(`%s errs by at most ${CASE_LIMIT_PCT}%`, (_, c) => {
    expect(Number.isFinite(c.errorPct)).toBe(true);
    expect(Math.abs(c.errorPct)).toBeLessThanOrEqual(CASE_LIMIT_PCT);
  });
  it('orders the layouts of one model on one cluster as measured', () => {
    for (const g of score.rankGroups) expect(g.spearman, g.key).toBeGreaterThan(0);
  });
  it('keeps every record as published (source and notes carried over)', () => {
    for (const c of set.cases) {
      expect(c.source.length).toBeGreaterThan(0);
      expect(c.measured.stepTimeS).toBeGreaterThan(0);
    }
  });
});
