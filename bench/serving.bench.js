// Benchmarks a serving plan: examples/llama3-70b-chat.yaml planned from its text as the page's engine
// plans it (the capacity search over four layouts, about a hundred simulations), timed side by side
// with a fixed reference workload in the same run, so the ratio holds on a noisy shared machine.
// `--baseline <core dist/index.js>` times another build of the core in the same process too (e.g. the
// commit before a change, built to a temporary folder) and prints the before/after ratio.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '@aidc/core';
import { median, reference, time } from './timing.js';

const RUNS = 3;
const FILE = 'examples/llama3-70b-chat.yaml';
const text = readFileSync(new URL(`../${FILE}`, import.meta.url), 'utf8');

/** Median plan and reference times of one build of the core, and the plan's answer. */
function measure(build) {
  const plan = () => build.planText(text, FILE);
  time(reference);
  const planMs = [];
  const refMs = [];
  let best;
  for (let i = 0; i < RUNS; i++) {
    const r = time(plan);
    if (!r.out.ok) throw new Error(`${FILE} does not plan`);
    best = r.out.plan.serving[0].best;
    planMs.push(r.ms);
    refMs.push(time(reference).ms);
  }
  return { ms: median(planMs), ref: median(refMs), best };
}

const at = process.argv.indexOf('--baseline');
const baselinePath = at > 0 ? process.argv[at + 1] : undefined;
const describe = (b) =>
  `${b.replicas} × TP${b.tp}, ${b.maxRatePerReplica.toFixed(3)} req/s per replica, p99 TTFT ${b.ttftS.p99.toFixed(3)} s`;

const now = measure(core);
console.log(`serving plan of ${FILE}: ${describe(now.best)}`);
console.log(
  `  median ${now.ms.toFixed(0)} ms over ${RUNS} runs; reference workload ${now.ref.toFixed(1)} ms; plan / reference = ${(now.ms / now.ref).toFixed(1)}`,
);
if (baselinePath) {
  const old = await import(pathToFileURL(resolve(baselinePath)).href);
  const before = measure(old);
  console.log(`  baseline ${baselinePath}: ${describe(before.best)}`);
  console.log(
    `  baseline median ${before.ms.toFixed(0)} ms; reference ${before.ref.toFixed(1)} ms; plan / reference = ${(before.ms / before.ref).toFixed(1)}`,
  );
  console.log(
    `  before / after = ${(before.ms / before.ref / (now.ms / now.ref)).toFixed(1)} (each against its own reference)`,
  );
}
