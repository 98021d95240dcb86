import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// npm run fuzz's smaller run: the same generator, runner and checks (scripts/fuzz.js), on the built
// engine, over training workloads only (a serving fleet's capacity search simulates for seconds; the
// 100,000-case run covers them). Exit 0 means no crash, no hang and no impossible feasible plan.
const ROOT = new URL('../../', import.meta.url).pathname;
// The bound here is 20 s of CPU, not the long run's 10 s: one case (seed 7 #198, PRV at δ = 10⁻³⁰⁰,
// refused after 17 accountant evaluations) measures 6.6 to 12.3 s of CPU on this shared machine from
// run to run, and the hangs this run exists to catch took 22 to 90 s. Issue #11 tracks making it fast.
const LIMIT_S = '20';

describe('npm run fuzz, a smaller run', () => {
  it('300 generated scenarios (hostile dimensions, HF configs, privacy extremes): 0 crashes, 0 hangs, 0 impossible plans', () => {
    const r = spawnSync(
      process.execPath,
      ['scripts/fuzz.js', '300', '--no-serving', '--seed', '7', '--workers', '2', '--limit-s', LIMIT_S],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000 },
    );
    const summary = JSON.parse(r.stdout.slice(0, r.stdout.indexOf('\n}') + 2));
    expect(summary, r.stdout + r.stderr).toMatchObject({ count: 300, crash: 0, hang: 0, impossible: 0 });
    expect(summary.planned, 'the generator must also make plannable scenarios').toBeGreaterThan(30);
    expect(r.status).toBe(0);
  }, 300_000);
});
