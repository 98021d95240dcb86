// npm run loadtest: the server in its own process, then N plan requests at C in flight.
// Usage: npm run loadtest -- [requests] [concurrency]
import { describeLoad, loadTest } from '../packages/server/dist/load.js';

const requests = Number(process.argv[2] ?? 10_000);
const concurrency = Number(process.argv[3] ?? 50);
const report = await loadTest({
  requests,
  concurrency,
  onListening: (url) =>
    process.stderr.write(`${requests} plan requests at ${concurrency} in flight against ${url}\n`),
  onProgress: (done) => process.stderr.write(`\r${done}/${requests}`),
});
process.stderr.write('\n');
for (const line of describeLoad(report)) console.log(line);
process.exit(report.errorCount === 0 ? 0 : 1);
