import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatRefusal, loadScenario, planRefusal, type ReasonCode, type ResolvedScenario } from '@aidc/core';
import { UserError } from './errors.js';

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UserError(`${file}: cannot read: ${why}`);
  }
}

/** Reads the files a scenario refers to (a trace, a Hugging Face config) relative to the scenario. */
export function readRelativeTo(file: string): (rel: string) => string | undefined {
  const base = dirname(resolve(file));
  return (rel) => {
    try {
      return readFileSync(resolve(base, rel), 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** Reads and resolves a scenario file; every problem is reported as file:line:column. */
export function readScenario(file: string): ResolvedScenario {
  const loaded = loadScenario(readText(file), file, readRelativeTo(file));
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
