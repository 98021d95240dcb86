// Benchmarks the layout search: the full search for Llama 3.1 405B on 16,384 H100s, timed side by
// side with a fixed reference workload in the same run, so the ratio holds on a noisy shared machine.
// Prints the median time, the ratio to the reference, and the change against the last recorded run
// (bench/last-run.json); `npm run bench -- --record` records this run. `--baseline <core dist/index.js>`
// also times another build of the core (e.g. a clone at an older commit) in the same process,
// alternating run by run, and prints before / after.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '@aidc/core';
import { median, reference, time } from './timing.js';

const RUNS = 7;
const file = new URL('../examples/llama3-405b-h100.yaml', import.meta.url);
const text = readFileSync(file, 'utf8');

/** The example's training, loaded by one build of the core. */
function trainingOf(build) {
  const loaded = build.loadScenario(text, 'examples/llama3-405b-h100.yaml');
  if (!loaded.ok) throw new Error('the example does not load');
  return loaded.value.trainings[0];
}
const training = trainingOf(core);
const planTraining = core.planTraining;

time(() => planTraining(training)); // warm-up
const searchMs = [];
const referenceMs = [];
let evaluated = 0;
for (let i = 0; i < RUNS; i++) {
  const s = time(() => planTraining(training));
  evaluated = s.out.ok ? s.out.plan.search.evaluated : 0;
  searchMs.push(s.ms);
  referenceMs.push(time(reference).ms);
}
const search = median(searchMs);
const ref = median(referenceMs);
const ratio = search / ref;
console.log(`full search, Llama 3.1 405B on 16,384 H100: ${evaluated.toLocaleString('en-US')} layouts`);
console.log(
  `  median ${search.toFixed(1)} ms over ${RUNS} runs (${((search * 1000) / evaluated).toFixed(2)} µs per layout)`,
);
console.log(`  reference workload median ${ref.toFixed(1)} ms; search / reference = ${ratio.toFixed(3)}`);

const lastFile = new URL('./last-run.json', import.meta.url);
let last;
try {
  last = JSON.parse(readFileSync(lastFile, 'utf8'));
} catch {
  last = undefined;
}
if (last) {
  const change = ratio / last.ratio;
  console.log(
    `  vs last recorded run (${last.date}): ratio ${last.ratio.toFixed(3)} → ${ratio.toFixed(3)} (×${change.toFixed(2)}${change > 1.2 ? ', SLOWER' : ''})`,
  );
}
if (process.argv.includes('--record') || !last) {
  writeFileSync(
    lastFile,
    `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), searchMs: search, referenceMs: ref, ratio, evaluated }, null, 2)}\n`,
  );
  console.log('  recorded in bench/last-run.json');
}

const at = process.argv.indexOf('--baseline');
if (at > 0) {
  const old = await import(pathToFileURL(resolve(process.argv[at + 1])).href);
  const oldTraining = trainingOf(old);
  old.planTraining(oldTraining); // warm-up
  const nowMs = [];
  const beforeMs = [];
  // More runs than the single timing: two builds alternate, so both see the same noise.
  for (let i = 0; i < 3 * RUNS; i++) {
    nowMs.push(time(() => planTraining(training)).ms);
    beforeMs.push(time(() => old.planTraining(oldTraining)).ms);
  }
  const now = median(nowMs);
  const before = median(beforeMs);
  console.log(
    `  side by side, alternating: this build ${now.toFixed(1)} ms, baseline ${before.toFixed(1)} ms; after / before = ${(now / before).toFixed(2)}`,
  );
}
