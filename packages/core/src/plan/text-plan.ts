import { type Diagnostic, type Refusal, refusal, type Unlocated } from '../explain/refusal.js';
import { locate, parseScenario } from '../scenario/parse.js';
import type { DatacenterPlan } from './datacenter-types.js';
import { loadScenario } from './load.js';
import type { ReadRelative } from './resolve.js';
import { planScenario, type ScenarioPlanOptions } from './scenario-plan.js';

/** Scenario text to a plan, or the refusal with every reason located at its field: the one entry
 * point the CLI, the API and the browser plan through. */
export type TextPlanResult =
  | { readonly ok: true; readonly plan: DatacenterPlan }
  | { readonly ok: false; readonly refusal: Refusal };

/** Checks scenario text without planning it: the same refusal the CLI prints. */
export function checkText(
  text: string,
  file: string,
  readRelative?: ReadRelative,
): { readonly ok: true } | { readonly ok: false; readonly refusal: Refusal } {
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
  return r.ok ? r : { ok: false, refusal: planRefusal(text, file, r) };
}

/** A reason the planner gives, pointed at in the text like a schema error (or at the nearest field
 * the text has, when the one at fault was left to its default). */
export function locateReason(text: string, file: string, reason: Unlocated): Diagnostic {
  const parsed = parseScenario(text, file);
  const at = parsed.ok ? locate(parsed.value.source, reason.path) : { line: 0, column: 0 };
  return { file, ...at, path: reason.path, code: reason.code, message: reason.message };
}

/** The planner's refusal of a scenario that checks, located in its text. */
export function planRefusal(text: string, file: string, reason: Unlocated): Refusal {
  return refusal('plan', [locateReason(text, file, reason)]);
}
