import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from './db/store.js';
import type { RunningServer } from './index.js';
import { createToken, example, request, testServer } from './test-support.js';

// Issue #11, item 6: every token could do everything. Here each user holds only what is theirs or
// granted to them, deletes can be undone, share links show one version and nothing else, and the
// audit log is for admins and records what was refused.
let srv: RunningServer & { dbFile: string };
let alice: string;
let bob: string;
let carol: string;
let admin: string;
const small = example('llama3-8b-h100-fp8');

beforeAll(async () => {
  srv = await testServer({ ratePerS: 0 });
  alice = createToken(srv.dbFile, 'alice', 'member');
  bob = createToken(srv.dbFile, 'bob', 'member');
  carol = createToken(srv.dbFile, 'carol', 'member');
  admin = createToken(srv.dbFile, 'root', 'admin');
});
afterAll(async () => {
  await srv.close();
});

const call = (method: string, path: string, token?: string, body?: unknown) =>
  request(srv.url, method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });

async function save(token: string, name: string): Promise<string> {
  const r = await call('POST', '/api/scenarios', token, { name, yaml: small });
  expect(r.status).toBe(201);
  return r.json.scenarioId as string;
}

const listed = async (token: string, query = '') =>
  ((await call('GET', `/api/scenarios${query}`, token)).json.scenarios as { id: string }[]).map((s) => s.id);

/** Every audit row, paged through as an admin. */
async function wholeAudit(): Promise<{ id: number; action: string; target: string; [k: string]: unknown }[]> {
  const rows = [];
  let before = '';
  for (;;) {
    const r = await call('GET', `/api/audit?limit=500${before}`, admin);
    expect(r.status).toBe(200);
    rows.push(...r.json.entries);
    if (r.json.next === undefined || r.json.next === null) return rows;
    before = `&before=${r.json.next}`;
  }
}

