// One fuzz child process: makes case n from the seed, plans it, and sends what happened with the
// case's CPU time. The runner watches the process's CPU time from outside (/proc) and kills it when a
// case overruns the bound (a hang), so nothing here has to be able to stop itself.
import { checkCase, fuzzCase } from './cases.js';

const seed = Number(process.argv[2]);
const options = JSON.parse(process.argv[3] ?? '{}');
process.on('message', (n) => {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = checkCase(fuzzCase(seed, n, options));
  const used = process.cpuUsage(cpu);
  process.send({ n, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, ...result });
});
