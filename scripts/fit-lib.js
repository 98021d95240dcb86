// The fit scripts' shared machinery (fit-training.js, fit-inference.js, fit-collectives.js): bounded
// constants, Nelder–Mead from several starts, the leave-one-source-out loop, and the committed
// artifact (validation/fits/<model>.json) that the validation tests gate on.
//
// A model is described by an object:
//   name        'training' | 'inference' | 'collectives'
//   set         the validation set the constants are fitted on (path from the repository root)
//   script      the script that fits them (path from the repository root)
//   figure      what the errors are errors of, for the record
//   sourceKey   how a case's source is found (prose, for the record and the docs)
//   method      how the constants are fitted (prose)
//   fitted      the names of the fitted constants
//   cases       the set's cases
//   committed   the constants the model uses (core's, the fitted names among them)
//   sourceOf(c) the case's source: the unit left out together
//   fit(cases)  the fit: { constants, basis? } (basis: where each constant came from, if it says)
//   errorsOf(cases, constants)  signed % error per case, in the order of `cases`
//
// Usage of a script: node scripts/fit-<model>.js [--check | --quick]
//   (none)   fit on the whole set and leave each source out in turn, print, write the artifact
//   --check  the same, but compare with the committed artifact and exit 1 where they differ
//   --quick  fit on the whole set only, with fewer iterations; print, write nothing
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { errorBand, nelderMead } from '@aidc/core';

export const ARTIFACT_FORMAT = 'aidc-fit@1';
/** Significant digits the artifact keeps of each constant; every figure it records is scored with the
 * constants rounded so, so the tests recompute them exactly. */
export const DIGITS = 6;
/** How far a refit may stray from the artifact in --check: constants (relative), MAPE (points). The
 * fits are deterministic, so these absorb only the printing of floating point. */
const CHECK_RELATIVE = 1e-9;
const CHECK_MAPE_PCT = 1e-9;

const root = new URL('../', import.meta.url);
export const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

const round = (v) => Number(v.toPrecision(DIGITS));
/** The fitted names of a full set of constants, rounded to the artifact's digits. */
export const pick = (fitted, constants) => Object.fromEntries(fitted.map((n) => [n, round(constants[n])]));

/** `base` with each fitted constant set from x, clamped to its bounds, rounded where it is an integer. */
export function constantsOf(base, fitted, bounds, x, integers = []) {
  const k = { ...base };
  fitted.forEach((name, i) => {
    const [lo, hi] = bounds[name];
    k[name] = Math.min(hi, Math.max(lo, x[i]));
    if (integers.includes(name)) k[name] = Math.round(k[name]);
  });
  return k;
}

const mapeOf = (errors) => errors.reduce((a, e) => a + Math.abs(e), 0) / Math.max(1, errors.length);

/**
 * A Nelder–Mead fit: minimise the MAPE over the cases from each start, keep the best. The starts are
 * fixed points spread over the bounds, never the committed constants: a fold that started from
 * constants fitted with its held-out source would not be held out.
 */
export function nelderMeadFit({ base, fitted, bounds, integers = [], starts, iterations, errorsOf }) {
  return (cases, { quick = false } = {}) => {
    const f = (x) => mapeOf(errorsOf(cases, constantsOf(base, fitted, bounds, x, integers)));
    const best = starts
      .map((start) => nelderMead(f, start, { iterations: quick ? Math.ceil(iterations / 4) : iterations }))
      .reduce((a, b) => (b.value < a.value ? b : a));
    return { constants: constantsOf(base, fitted, bounds, best.x, integers) };
  };
}

/** The cases grouped by source, in order of first appearance. */
export function groupBySource(cases, sourceOf) {
  const groups = new Map();
  for (const c of cases) {
    const s = sourceOf(c);
    groups.set(s, [...(groups.get(s) ?? []), c]);
  }
  return [...groups].map(([source, members]) => ({ source, cases: members }));
}

/** Scores cases with the fitted names of `constants` (rounded as the artifact keeps them). */
function scoreWith(model, cases, constants) {
  const k = { ...model.committed, ...pick(model.fitted, constants) };
  const errors = model.errorsOf(cases, k);
  return { errors, mape: mapeOf(errors) };
}

/** Leave one source out: fit on every other source, score the one left out; then pool. */
export function leaveOneSourceOut(model) {
  const sources = groupBySource(model.cases, model.sourceOf).map(({ source, cases }) => {
    const ids = new Set(cases.map((c) => c.id));
    const fit = model.fit(model.cases.filter((c) => !ids.has(c.id)));
    const held = scoreWith(model, cases, fit.constants);
    const inSample = scoreWith(model, cases, model.committed);
    return {
      source,
      cases: cases.map((c) => c.id),
      constants: pick(model.fitted, fit.constants),
      ...(fit.basis ? { basis: fit.basis } : {}),
      mape: held.mape,
      inSampleMape: inSample.mape,
      errors: held.errors,
    };
  });
  const all = sources.flatMap((s) => s.errors);
  return { mape: mapeOf(all), sources: sources.map(({ errors: _, ...s }) => s) };
}

