import { readFileSync } from 'node:fs';
import {
  errorBand,
  RUN_CLASS_LEVELS,
  RUN_TIME_ERRORS,
  runCaseError,
  runSetSchema,
  scoreRunSet,
} from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Whole published pre-training runs (validation/runs.json, aidc-validation/run@1), each planned as a
// user would write it: model, tokens, phases, accelerator, GPUs and batch as published, the layout
// where the source gives it, the failures and the run-level losses at their sourced defaults. Nothing
// is fitted on the set, so every error is held out. Limits: the measured error plus at least half a
// point, rounded up to a whole percent (GPU-hours: issue #15's own target of 20%, measured 19.79%).
const GPU_HOURS_MAPE_LIMIT_PCT = 20;
const DAYS_MAPE_LIMIT_PCT = 21;

const set = runSetSchema.parse(JSON.parse(readFileSync(new URL('./runs.json', import.meta.url), 'utf8')));
const score = scoreRunSet(set.cases);

/** Runs reserved for independent checking: never in the set (AGENTS brief, issue #15). */
const RESERVED = /llama[- ]?2(?!\d)|llama[- ]?3(?![\dB])|bloom(?!berg)|palm|deepseek|mt-nlg|megatron-turing/i;

describe('whole runs against their published GPU-hours and days (validation/runs.json)', () => {
  it('holds no reserved run, and every case cites its source', () => {
    for (const c of set.cases) {
      expect(`${c.id} ${c.model.name ?? ''}`, c.id).not.toMatch(RESERVED);
      expect(c.source.length, c.id).toBeGreaterThan(20);
    }
  });

  it('ships the errors the planner gives now for its whole-run ranges (npm run errors:runs rewrites them)', () => {
    const shipped = new Map(RUN_TIME_ERRORS.cases.map((c) => [c.id, c]));
    const now = score.cases.filter((c) => runCaseError(c) !== null);
    expect(shipped.size).toBe(now.length);
    for (const c of now) {
      const e = shipped.get(c.id);
      expect(e, c.id).toBeDefined();
      expect(e!.errorPct).toBeCloseTo(runCaseError(c)!, 2);
      expect(e!.cls).toEqual(c.errorClass);
    }
  });

  it(`plans GPU-hours within ${GPU_HOURS_MAPE_LIMIT_PCT}% MAPE and days within ${DAYS_MAPE_LIMIT_PCT}%`, () => {
    expect(score.gpuHours.cases).toBeGreaterThanOrEqual(12);
    expect(score.gpuHours.mape).toBeLessThanOrEqual(GPU_HOURS_MAPE_LIMIT_PCT);
    expect(score.days.cases).toBeGreaterThanOrEqual(11);
    expect(score.days.mape).toBeLessThanOrEqual(DAYS_MAPE_LIMIT_PCT);
  });

  it('gives 80% ranges that hold between 70% and 90% of runs, each without its own source', () => {
    const errors = { ...RUN_TIME_ERRORS, levels: RUN_CLASS_LEVELS };
    let inside = 0;
    let banded = 0;
    for (const c of errors.cases) {
      const band = errorBand(errors, c.cls, c.source);
      if (!band) continue;
      banded++;
      const factor = 1 / (1 + c.errorPct / 100);
      if (factor >= band.lowFactor && factor <= band.highFactor) inside++;
    }
    expect(banded).toBe(errors.cases.length);
    expect(inside / banded).toBeGreaterThanOrEqual(0.7);
    expect(inside / banded).toBeLessThanOrEqual(0.9);
  });

  it('says why a run is not planned, and what it assumed where the source is silent', () => {
    for (const c of score.cases) {
      if (!c.predicted) expect(c.error, c.id).toMatch(/\w/);
    }
    const llama7b = score.cases.find((c) => c.id === 'llama1-7b')!;
    expect(llama7b.assumed.join('; ')).toMatch(/GPUs unpublished: planned at 1024 and 2048/);
    expect(llama7b.span!.gpuHours[0]).toBeLessThan(llama7b.span!.gpuHours[1]);
  });
});
