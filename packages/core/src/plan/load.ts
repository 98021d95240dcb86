import type { Checked, Diagnostic } from '../scenario/diagnostic.js';
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
  const diagnostics = resolved.problems.map(
    (p): Diagnostic => ({ file, ...locate(parsed.value.source, p.path), path: p.path, message: p.message }),
  );
  return { ok: false, diagnostics: diagnostics as [Diagnostic, ...Diagnostic[]] };
}
