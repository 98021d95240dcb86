import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../context.js';
import type { Actor } from '../db/store.js';
import type { Reply } from '../http/reply.js';
import type { RouteKey } from '../http/router.js';
import { requireActor } from './auth.js';

/** One API request as a handler sees it. */
export interface ApiRequest {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** The path parameters, by the names in the route's template. */
  readonly params: Readonly<Record<string, string>>;
  /** The client's address, as the limits and the audit log key it. */
  readonly client: string;
}

export type Method = 'GET' | 'POST' | 'DELETE';

export interface ApiRoute extends RouteKey {
  readonly method: Method;
  /** The path in OpenAPI's template syntax: the document describes each route under this key. */
  readonly path: string;
  /** Whether the route needs a bearer token; the document marks the same operations with `security`. */
  readonly needsToken: boolean;
  readonly handle: (app: AppContext, request: ApiRequest) => Reply | Promise<Reply>;
}

export const publicRoute = (method: Method, path: string, handle: ApiRoute['handle']): ApiRoute => ({
  method,
  path,
  needsToken: false,
  handle,
});

/** A route for token holders: the token is checked before anything else, and the handler gets its owner. */
export const tokenRoute = (
  method: Method,
  path: string,
  handle: (app: AppContext, request: ApiRequest, actor: Actor) => Reply | Promise<Reply>,
): ApiRoute => ({
  method,
  path,
  needsToken: true,
  handle: (app, request) => handle(app, request, requireActor(app.store, request)),
});
