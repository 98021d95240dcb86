import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? 0,
    },
  };
}

/** The load test's requests: the 8B example at four cluster sizes and the BERT example, a realistic mix. */
export function loadBodies(examplesDir: string): string[] {
  const read = (name: string) => readFileSync(join(examplesDir, `${name}.yaml`), 'utf8');
  const llama = read('llama3-8b-h100-fp8');
  return [
    ...[8, 16, 32, 64].map((g) => JSON.stringify({ yaml: llama.replace('gpus: 8', `gpus: ${g}`) })),
    JSON.stringify({ yaml: read('bert-100m-rtx2080') }),
  ];
}
