// Fits the serving model's named constants on the public validation set (validation/inference.json),
// minimising the MAPE of output throughput per GPU with Nelder–Mead, and measures the
// leave-one-source-out error (fit without one source's cases, score them): the gate of
// validation/inference.test.ts. Writes validation/fits/inference.json (scripts/fit-lib.js).
// Usage: npm run fit:inference [-- --check | --quick]
import { INFERENCE_CONSTANTS, inferenceSetSchema, SERVING_CLASS_LEVELS, scoreInferenceSet } from '@aidc/core';
import { foldRecords, isMain, nelderMeadFit, printBandCoverage, readJson, runFitScript } from './fit-lib.js';

const FITTED = [
  'memoryEfficiency',
  'decodeComputeEfficiency',
  'prefillEfficiency',
  'moePrefillEfficiency',
  'fp4EfficiencyRatio',
  'stepOverheadS',
  'maxBatch',
  'perSequenceStepS',
];
const BOUNDS = {
  memoryEfficiency: [0.2, 1],
  decodeComputeEfficiency: [0.05, 1],
  prefillEfficiency: [0.05, 1],
  moePrefillEfficiency: [0.02, 1],
  fp4EfficiencyRatio: [0.2, 1],
  stepOverheadS: [0, 0.2],
  maxBatch: [16, 8192],
  perSequenceStepS: [0, 1e-3],
};
// Spread over the bounds; fixed, so a fold never starts from constants fitted with the source it
// leaves out.
const STARTS = [
  [0.9, 0.44, 0.5, 0.3, 0.7, 0.01, 4000, 2e-5],
  [0.7, 0.3, 0.5, 0.2, 1, 0.005, 2048, 1e-5],
  [0.8, 0.4, 0.5, 0.5, 0.5, 0.002, 1024, 0],
];

const ITERATIONS = 300;

const errorsOf = (cases, constants) =>
  scoreInferenceSet(cases, constants).cases.map((c) => c.errorPct ?? Number.NaN);

export const inferenceFit = {
  name: 'inference',
  set: 'validation/inference.json',
  script: 'scripts/fit-inference.js',
  figure: 'output tokens/s per GPU',
  method: `Nelder–Mead on the MAPE, ${STARTS.length} fixed starts, ${ITERATIONS} iterations each`,
  // Every record comes from NVIDIA's TensorRT-LLM performance docs (two documents, v1.0 and v0.6.1):
  // one publisher, one harness. The most honest grouping the set allows is the record's own source,
  // one table of those docs (a model, or the v0.6.1 table): leaving it out fits without that model.
  sourceKey: "the record's source: one table of NVIDIA's TensorRT-LLM performance docs",
  fitted: FITTED,
  cases: inferenceSetSchema.parse(readJson('validation/inference.json')).cases,
  committed: INFERENCE_CONSTANTS,
  sourceOf: (c) => c.source,
  fit: nelderMeadFit({
    base: INFERENCE_CONSTANTS,
    fitted: FITTED,
    bounds: BOUNDS,
    integers: ['maxBatch'],
    starts: STARTS,
    iterations: ITERATIONS,
    errorsOf,
  }),
  errorsOf,
  bands: {
    file: 'packages/core/src/uncertainty/data/serving-throughput.ts',
    exportName: 'SERVING_THROUGHPUT_ERRORS',
    levels: 'SERVING_CLASS_LEVELS',
    records: heldOutRecords,
    report: reportCoverage,
  },
};

/** Each case scored by the constants of the fold that left its source out, with its class. */
function heldOutRecords(loso) {
  return foldRecords(inferenceFit, loso, (cases, k) =>
    scoreInferenceSet(cases, k)
      .cases.filter((s) => s.errorPct !== null)
      .map((s) => ({ id: s.id, errorPct: s.errorPct, cls: s.errorClass })),
  );
}

/** Coverage of the 80% bands under leave one source out, for the docs and the closing note. */
function reportCoverage(loso) {
  printBandCoverage(heldOutRecords(loso), SERVING_CLASS_LEVELS);
}

if (isMain(import.meta.url)) runFitScript(inferenceFit);
