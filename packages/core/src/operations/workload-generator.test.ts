import { describe, expect, it } from 'vitest';
import { MILLI_PER_GPU } from './cluster-trace.js';
import { CLUSTER_SUMMARIES, generateJobs, JOB_STATES, NO_STATE } from './workload-generator.js';

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0) / a.length;
const median = (a: ArrayLike<number>) => Array.from(a).sort((x, y) => x - y)[a.length >> 1]!;
const max = (a: ArrayLike<number>) =>
  Array.from(a).reduce((x, y) => Math.max(x, y), Number.NEGATIVE_INFINITY);
const within5 = (got: number, want: number, what: string) =>
  expect(Math.abs(got - want) / want, `${what}: ${got} against ${want}`).toBeLessThanOrEqual(0.05);

describe('jobs generated to match a cluster’s published statistics (issue #16: within 5%)', () => {
  it.each(CLUSTER_SUMMARIES.map((c) => [c.id, c] as const))('%s', (_, c) => {
    // A million jobs: the run times are heavy-tailed (Helios: mean 32 × median), so a mean of fewer
    // draws strays by more than the 5% it is held to.
    const g = generateJobs(c, 1_000_000, 0.5, 11);
    within5(mean(g.gpus), c.meanGpus, 'mean GPUs');
    expect(median(g.gpus)).toBe(c.medianGpus);
    expect(max(g.gpus)).toBeLessThanOrEqual(c.maxGpus);
    within5(mean(g.runS), c.meanRunS, 'mean run time');
    within5(median(g.runS), c.medianRunS, 'median run time');
    expect(max(g.runS)).toBeLessThanOrEqual(c.maxRunS);
    if (c.states) {
      const shares = JOB_STATES.map(
        (_, s) => Array.from(g.state).filter((x) => x === s).length / g.state.length,
      );
      within5(shares[0]!, c.states.completed, 'completed share');
      within5(shares[1]!, c.states.cancelled, 'cancelled share');
      within5(shares[2]!, c.states.failed, 'failed share');
    } else expect(g.state.every((x) => x === NO_STATE)).toBe(true);
    const shared = Array.from(g.gpuMilli).filter((m) => m < MILLI_PER_GPU);
    if (c.gpuShares) {
      // Jobs asking for a share of one GPU, and the mean share they ask, as the trace has them.
      within5(shared.length / g.gpus.length, c.gpuShares.shareOfJobs, 'share of jobs on a GPU share');
      const byMilli = c.gpuShares.countsByMilli;
      const jobs = byMilli.reduce((a, [, k]) => a + k, 0);
      within5(mean(shared), byMilli.reduce((a, [m, k]) => a + m * k, 0) / jobs, 'mean GPU share');
    } else expect(shared).toHaveLength(0);
    // Poisson arrivals at the rate asked: the last arrival near count ÷ rate.
    within5(g.arrivalS[g.arrivalS.length - 1]!, 1_000_000 / 0.5, 'span of arrivals');
  });

  it('repeats exactly for a seed', () => {
    const c = CLUSTER_SUMMARIES[2]!;
    expect(Array.from(generateJobs(c, 500, 1, 3).runS)).toEqual(Array.from(generateJobs(c, 500, 1, 3).runS));
  });
});