/** Everything the artifact records: the committed constants, a refit on the whole set, the folds. */
export function fitArtifact(model) {
  const started = performance.now();
  const refit = model.fit(model.cases);
  const loso = leaveOneSourceOut(model);
  return {
    artifact: {
      format: ARTIFACT_FORMAT,
      model: model.name,
      set: model.set,
      script: model.script,
      figure: model.figure,
      method: model.method,
      sourceKey: model.sourceKey,
      fitted: model.fitted,
      committed: {
        constants: pick(model.fitted, model.committed),
        mape: scoreWith(model, model.cases, model.committed).mape,
      },
      refit: {
        constants: pick(model.fitted, refit.constants),
        ...(refit.basis ? { basis: refit.basis } : {}),
        mape: scoreWith(model, model.cases, refit.constants).mape,
      },
      loso,
    },
    seconds: (performance.now() - started) / 1000,
  };
}

const pct = (v) => `${v.toFixed(2)}%`;

export function printArtifact(a) {
  console.log(`${a.model}: ${a.fitted.length} constants fitted on ${a.set} by ${a.script}`);
  console.log(`  in-sample MAPE (${a.figure}), committed constants ${pct(a.committed.mape)}`);
  console.log(`  in-sample MAPE, refit on the whole set   ${pct(a.refit.mape)}`);
  console.log('  constant                                 committed        refit');
  for (const n of a.fitted) {
    console.log(
      `  ${n.padEnd(38)} ${String(a.committed.constants[n]).padStart(11)}  ${String(a.refit.constants[n]).padStart(11)}`,
    );
  }
  console.log(`\n  Leave one source out (${a.sourceKey}):`);
  console.log(`  ${'source'.padEnd(60)} cases  held out  in-sample`);
  for (const s of a.loso.sources) {
    const name = s.source.length > 60 ? `...${s.source.slice(-57)}` : s.source;
    console.log(
      `  ${name.padEnd(60)} ${String(s.cases.length).padStart(5)}  ${pct(s.mape).padStart(8)}  ${pct(s.inSampleMape).padStart(9)}`,
    );
  }
  const n = a.loso.sources.reduce((t, s) => t + s.cases.length, 0);
  console.log(
    `  ${'all held-out cases'.padEnd(60)} ${String(n).padStart(5)}  ${pct(a.loso.mape).padStart(8)}  ${pct(a.committed.mape).padStart(9)}`,
  );
}

/** Where the refit `b` differs from the committed artifact `a` (empty when they agree). */
export function compareArtifacts(a, b) {
  const out = [];
  const near = (x, y, tol) => Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y));
  const constants = (where, x, y) => {
    for (const n of b.fitted) {
      if (!(typeof x?.[n] === 'number' && near(x[n], y[n], CHECK_RELATIVE))) {
        out.push(`${where} ${n}: artifact ${x?.[n]}, refit ${y[n]}`);
      }
    }
  };
  const mape = (where, x, y) => {
    if (!(typeof x === 'number' && Math.abs(x - y) <= CHECK_MAPE_PCT)) {
      out.push(`${where} MAPE: artifact ${x}, refit ${y}`);
    }
  };
  for (const key of ['format', 'model', 'set', 'script', 'figure', 'method', 'sourceKey']) {
    if (a[key] !== b[key])
      out.push(`${key}: artifact ${JSON.stringify(a[key])}, now ${JSON.stringify(b[key])}`);
  }
  if (JSON.stringify(a.fitted) !== JSON.stringify(b.fitted)) out.push('fitted: the names differ');
  constants('committed', a.committed?.constants, b.committed.constants);
  mape('committed', a.committed?.mape, b.committed.mape);
  constants('refit', a.refit?.constants, b.refit.constants);
  mape('refit', a.refit?.mape, b.refit.mape);
  mape('leave-one-source-out', a.loso?.mape, b.loso.mape);
  const held = new Map((a.loso?.sources ?? []).map((s) => [s.source, s]));
  if (held.size !== b.loso.sources.length) out.push('leave-one-source-out: the sources differ');
  for (const s of b.loso.sources) {
    const h = held.get(s.source);
    if (!h) {
      out.push(`source '${s.source}' is not in the artifact`);
      continue;
    }
    if (JSON.stringify(h.cases) !== JSON.stringify(s.cases)) out.push(`source '${s.source}': cases differ`);
    constants(`without '${s.source}':`, h.constants, s.constants);
    mape(`'${s.source}' held out`, h.mape, s.mape);
    mape(`'${s.source}' in-sample`, h.inSampleMape, s.inSampleMape);
  }
  return out;
}

/** Whether the module at `url` is the script node was started with (not imported). */
export const isMain = (url) => process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;

