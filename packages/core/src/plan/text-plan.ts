import type { Diagnostic } from '../scenario/diagnostic.js';
import { locate, parseScenario } from '../scenario/parse.js';
import type { DatacenterPlan } from './datacenter-types.js';
import { loadScenario } from './load.js';
import type { ReadRelative } from './resolve.js';
import { planScenario, type ScenarioPlanOptions } from './scenario-plan.js';

/** Scenario text to a plan, or every problem located at its field: what the API and the browser show. */
export type TextPlanResult =
  | { readonly ok: true; readonly plan: DatacenterPlan }
  | { readonly ok: false; readonly diagnostics: readonly [Diagnostic, ...Diagnostic[]] };

/** Checks scenario text without planning it: the same diagnostics the CLI prints. */
export function checkText(
  text: string,
  file: string,
  readRelative?: ReadRelative,
):
  | { readonly ok: true }
  | { readonly ok: false; readonly diagnostics: readonly [Diagnostic, ...Diagnostic[]] } {
  const loaded = loadScenario(text, file, readRelative);
  return loaded.ok ? { ok: true } : loaded;
}

export function planText(
  text: string,
  file: string,
  readRelative?: ReadRelative,
  options: ScenarioPlanOptions = {},
): TextPlanResult {
  const loaded = loadScenario(text, file, readRelative);
  if (!loaded.ok) return loaded;
  const r = planScenario(loaded.value, options);
  return r.ok ? r : { ok: false, diagnostics: [locatePlanFailure(text, file, r)] };
}

/** A workload the planner refuses, pointed at in the text like a schema error (or at the nearest
 * field the text has, when the one at fault was left to its default). */
export function locatePlanFailure(
  text: string,
  file: string,
  failure: { readonly path: readonly (string | number)[]; readonly message: string },
): Diagnostic {
  const parsed = parseScenario(text, file);
  const at = parsed.ok ? locate(parsed.value.source, failure.path) : { line: 0, column: 0 };
  return { file, ...at, path: failure.path, message: failure.message };
}
