// Benchmarks the serving simulator: one hour of Poisson traffic at 100 requests per second to a
// Llama 3.1 8B FP8 replica on one B200, timed beside a fixed reference workload in the same run.
// Prints simulated requests per second of wall time and the ratio to the reference.
import { findAccelerator, findModel, servingStepModel, simulateServing } from '@aidc/core';
import { median, reference, time } from './timing.js';

const b200 = findAccelerator('b200');
const sm = servingStepModel({
  model: findModel('llama-3.1-8b'),
  accelerator: b200,
  tp: 1,
  pp: 1,
  weights: 'fp8',
  kvCache: 'fp8',
  scaleUpBytesPerS: b200.scaleUpBytesPerS,
});
const traffic = {
  ratePerS: 100,
  input: { mean: 512, distribution: 'exponential', max: 8192 },
  output: { mean: 128, distribution: 'exponential', max: 2048 },
  durationS: 3600,
  seed: 1,
};

time(() => simulateServing(sm, { ...traffic, durationS: 60 }));
const runs = [];
const refs = [];
let result;
for (let i = 0; i < 3; i++) {
  const r = time(() => simulateServing(sm, traffic));
  result = r.out;
  runs.push(r.ms);
  refs.push(time(reference).ms);
}
const ms = median(runs);
const ref = median(refs);
console.log(`serving simulator: 1 h at 100 req/s, Llama 3.1 8B FP8 on one B200`);
console.log(
  `  ${result.arrived.toLocaleString('en-US')} requests, ${result.steps.toLocaleString('en-US')} engine steps in a median ${(ms / 1000).toFixed(2)} s`,
);
console.log(
  `  ${Math.round((result.arrived / ms) * 1000).toLocaleString('en-US')} simulated requests per second of wall time`,
);
console.log(
  `  p99 TTFT ${(result.ttftS.p99 * 1000).toFixed(0)} ms, p99 TPOT ${(result.tpotS.p99 * 1000).toFixed(1)} ms, dropped ${result.dropped}`,
);
console.log(`  simulation / reference workload = ${(ms / ref).toFixed(1)}`);
