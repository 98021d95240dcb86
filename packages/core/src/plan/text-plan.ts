import type { Diagnostic } from '../scenario/diagnostic.js';
import { loadScenario } from '../scenario/load.js';
import { locate, parseScenario } from '../scenario/parse.js';
import type { ReadRelative } from '../scenario/resolve.js';
import type { DatacenterPlan } from './datacenter-plan.js';
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
  if (r.ok) return r;
  // A workload the planner refuses is pointed at in the text like a schema error.
  const parsed = parseScenario(text, file);
  const at = parsed.ok ? locate(parsed.value.source, r.path) : { line: 0, column: 0 };
  return { ok: false, diagnostics: [{ file, ...at, path: r.path, message: r.message }] };
}
