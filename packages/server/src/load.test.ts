import { describe, expect, it } from 'vitest';
import { describeLoad, loadTest } from './load.js';

// A short run of the load test, so `npm test` stays quick; `npm run loadtest` sends the full 10,000.
// Times are compared with the run's own figures, never with fixed milliseconds: on a shared machine
// a busy neighbour slows every request alike, and only unfairness moves one past the rest.
const REQUESTS = 400;
const CONCURRENCY = 50;
/** Two rounds at 50 in flight start the planner threads and warm them before anything is measured. */
const WARM_UP = 2 * CONCURRENCY;

describe('load', () => {
  it(`answers ${REQUESTS} plan requests at ${CONCURRENCY} in flight, every one 200 and in fair time`, async () => {
    const report = await loadTest({ requests: REQUESTS, concurrency: CONCURRENCY, warmUpRequests: WARM_UP });
    console.log(`load: ${describeLoad(report).join('; ')}`);
    expect(report.errors).toEqual({});
    expect(report.ok).toBe(REQUESTS);
    const { mean, p99 } = report.latencyMs;
    // Little's law: with 50 always in flight the mean latency is 50 ÷ throughput (a little under it,
    // as the last requests finish with fewer in flight). Far under it, the load was not concurrent.
    expect(mean).toBeGreaterThan(((0.8 * CONCURRENCY) / report.requestsPerS) * 1000);
    // Requests wait in one queue in order, so the slowest wait about as long as the average (measured
    // 1.2 to 1.6 times it); three times it means some requests were left behind.
    expect(p99).toBeLessThan(3 * mean);
  }, 120_000);
});
