import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { type Caller, Store } from './store.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'aidc-store-')), 'db.sqlite');

/** A caller with a token of its own in `s`. */
function callerIn(s: Store, name: string, role: 'admin' | 'member' = 'member'): Caller {
  return { name, client: '127.0.0.1', user: s.users.createToken(name, role).user };
}

/** A clock the test moves: starts 2026-01-01, `stepMs` on per reading. */
function testClock(stepMs = 1000) {
  let t = Date.UTC(2026, 0, 1);
  return {
    now: () => {
      t += stepMs;
      return new Date(t).toISOString();
    },
    advanceDays: (d: number) => {
      t += d * 86_400_000;
    },
  };
}

describe('Store', () => {
  it('migrates a new file to the latest schema, once', () => {
    const file = tempDb();
    const s = new Store(file);
    expect(s.schemaVersion).toBe(MIGRATIONS.length);
    s.close();
    const again = new Store(file);
    expect(again.schemaVersion).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a database newer than the server', () => {
    const file = tempDb();
    new Store(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new Store(file)).toThrow(/newer than this server/);
  });

  it('keeps versions, lists newest first, shares and deletes with everything under it', () => {
    let t = 0;
    const s = new Store(':memory:', { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)).toISOString() });
    const alice = callerIn(s, 'alice');
    const a = s.createScenario('A', 'name: a', '{"n":1}', alice);
    const b = s.createScenario('B', 'name: b', '{"n":2}', alice);
    const a2 = s.addVersion(a.scenarioId, 'A renamed', 'name: a2', '{"n":3}', alice);
    expect(a2?.version).toBe(2);
    expect(s.listScenarios(alice.user, 10, 0).map((x) => [x.name, x.latestVersion])).toEqual([
      ['A renamed', 2],
      ['B', 1],
    ]);
    expect(s.getVersion(a.scenarioId, 1)?.plan).toEqual({ n: 1 });
    expect(s.getVersion(a.scenarioId)?.yaml).toBe('name: a2');
    expect(s.getScenario(a.scenarioId, alice.user)?.versions.map((v) => [v.version, v.name])).toEqual([
      [2, 'A renamed'],
      [1, 'A'],
    ]);
    const share = s.createShare(a.scenarioId, 1, alice);
    expect(share?.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(s.getShare(share!.id)?.yaml).toBe('name: a');
    expect(s.createShare(a.scenarioId, 9, alice)).toBeUndefined();
    expect(s.addVersion('nope', undefined, 'x', '{}', alice)).toBeUndefined();
    expect(s.deleteScenario(a.scenarioId, alice)).toBe(true);
    expect(s.getShare(share!.id)).toBeUndefined();
    expect(s.getVersion(a.scenarioId, 1)).toBeUndefined();
    expect(s.deleteScenario(a.scenarioId, alice)).toBe(false);
    expect(s.getScenario(b.scenarioId, alice.user)?.name).toBe('B');
    expect(s.audit.read(10).entries.map((e) => e.action)).toEqual([
      'scenario.delete',
      'share.create',
      'version.create',
      'scenario.create',
      'scenario.create',
      'token.create',
    ]);
    s.close();
  });

  it('stores tokens only as hashes, and revoked tokens stop working', () => {
    const file = tempDb();
    const s = new Store(file);
    const { id, token } = s.users.createToken('ci');
    expect(token).toMatch(/^aidc_[A-Za-z0-9_-]{43}$/);
    expect(s.users.authenticate(token)).toMatchObject({ kind: 'user', user: { name: 'ci', role: 'member' } });
    expect(s.users.authenticate(`${token}x`)).toEqual({ kind: 'unknown' });
    s.close();
    const bytes = readFileSync(file);
    const wal = (() => {
      try {
        return readFileSync(`${file}-wal`);
      } catch {
        return Buffer.alloc(0);
      }
    })();
    expect(bytes.includes(token)).toBe(false);
    expect(wal.includes(token)).toBe(false);
    const again = new Store(file);
    expect(again.users.revokeToken(id)).toBe(true);
    expect(again.users.revokeToken(id)).toBe(false);
    expect(again.users.authenticate(token)).toEqual({ kind: 'revoked', tokenId: id, user: 'ci' });
    again.close();
  });

  it('rolls back a write that fails half-way: no scenario without its version', () => {
    const s = new Store(':memory:');
    const alice = callerIn(s, 'alice');
    // The version insert fails (NOT NULL) inside the transaction, after the scenario row is inserted.
    expect(() => s.createScenario('broken', 'name: x', null as unknown as string, alice)).toThrow(/NOT NULL/);
    expect(s.listScenarios(alice.user, 10, 0)).toEqual([]);
    expect(s.audit.read(10).entries.map((e) => e.action)).toEqual(['token.create']);
    s.close();
  });
});

