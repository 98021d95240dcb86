import { readFileSync } from 'node:fs';
import { INFERENCE_CONSTANTS, inferenceSetSchema, scoreInferenceSet } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { describeFitGate } from './fit-gate.js';

// The gate is the leave-one-source-out MAPE of throughput (validation/fits/inference.json,
// `npm run fit:inference`): each table of the TensorRT-LLM docs scored with the constants fitted
// without it. Measured 22.22% (in-sample 17.14%, issue #13's NVFP4 efficiency ratio; 23.92% and
// 19.10% before); the limit is that plus at least half a point, rounded up to a whole percent, kept
// at 25% (a tighter 23% would hold it). Issue #4 aims at 10%.
const LOSO_LIMIT_PCT = 25;

const set = inferenceSetSchema.parse(
  JSON.parse(readFileSync(new URL('./inference.json', import.meta.url), 'utf8')),
);
const score = scoreInferenceSet(set.cases);

describeFitGate({
  name: 'inference',
  cases: set.cases,
  committed: { ...INFERENCE_CONSTANTS },
  errorsOf: (cases, fitted) =>
    scoreInferenceSet(cases, { ...INFERENCE_CONSTANTS, ...fitted }).cases.map(
      (c) => c.errorPct ?? Number.NaN,
    ),
  limitPct: LOSO_LIMIT_PCT,
  refitSlackPct: 0.1,
});

describe('serving throughput against TensorRT-LLM benchmarks (validation/inference.json)', () => {
  it('predicts every case, with the keys it measures', () => {
    for (const c of score.cases) {
      expect(c.error).toBeUndefined();
      expect(Object.keys(c.predicted)).toEqual(Object.keys(c.measured));
    }
  });
});
