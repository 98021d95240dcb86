import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SpawnedServer {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

/** The server as its own process, as `npm start` runs it; resolves once it prints its address. */
export function spawnServer(dbFile: string, args: readonly string[] = []): Promise<SpawnedServer> {
  const bin = fileURLToPath(new URL('../bin/aidc-server.js', import.meta.url));
  const child = spawn(process.execPath, [bin, '--db', dbFile, '--port', '0', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /aidc planner at (http:\/\/[^/\s]+)\//.exec(out);
      if (m) resolve({ url: m[1]!, child, exited });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened: ${err}`)));
  });
}
