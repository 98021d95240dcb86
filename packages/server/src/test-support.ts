import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserRole } from './db/roles.js';
import { Store } from './db/store.js';
import { type RunningServer, type ServerOptions, startServer } from './index.js';

export { spawnServer } from './spawn-server.js';

/** The compiled planner worker: `npm test` builds before it runs, and Node runs no TypeScript. */
export const BUILT_WORKER = new URL('../dist/planning/worker.js', import.meta.url);

export const example = (name: string): string =>
  readFileSync(new URL(`../../../examples/${name}.yaml`, import.meta.url), 'utf8');

export function tempDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'aidc-server-')), 'aidc.sqlite');
}

/** A token written straight into the database file, as `aidc-server token create` does. */
export function createToken(dbFile: string, name = 'tester', role: UserRole = 'member'): string {
  const s = new Store(dbFile);
  const t = s.users.createToken(name, role).token;
  s.close();
  return t;
}

/** A server on a fresh file with a member's token and an admin's. */
export async function testServer(
  extra: Partial<ServerOptions> = {},
): Promise<RunningServer & { token: string; adminToken: string; dbFile: string }> {
  const dbFile = extra.dbFile ?? tempDbFile();
  const token = createToken(dbFile);
  const adminToken = createToken(dbFile, 'admin', 'admin');
  const running = await startServer({ dbFile, port: 0, threads: 2, workerUrl: BUILT_WORKER, ...extra });
  // A thread's start-up is not what these tests time: on a loaded machine it can outlast a short
  // queue limit (the CI run at fc7d9fc beside a fuzz run: a 503 where a plan timeout was tested).
  await running.ready();
  return Object.assign(running, { token, adminToken, dbFile });
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers by shape in their assertions
  readonly json: any;
}

/** One request; the body is sent as JSON unless it is already a string. */
export async function request(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; type?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}
