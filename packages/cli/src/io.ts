import { readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { formatRefusal, loadScenario, planRefusal, type ReasonCode, type ResolvedScenario } from '@aidc/core';
import { UserError } from './errors.js';

/** Scenario files and the files they refer to are text a person wrote: far below this. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** What a path is, in the words an error gives, when it is not a regular file. */
function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a named pipe, not a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a file';
  return 'is not a regular file';
}

/** Why a path cannot be read as an input file, or its text: regular files only, of a bounded size,
 * checked before opening (so a pipe or /dev/zero never blocks or fills memory). */
function readInput(
  path: string,
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly why: string } {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, why: code === 'ENOENT' ? 'no such file' : (e as Error).message };
  }
  const irregular = notRegular(st);
  if (irregular) return { ok: false, why: irregular };
  if (st.size > MAX_INPUT_BYTES)
    return {
      ok: false,
      why: `is ${(st.size / 2 ** 20).toFixed(1)} MiB, more than the ${MAX_INPUT_BYTES / 2 ** 20} MiB an input may be`,
    };
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}

export function readText(file: string): string {
  const r = readInput(file);
  if (!r.ok) throw new UserError(`${file}: cannot read: ${r.why}`);
  return r.text;
}

/** Whether a scenario may refer to files outside its own folder (a command-line choice). */
export interface ReferencePolicy {
  readonly allowOutside?: boolean;
}

/**
 * Reads the files a scenario refers to (a trace, a Hugging Face config) relative to the scenario:
 * regular files of a bounded size, inside the scenario's folder unless the user allows others. A file
 * it may not read is reported by the planner as unreadable, its contents never echoed.
 */
export function readRelativeTo(
  file: string,
  policy: ReferencePolicy = {},
): (rel: string) => string | undefined {
  const base = dirname(resolve(file));
  return (rel) => {
    const path = resolve(base, rel);
    if (!policy.allowOutside) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return undefined;
      }
      const inside = relative(realpathSync(base), real);
      if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
    }
    const r = readInput(path);
    return r.ok ? r.text : undefined;
  };
}

/** Reads and resolves a scenario file; every problem is reported as file:line:column. */
export function readScenario(file: string, policy: ReferencePolicy = {}): ResolvedScenario {
  const loaded = loadScenario(readText(file), file, readRelativeTo(file, policy));
  if (!loaded.ok) throw new UserError(formatRefusal(loaded.refusal));
  return loaded.value;
}

/** A workload the planner refused, as file:line:column at its field: the refusal every face shows. */
export function planFailure(
  file: string,
  failure: {
    readonly path: readonly (string | number)[];
    readonly code: ReasonCode;
    readonly message: string;
  },
): UserError {
  return new UserError(formatRefusal(planRefusal(readText(file), file, failure)));
}

/** Writes a whole document to stdout at once, so a failure leaves nothing half-written. */
export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
