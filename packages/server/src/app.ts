import type { IncomingMessage, ServerResponse } from 'node:http';
import { comparePlans, type DatacenterPlan } from '@aidc/core';
import type { z } from 'zod';
import { openApiDocument } from './api/openapi.js';
import {
  planRequestSchema,
  REF_PATTERN,
  saveRequestSchema,
  shareRequestSchema,
  versionRequestSchema,
} from './api/schemas.js';
import type { Actor, Store } from './db/store.js';
import { readJson } from './http/body.js';
import { requestClient } from './http/client-address.js';
import { HttpError } from './http/errors.js';
import { clientKey, RateLimiter } from './http/rate-limit.js';
import { staticFile } from './http/static.js';
import type { PlanOutcome } from './planning/contract.js';
import type { PlannerPool } from './planning/pool.js';

export interface AppOptions {
  readonly store: Store;
  readonly pool: PlannerPool;
  /** The built web app to serve at /, when there is one. */
  readonly webDir?: string | undefined;
  readonly bodyLimitBytes?: number;
  /** Requests per second and burst per client on /api; 0 turns the limit off. */
  readonly ratePerS?: number;
  readonly burst?: number;
  /** Reverse proxies in front that append to X-Forwarded-For; 0 (default) trusts the header not at all. */
  readonly trustedProxies?: number;
  /** Plans one client may have waiting or running at once; 0 turns the cap off. */
  readonly maxPlansPerClient?: number;
  readonly version?: string;
  /** One line per request, for the console; none when absent. */
  readonly log?: (line: string) => void;
}

interface Reply {
  readonly status: number;
  readonly json?: unknown;
  /** A body already encoded as JSON (plans come from the planner threads as text). */
  readonly jsonText?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Ctx {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly params: readonly string[];
  readonly client: string;
}

type Handler = (ctx: Ctx) => Promise<Reply> | Reply;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/** The scenario's file name in diagnostics the API returns. */
const FILE = 'scenario.yaml';

export function createApp(options: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { store, pool } = options;
  const limit = options.bodyLimitBytes ?? 1024 * 1024;
  const limiter = new RateLimiter(options.ratePerS ?? 50, options.burst ?? 200);
  const maxPlansPerClient = options.maxPlansPerClient ?? 16;
  const openapi = openApiDocument(options.version ?? '0.0.0');

  async function parse<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
    const body = await readJson(req, limit);
    const r = schema.safeParse(body);
    if (r.success) return r.data;
    const issue = r.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new HttpError(400, 'bad_request', `${where}${issue.message}`);
  }

  function actor(ctx: Ctx): Actor {
    const header = String(ctx.req.headers.authorization ?? '');
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
    return { name: owner, client: ctx.client };
  }

  /** The plan as JSON text, or undefined for a scenario that was only checked. */
  function planned(o: PlanOutcome): string | undefined {
    switch (o.kind) {
      case 'planned':
        return o.planJson;
      case 'valid':
        return undefined;
      case 'invalid':
        throw new HttpError(422, 'invalid_scenario', 'the scenario has problems', {
          diagnostics: o.diagnostics,
        });
      case 'timeout':
        throw new HttpError(
          422,
          'plan_timeout',
          `planning passed the limit of ${o.seconds} s; plan a smaller scenario`,
        );
      case 'busy':
        throw new HttpError(503, 'busy', 'every planner is busy; try again shortly', { retryAfterS: 1 });
      case 'error':
        throw new HttpError(500, 'planner_error', `the planner failed: ${o.message}`);
    }
  }

  // Plans for anyone (planning needs no token) are capped per client, so one client's burst cannot
  // queue the whole pool; saves of token holders go ahead of them.
  const pending = new Map<string, number>();
  async function planFor(address: string, op: 'plan' | 'validate', yaml: string, priority: 'write' | 'read') {
    const client = clientKey(address);
    const n = pending.get(client) ?? 0;
    if (priority === 'read' && maxPlansPerClient > 0 && n >= maxPlansPerClient) {
      throw new HttpError(
        429,
        'too_many_plans',
        `${n} plans from this client are already waiting; wait for them`,
        {
          retryAfterS: 1,
        },
      );
    }
    pending.set(client, n + 1);
    try {
      return await pool.run(op, yaml, FILE, priority);
    } finally {
      const left = (pending.get(client) ?? 1) - 1;
      if (left > 0) pending.set(client, left);
      else pending.delete(client);
    }
  }

