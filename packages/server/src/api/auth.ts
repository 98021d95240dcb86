import type { Caller, Store } from '../db/store.js';
import { HttpError } from '../http/errors.js';
import type { ApiRequest } from './route.js';

/** The actor recorded for a token the server does not know: the token itself is never written down. */
export const UNKNOWN_TOKEN = '(unknown token)';

/** Enough of a request line to say what was tried: a method and a path with an id or two. */
const DETAIL_CHARS = 200;

/**
 * The user of the request's bearer token, with the client it came from; 401 without a live token. A
 * token that is presented but unknown, revoked or malformed is a failed authentication and is audited
 * with the client's address; a request with no token at all is not (browsers send those routinely).
 */
export function requireCaller(store: Store, request: ApiRequest): Caller {
  const header = request.req.headers.authorization;
  if (header === undefined || header === '') {
    throw new HttpError(
      401,
      'unauthorized',
      'this needs a bearer token: create one with `aidc-server token create`',
    );
  }
  const m = /^Bearer\s+(\S{1,200})$/i.exec(header);
  const found = m ? store.users.authenticate(m[1]!) : ({ kind: 'unknown' } as const);
  if (found.kind === 'user') return { name: found.user.name, client: request.client, user: found.user };
  store.audit.deny({
    action: 'auth.failed',
    actor: found.kind === 'revoked' ? found.user : UNKNOWN_TOKEN,
    client: request.client,
    target: found.kind === 'revoked' ? `token ${found.tokenId} (revoked)` : 'token',
    // A path may hold any text where a version goes: its row stays small.
    detail: `${request.req.method} ${request.url.pathname}`.slice(0, DETAIL_CHARS),
  });
  throw new HttpError(401, 'unauthorized', 'the bearer token is unknown or revoked');
}
