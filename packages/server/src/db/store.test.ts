import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { Store } from './store.js';

const alice = { name: 'alice', client: '127.0.0.1' };
const tempDb = () => join(mkdtempSync(join(tmpdir(), 'aidc-store-')), 'db.sqlite');

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
    const s = new Store(':memory:', () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)).toISOString());
    const a = s.createScenario('A', 'name: a', '{"n":1}', alice);
    const b = s.createScenario('B', 'name: b', '{"n":2}', alice);
    const a2 = s.addVersion(a.scenarioId, 'A renamed', 'name: a2', '{"n":3}', alice);
    expect(a2?.version).toBe(2);
    expect(s.listScenarios(10, 0).map((x) => [x.name, x.latestVersion])).toEqual([
      ['A renamed', 2],
      ['B', 1],
    ]);
    expect(s.getVersion(a.scenarioId, 1)?.plan).toEqual({ n: 1 });
    expect(s.getVersion(a.scenarioId)?.yaml).toBe('name: a2');
    expect(s.getScenario(a.scenarioId)?.versions.map((v) => v.version)).toEqual([2, 1]);
    const share = s.createShare(a.scenarioId, 1, alice);
    expect(share?.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(s.getShare(share!.id)?.yaml).toBe('name: a');
    expect(s.createShare(a.scenarioId, 9, alice)).toBeUndefined();
    expect(s.addVersion('nope', undefined, 'x', '{}', alice)).toBeUndefined();
    expect(s.deleteScenario(a.scenarioId, alice)).toBe(true);
    expect(s.getShare(share!.id)).toBeUndefined();
    expect(s.getVersion(a.scenarioId, 1)).toBeUndefined();
    expect(s.deleteScenario(a.scenarioId, alice)).toBe(false);
    expect(s.getScenario(b.scenarioId)?.name).toBe('B');
    expect(s.auditLog(10).map((e) => e.action)).toEqual([
      'scenario.delete',
      'share.create',
      'version.create',
      'scenario.create',
      'scenario.create',
    ]);
    s.close();
  });

  it('stores tokens only as hashes, and revoked tokens stop working', () => {
    const file = tempDb();
    const s = new Store(file);
    const { id, token } = s.createToken('ci');
    expect(token).toMatch(/^aidc_[A-Za-z0-9_-]{43}$/);
    expect(s.tokenOwner(token)).toBe('ci');
    expect(s.tokenOwner(`${token}x`)).toBeUndefined();
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
    expect(again.revokeToken(id)).toBe(true);
    expect(again.revokeToken(id)).toBe(false);
    expect(again.tokenOwner(token)).toBeUndefined();
    again.close();
  });

  it('rolls back a write that fails half-way: no scenario without its version', () => {
    const s = new Store(':memory:');
    // The version insert fails (NOT NULL) inside the transaction, after the scenario row is inserted.
    expect(() => s.createScenario('broken', 'name: x', null as unknown as string, alice)).toThrow(/NOT NULL/);
    expect(s.listScenarios(10, 0)).toEqual([]);
    expect(s.auditLog(10)).toEqual([]);
    s.close();
  });
});