  async function planOf(client: string, yaml: string, priority: 'write' | 'read'): Promise<string> {
    return planned(await planFor(client, 'plan', yaml, priority))!;
  }

  function wholeParam(s: string | null, name: string, min: number, max: number, fallback: number): number {
    if (s === null) return fallback;
    const v = Number(s);
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new HttpError(400, 'bad_request', `${name}: expected a whole number from ${min} to ${max}`);
    }
    return v;
  }

  function versionParam(s: string): number {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 1 || v > 1_000_000)
      throw new HttpError(400, 'bad_request', 'version: expected a whole number ≥ 1');
    return v;
  }

  function resolveRef(s: string | null, which: string) {
    const m = REF_PATTERN.exec(s ?? '');
    if (!m) throw new HttpError(400, 'bad_request', `${which}: expected a saved scenario id, or id@version`);
    const v = store.getVersion(m[1]!, m[2] ? Number(m[2]) : undefined);
    if (!v) throw new HttpError(404, 'not_found', `${which}: no saved scenario ${s}`);
    return v;
  }

  const notFound = (what: string): never => {
    throw new HttpError(404, 'not_found', `no ${what}`);
  };

  const routes: readonly { method: string; pattern: RegExp; handler: Handler }[] = [
    {
      method: 'GET',
      pattern: /^\/api\/health$/,
      handler: () => ({ status: 200, json: { ok: true, schema: store.schemaVersion } }),
    },
    { method: 'GET', pattern: /^\/api\/openapi\.json$/, handler: () => ({ status: 200, json: openapi }) },
    {
      method: 'POST',
      pattern: /^\/api\/validate$/,
      handler: async ({ req, client }) => {
        const { yaml } = await parse(req, planRequestSchema);
        planned(await planFor(client, 'validate', yaml, 'read'));
        return { status: 200, json: { ok: true } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/plan$/,
      handler: async ({ req, client }) => {
        const { yaml } = await parse(req, planRequestSchema);
        return { status: 200, jsonText: `{"plan":${await planOf(client, yaml, 'read')}}` };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/scenarios$/,
      handler: (ctx) => {
        actor(ctx);
        const lim = wholeParam(ctx.url.searchParams.get('limit'), 'limit', 1, 500, 100);
        const off = wholeParam(ctx.url.searchParams.get('offset'), 'offset', 0, 1_000_000_000, 0);
        return { status: 200, json: { scenarios: store.listScenarios(lim, off) } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/scenarios$/,
      handler: async (ctx) => {
        const who = actor(ctx);
        const { name, yaml } = await parse(ctx.req, saveRequestSchema);
        const saved = store.createScenario(name, yaml, await planOf(ctx.client, yaml, 'write'), who);
        return { status: 201, json: saved };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/scenarios\/([A-Za-z0-9_-]{22})$/,
      handler: (ctx) => {
        actor(ctx);
        return { status: 200, json: store.getScenario(ctx.params[0]!) ?? notFound('such scenario') };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/scenarios\/([A-Za-z0-9_-]{22})$/,
      handler: (ctx) => {
        const who = actor(ctx);
        if (!store.deleteScenario(ctx.params[0]!, who)) notFound('such scenario');
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/scenarios\/([A-Za-z0-9_-]{22})\/versions$/,
      handler: async (ctx) => {
        const who = actor(ctx);
        const { name, yaml } = await parse(ctx.req, versionRequestSchema);
        if (!store.getScenario(ctx.params[0]!)) notFound('such scenario');
        const plan = await planOf(ctx.client, yaml, 'write');
        return {
          status: 201,
          json: store.addVersion(ctx.params[0]!, name, yaml, plan, who) ?? notFound('such scenario'),
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/scenarios\/([A-Za-z0-9_-]{22})\/versions\/([^/]+)$/,
      handler: (ctx) => {
        actor(ctx);
        const v = store.getVersion(ctx.params[0]!, versionParam(ctx.params[1]!));
        return { status: 200, json: v ?? notFound('such version') };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/scenarios\/([A-Za-z0-9_-]{22})\/shares$/,
      handler: async (ctx) => {
        const who = actor(ctx);
        const { version } = await parse(ctx.req, shareRequestSchema);
        const s = store.createShare(ctx.params[0]!, version, who) ?? notFound('such version');
        return { status: 201, json: { share: s.id, version: s.version, url: `/share/${s.id}` } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/shares\/([A-Za-z0-9_-]{1,64})$/,
      handler: (ctx) => {
        const v = store.getShare(ctx.params[0]!) ?? notFound('such share link');
        const { author: _private, ...shown } = v;
        return { status: 200, json: shown };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/compare$/,
      handler: (ctx) => {
        actor(ctx);
        const a = resolveRef(ctx.url.searchParams.get('a'), 'a');
        const b = resolveRef(ctx.url.searchParams.get('b'), 'b');
        const side = (v: typeof a) => ({ scenarioId: v.scenarioId, name: v.name, version: v.version });
        return {
          status: 200,
          json: {
            a: side(a),
            b: side(b),
            rows: comparePlans(a.plan as DatacenterPlan, b.plan as DatacenterPlan),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/audit$/,
      handler: (ctx) => {
        actor(ctx);
        return { status: 200, json: { entries: store.auditLog(200) } };
      },
    },
  ];

  function send(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'cache-control': 'no-store',
      ...reply.headers,
    };
    if (reply.json === undefined && reply.jsonText === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    const text = reply.jsonText ?? JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(reply.status, headers).end(text);
  }

  function failure(e: unknown): Reply {
    if (e instanceof HttpError) {
      const headers: Record<string, string> = e.details.retryAfterS
        ? { 'retry-after': String(e.details.retryAfterS) }
        : {};
      const diagnostics = e.details.diagnostics ? { diagnostics: e.details.diagnostics } : {};
      return {
        status: e.status,
        headers,
        json: { error: { code: e.code, message: e.message, ...diagnostics } },
      };
    }
    options.log?.(`internal error: ${(e as Error).stack ?? String(e)}`);
    return { status: 500, json: { error: { code: 'internal', message: 'the server failed; see its log' } } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const client = requestClient(req, options.trustedProxies ?? 0);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      send(res, failure(new HttpError(400, 'bad_request', 'the request URL cannot be read')));
      return;
    }
    let reply: Reply;
    if (url.pathname.startsWith('/api/')) {
      try {
        const wait = limiter.take(client);
        if (wait > 0)
          throw new HttpError(429, 'rate_limited', `too many requests; wait ${wait} s`, {
            retryAfterS: wait,
          });
        const sameRoute = routes.filter((r) => r.pattern.test(url.pathname));
        if (sameRoute.length === 0) throw new HttpError(404, 'not_found', `no API at ${url.pathname}`);
        const method = req.method === 'HEAD' ? 'GET' : req.method;
        const route = sameRoute.find((r) => r.method === method);
        if (!route) {
          throw new HttpError(
            405,
            'method_not_allowed',
            `${req.method} is not allowed; use ${sameRoute.map((r) => r.method).join(' or ')}`,
          );
        }
        const params = route.pattern.exec(url.pathname)!.slice(1);
        reply = await route.handler({ req, url, params, client });
      } catch (e) {
        reply = failure(e);
      }
      send(res, reply);
    } else if ((req.method === 'GET' || req.method === 'HEAD') && options.webDir) {
      const f = await staticFile(options.webDir, url.pathname);
      if (!f) {
        send(res, {
          status: 404,
          json: { error: { code: 'not_found', message: `no file ${url.pathname}` } },
        });
      } else {
        res
          .writeHead(200, {
            ...SECURITY_HEADERS,
            'content-type': f.type,
            'cache-control': f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          })
          .end(req.method === 'HEAD' ? undefined : f.body);
      }
    } else {
      send(
        res,
        failure(new HttpError(404, 'not_found', 'the web app is not built here: run `npm run build`')),
      );
    }
    options.log?.(
      `${req.method} ${url.pathname} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`,
    );
  }

  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, failure(e));
      else res.destroy();
    });
  };
}
