import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/** Deeper JSON than any request needs is refused before it is parsed (the parser recurses). */
export const MAX_JSON_DEPTH = 32;

/** Reads a request body, refusing it with 413 as soon as it passes `limitBytes`. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.pause();
    throw new HttpError(
      413,
      'too_large',
      `the request body is ${declared} bytes; the limit is ${limitBytes}`,
      { closeConnection: true },
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) {
        req.pause();
        throw new HttpError(413, 'too_large', `the request body passes the limit of ${limitBytes} bytes`, {
          closeConnection: true,
        });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    // The client went away mid-upload: its mistake, not the server's.
    throw new HttpError(400, 'aborted', 'the request body ended before it was complete');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The nesting depth of JSON text, counted without parsing it (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/**
 * Whether a Content-Type header says JSON in UTF-8: the media type exactly `application/json` (any
 * case, RFC 9110), with no charset or `charset=utf-8`. A prefix test would also take
 * `application/json-evil` or `application/json+x`, which are other types.
 */
export function isJsonContentType(header: string): boolean {
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

export async function readJson(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!isJsonContentType(type)) {
    throw new HttpError(415, 'unsupported_media_type', `send the body as application/json, not "${type}"`);
  }
  const text = await readBody(req, limitBytes);
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'too_deep', `the JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, 'bad_json', `the body is not JSON: ${(e as Error).message}`);
  }
}
