import { planJson, planServings, renderServing } from '@aidc/core';
import { UserError } from '../errors.js';
import { planFailure, readScenario, writeOut } from '../io.js';
import { progress } from '../render/progress.js';

export function serveCommand(
  file: string,
  opts: { json?: boolean; explain?: boolean; allowOutside?: boolean },
): void {
  const scenario = readScenario(file, { allowOutside: opts.allowOutside === true });
  if (scenario.servings.length === 0) {
    throw new UserError(
      `${file}: no serve workload; add one under workloads (docs/scenario.md), or use aidc train`,
    );
  }
  const bar = progress(`searching deployments for ${scenario.servings.map((s) => s.name).join(', ')}`);
  const r = planServings(scenario, { onProgress: bar.update });
  bar.done();
  if (!r.ok) throw planFailure(file, r);
  const plans = r.plans;
  writeOut(
    opts.json
      ? planJson('aidc-plan/serving@1', { plans })
      : plans.map((p) => renderServing(p, opts.explain === true)).join('\n\n'),
  );
}
