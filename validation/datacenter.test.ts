import { readFileSync } from 'node:fs';
import {
  collectivesSetSchema,
  fabricSetSchema,
  LINK_EFFICIENCY,
  reliabilitySetSchema,
  scoreCollectivesSet,
  scoreFabricSet,
  scoreReliabilitySet,
} from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { describeFitGate } from './fit-gate.js';

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));

describe('fabric sizing against the DGX SuperPOD tables (validation/fabric.json)', () => {
  const score = scoreFabricSet(fabricSetSchema.parse(read('fabric.json')).cases);
  it.each(score.cases.map((c) => [c.id, c] as const))('%s matches every count exactly', (_, c) => {
    expect(c.predicted).toEqual(c.measured);
  });
});

const collectives = collectivesSetSchema.parse(read('collectives.json')).cases;
// The gate is the leave-one-source-out MAPE (validation/fits/collectives.json,
// `npm run fit:collectives`): each nccl thread's figures scored with link efficiencies computed
// without them. Measured 11.08% (in-sample 4.97%); the limit is that plus at least half a point,
// rounded up to a whole percent. Issue #3 aims under 10%.
describeFitGate({
  name: 'collectives',
  cases: collectives,
  committed: { ...LINK_EFFICIENCY },
  errorsOf: (cases, fitted) =>
    scoreCollectivesSet(cases, { ...LINK_EFFICIENCY, ...fitted }).cases.map((c) => c.errorPct ?? Number.NaN),
  limitPct: 12,
  // The ratios are the committed digits exactly.
  refitSlackPct: 0,
});

describe('collectives against nccl-tests figures (validation/collectives.json)', () => {
  const score = scoreCollectivesSet(collectives);
  // Issue #3: no case may pass 25% (in-sample).
  it.each(score.cases.map((c) => [c.id, c] as const))('%s errs by at most 25%', (_, c) => {
    expect(Math.abs(c.errorPct ?? Number.NaN)).toBeLessThanOrEqual(25);
  });
});

describe('interruptions against the Llama 3 record (validation/reliability.json)', () => {
  const score = scoreReliabilitySet(reliabilitySetSchema.parse(read('reliability.json')).cases);
  it.each(score.cases.map((c) => [c.id, c] as const))('%s: unexpected interruptions within 15%', (_, c) => {
    expect(Math.abs(c.errorPct ?? Number.NaN)).toBeLessThanOrEqual(15);
    expect(Object.keys(c.predicted).sort()).toEqual(Object.keys(c.measured).sort());
  });
  it('predicts a training-time fraction near the published one', () => {
    for (const c of score.cases) {
      const m = (c.measured as { effectiveTrainingTimeFraction?: number }).effectiveTrainingTimeFraction;
      const p = (c.predicted as { effectiveTrainingTimeFraction?: number }).effectiveTrainingTimeFraction;
      if (m !== undefined) expect(Math.abs((p ?? 0) - m)).toBeLessThan(0.05);
    }
  });
});
