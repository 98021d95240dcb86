import { type Checked, type Diagnostic, refusalOf } from '../explain/refusal.js';
import { locate, parseScenario } from '../scenario/parse.js';
import { type ReadRelative, type ResolvedScenario, resolveScenario } from './resolve.js';

/** Text to a resolved scenario, or located problems. Pure: files it refers to come through `readRelative`. */
export function loadScenario(
  text: string,
  file: string,
  readRelative?: ReadRelative,
): Checked<ResolvedScenario> {
  const parsed = parseScenario(text, file);
  if (!parsed.ok) return parsed;
  const resolved = resolveScenario(parsed.value.scenario, readRelative);
  if (resolved.ok) return { ok: true, value: resolved.value };
  return {
    ok: false,
    refusal: refusalOf(
      'scenario',
      resolved.problems,
      (p): Diagnostic => ({ file, ...locate(parsed.value.source, p.path), ...p }),
    ),
  };
}
