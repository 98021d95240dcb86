import { describe, expect, it } from 'vitest';
import { describeStarvation, starvationRun } from './starvation.js';

// Issue #11, item 4: six heavy plans from one client made another client's trivial plan wait 90 s.
// The bound (docs/server.md, "Fairness"): a request from a client with nothing else waiting starts once
// a running plan ends, so with heavy plans of duration d on every thread it answers within about d; the
// old single queue kept it behind the whole flood, 3d for six plans on two threads. Times are judged
// against the flood's own heavy plans, never fixed milliseconds: the machine is shared.
const FLOOD = 6;
// Enough fleets that one heavy plan is tens of light plans on a fast machine too (2 fleets came within 5%
// of the 10× floor once the simulator got faster; 6 came to 9.4× on a loaded CI run once the training
// search timed the host's launches and plans carried ranges; 9 came to 8.7× on a loaded CI run once the
// simulator got faster again, so 16 keeps a margin of about 2× over the floor).
const WORKLOADS = 16;

describe('one client cannot starve the others', () => {
  it(`answers a light plan and a save within about one heavy plan while ${FLOOD} heavy ones flood`, async () => {
    const r = await starvationRun({ flood: FLOOD, workloads: WORKLOADS, lightRequests: 1 });
    console.log(`starvation: ${describeStarvation(r).join('; ')}`);
    // The flood is heavy: one of its plans takes many times the light plan.
    expect(r.heavyAloneMs).toBeGreaterThan(10 * r.lightAloneMs);
    expect(r.heavyMs.length).toBeGreaterThan(0);
    // The first heavy plans ran alone on the two threads: their time is the flood's plan duration.
    const d = Math.min(...r.heavyMs);
    expect(r.lightStatuses).toEqual({ 200: 1 });
    expect(r.lightMs[0]).toBeLessThan(2 * d);
    expect(r.saveStatus).toBe(201);
    expect(r.saveMs).toBeLessThan(2 * d);
  }, 180_000);
});
