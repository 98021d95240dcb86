import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { Store } from './db/store.js';
import { startServer } from './index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const DEFAULT_WEB = fileURLToPath(new URL('../../web/dist', import.meta.url));
const DEFAULT_DB = process.env.AIDC_DB ?? 'data/aidc.sqlite';

function whole(min: number) {
  return (s: string): number => {
    const n = /^[0-9]{1,15}$/.test(s) ? Number(s) : Number.NaN;
    if (!(n >= min)) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

function fail(message: string): never {
  process.stderr.write(`aidc-server: ${message}\n`);
  process.exit(2);
}

function openStore(file: string): Store {
  try {
    return new Store(file);
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
}

const program = new Command('aidc-server')
  .description('Serve the aidc planner and its API, with saved plans in SQLite.')
  .version(pkg.version);

program
  .command('start', { isDefault: true })
  .description('serve the API and the web planner')
  .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
  .option('--port <port>', 'port to listen on (0: any free port)', whole(0), Number(process.env.PORT ?? 8080))
  .option('--db <file>', 'the SQLite file (env AIDC_DB)', DEFAULT_DB)
  .option('--web <dir>', 'the built web app to serve', DEFAULT_WEB)
  .option('--rate <n>', 'API requests per second per client; 0 turns the limit off', whole(0), 50)
  .option('--burst <n>', 'API requests a client may send at once above the rate', whole(1), 200)
  .option(
    '--max-plans-per-client <n>',
    'plans one client may have waiting at once; 0 turns the cap off',
    whole(0),
    16,
  )
  .option(
    '--trust-proxy <hops>',
    'reverse proxies in front that append to X-Forwarded-For; the client is that many entries from the right (0: use the socket address)',
    whole(0),
    0,
  )
  .option('--threads <n>', 'planner threads (default: one per core)', whole(1))
  .option('--plan-timeout <s>', 'stop a plan that runs longer, in seconds', whole(1), 30)
  .option('--quiet', 'no line per request (failures are still logged to stderr)')
  .action(
    async (o: {
      host: string;
      port: number;
      db: string;
      web: string;
      rate: number;
      burst: number;
      maxPlansPerClient: number;
      trustProxy: number;
      threads?: number;
      planTimeout: number;
      quiet?: boolean;
    }) => {
      if (!existsSync(o.web))
        process.stderr.write(
          `aidc-server: ${o.web} not found: run \`npm run build\` for the web app; the API still works\n`,
        );
      let running: Awaited<ReturnType<typeof startServer>>;
      try {
        running = await startServer({
          dbFile: o.db,
          host: o.host,
          port: o.port,
          webDir: existsSync(o.web) ? o.web : undefined,
          ratePerS: o.rate,
          burst: o.burst,
          maxPlansPerClient: o.maxPlansPerClient,
          trustedProxies: o.trustProxy,
          planTimeoutS: o.planTimeout,
          version: pkg.version,
          ...(o.threads !== undefined ? { threads: o.threads } : {}),
          ...(o.quiet ? {} : { log: (line: string) => process.stdout.write(`${line}\n`) }),
          // Failures reach stderr even with --quiet: it turns off the request lines only.
          logProblem: (line: string) => process.stderr.write(`${line}\n`),
        });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        fail(err.code === 'EADDRINUSE' ? `port ${o.port} is in use: pass --port` : err.message);
      }
      process.stdout.write(
        `aidc planner at ${running.url}/  (API: ${running.url}/api/openapi.json, database: ${o.db})\n` +
          'Saving needs a token: npx aidc-server token create --name <you>\n',
      );
      const stop = () => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  );

const token = program.command('token').description('bearer tokens for writes and saved scenarios');
token
  .command('create')
  .description('create a token; it is printed once and stored only as a hash')
  .requiredOption('--name <name>', 'who or what the token is for (shown in the audit log)')
  .option('--db <file>', 'the SQLite file (env AIDC_DB)', DEFAULT_DB)
  .action((o: { name: string; db: string }) => {
    if (!/^[\w .@-]{1,80}$/.test(o.name)) fail('--name: expected 1 to 80 letters, digits, spaces or . @ - _');
    const store = openStore(o.db);
    const t = store.createToken(o.name);
    store.close();
    process.stdout.write(`${t.token}\n`);
    process.stderr.write(`token ${t.id} for "${o.name}" created in ${o.db}; it is not shown again\n`);
  });
token
  .command('list')
  .option('--db <file>', 'the SQLite file (env AIDC_DB)', DEFAULT_DB)
  .action((o: { db: string }) => {
    const store = openStore(o.db);
    for (const t of store.listTokens()) {
      process.stdout.write(
        `${t.id}\t${t.name}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\n`,
      );
    }
    store.close();
  });
token
  .command('revoke <id>')
  .option('--db <file>', 'the SQLite file (env AIDC_DB)', DEFAULT_DB)
  .action((id: string, o: { db: string }) => {
    const store = openStore(o.db);
    const done = store.revokeToken(whole(1)(id));
    store.close();
    if (!done) fail(`no active token ${id}`);
    process.stdout.write(`token ${id} revoked\n`);
  });

program.parseAsync().catch((e: unknown) => fail((e as Error).message));
