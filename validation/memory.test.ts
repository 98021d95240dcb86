import { readFileSync } from 'node:fs';
import { MEMORY_PEAK_ERRORS, memorySetSchema, scoreMemorySet } from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Peak memory per GPU of published fine-tuning and training runs: torchtune's tables (copied from
// ../shared/validation/memory.json with each run's settings in `setup`) and, for issue #15, five more
// sources (litgpt, a DeepSpeed ZeRO benchmark, the PEFT guides, LLaMA-Factory). Nothing in the memory
// model is fitted on them, so each source's error is its leave-one-source-out error. Limits: the
// measured error plus at least half a point, rounded up to a whole percent (issue #14 asks 10% and
// 15% leave-one-source-out; the closing note says what is still missing).
const MAPE_LIMIT_PCT = 18;
const SOURCE_LIMIT_PCT: Readonly<Record<string, number>> = {
  'torchtune README optimization-flags table (2024-11)': 10,
  'torchtune README Llama 2 7B table (2024-04)': 27,
  'torchtune LoRA/QLoRA tutorials': 15,
  'litgpt config_hub finetune table (2024)': 19,
  'litgpt resource tables (2023-10)': 31,
  'DeepSpeed LLaMA-7B ZeRO benchmark gist (chenyaofo)': 15,
  'Hugging Face PEFT docs: DeepSpeed and FSDP guides (Llama 2 70B)': 20,
  'LLaMA-Factory wiki performance comparison (2024-04)': 19,
};

const set = memorySetSchema.parse(
  JSON.parse(readFileSync(new URL('./memory.json', import.meta.url), 'utf8')),
);
const score = scoreMemorySet(set.cases);

describe('training memory against published peaks (validation/memory.json)', () => {
  it('ships the errors the model gives now for its 80% ranges (npm run errors:memory rewrites them)', () => {
    const shipped = new Map(MEMORY_PEAK_ERRORS.cases.map((c) => [c.id, c]));
    expect(shipped.size).toBe(score.cases.length);
    for (const c of score.cases) {
      const e = shipped.get(c.id);
      expect(e, c.id).toBeDefined();
      expect(e!.errorPct).toBeCloseTo(c.errorPct, 2);
      expect(e!.cls).toEqual(c.errorClass);
    }
  });
  it('holds between 70% and 90% of measured peaks inside their 80% ranges, each without its own source', () => {
    // 40 of 49 over eight sources (issue #15); with torchtune's three alone it was 11 of 20.
    expect(score.coverage.of).toBe(score.cases.length);
    expect(score.coverage.inside / score.coverage.of).toBeGreaterThanOrEqual(0.7);
    expect(score.coverage.inside / score.coverage.of).toBeLessThanOrEqual(0.9);
  });
  it(`is within ${MAPE_LIMIT_PCT}% MAPE over the scored cases`, () => {
    expect(score.mape).toBeLessThanOrEqual(MAPE_LIMIT_PCT);
  });
  it.each(score.bySource.map((s) => [s.source, s] as const))('%s stays within its limit', (source, s) => {
    expect(SOURCE_LIMIT_PCT[source], `no limit for ${source}`).toBeDefined();
    expect(s.mape).toBeLessThanOrEqual(SOURCE_LIMIT_PCT[source]!);
  });
  it('scores every case but the one whose batch lengths are not published, and says why', () => {
    expect(score.unscored.map((u) => u.id)).toEqual(['torchtune-readme-2411-l32-3b-baseline']);
    expect(score.unscored[0]!.why).toMatch(/tokens per sequence are not stated/);
    expect(score.cases.length + score.unscored.length).toBe(set.cases.length);
  });
  it('keeps every record as published (source, notes and the measured figure carried over)', () => {
    for (const c of set.cases) {
      expect(c.source.length).toBeGreaterThan(0);
      expect(c.measured.memoryGiBPerGpu).toBeGreaterThan(0);
      expect(c.setup?.from.length ?? 0).toBeGreaterThan(0);
    }
  });
});
