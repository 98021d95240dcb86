import { planServing, type ServingPlan } from '@aidc/core';
import { UserError } from '../errors.js';
import { readScenario, writeOut } from '../io.js';
import { progress } from '../render/progress.js';
import { renderServing } from '../render/serving-text.js';

export function serveCommand(file: string, opts: { json?: boolean; explain?: boolean }): void {
  const scenario = readScenario(file);
  if (scenario.servings.length === 0) {
    throw new UserError(
      `${file}: no serve workload; add one under workloads (docs/scenario.md), or use aidc train`,
    );
  }
  const plans: ServingPlan[] = [];
  for (const sv of scenario.servings) {
    const bar = progress(`searching deployments for ${sv.name}`);
    const r = planServing(sv, {
      cloudPerGpuHourUsd: scenario.datacenter?.cost.cloudPerGpuHour,
      prices: scenario.datacenter?.cost.prices,
    });
    bar.done();
    if (!r.ok) throw new UserError(`${file}: ${sv.path.join('.')}: ${r.message}`);
    plans.push(r.plan);
  }
  writeOut(
    opts.json
      ? JSON.stringify({ format: 'aidc-plan/serving@1', plans }, null, 2)
      : plans.map((p) => renderServing(p, opts.explain === true)).join('\n\n'),
  );
}
