import type { IncomingMessage, ServerResponse } from 'node:http';
import { takeRateToken } from './api/quotas.js';
import type { ApiRoute } from './api/route.js';
import { API_ROUTES, PATH_PARAMS } from './api/routes.js';
import { type AppContext, type AppOptions, createAppContext } from './context.js';
import { requestClient } from './http/client-address.js';
import { HttpError } from './http/errors.js';
import { errorReply, type Reply, sendReply } from './http/reply.js';
import { Router } from './http/router.js';
import { webAppReply } from './http/static.js';

export type { AppOptions } from './context.js';

/** The request handler for node:http: the API under /api, the web app everywhere else. */
export function createApp(options: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const app = createAppContext(options);
  const router = new Router(API_ROUTES, PATH_PARAMS);
  return (req, res) => {
    handle(app, router, req, res).catch((e: unknown) => {
      if (!res.headersSent) sendReply(res, errorReply(e, problemLog(app, req, req.url ?? '')));
      else res.destroy();
    });
  };
}

async function handle(
  app: AppContext,
  router: Router<ApiRoute>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const client = requestClient(req, app.trustedProxies);
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    sendReply(res, errorReply(new HttpError(400, 'bad_request', 'the request URL cannot be read')));
    return;
  }
  const reply = url.pathname.startsWith('/api/')
    ? await apiReply(app, router, req, url, client)
    : await webAppFile(app, req, url, client);
  sendReply(res, reply);
  app.log?.(`${req.method} ${url.pathname} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
}

/** Lines for the operator's log, each saying which request failed and for whom. */
function problemLog(app: AppContext, req: IncomingMessage, path: string) {
  const log = app.logProblem;
  return log && ((line: string) => log(`${req.method} ${path}: ${line}`));
}

/** The web app's files count against the same rate as the API: reading them costs the disk. */
async function webAppFile(app: AppContext, req: IncomingMessage, url: URL, client: string): Promise<Reply> {
  try {
    takeRateToken(app.rateLimiter, client);
  } catch (e) {
    return errorReply(e);
  }
  return webAppReply(app.webDir, req.method, url.pathname);
}

/** The rate limit comes first, so that even requests for no route count against it. */
async function apiReply(
  app: AppContext,
  router: Router<ApiRoute>,
  req: IncomingMessage,
  url: URL,
  client: string,
): Promise<Reply> {
  try {
    takeRateToken(app.rateLimiter, client);
    const { route, params } = router.match(req.method, url.pathname);
    return await route.handle(app, { req, url, params, client });
  } catch (e) {
    return errorReply(e, problemLog(app, req, `${url.pathname} from ${client}`));
  }
}