/** The command line of a fit script. */
export function runFitScript(model) {
  const args = process.argv.slice(2);
  const path = `validation/fits/${model.name}.json`;
  if (args.includes('--quick')) {
    const started = performance.now();
    const refit = model.fit(model.cases, { quick: true });
    const before = scoreWith(model, model.cases, model.committed).mape;
    const after = scoreWith(model, model.cases, refit.constants).mape;
    console.log(`quick fit on ${model.set}: MAPE committed ${pct(before)}, refit ${pct(after)}`);
    for (const [n, v] of Object.entries(pick(model.fitted, refit.constants))) console.log(`  ${n}: ${v}`);
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s; nothing written)`);
    return;
  }
  const { artifact, seconds } = fitArtifact(model);
  printArtifact(artifact);
  console.log(`\n(fit and ${artifact.loso.sources.length} folds in ${seconds.toFixed(1)} s)`);
  if (args.includes('--check')) {
    let committed;
    try {
      committed = readJson(path);
    } catch (e) {
      console.error(`${path}: ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    }
    const diffs = compareArtifacts(committed, artifact);
    if (diffs.length > 0) {
      console.error(`\n${path} is not what ${model.script} produces (run it without --check):`);
      for (const d of diffs) console.error(`  ${d}`);
      process.exit(1);
    }
    if (model.bands) {
      const want = bandsModule(model, artifact);
      let have = '';
      try {
        have = readFileSync(new URL(model.bands.file, root), 'utf8');
      } catch {}
      if (have !== want) {
        console.error(`\n${model.bands.file} is not what ${model.script} produces (run it without --check)`);
        process.exit(1);
      }
    }
    console.log(`${path} is what ${model.script} produces.`);
    return;
  }
  mkdirSync(new URL('validation/fits/', root), { recursive: true });
  writeFileSync(new URL(path, root), `${JSON.stringify(artifact, null, 2)}\n`);
  console.log(`wrote ${path}`);
  if (model.bands) {
    writeFileSync(new URL(model.bands.file, root), bandsModule(model, artifact));
    console.log(`wrote ${model.bands.file}`);
    model.bands.report?.(artifact.loso);
  }
}

/**
 * The held-out errors a model ships for its error bands (packages/core/src/uncertainty/data/): each
 * case predicted with the constants of the fold that left its source out, with its class. Written as
 * a TypeScript module so core (which reads no files) carries them; `--check` compares it too.
 */
export function bandsModule(model, artifact) {
  const records = model.bands.records(artifact?.loso);
  const lines = records.map(
    (r) =>
      `    { id: ${JSON.stringify(r.id)}, source: ${JSON.stringify(r.source)}, errorPct: ${r.errorPct.toFixed(2)}, cls: ${JSON.stringify(r.cls)} },`,
  );
  return [
    ...(model.bands.header ?? [
      `// Generated by ${model.script} (npm run fit) with the folds of validation/fits/${model.name}.json:`,
      '// each case predicted by the constants fitted without its source. Do not edit; refit instead.',
    ]),
    "import type { HeldOutErrors } from '../bands.js';",
    `import { ${model.bands.levels} } from '../classes.js';`,
    '',
    `export const ${model.bands.exportName}: HeldOutErrors = {`,
    `  figure: ${JSON.stringify(model.figure)},`,
    `  set: ${JSON.stringify(model.set)},`,
    `  script: ${JSON.stringify(model.script)},`,
    `  levels: ${model.bands.levels},`,
    ...(model.bands.minSources ? [`  minSources: ${model.bands.minSources},`] : []),
    '  cases: [',
    ...lines,
    '  ],',
    '};',
    '',
  ].join('\n');
}

/**
 * Each case of `model` scored by the constants of the fold that left its source out: `score` turns
 * cases and constants into `{ id, errorPct, cls }` per case (non-finite errors are dropped).
 */
export function foldRecords(model, loso, score) {
  return loso.sources.flatMap((fold) => {
    const ids = new Set(fold.cases);
    const cases = model.cases.filter((c) => ids.has(c.id));
    return score(cases, { ...model.committed, ...fold.constants })
      .filter((s) => Number.isFinite(s.errorPct))
      .map((s) => ({ ...s, source: fold.source }));
  });
}

/**
 * Prints how many held-out errors fall inside the 80% band taken, for each, from the other sources'
 * errors of its class: the coverage the docs and closing notes report.
 */
export function printBandCoverage(records, levels, minSources) {
  const errors = { levels, cases: records, ...(minSources ? { minSources } : {}) };
  let inside = 0;
  let banded = 0;
  for (const r of records) {
    const band = errorBand(errors, r.cls, r.source);
    if (!band) continue;
    banded++;
    // measured = predicted ÷ (1 + error): inside when that factor lies within the band.
    const factor = 1 / (1 + r.errorPct / 100);
    if (factor >= band.lowFactor && factor <= band.highFactor) inside++;
  }
  console.log(
    `  80% bands, each case's source left out: ${inside} of ${banded} inside (${((100 * inside) / banded).toFixed(1)}% coverage)`,
  );
}
