// Step-time error of the public training sets by group: set, source, accelerator, precision,
// dense/MoE and sharding, each as the mean absolute percentage error of its cases (committed
// constants). The closing notes' before/after tables come from running it on two commits.
// Usage: npm run breakdown [-- --json]
import { scoreTrainingSet, trainingSetSchema } from '@aidc/core';
import { readJson } from './fit-lib.js';

const SETS = ['validation/training.json', 'validation/training-recipes.json'];
const GROUPS = {
  set: (c) => c.set,
  source: (c) => c.sourceGroup ?? c.source.split(/[,(]/)[0].trim(),
  accelerator: (c) => c.cluster.accelerator,
  precision: (c) => c.training.precision,
  'dense/MoE': (c) => (c.model.moe ? 'MoE' : 'dense'),
  sharding: (c) => (c.training.zero === null ? 'ZeRO unstated (searched)' : `ZeRO-${c.training.zero}`),
};

const rows = SETS.flatMap((set) => {
  const cases = trainingSetSchema.parse(readJson(set)).cases;
  const byId = new Map(cases.map((c) => [c.id, { ...c, set }]));
  return scoreTrainingSet(cases).cases.map((r) => ({ c: byId.get(r.id), err: Math.abs(r.errorPct) }));
});
const mape = (errs) => errs.reduce((a, b) => a + b, 0) / errs.length;
const tables = Object.fromEntries(
  Object.entries(GROUPS).map(([name, key]) => {
    const groups = new Map();
    for (const r of rows) groups.set(key(r.c), [...(groups.get(key(r.c)) ?? []), r.err]);
    return [name, [...groups].map(([group, errs]) => ({ group, cases: errs.length, mapePct: mape(errs) }))];
  }),
);
const all = { cases: rows.length, mapePct: mape(rows.map((r) => r.err)) };

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ tables, all }, null, 2));
} else {
  for (const [name, t] of Object.entries(tables)) {
    console.log(`\n${name}`);
    for (const g of t)
      console.log(`  ${g.group.padEnd(52)} ${String(g.cases).padStart(3)}  ${g.mapePct.toFixed(2)}%`);
  }
  console.log(`\nall ${all.cases} cases: ${all.mapePct.toFixed(2)}%`);
}
