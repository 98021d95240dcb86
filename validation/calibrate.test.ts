import { readFileSync } from 'node:fs';
import {
  COLLECTIVES_TARGET,
  calibrate,
  calibrateTraining,
  collectivesSetSchema,
  INFERENCE_CONSTANTS,
  inferenceSetSchema,
  SERVING_TARGET,
  scoreInferenceSet,
  scoreTrainingSet,
  TRAINING_CONSTANTS,
  trainingCaseSource,
  trainingSetSchema,
} from '@aidc/core';
import { describe, expect, it } from 'vitest';

// Calibration on a team's own cluster (issue #15): five step times of one public source stand in for
// the team's measurements; the source's other cases are planned with and without the calibration.
const set = trainingSetSchema.parse(
  JSON.parse(readFileSync(new URL('./training.json', import.meta.url), 'utf8')),
);
const of = (source: string) => set.cases.filter((c) => trainingCaseSource(c) === source);

describe('aidc calibrate on five step times of one source', () => {
  const korthikanti = of('Korthikanti et al. 2022');
  const five = korthikanti.slice(0, 5);
  const heldBack = korthikanti.slice(5);
  const result = calibrateTraining(five, 'korthikanti-five.json');

  it('fits within bounds and checks itself on points it did not see', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const cv = result.calibration.crossValidated;
    expect(cv.heldOut).toHaveLength(5);
    expect(cv.afterMapePct).toBeLessThan(cv.beforeMapePct);
    // Five points carry three constants (two to spare).
    expect(Object.keys(result.calibration.constants)).toHaveLength(3);
  });
  it("lowers the error of that source's held-back cases", () => {
    if (!result.ok) throw new Error(result.reasons.join('; '));
    const before = scoreTrainingSet(heldBack).mape;
    const after = scoreTrainingSet(heldBack, { ...TRAINING_CONSTANTS, ...result.calibration.constants }).mape;
    expect(heldBack.length).toBe(3);
    expect(after).toBeLessThan(before / 2);
  });
  it('refuses points that cannot carry a calibration, and says why', () => {
    const two = calibrateTraining(korthikanti.slice(0, 2), 'x.json');
    expect(two.ok).toBe(false);
    expect(!two.ok && two.reasons[0]).toMatch(/2 measurements: a calibration needs at least 3/);
    const twin = { ...five[0]!, id: 'twin', measured: { stepTimeS: five[0]!.measured.stepTimeS * 2 } };
    const clash = calibrateTraining([...five, twin], 'x.json');
    expect(!clash.ok && clash.reasons.join(' ')).toMatch(/describe the same run .* inconsistent/);
    // Where the public constants already predict a source as well as a refit does on left-out points,
    // calibrating is refused rather than marked as an improvement.
    const narayanan = calibrateTraining(of('Narayanan et al. 2021').slice(0, 5), 'x.json');
    expect(narayanan.ok).toBe(false);
    expect(!narayanan.ok && narayanan.reasons[0]).toMatch(/does not help on points it did not see/);
  });
});

// The same for serving (issue #15, item 3: tokens/s): five throughputs of one TensorRT-LLM table stand
// in for a team's own measurements of its engine; the table's other cases are planned with and without.
const serving = inferenceSetSchema.parse(
  JSON.parse(readFileSync(new URL('./inference.json', import.meta.url), 'utf8')),
);

/** Five cases spread over a table (its rows run through batch and length settings in order). */
const spreadFive = <T>(table: readonly T[]): T[] =>
  table.filter((_, i) => i % Math.floor(table.length / 5) === 0).slice(0, 5);

describe('aidc calibrate on five serving throughputs of one table', () => {
  const table = serving.cases.filter((c) => c.source.endsWith('/ Llama-3.1-8B table'));
  const five = spreadFive(table);
  const heldBack = table.filter((c) => !five.includes(c));
  const result = calibrate(SERVING_TARGET, five, 'llama8b-five.json');

  it('fits the serving constants and lowers the held-back cases’ error', () => {
    if (!result.ok) throw new Error(result.reasons.join('; '));
    expect(result.calibration.model).toBe('serving');
    expect(result.calibration.crossValidated.afterMapePct).toBeLessThan(
      result.calibration.crossValidated.beforeMapePct,
    );
    const before = scoreInferenceSet(heldBack).mape;
    const after = scoreInferenceSet(heldBack, {
      ...INFERENCE_CONSTANTS,
      ...result.calibration.constants,
    }).mape;
    expect(heldBack.length).toBe(15);
    expect(after).toBeLessThan(before / 2);
  });

  it('refuses a table the public constants already predict as well', () => {
    const t405 = spreadFive(serving.cases.filter((c) => c.source.endsWith('/ Llama-3.1-405B table')));
    const r = calibrate(SERVING_TARGET, t405, 'x.json');
    expect(!r.ok && r.reasons[0]).toMatch(/does not help on points it did not see/);
  });
});

describe('aidc calibrate on collective bus bandwidths', () => {
  const collectives = collectivesSetSchema.parse(
    JSON.parse(readFileSync(new URL('./collectives.json', import.meta.url), 'utf8')),
  );
  it('fits only the links the points measure, and refuses what does not help', () => {
    const inside = collectives.cases.filter((c) => c.input.nodes === 1 && c.input.algorithm === 'ring');
    const r = calibrate(
      COLLECTIVES_TARGET,
      [...inside, ...inside.map((c) => ({ ...c, id: `${c.id}-again` }))],
      'x',
    );
    // The public efficiencies are these very points' ratios: a refit does no better on them.
    expect(!r.ok && r.reasons[0]).toMatch(/does not help/);
    expect(COLLECTIVES_TARGET.informs!(inside)).toEqual(new Set(['scaleUp']));
  });
});