describe('the migration to users and ownership', () => {
  it('makes each token name an admin user, the author of version 1 the owner, and keeps share links', () => {
    const file = tempDb();
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    const at = '2026-01-01T00:00:00.000Z';
    old.exec(`
      INSERT INTO tokens (name, sha256, created_at) VALUES ('alice', 'h1', '${at}'), ('bob', 'h2', '${at}'), ('alice', 'h3', '${at}');
      INSERT INTO scenarios (id, name, created_at, updated_at) VALUES ('s1', 'renamed later', '${at}', '${at}');
      INSERT INTO versions (scenario_id, version, yaml, plan_json, created_at, author)
        VALUES ('s1', 1, 'v1', '{}', '${at}', 'alice'), ('s1', 2, 'v2', '{}', '${at}', 'bob');
      INSERT INTO shares (id, scenario_id, version, created_at) VALUES ('link', 's1', 1, '${at}');
      INSERT INTO audit (at, actor, action, target, client) VALUES ('${at}', 'alice', 'scenario.create', 's1@1', 'x');`);
    old.close();

    const s = new Store(file);
    expect(s.schemaVersion).toBe(MIGRATIONS.length);
    expect(s.users.list().map((u) => [u.name, u.role, u.ownedScenarios])).toEqual([
      ['alice', 'admin', 1],
      ['bob', 'admin', 0],
    ]);
    expect(s.users.listTokens().map((t) => [t.id, t.name, t.role])).toEqual([
      [1, 'alice', 'admin'],
      [2, 'bob', 'admin'],
      [3, 'alice', 'admin'],
    ]);
    expect(s.members('s1')).toEqual([{ user: 'alice', role: 'owner' }]);
    // Names were not kept per version before: each takes the scenario's name at the migration.
    expect(s.getShare('link')).toEqual({ name: 'renamed later', version: 1, yaml: 'v1', plan: {} });
    expect(s.audit.read(10).entries[0]).toMatchObject({ action: 'scenario.create', count: 1, name: '' });
    s.close();
  });
});

describe('soft deletes and retention', () => {
  it('keeps a deleted scenario restorable for the retention period, then purges it with its name in the log', () => {
    const clock = testClock();
    const s = new Store(':memory:', { now: clock.now, retentionDays: 30 });
    const alice = callerIn(s, 'alice');
    const kept = s.createScenario('kept', 'y', '{}', alice);
    const gone = s.createScenario('gone', 'y', '{}', alice);
    expect(s.deleteScenario(kept.scenarioId, alice)).toBe(true);
    expect(s.deleteScenario(gone.scenarioId, alice)).toBe(true);
    clock.advanceDays(29);
    expect(s.purgeDeleted()).toEqual([]);
    expect(s.restoreScenario(kept.scenarioId, alice)).toBe(true);
    expect(s.restoreScenario(kept.scenarioId, alice)).toBe(false);
    expect(s.listDeleted(alice.user, 10, 0).map((d) => d.name)).toEqual(['gone']);
    clock.advanceDays(2);
    expect(s.purgeDeleted()).toEqual([{ id: gone.scenarioId, name: 'gone' }]);
    expect(s.restoreScenario(gone.scenarioId, alice)).toBe(false);
    expect(s.listScenarios(alice.user, 10, 0).map((x) => x.name)).toEqual(['kept']);
    expect(s.audit.read(1).entries[0]).toMatchObject({
      action: 'scenario.purge',
      actor: 'system',
      target: gone.scenarioId,
      name: 'gone',
    });
    s.close();
  });

  it('checks the role again inside the write: a grant taken away while a plan ran stops the save', () => {
    const s = new Store(':memory:');
    const alice = callerIn(s, 'alice');
    const bob = callerIn(s, 'bob');
    const a = s.createScenario('A', 'y', '{}', alice);
    expect(s.setMember(a.scenarioId, 'bob', 'editor', alice)).toBeUndefined();
    expect(s.addVersion(a.scenarioId, undefined, 'y2', '{}', bob)?.version).toBe(2);
    expect(s.removeMember(a.scenarioId, 'bob', alice)).toBeUndefined();
    expect(s.addVersion(a.scenarioId, undefined, 'y3', '{}', bob)).toBeUndefined();
    expect(s.createShare(a.scenarioId, 1, bob)).toBeUndefined();
    expect(s.deleteScenario(a.scenarioId, bob)).toBe(false);
    expect(s.setMember(a.scenarioId, 'alice', 'viewer', alice)).toBe('last_owner');
    expect(s.setMember(a.scenarioId, 'nobody', 'viewer', alice)).toBe('no_user');
    expect(s.removeMember(a.scenarioId, 'bob', alice)).toBe('not_member');
    // Two owners: either may step down.
    expect(s.setMember(a.scenarioId, 'bob', 'owner', alice)).toBeUndefined();
    expect(s.setMember(a.scenarioId, 'alice', 'viewer', alice)).toBeUndefined();
    expect(s.members(a.scenarioId)).toEqual([
      { user: 'bob', role: 'owner' },
      { user: 'alice', role: 'viewer' },
    ]);
    s.close();
  });
});

describe('audited denials', () => {
  it('coalesce a flood from many clients into a bounded number of rows that still count every one', () => {
    const clock = testClock(0);
    const s = new Store(':memory:', { now: clock.now });
    let denials = 0;
    // 1,000 clients each failing 5 times, half a minute apart: 5,000 denials over 3 minutes.
    for (let round = 0; round < 5; round++) {
      clock.advanceDays(30 / 86_400);
      for (let c = 0; c < 1000; c++) {
        s.audit.deny({
          action: 'auth.failed',
          actor: '?',
          client: `10.0.${c >> 8}.${c & 255}`,
          target: 'token',
          detail: '',
        });
        denials++;
      }
    }
    const rows = [];
    for (let page = s.audit.read(500); ; page = s.audit.read(500, page.next)) {
      rows.push(...page.entries);
      if (page.next === undefined) break;
    }
    const failed = rows.filter((r) => r.action === 'auth.failed');
    const minutes = new Set(failed.map((r) => r.at.slice(0, 16))).size;
    expect(minutes).toBe(3);
    // At most 60 distinct rows a minute and one overflow row.
    expect(failed.length).toBeLessThanOrEqual(61 * minutes);
    expect(failed.reduce((n, r) => n + r.count, 0)).toBe(denials);
    s.close();
  });
});
