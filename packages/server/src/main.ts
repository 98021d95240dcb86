import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { USER_NAME } from './api/schemas.js';
import { CLI } from './db/audit.js';
import { USER_ROLES, type UserRole } from './db/roles.js';
import { DEFAULT_RETENTION_DAYS, Store } from './db/store.js';
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

function openStore(file: string, retentionDays?: number): Store {
  try {
    return new Store(file, retentionDays !== undefined ? { retentionDays } : {});
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
}

/** Runs `work` on the store at `file` and closes it whatever happens. */
function withStore<T>(file: string, work: (store: Store) => T, retentionDays?: number): T {
  const store = openStore(file, retentionDays);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

function userName(name: string): string {
  if (!USER_NAME.test(name))
    fail(`--name: expected 1 to 80 letters, digits, spaces or . @ - _, not "${name}"`);
  return name;
}

const dbOption = () => new Option('--db <file>', 'the SQLite file (env AIDC_DB)').default(DEFAULT_DB);
const roleOption = (description: string) => new Option('--role <role>', description).choices(USER_ROLES);
const retentionOption = () =>
  new Option('--retention-days <days>', 'days a deleted scenario stays restorable before it is purged')
    .argParser(whole(0))
    .default(DEFAULT_RETENTION_DAYS);

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
  .addOption(retentionOption())
  .option(
    '--queue-timeout <s>',
    'answer 503 to a plan still waiting for a planner thread after this many seconds (default: the plan timeout)',
    whole(1),
  )
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
      retentionDays: number;
      queueTimeout?: number;
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
          retentionDays: o.retentionDays,
          queueTimeoutS: o.queueTimeout ?? o.planTimeout,
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

const token = program.command('token').description('bearer tokens: each belongs to a user');
token
  .command('create')
  .description('create a token; it is printed once and stored only as a hash')
  .requiredOption('--name <name>', 'the user the token is for (made when missing; shown in the audit log)')
  .addOption(roleOption('the role of a new user (default: member); an existing user keeps theirs'))
  .addOption(dbOption())
  .action((o: { name: string; role?: UserRole; db: string }) => {
    const name = userName(o.name);
    const t = withStore(o.db, (store) => {
      const existing = store.users.byName(name);
      if (existing && o.role && existing.role !== o.role) {
        fail(
          `"${name}" is ${existing.role} already; change that with \`aidc-server user role "${name}" ${o.role}\``,
        );
      }
      return store.users.createToken(name, o.role);
    });
    process.stdout.write(`${t.token}\n`);
    process.stderr.write(
      `token ${t.id} for "${name}" (${t.user.role}) created in ${o.db}; it is not shown again\n`,
    );
  });
token
  .command('list')
  .addOption(dbOption())
  .action((o: { db: string }) => {
    for (const t of withStore(o.db, (store) => store.users.listTokens())) {
      process.stdout.write(
        `${t.id}\t${t.name}\t${t.role}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\n`,
      );
    }
  });
token
  .command('revoke <id>')
  .addOption(dbOption())
  .action((id: string, o: { db: string }) => {
    const n = Number(id);
    if (!/^[0-9]{1,15}$/.test(id) || n < 1)
      fail(`token revoke: expected a token id (see \`token list\`), not "${id}"`);
    if (!withStore(o.db, (store) => store.users.revokeToken(n))) fail(`no active token ${id}`);
    process.stdout.write(`token ${id} revoked\n`);
  });

const user = program.command('user').description('users and their roles: admin or member');
user
  .command('list')
  .description('every user: id, name, role, active tokens, scenarios owned')
  .addOption(dbOption())
  .action((o: { db: string }) => {
    for (const u of withStore(o.db, (store) => store.users.list())) {
      process.stdout.write(
        `${u.id}\t${u.name}\t${u.role}\t${u.activeTokens} active tokens\t${u.ownedScenarios} scenarios owned\n`,
      );
    }
  });
user
  .command('role <name> <role>')
  .description(`make a user ${USER_ROLES.join(' or ')}`)
  .addOption(dbOption())
  .action((name: string, role: string, o: { db: string }) => {
    if (!(USER_ROLES as readonly string[]).includes(role)) {
      fail(`user role: expected ${USER_ROLES.join(' or ')}, not "${role}"`);
    }
    if (!withStore(o.db, (store) => store.users.setRole(name, role as UserRole))) {
      fail(`no user "${name}" (see \`aidc-server user list\`)`);
    }
    process.stdout.write(`"${name}" is now ${role}\n`);
  });

program
  .command('purge')
  .description('remove for good the scenarios deleted more than the retention period ago')
  .addOption(retentionOption())
  .addOption(dbOption())
  .action((o: { db: string; retentionDays: number }) => {
    const gone = withStore(o.db, (store) => store.purgeDeleted(CLI), o.retentionDays);
    for (const s of gone) process.stdout.write(`${s.id}\t${s.name}\n`);
    process.stderr.write(`purged ${gone.length} scenarios deleted over ${o.retentionDays} days ago\n`);
  });

program.parseAsync().catch((e: unknown) => fail((e as Error).message));
