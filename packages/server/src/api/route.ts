import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../context.js';
import type { Caller } from '../db/store.js';
import type { Reply } from '../http/reply.js';
import type { RouteKey } from '../http/router.js';
import { requireCaller } from './auth.js';

/** The parameter names of a path template: `'id' | 'version'` for `/api/scenarios/{id}/versions/{version}`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;

/** One API request as a handler sees it. */
export interface ApiRequest<Params extends string = string> {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** The path parameters, by the names in the route's template. */
  readonly params: Readonly<Record<Params, string>>;
  /** The client's address, as the limits and the audit log key it. */
  readonly client: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRoute extends RouteKey {
  readonly method: Method;
  /** The path in OpenAPI's template syntax: the document describes each route under this key. */
  readonly path: string;
  /** Whether the route needs a bearer token; the document marks the same operations with `security`. */
  readonly needsToken: boolean;
  readonly handle: (app: AppContext, request: ApiRequest) => Reply | Promise<Reply>;
}

type Handler<P extends string, Extra extends unknown[] = []> = (
  app: AppContext,
  request: ApiRequest<PathParamNames<P>>,
  ...extra: Extra
) => Reply | Promise<Reply>;

// The router fills in exactly the parameters the template names, so the handler may rely on them.
const withParams = <P extends string>(request: ApiRequest): ApiRequest<PathParamNames<P>> =>
  request as ApiRequest<PathParamNames<P>>;

export const publicRoute = <P extends string>(method: Method, path: P, handle: Handler<P>): ApiRoute => ({
  method,
  path,
  needsToken: false,
  handle: (app, request) => handle(app, withParams<P>(request)),
});

/** A route for token holders: the token is checked before anything else, and the handler gets its user. */
export const tokenRoute = <P extends string>(
  method: Method,
  path: P,
  handle: Handler<P, [caller: Caller]>,
): ApiRoute => ({
  method,
  path,
  needsToken: true,
  handle: (app, request) => handle(app, withParams<P>(request), requireCaller(app.store, request)),
});
