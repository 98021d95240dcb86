// npm run loadtest: the server in its own process, then N plan requests at C in flight.
// Usage: npm run loadtest -- [requests] [concurrency]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBodies, runLoad } from '../packages/server/dist/load.js';

const requests = Number(process.argv[2] ?? 10_000);
const concurrency = Number(process.argv[3] ?? 50);
const root = fileURLToPath(new URL('..', import.meta.url));
const db = join(mkdtempSync(join(tmpdir(), 'aidc-load-')), 'aidc.sqlite');
const child = spawn(
  process.execPath,
  [
    join(root, 'packages/server/bin/aidc-server.js'),
    '--db',
    db,
    '--port',
    '0',
    '--quiet',
    '--rate',
    '0',
    '--max-plans-per-client',
    '0',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = /aidc planner at (http:\/\/[^/\s]+)\//.exec(out);
    if (m) resolve(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
});
process.stderr.write(`${requests} plan requests at ${concurrency} in flight against ${url}\n`);
const r = await runLoad({
  url: `${url}/api/plan`,
  bodies: loadBodies(join(root, 'examples')),
  requests,
  concurrency,
  onProgress: (done) => process.stderr.write(`\r${done}/${requests}`),
});
child.kill('SIGTERM');
process.stderr.write('\n');
const errs =
  Object.entries(r.errors)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || 'none';
console.log(`requests ${r.requests}, in flight ${r.concurrency}, answered 200: ${r.ok}, errors: ${errs}`);
console.log(`wall ${r.seconds.toFixed(1)} s, ${r.requestsPerS.toFixed(1)} requests/s`);
console.log(
  `latency p50 ${r.latencyMs.p50.toFixed(0)} ms, p90 ${r.latencyMs.p90.toFixed(0)} ms, p99 ${r.latencyMs.p99.toFixed(0)} ms, max ${r.latencyMs.max.toFixed(0)} ms`,
);
process.exit(r.errorCount === 0 ? 0 : 1);
