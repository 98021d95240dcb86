import type { ServerResponse } from 'node:http';
import { HttpError } from './errors.js';

/** What a request is answered with; handlers return it rather than write to the socket. */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  /** A body already encoded as JSON (plans come from the planner threads as text). */
  readonly jsonText?: string;
  /** Bytes sent as they are, typed by a content-type in `headers` (the web app's files). */
  readonly body?: Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

export const ok = (json: unknown): Reply => ({ status: 200, json });
export const created = (json: unknown): Reply => ({ status: 201, json });

export function sendReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'cache-control': 'no-store',
    ...reply.headers,
  };
  if (reply.body !== undefined) {
    res.writeHead(reply.status, headers).end(reply.body);
    return;
  }
  if (reply.json === undefined && reply.jsonText === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = reply.jsonText ?? JSON.stringify(reply.json);
  headers['content-type'] = 'application/json; charset=utf-8';
  res.writeHead(reply.status, headers).end(text);
}

/** SQLite's and the OS's words for a disk with no room left. */
const DISK_FULL_CODES: ReadonlySet<string> = new Set(['SQLITE_FULL', 'ENOSPC']);

const diskFull = new HttpError(
  507,
  'storage_full',
  "the server's disk is full: nothing was saved; try again once its operator has made room",
);

/**
 * The answer to a refusal or a failure, as `{error: {code, message, diagnostics?, omitted?, refusal?}}`: a
 * refused scenario carries core's Refusal, and its diagnostics (and the count of those left out) beside
 * it for clients that read only those. A full disk is answered 507 `storage_full`. Any other failure that is not an HttpError is a bug: the
 * caller sees only that the server failed. Every answer of 500 and above is logged with what the
 * operator needs (the stack, the planner's stack), however quiet the request log is.
 */
export function errorReply(e: unknown, log?: (line: string) => void): Reply {
  const code = (e as { code?: unknown } | null)?.code;
  if (!(e instanceof HttpError) && typeof code === 'string' && DISK_FULL_CODES.has(code)) {
    log?.(`storage_full: ${(e as Error).message}`);
    return errorReply(diskFull);
  }
  if (e instanceof HttpError) {
    if (e.status >= 500) log?.(`${e.code}: ${e.message}${e.details.log ? `\n${e.details.log}` : ''}`);
    const headers: Record<string, string> = {
      ...(e.details.retryAfterS ? { 'retry-after': String(e.details.retryAfterS) } : {}),
      ...(e.details.closeConnection ? { connection: 'close' } : {}),
    };
    const refused = e.details.refusal
      ? {
          diagnostics: e.details.refusal.diagnostics,
          ...(e.details.refusal.omitted ? { omitted: e.details.refusal.omitted } : {}),
          refusal: e.details.refusal,
        }
      : {};
    return {
      status: e.status,
      headers,
      json: { error: { code: e.code, message: e.message, ...refused } },
    };
  }
  log?.(`internal error: ${(e as Error).stack ?? String(e)}`);
  return { status: 500, json: { error: { code: 'internal', message: 'the server failed; see its log' } } };
}
