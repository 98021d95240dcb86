import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBodies, runLoad } from './load.js';
import { spawnServer, tempDbFile } from './test-support.js';

// The load test: 10,000 plan requests at 50 in flight against the server in its own process.
// Speed is not asserted (machines are shared); errors are. Figures go to the log for the record.
const REQUESTS = 10_000;
const CONCURRENCY = 50;

let server: Awaited<ReturnType<typeof spawnServer>>;
beforeAll(async () => {
  server = await spawnServer(tempDbFile(), ['--rate', '0', '--max-plans-per-client', '0']);
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
});

describe('load', () => {
  it(`answers ${REQUESTS} plan requests at ${CONCURRENCY} in flight without an error`, async () => {
    const report = await runLoad({
      url: `${server.url}/api/plan`,
      bodies: loadBodies(fileURLToPath(new URL('../../../examples', import.meta.url))),
      requests: REQUESTS,
      concurrency: CONCURRENCY,
    });
    console.log(`load: ${JSON.stringify(report)}`);
    expect(report.errors).toEqual({});
    expect(report.ok).toBe(REQUESTS);
  }, 600_000);
});
