import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppOptions, createApp } from './app.js';
import { startMaintenance } from './db/maintenance.js';
import { Store } from './db/store.js';
import { PlannerPool } from './planning/pool.js';

export { Store } from './db/store.js';

/** How often slow requests are looked for; see the comment where it is used. */
const CONNECTION_CHECK_MS = 1000;

export interface ServerOptions extends Omit<AppOptions, 'store' | 'pool'> {
  /** The SQLite file; it and its folder are made when missing. */
  readonly dbFile: string;
  /** Days a deleted scenario stays restorable; DEFAULT_RETENTION_DAYS when absent. */
  readonly retentionDays?: number;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly threads?: number;
  readonly planTimeoutS?: number;
  readonly maxQueue?: number;
  /** Seconds a plan may wait for a planner thread before it is answered 503; default: planTimeoutS. */
  readonly queueTimeoutS?: number;
  /** A request whose headers and body have not all arrived by then is answered 408 and closed; default 60. */
  readonly requestTimeoutS?: number;
  /** The same for the headers alone; default 20. */
  readonly headersTimeoutS?: number;
  /** See PoolOptions.workerUrl. */
  readonly workerUrl?: URL;
}

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  /** Resolves once every planner thread has loaded and can take a plan at once. The server answers
   * before that (a plan waits in the queue meanwhile); tests that time plans wait for it, so that a
   * thread's start-up on a loaded machine does not count against the plan's queue limit. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const store = new Store(
    options.dbFile,
    options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {},
  );
  const stopMaintenance = startMaintenance(store, options.log);
  const pool = new PlannerPool({
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.planTimeoutS !== undefined ? { timeoutS: options.planTimeoutS } : {}),
    ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
    ...(options.queueTimeoutS !== undefined ? { queueTimeoutS: options.queueTimeoutS } : {}),
    ...(options.workerUrl !== undefined ? { workerUrl: options.workerUrl } : {}),
  });
  const requestTimeoutS = options.requestTimeoutS ?? 60;
  const server = createServer(
    {
      requestTimeout: requestTimeoutS * 1000,
      headersTimeout: Math.min(options.headersTimeoutS ?? 20, requestTimeoutS) * 1000,
      // Node checks the two timeouts on this period (30 s by default), so a slow body would be cut
      // anywhere from 60 to 90 s; checked every second, it is cut within a second of the limit.
      connectionsCheckingInterval: CONNECTION_CHECK_MS,
    },
    createApp({ ...options, store, pool }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    server,
    ready: () => pool.ready(),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
      stopMaintenance();
      store.close();
    },
  };
}
