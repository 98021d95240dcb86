// npm run fuzz: N generated scenarios (scripts/fuzz/cases.js) planned by the built engine, each in a
// child process with a time bound. Reports crashes (exceptions that are not refusals, refusals
// without a place or a known code), hangs (a case over the bound), and physically impossible
// feasible plans; exit 1 on any.
//
// Usage: npm run fuzz -- [count=100000] [--seed S] [--workers W] [--limit-s T] [--slow-s T] [--from N]
//                        [--no-serving]
//
// --slow-s (half the limit) lists the cases over it, slowest first, in the summary: the ones a
// noisier machine would push over the bound.
// A case's time is its CPU time, read from /proc while it runs (on Linux; its wall time elsewhere):
// on a shared machine wall time measures the neighbours as much as the case. A case that spends more
// than --limit-s (10 s) of CPU, or ten times that of wall time, is a hang and its process is killed.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fuzzCase } from './fuzz/cases.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const count = Number(positional[0] ?? 100_000);
const seed = option('seed', 1);
const from = option('from', 0);
const limitMs = option('limit-s', 10) * 1000;
const slowMs = option('slow-s', limitMs / 2000) * 1000;
const workers = option('workers', Math.max(1, Math.min(2, availableParallelism())));
const generator = { serving: !args.includes('--no-serving') };
if (!(Number.isInteger(count) && count >= 0) || !(workers >= 1) || !(limitMs > 0) || !(slowMs >= 0)) {
  console.error(
    'usage: npm run fuzz -- [count] [--seed S] [--workers W] [--limit-s T] [--slow-s T] [--from N] [--no-serving]',
  );
  process.exit(2);
}

/** CPU time of a process so far, ms (utime + stime from /proc/<pid>/stat), or undefined off Linux. */
const TICK_MS = 10; // USER_HZ is 100 on every Linux the project runs on (sysconf(_SC_CLK_TCK)).
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

const tally = { planned: 0, refused: 0, 'law-refusal': 0, crash: 0, impossible: 0, hang: 0 };
const codes = {};
/** Findings, each with the case number that makes it again. */
const findings = [];
let slowest = { n: -1, cpuMs: 0 };
/** Cases over --slow-s that finished within the bound. */
const slow = [];
let next = from;
let done = 0;
const end = from + count;
const started = Date.now();

function record(n, outcome, detail) {
  tally[outcome]++;
  if (outcome !== 'planned' && outcome !== 'refused') {
    findings.push({ n, outcome, detail });
    process.stderr.write(`\n#${n} ${outcome}: ${detail}\n`);
  }
}

function progress() {
  const s = (Date.now() - started) / 1000;
  const rate = done / Math.max(s, 1e-3);
  process.stderr.write(
    `${done}/${count} in ${s.toFixed(0)} s (${rate.toFixed(2)}/s): ${tally.planned} planned, ${tally.refused} refused, ${tally.crash} crashes, ${tally.hang} hangs, ${tally.impossible} impossible, ${tally['law-refusal']} law refusals\n`,
  );
}

/** A child that takes cases one at a time, killed and replaced when one overruns the bound. */
function runWorker() {
  return new Promise((resolve) => {
    let child;
    let watch;
    let current;
    const spawn = () => {
      child = fork(new URL('./fuzz/child.js', import.meta.url), [String(seed), JSON.stringify(generator)], {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      const own = child;
      own.on('message', (m) => {
        if (own !== child) return;
        clearInterval(watch);
        record(m.n, m.outcome, m.detail);
        if (m.outcome === 'refused') codes[m.code] = (codes[m.code] ?? 0) + 1;
        if (m.cpuMs > slowest.cpuMs) slowest = { n: m.n, cpuMs: m.cpuMs, wallMs: m.wallMs };
        if (m.cpuMs > slowMs) slow.push({ n: m.n, cpuMs: Math.round(m.cpuMs) });
        finishOne();
      });
      own.on('exit', (code, signal) => {
        if (own !== child || current === undefined) return;
        clearInterval(watch);
        record(current.n, 'crash', `the process ended (${signal ?? `exit ${code}`})`);
        spawn();
        finishOne();
      });
    };
    const finishOne = () => {
      current = undefined;
      done++;
      if (done % 100 === 0) progress();
      feed();
    };
    const feed = () => {
      if (next >= end) {
        const last = child;
        child = undefined;
        last.kill();
        resolve();
        return;
      }
      const n = next++;
      current = { n, cpuAtStart: cpuMsOf(child.pid), wallAtStart: Date.now() };
      watch = setInterval(() => {
        const cpu = cpuMsOf(child.pid);
        const cpuMs = cpu === undefined ? undefined : cpu - current.cpuAtStart;
        const wallMs = Date.now() - current.wallAtStart;
        if ((cpuMs ?? wallMs) <= limitMs && wallMs <= 10 * limitMs) return;
        clearInterval(watch);
        record(
          n,
          'hang',
          `over ${limitMs / 1000} s (${((cpuMs ?? wallMs) / 1000).toFixed(1)} s CPU, ${(wallMs / 1000).toFixed(1)} s wall)`,
        );
        const old = child;
        child = undefined;
        old.kill('SIGKILL');
        spawn();
        finishOne();
      }, 200);
      child.send(n);
    };
    spawn();
    feed();
  });
}

process.stderr.write(
  `fuzz: ${count} scenarios from case ${from}, seed ${seed}, ${workers} processes, ${limitMs / 1000} s of CPU per case${generator.serving ? '' : ', no serving workloads'}\n`,
);
await Promise.all(Array.from({ length: workers }, runWorker));
progress();
const seconds = (Date.now() - started) / 1000;
console.log(
  JSON.stringify(
    {
      count,
      seed,
      from,
      workers,
      serving: generator.serving,
      seconds: Number(seconds.toFixed(1)),
      casesPerSecond: Number((count / seconds).toFixed(2)),
      ...tally,
      refusedByCode: codes,
      slowestCase: {
        n: slowest.n,
        cpuMs: Math.round(slowest.cpuMs),
        wallMs: Math.round(slowest.wallMs ?? 0),
      },
      slowCases: {
        overS: slowMs / 1000,
        count: slow.length,
        slowest50: slow.sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 50),
      },
    },
    null,
    2,
  ),
);
const failures = findings.filter((f) => f.outcome !== 'law-refusal');
for (const f of failures.slice(0, 10))
  console.log(`\n#${f.n} ${f.outcome}: ${f.detail}\n${fuzzCase(seed, f.n, generator).text}`);
process.exit(failures.length === 0 ? 0 : 1);
