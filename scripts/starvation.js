// npm run starvation: one client floods the server with heavy plans while another plans a light
// scenario over and over and a token holder saves one; prints each one's latency beside the heavy
// plan's own duration. The bound it shows is in docs/server.md, "Fairness".
// Usage: npm run starvation -- [heavy plans at once] [serving fleets per heavy plan] [light plans]
import { describeStarvation, starvationRun } from '../packages/server/dist/starvation.js';

const flood = Number(process.argv[2] ?? 6);
const workloads = Number(process.argv[3] ?? 3);
const lightRequests = Number(process.argv[4] ?? 200);
const report = await starvationRun({
  flood,
  workloads,
  lightRequests,
  // The queue timeout is raised so that the whole flood is planned and every heavy plan measured.
  serverArgs: ['--queue-timeout', '600', '--plan-timeout', '600'],
  onListening: (url) =>
    process.stderr.write(
      `${flood} heavy plans of ${workloads} serving fleets at once, light plans alongside, against ${url}\n`,
    ),
});
for (const line of describeStarvation(report)) console.log(line);
