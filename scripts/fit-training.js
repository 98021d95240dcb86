// Fits the training model's named constants on the public validation sets (validation/training.json
// and validation/training-recipes.json, the DGX Cloud recipes),
// minimising the mean absolute percentage error of step time with Nelder–Mead, and measures the
// leave-one-source-out error (fit on every publication but one, score the one left out): the gate of
// validation/training.test.ts. Writes validation/fits/training.json (scripts/fit-lib.js).
// Usage: npm run fit [-- --check | --quick]
import {
  scoreTrainingSet,
  TRAINING_CLASS_LEVELS,
  TRAINING_CONSTANTS,
  trainingCaseSource,
  trainingSetSchema,
} from '@aidc/core';
import { foldRecords, isMain, nelderMeadFit, printBandCoverage, readJson, runFitScript } from './fit-lib.js';

const FITTED = [
  'gemmPeakEfficiency',
  'elementwiseTrafficPerActivationByte',
  'overlapContention',
  'stepOverheadS',
  'blackwellEfficiencyRatio',
  'lowPrecisionEfficiencyRatio',
];
const BOUNDS = {
  gemmPeakEfficiency: [0.3, 1],
  elementwiseTrafficPerActivationByte: [0, 30],
  overlapContention: [0, 1],
  stepOverheadS: [0, 1],
  blackwellEfficiencyRatio: [0.3, 1.2],
  lowPrecisionEfficiencyRatio: [0.3, 1.2],
};
// Spread over the bounds (the objective is piecewise, the search's discrete choices, with several
// basins); fixed, so a fold never starts from constants fitted with the source it leaves out.
const STARTS = [
  [0.65, 0.5, 0.5, 0, 1, 1],
  [0.65, 2, 0, 0.1, 0.8, 0.8],
  [0.8, 4, 0.2, 0.3, 0.6, 0.6],
  [0.5, 1, 0.1, 0.5, 1, 0.9],
];

const ITERATIONS = 300;

const errorsOf = (cases, constants) => scoreTrainingSet(cases, constants).cases.map((c) => c.errorPct);

export const trainingFit = {
  name: 'training',
  set: 'validation/training.json + validation/training-recipes.json',
  script: 'scripts/fit-training.js',
  figure: 'step time',
  method: `Nelder–Mead on the MAPE, ${STARTS.length} fixed starts, ${ITERATIONS} iterations each`,
  // Korthikanti et al. 2022 appears with and without its venue: one publication, one source.
  sourceKey:
    "publication: the case's source up to its first ',' or '(' (training.json), or the record's sourceGroup (training-recipes.json: one recipe)",
  fitted: FITTED,
  cases: [
    ...trainingSetSchema.parse(readJson('validation/training.json')).cases,
    ...trainingSetSchema.parse(readJson('validation/training-recipes.json')).cases,
  ],
  committed: TRAINING_CONSTANTS,
  sourceOf: trainingCaseSource,
  fit: nelderMeadFit({
    base: TRAINING_CONSTANTS,
    fitted: FITTED,
    bounds: BOUNDS,
    starts: STARTS,
    iterations: ITERATIONS,
    errorsOf,
  }),
  errorsOf,
  bands: {
    file: 'packages/core/src/uncertainty/data/training-step.ts',
    exportName: 'TRAINING_STEP_ERRORS',
    levels: 'TRAINING_CLASS_LEVELS',
    records: heldOutRecords,
    report: reportCoverage,
  },
};

/** Each case scored by the constants of the fold that left its source out, with its class. */
function heldOutRecords(loso) {
  return foldRecords(trainingFit, loso, (cases, k) =>
    scoreTrainingSet(cases, k).cases.map((s) => ({ id: s.id, errorPct: s.errorPct, cls: s.errorClass })),
  );
}

/** Coverage of the 80% bands under leave one source out, for the docs and the closing note. */
function reportCoverage(loso) {
  printBandCoverage(heldOutRecords(loso), TRAINING_CLASS_LEVELS);
}

if (isMain(import.meta.url)) runFitScript(trainingFit);
