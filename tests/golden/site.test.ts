// One site: the hardware facts of a plan are worked out once, and every part of the plan that uses
// them agrees with the site the plan reports.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatacenterPlan } from '@aidc/core';
import { describe, expect, it } from 'vitest';
import { planExample } from './golden.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f));

describe('one site per plan', () => {
  it.each(examples)('examples/%s: power, nodes and serving energy read the same site', (example) => {
    const plan = planExample(join(ROOT, 'examples', example)) as DatacenterPlan;
    const site = plan.site;
    expect(site.nodes).toBe(Math.ceil(plan.gpus.total / site.gpusPerNode));
    expect(plan.power.nodes).toBe(site.nodes);
    expect(plan.power.computeW).toBeCloseTo(site.nodes * site.nodePowerW, 6);
    expect(site.gpuPowerW * site.gpusPerNode).toBeCloseTo(site.nodePowerW, 6);
    for (const s of plan.serving) {
      // Serving's energy per token is charged at the site's power per GPU, to the watt.
      expect(s.figures.energyPerOutputToken!.inputs.gpuPowerW).toBe(site.gpuPowerW);
      expect(s.accelerator).toBe(site.accelerator);
    }
  });
});
