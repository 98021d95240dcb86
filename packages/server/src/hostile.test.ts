import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { Store } from './db/store.js';
import { type RunningServer, startServer } from './index.js';
import { PlannerPool } from './planning/pool.js';
import { BUILT_WORKER, example, request, tempDbFile, testServer } from './test-support.js';

const small = example('llama3-8b-h100-fp8');

/** Sends raw bytes and collects the whole answer until the server closes the connection. */
function rawExchange(
  url: string,
  head: string,
  body: (write: (chunk: string) => boolean) => void,
): Promise<{ text: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('error', () => {}); // writes after the server closed fail; the answer is what counts
    socket.on('close', () => resolve({ text, closedAfterMs: performance.now() - started }));
    socket.on('connect', () => {
      socket.write(head);
      body((chunk) => !socket.destroyed && socket.write(chunk));
    });
    setTimeout(
      () => reject(new Error(`the connection stayed open; got so far: ${text.slice(0, 200)}`)),
      20_000,
    );
  });
}

describe('requests the server refuses (issue #11, item 7)', () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await testServer({ ratePerS: 0, requestTimeoutS: 2, headersTimeoutS: 2 });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('refuses a content type that only begins like JSON', async () => {
    for (const type of ['application/json-evil', 'application/jsonp', 'application/json; charset=latin1']) {
      const r = await request(srv.url, 'POST', '/api/plan', { body: JSON.stringify({ yaml: small }), type });
      expect([type, r.status, r.json.error.code]).toEqual([type, 415, 'unsupported_media_type']);
    }
  });

  it('refuses cost.prices.__proto__ with a located diagnostic, as it does constructor', async () => {
    const yaml = `${small}cost:\n  prices:\n    __proto__: 1\n`;
    const r = await request(srv.url, 'POST', '/api/validate', { body: { yaml } });
    expect(r.status).toBe(422);
    expect(r.json.error.diagnostics[0]).toMatchObject({
      code: 'reserved-key',
      path: ['cost', 'prices', '__proto__'],
    });
  });

  it('answers an oversized chunked upload 413 and closes the connection', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const r = await rawExchange(
      srv.url,
      'POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      (write) => {
        // 4 MiB announced chunk by chunk, never by Content-Length; the client keeps the connection open.
        for (let i = 0; i < 64; i++) write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      },
    );
    expect(r.text).toMatch(/^HTTP\/1\.1 413/);
    expect(r.text.toLowerCase()).toContain('connection: close');
  });

  it('cuts a body that trickles in at the request timeout, not up to 30 s later', async () => {
    let timer: NodeJS.Timeout | undefined;
    const r = await rawExchange(
      srv.url,
      'POST /api/plan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      (write) => {
        timer = setInterval(() => write('x'), 200);
      },
    );
    clearInterval(timer);
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    // The limit is 2 s and checked every second: the cut comes between 2 and 3 s, with room for a
    // busy machine; Node's default check every 30 s let it come as late as 32 s.
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(1900);
    expect(r.closedAfterMs).toBeLessThan(8000);
  });
});

describe('the web app’s files', () => {
  const web = mkdtempSync(join(tmpdir(), 'aidc-web-'));
  const outside = mkdtempSync(join(tmpdir(), 'aidc-outside-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>aidc</title>');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(outside, 'secret.txt'), 'not for the web');
  symlinkSync(join(outside, 'secret.txt'), join(web, 'leak.txt'));
  symlinkSync(outside, join(web, 'elsewhere'));
  symlinkSync(join(web, 'assets', 'app.js'), join(web, 'alias.js'));
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await testServer({ webDir: web, ratePerS: 1, burst: 3 });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('never follows a symlink out of the web root, and counts against the rate limit', async () => {
    const get = async (path: string) => {
      const res = await fetch(srv.url + path);
      return [path, res.status, await res.text()];
    };
    expect(await get('/leak.txt')).toEqual([
      '/leak.txt',
      404,
      expect.not.stringContaining('not for the web'),
    ]);
    expect(await get('/elsewhere/secret.txt')).toEqual([
      '/elsewhere/secret.txt',
      404,
      expect.not.stringContaining('not for the web'),
    ]);
    expect(await get('/alias.js')).toEqual(['/alias.js', 200, 'export {};']);
    // The burst of 3 is spent: the next file waits its turn like an API request would.
    const limited = await fetch(`${srv.url}/assets/app.js`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });
});

describe('failures the operator must see', () => {
  it('logs a planner failure with its stack even when the request log is off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aidc-worker-'));
    const worker = join(dir, 'failing-worker.mjs');
    writeFileSync(
      worker,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, kind: 'error', message: 'boom', stack: 'Error: boom\\n    at plan (engine.js:1:1)' }));
parentPort.postMessage('ready');`,
    );
    const problems: string[] = [];
    const srv = await startServer({
      dbFile: tempDbFile(),
      port: 0,
      threads: 1,
      workerUrl: new URL(`file://${worker}`),
      logProblem: (line) => problems.push(line),
    });
    try {
      const r = await request(srv.url, 'POST', '/api/plan', { body: { yaml: small } });
      expect([r.status, r.json.error.code]).toEqual([500, 'planner_error']);
      expect(JSON.stringify(r.json)).not.toContain('engine.js');
      expect(problems).toEqual([
        expect.stringMatching(/^POST \/api\/plan from .*: planner_error: .*boom\n.*engine\.js:1:1/s),
      ]);
    } finally {
      await srv.close();
    }
  });

  it('answers a full disk 507 storage_full, logs it, and keeps what was saved', async () => {
    const dbFile = tempDbFile();
    const store = new Store(dbFile);
    const token = store.users.createToken('tester').token;
    const pool = new PlannerPool({ threads: 1, workerUrl: BUILT_WORKER });
    const problems: string[] = [];
    const server = createServer(createApp({ store, pool, ratePerS: 0, logProblem: (l) => problems.push(l) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const first = await request(url, 'POST', '/api/scenarios', {
        body: { name: 'kept', yaml: small },
        token,
      });
      expect(first.status).toBe(201);
      // SQLite's own page cap gives the same SQLITE_FULL a full disk gives, without filling one.
      const db = (store as unknown as { db: Database.Database }).db;
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
      const big = `${small}\n# ${'padding '.repeat(40_000)}\n`;
      const full = await request(url, 'POST', '/api/scenarios', { body: { name: 'lost', yaml: big }, token });
      expect([full.status, full.json.error.code]).toEqual([507, 'storage_full']);
      expect(problems.join('\n')).toMatch(/storage_full: .*full/);
      const kept = await request(url, 'GET', `/api/scenarios/${first.json.scenarioId}`, { token });
      expect(kept.json.name).toBe('kept');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
      store.close();
    }
  });
});
