import { readFileSync } from 'node:fs';
import { inferenceSetSchema, scoreInferenceSet } from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Issue #4: the tests fail if the public throughput MAPE rises above 20% (the aim is 10%).
const MAPE_LIMIT_PCT = 20;

const set = inferenceSetSchema.parse(
  JSON.parse(readFileSync(new URL('./inference.json', import.meta.url), 'utf8')),
);
const score = scoreInferenceSet(set.cases);

describe('serving throughput against TensorRT-LLM benchmarks (validation/inference.json)', () => {
  it(`has a throughput MAPE of at most ${MAPE_LIMIT_PCT}%`, () => {
    expect(score.mapeByFigure.outputTokensPerSPerGpu).toBeLessThanOrEqual(MAPE_LIMIT_PCT);
  });
  it('predicts every case, with the keys it measures', () => {
    for (const c of score.cases) {
      expect(c.error).toBeUndefined();
      expect(Object.keys(c.predicted)).toEqual(Object.keys(c.measured));
    }
  });
});