describe('ownership and roles', () => {
  it("another user's token cannot read, add versions to, rename, share or delete a scenario", async () => {
    const id = await save(alice, 'alice only');
    const attempts: [string, string, unknown][] = [
      ['GET', `/api/scenarios/${id}`, undefined],
      ['GET', `/api/scenarios/${id}/versions/1`, undefined],
      ['POST', `/api/scenarios/${id}/versions`, { yaml: small }],
      ['POST', `/api/scenarios/${id}/versions`, { yaml: small, name: 'renamed by bob' }],
      ['POST', `/api/scenarios/${id}/shares`, {}],
      ['DELETE', `/api/scenarios/${id}`, undefined],
      ['GET', `/api/compare?a=${id}@1&b=${id}@1`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const r = await call(method, path, bob, body);
      // 404, not 403: bob may not learn that the scenario exists.
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect(await listed(bob)).not.toContain(id);
    const still = await call('GET', `/api/scenarios/${id}`, alice);
    expect(still.json.name).toBe('alice only');
    expect(still.json.versions).toHaveLength(1);
  });

  it('a grant opens exactly its role: viewers read, editors write versions and share, owners delete and grant', async () => {
    const id = await save(alice, 'shared work');
    expect((await call('PUT', `/api/scenarios/${id}/members/bob`, bob, { role: 'editor' })).status).toBe(404);
    expect((await call('PUT', `/api/scenarios/${id}/members/bob`, alice, { role: 'viewer' })).status).toBe(
      200,
    );
    expect(await listed(bob)).toContain(id);
    expect((await call('GET', `/api/scenarios/${id}/versions/1`, bob)).status).toBe(200);
    expect((await call('POST', `/api/scenarios/${id}/versions`, bob, { yaml: small })).status).toBe(403);
    expect((await call('POST', `/api/scenarios/${id}/shares`, bob, {})).status).toBe(403);

    expect((await call('PUT', `/api/scenarios/${id}/members/bob`, alice, { role: 'editor' })).status).toBe(
      200,
    );
    const v2 = await call('POST', `/api/scenarios/${id}/versions`, bob, { yaml: small, name: 'renamed' });
    expect(v2.status).toBe(201);
    expect(v2.json.author).toBe('bob');
    expect((await call('POST', `/api/scenarios/${id}/shares`, bob, {})).status).toBe(201);
    expect((await call('DELETE', `/api/scenarios/${id}`, bob)).status).toBe(403);
    expect((await call('PUT', `/api/scenarios/${id}/members/carol`, bob, { role: 'viewer' })).status).toBe(
      403,
    );
    expect((await call('PUT', `/api/scenarios/${id}/members/nobody`, alice, { role: 'viewer' })).status).toBe(
      404,
    );
    expect((await call('PUT', `/api/scenarios/${id}/members/bob`, alice, { role: 'boss' })).status).toBe(400);
    // The last owner cannot be removed or demoted: a scenario always has someone who may restore it.
    expect((await call('DELETE', `/api/scenarios/${id}/members/alice`, alice)).status).toBe(409);
    expect((await call('PUT', `/api/scenarios/${id}/members/alice`, alice, { role: 'viewer' })).status).toBe(
      409,
    );

    const detail = await call('GET', `/api/scenarios/${id}`, alice);
    expect(detail.json.access).toBe('owner');
    expect(detail.json.members).toEqual([
      { user: 'alice', role: 'owner' },
      { user: 'bob', role: 'editor' },
    ]);
    expect((await call('DELETE', `/api/scenarios/${id}/members/bob`, alice)).status).toBe(204);
    expect((await call('GET', `/api/scenarios/${id}`, bob)).status).toBe(404);
  });

  it('an admin sees every scenario and may act as its owner', async () => {
    const id = await save(carol, 'carol private');
    expect(await listed(admin)).toContain(id);
    expect((await call('PUT', `/api/scenarios/${id}/members/bob`, admin, { role: 'viewer' })).status).toBe(
      200,
    );
    expect((await call('DELETE', `/api/scenarios/${id}`, admin)).status).toBe(204);
  });
});

describe('soft deletes', () => {
  it('a deleted scenario is gone for everyone, its owner restores it with its versions and share links', async () => {
    const id = await save(alice, 'to delete');
    await call('POST', `/api/scenarios/${id}/versions`, alice, { yaml: small });
    const share = (await call('POST', `/api/scenarios/${id}/shares`, alice, { version: 1 })).json.share;
    expect((await call('DELETE', `/api/scenarios/${id}`, alice)).status).toBe(204);
    expect((await call('GET', `/api/scenarios/${id}`, alice)).status).toBe(404);
    expect((await call('GET', `/api/shares/${share}`)).status).toBe(404);
    expect(await listed(alice)).not.toContain(id);
    const bin = (await call('GET', '/api/scenarios?deleted=true', alice)).json.scenarios;
    const row = bin.find((s: { id: string }) => s.id === id);
    expect(row.name).toBe('to delete');
    expect(Date.parse(row.purgeAfter) - Date.parse(row.deletedAt)).toBe(30 * 86_400_000);
    expect(await listed(bob, '?deleted=true')).not.toContain(id);
    expect((await call('POST', `/api/scenarios/${id}/restore`, bob)).status).toBe(404);

    const restored = await call('POST', `/api/scenarios/${id}/restore`, alice);
    expect(restored.status).toBe(200);
    expect((await call('GET', `/api/scenarios/${id}`, alice)).json.versions).toHaveLength(2);
    expect((await call('GET', `/api/shares/${share}`)).status).toBe(200);
    expect((await call('POST', `/api/scenarios/${id}/restore`, alice)).status).toBe(409);
  });
});

describe('share links', () => {
  it("show the shared version's own name and nothing else: no scenario id, no author", async () => {
    const id = await save(alice, 'first name');
    await call('POST', `/api/scenarios/${id}/versions`, alice, { yaml: small, name: 'later name' });
    const share = (await call('POST', `/api/scenarios/${id}/shares`, alice, { version: 1 })).json.share;
    const r = await call('GET', `/api/shares/${share}`);
    expect(r.status).toBe(200);
    expect(r.json.name).toBe('first name');
    expect(r.json.version).toBe(1);
    expect(Object.keys(r.json).sort()).toEqual(['name', 'plan', 'version', 'yaml']);
    expect(JSON.stringify(r.json)).not.toContain(id);
    expect(JSON.stringify(r.json)).not.toContain('alice');
  });
});

describe('the audit log', () => {
  it('is not readable by a member', async () => {
    const r = await call('GET', '/api/audit', alice);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('forbidden');
  });

  it('hides nothing from an admin: every row, every user, every address', async () => {
    const id = await save(carol, 'carol audited');
    const rows = await wholeAudit();
    const db = new Database(srv.dbFile, { readonly: true });
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    db.close();
    expect(rows.length).toBe(stored);
    expect(new Set(rows.map((e) => e.id)).size).toBe(stored);
    expect(rows.find((e) => e.action === 'scenario.create' && e.target === `${id}@1`)).toMatchObject({
      actor: 'carol',
      client: expect.stringMatching(/127\.0\.0\.1/),
      name: 'carol audited',
    });
  });

  it('records failed authentications with the client address, never the token', async () => {
    const wrong = 'aidc_thisIsNotAValidTokenButLooksLikeOneXXXXXXXXXXXX';
    expect((await call('GET', '/api/scenarios', wrong)).status).toBe(401);
    const rows = await wholeAudit();
    const failed = rows.find((e) => e.action === 'auth.failed');
    expect(failed).toMatchObject({ client: expect.stringMatching(/127\.0\.0\.1/) });
    expect(JSON.stringify(rows)).not.toContain(wrong);

    // A revoked token is logged as its user's, by token id.
    const dave = createToken(srv.dbFile, 'dave', 'member');
    const store = new Store(srv.dbFile);
    const id = store.users.listTokens().find((t) => t.name === 'dave')!.id;
    store.users.revokeToken(id);
    store.close();
    expect((await call('GET', '/api/scenarios', dave)).status).toBe(401);
    const revoked = (await wholeAudit()).find((e) => e.action === 'auth.failed' && e.actor === 'dave');
    expect(revoked).toMatchObject({ target: `token ${id} (revoked)`, detail: 'GET /api/scenarios' });
    expect(JSON.stringify(await wholeAudit())).not.toContain(dave);
  });

  it('records failed reads with the id touched', async () => {
    const id = await save(alice, 'probed');
    expect((await call('GET', `/api/scenarios/${id}`, bob)).status).toBe(404);
    const missing = 'AAAAAAAAAAAAAAAAAAAAAA';
    expect((await call('GET', `/api/scenarios/${missing}/versions/1`, bob)).status).toBe(404);
    const denied = (await wholeAudit()).filter((e) => e.action === 'access.denied' && e.actor === 'bob');
    expect(denied.map((e) => e.target)).toEqual(expect.arrayContaining([id, `${missing}@1`]));
  });

  it('a delete, a restore and a purge keep the scenario id and its name', async () => {
    const id = await save(alice, 'named in the log');
    await call('DELETE', `/api/scenarios/${id}`, alice);
    await call('POST', `/api/scenarios/${id}/restore`, alice);
    const rows = await wholeAudit();
    for (const action of ['scenario.delete', 'scenario.restore']) {
      expect(
        rows.find((e) => e.action === action && e.target === id),
        action,
      ).toMatchObject({
        name: 'named in the log',
        actor: 'alice',
      });
    }
  });

  it('coalesces a flood of failed logins from one client instead of a row per attempt', async () => {
    const before = (await wholeAudit()).filter((e) => e.action === 'auth.failed');
    const attempts = 300;
    for (let i = 0; i < attempts; i++) await call('GET', '/api/scenarios', `aidc_wrong${i}`);
    const after = (await wholeAudit()).filter((e) => e.action === 'auth.failed');
    const sum = (rows: typeof after) => rows.reduce((n, e) => n + Number(e.count), 0);
    // One row per client and minute: the run may straddle a minute, hence at most two more rows.
    expect(after.length - before.length).toBeLessThanOrEqual(2);
    expect(sum(after) - sum(before)).toBe(attempts);
  });
});
