import { readFileSync } from 'node:fs';
import { scoreTrainingSet, trainingSetSchema } from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Issue #2's limits on the public set: MAPE at most 10%, no case beyond 25%.
const MAPE_LIMIT_PCT = 10;
const CASE_LIMIT_PCT = 25;

const set = trainingSetSchema.parse(
  JSON.parse(readFileSync(new URL('./training.json', import.meta.url), 'utf8')),
);
const score = scoreTrainingSet(set.cases);

describe('training model against published runs (validation/training.json)', () => {
  it(`has a MAPE of at most ${MAPE_LIMIT_PCT}%`, () => {
    expect(score.mape).toBeLessThanOrEqual(MAPE_LIMIT_PCT);
  });
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
