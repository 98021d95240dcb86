import { lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.js';

/** Where a whole document goes: replaced atomically, or streamed into a device or a pipe. */
type Target =
  | { readonly kind: 'replace'; readonly path: string }
  | { readonly kind: 'stream'; readonly path: string };

/**
 * Where writing `file` should go: a regular file (or a new one) is replaced atomically; a symlink is
 * followed and its target written (the link stays); a character device or a named pipe is written
 * through, as a careful Unix tool does (`--csv /dev/stdout`, a FIFO); a directory or anything else is
 * refused.
 */
function targetOf(option: string, file: string): Target {
  if (file === '') throw new UserError(`${option}: expected a file name, found an empty one`);
  let st: ReturnType<typeof lstatSync> | undefined;
  try {
    st = lstatSync(file);
  } catch {
    return { kind: 'replace', path: file };
  }
  const path = st.isSymbolicLink() ? resolveLink(option, file) : file;
  const real = path === file ? st : statOrUndefined(path);
  if (!real || real.isFile()) return { kind: 'replace', path };
  if (real.isCharacterDevice() || real.isFIFO()) return { kind: 'stream', path };
  const what = real.isDirectory() ? 'a directory' : 'not a regular file, a device or a pipe';
  throw new UserError(`${option}: ${file}: cannot write: ${what}`);
}

function resolveLink(option: string, file: string): string {
  try {
    return realpathSync(file);
  } catch {
    throw new UserError(`${option}: ${file}: cannot write: a symbolic link to nothing`);
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes a whole document to a file an option names, or nothing: a regular file gets a temporary
 * sibling renamed over it (removed again on any failure), so a reader never sees half a file.
 */
export function writeOutput(option: string, file: string, text: string): void {
  const target = targetOf(option, file);
  if (target.kind === 'stream') {
    try {
      writeFileSync(target.path, text);
    } catch (e) {
      throw new UserError(`${option}: ${file}: cannot write: ${(e as Error).message}`);
    }
    return;
  }
  const tmp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, target.path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`${option}: ${file}: cannot write: ${(e as Error).message}`);
  }
}
