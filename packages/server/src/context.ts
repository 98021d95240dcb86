import { openApiDocument } from './api/openapi.js';
import { PlanQuota } from './api/quotas.js';
import type { Store } from './db/store.js';
import { RateLimiter } from './http/rate-limit.js';
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
  /**
   * Failures the operator must see (answers of 500 and above with their stacks, a full disk): kept
   * apart from the request log so that turning that off never hides them. Default: `log`.
   */
  readonly logProblem?: (line: string) => void;
}

/** What every handler may use, with the options' defaults settled once. */
export interface AppContext {
  readonly store: Store;
  readonly pool: PlannerPool;
  readonly webDir: string | undefined;
  readonly bodyLimitBytes: number;
  readonly rateLimiter: RateLimiter;
  readonly planQuota: PlanQuota;
  readonly trustedProxies: number;
  /** Built once: it does not change while the server runs. */
  readonly openapi: unknown;
  readonly log: ((line: string) => void) | undefined;
  readonly logProblem: ((line: string) => void) | undefined;
}

export function createAppContext(options: AppOptions): AppContext {
  return {
    store: options.store,
    pool: options.pool,
    webDir: options.webDir,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    rateLimiter: new RateLimiter(options.ratePerS ?? 50, options.burst ?? 200),
    planQuota: new PlanQuota(options.maxPlansPerClient ?? 16),
    trustedProxies: options.trustedProxies ?? 0,
    openapi: openApiDocument(options.version ?? '0.0.0'),
    log: options.log,
    logProblem: options.logProblem ?? options.log,
  };
}
