// Fits the serving model's named constants on the public validation set (validation/inference.json),
// minimising the MAPE of output throughput per GPU, and prints them with the MAPE before and after
// and a leave-one-accelerator-out estimate (fit without one accelerator's cases, score them).
// Usage: npm run fit:inference [-- --quick]
import { readFileSync } from 'node:fs';
import { INFERENCE_CONSTANTS, inferenceSetSchema, scoreInferenceSet } from '@aidc/core';
import { nelderMead } from './nelder-mead.js';

const FITTED = [
  'memoryEfficiency',
  'decodeComputeEfficiency',
  'prefillEfficiency',
  'moePrefillEfficiency',
  'stepOverheadS',
  'maxBatch',
  'perSequenceStepS',
];
const BOUNDS = {
  memoryEfficiency: [0.2, 1],
  decodeComputeEfficiency: [0.05, 1],
  prefillEfficiency: [0.05, 1],
  moePrefillEfficiency: [0.02, 1],
  stepOverheadS: [0, 0.2],
  maxBatch: [16, 8192],
  perSequenceStepS: [0, 1e-3],
};
const set = inferenceSetSchema.parse(
  JSON.parse(readFileSync(new URL('../validation/inference.json', import.meta.url), 'utf8')),
);
const quick = process.argv.includes('--quick');

function constantsOf(x) {
  const k = { ...INFERENCE_CONSTANTS };
  FITTED.forEach((name, i) => {
    const [lo, hi] = BOUNDS[name];
    k[name] = Math.min(hi, Math.max(lo, x[i]));
  });
  k.maxBatch = Math.round(k.maxBatch);
  return k;
}
const mapeOf = (cases, x) => scoreInferenceSet(cases, constantsOf(x)).mape;

const x0 = FITTED.map((name) => INFERENCE_CONSTANTS[name]);
const STARTS = [
  x0,
  [0.9, 0.44, 0.5, 0.3, 0.01, 4000, 2e-5],
  [0.7, 0.3, 0.5, 0.2, 0.005, 2048, 1e-5],
  [0.8, 0.4, 0.5, 0.5, 0.002, 1024, 0],
];
const bestOf = (f, iterations) =>
  STARTS.map((start) => nelderMead(f, start, { iterations })).reduce((a, b) => (b.value < a.value ? b : a));
const before = mapeOf(set.cases, x0);
const fit = bestOf((x) => mapeOf(set.cases, x), quick ? 80 : 400);
const after = scoreInferenceSet(set.cases, constantsOf(fit.x));
console.log(
  `MAPE before ${before.toFixed(2)}%  after ${after.mape.toFixed(2)}%; worst ${after.worst?.id} ${after.worst?.errorPct.toFixed(1)}%`,
);
const fitted = constantsOf(fit.x);
for (const name of FITTED) console.log(`  ${name}: ${Number(fitted[name].toPrecision(4))}`);

if (!quick) {
  const accOf = (c) => c.cluster.accelerator;
  console.log('\nLeave one accelerator out (fit on the rest, score the one left out):');
  let abs = 0;
  for (const acc of [...new Set(set.cases.map(accOf))]) {
    const train = set.cases.filter((c) => accOf(c) !== acc);
    const test = set.cases.filter((c) => accOf(c) === acc);
    const f = bestOf((x) => mapeOf(train, x), 150);
    const s = scoreInferenceSet(test, constantsOf(f.x));
    abs += s.mape * test.length;
    console.log(
      `  ${acc.padEnd(14)} ${String(test.length).padStart(3)} cases  held-out MAPE ${s.mape.toFixed(2)}%`,
    );
  }
  console.log(`  all held-out cases: MAPE ${(abs / set.cases.length).toFixed(2)}%`);
}
