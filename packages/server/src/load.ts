import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServer } from './spawn-server.js';

/** What a load run measured: counts by outcome, latency percentiles and throughput. */
export interface LoadReport {
  readonly requests: number;
  readonly concurrency: number;
  readonly ok: number;
  /** Answers other than 200, and requests that got no answer, by status ('network' for none). */
  readonly errors: Readonly<Record<string, number>>;
  readonly errorCount: number;
  readonly seconds: number;
  readonly requestsPerS: number;
  readonly latencyMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Sends `requests` POSTs to `url` with at most `concurrency` in flight, cycling through `bodies`, and
 * counts what came back. A bounded loop: it ends after the last answer.
 */
export async function runLoad(options: {
  readonly url: string;
  readonly bodies: readonly string[];
  readonly requests: number;
  readonly concurrency: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly onProgress?: (done: number) => void;
}): Promise<LoadReport> {
  const latencies = new Float64Array(options.requests);
  const errors: Record<string, number> = {};
  let next = 0;
  let done = 0;
  let ok = 0;
  const started = performance.now();
  async function lane(): Promise<void> {
    while (next < options.requests) {
      const i = next++;
      const t0 = performance.now();
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: options.bodies[i % options.bodies.length]!,
        });
        await res.arrayBuffer();
        if (res.status === 200) ok++;
        else errors[res.status] = (errors[res.status] ?? 0) + 1;
      } catch {
        errors.network = (errors.network ?? 0) + 1;
      }
      latencies[i] = performance.now() - t0;
      done++;
      if (done % 1000 === 0) options.onProgress?.(done);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / Math.max(1, latencies.length);
  latencies.sort();
  return {
    requests: options.requests,
    concurrency: options.concurrency,
    ok,
    errors,
    errorCount: options.requests - ok,
    seconds,
    requestsPerS: options.requests / seconds,
    latencyMs: {
      mean,
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? 0,
    },
  };
}

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples', import.meta.url));

/** The load test's requests: the 8B example at four cluster sizes and the BERT example, a realistic mix. */
function loadBodies(): string[] {
  const read = (name: string) => readFileSync(join(EXAMPLES_DIR, `${name}.yaml`), 'utf8');
  const llama = read('llama3-8b-h100-fp8');
  return [
    ...[8, 16, 32, 64].map((g) => JSON.stringify({ yaml: llama.replace('gpus: 8', `gpus: ${g}`) })),
    JSON.stringify({ yaml: read('bert-100m-rtx2080') }),
  ];
}

/**
 * The load test, for `npm run loadtest` and the smoke run in `npm test`: the server in its own process
 * on a fresh database, then `requests` plan requests at `concurrency` in flight. The rate limit and
 * the per-client cap are off, since the whole load comes from one client.
 */
export async function loadTest(options: {
  readonly requests: number;
  readonly concurrency: number;
  /** Requests sent first and left out of the report, so it measures warm planner threads. */
  readonly warmUpRequests?: number;
  readonly onListening?: (url: string) => void;
  readonly onProgress?: (done: number) => void;
}): Promise<LoadReport> {
  const dir = mkdtempSync(join(tmpdir(), 'aidc-load-'));
  const server = await spawnServer(join(dir, 'aidc.sqlite'), ['--rate', '0', '--max-plans-per-client', '0']);
  try {
    options.onListening?.(server.url);
    const url = `${server.url}/api/plan`;
    const bodies = loadBodies();
    if (options.warmUpRequests) {
      await runLoad({ url, bodies, requests: options.warmUpRequests, concurrency: options.concurrency });
    }
    return await runLoad({
      url,
      bodies,
      requests: options.requests,
      concurrency: options.concurrency,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as lines for people: counts, throughput, latency. */
export function describeLoad(r: LoadReport): string[] {
  const errors =
    Object.entries(r.errors)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ') || 'none';
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const { mean, p50, p90, p99, max } = r.latencyMs;
  return [
    `requests ${r.requests}, in flight ${r.concurrency}, answered 200: ${r.ok}, errors: ${errors}`,
    `wall ${r.seconds.toFixed(1)} s, ${r.requestsPerS.toFixed(1)} requests/s`,
    `latency mean ${ms(mean)}, p50 ${ms(p50)}, p90 ${ms(p90)}, p99 ${ms(p99)}, max ${ms(max)}`,
  ];
}
