import type { Actor, Store } from '../db/store.js';
import { HttpError } from '../http/errors.js';
import type { ApiRequest } from './route.js';

/** The owner of the request's bearer token, with the client it came from; 401 without a live token. */
export function requireActor(store: Store, request: ApiRequest): Actor {
  const header = String(request.req.headers.authorization ?? '');
  const m = /^Bearer\s+(\S{1,200})$/i.exec(header);
  const owner = m ? store.tokenOwner(m[1]!) : undefined;
  if (!owner) {
    throw new HttpError(
      401,
      'unauthorized',
      m
        ? 'the bearer token is unknown or revoked'
        : 'this needs a bearer token: create one with `aidc-server token create`',
    );
  }
  return { name: owner, client: request.client };
}
