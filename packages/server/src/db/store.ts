import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { newToken, randomId, tokenHash } from './ids.js';
import { MIGRATIONS } from './migrations.js';

export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly latestVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface VersionSummary {
  readonly version: number;
  readonly createdAt: string;
  readonly author: string;
}

/** What a write acknowledges: where the version now lives. */
export interface SavedRef extends VersionSummary {
  readonly scenarioId: string;
  readonly name: string;
}

export interface SavedVersion extends SavedRef {
  readonly yaml: string;
  /** The plan as the server computed it when the version was saved. */
  readonly plan: unknown;
}

/** Who made a write and from where: every write leaves an audit row in the same transaction. */
export interface Actor {
  readonly name: string;
  readonly client: string;
}

/**
 * Saved scenarios, their versions, share links, tokens and the audit log in one SQLite file. WAL with
 * synchronous=FULL: a write is on disk before it is acknowledged, and each write is one transaction,
 * so a crash leaves either the whole record or none of it.
 */
export class Store {
  private readonly db: Database.Database;
  private readonly now: () => string;

  constructor(file: string, now: () => string = () => new Date().toISOString()) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.now = now;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  /** The schema version this file is at: the count of migrations applied. */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const at = this.schemaVersion;
    if (at > MIGRATIONS.length) {
      throw new Error(
        `the database is at schema ${at}, newer than this server (${MIGRATIONS.length}); upgrade aidc`,
      );
    }
    for (let i = at; i < MIGRATIONS.length; i++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[i]!);
        this.db.pragma(`user_version = ${i + 1}`);
      })();
    }
  }

  close(): void {
    this.db.close();
  }

  private audit(actor: Actor, action: string, target: string): void {
    this.db
      .prepare('INSERT INTO audit (at, actor, action, target, client) VALUES (?, ?, ?, ?, ?)')
      .run(this.now(), actor.name, action, target, actor.client);
  }

  /** `planJson` is the plan as JSON text, stored as given. */
  createScenario(name: string, yaml: string, planJson: string, actor: Actor): SavedRef {
    const id = randomId();
    const at = this.now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO scenarios (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(id, name, at, at);
      this.insertVersion(id, 1, yaml, planJson, at, actor.name);
      this.audit(actor, 'scenario.create', `${id}@1`);
    })();
    return { scenarioId: id, name, version: 1, createdAt: at, author: actor.name };
  }

  private insertVersion(
    id: string,
    version: number,
    yaml: string,
    planJson: string,
    at: string,
    author: string,
  ) {
    this.db
      .prepare(
        'INSERT INTO versions (scenario_id, version, yaml, plan_json, created_at, author) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, version, yaml, planJson, at, author);
  }

  /** A new version of a saved scenario; undefined when there is no such scenario. */
  addVersion(id: string, name: string | undefined, yaml: string, planJson: string, actor: Actor) {
    return this.db.transaction((): SavedRef | undefined => {
      const row = this.db.prepare('SELECT name FROM scenarios WHERE id = ?').get(id) as
        | { name: string }
        | undefined;
      if (!row) return undefined;
      const last = this.db
        .prepare('SELECT MAX(version) AS v FROM versions WHERE scenario_id = ?')
        .get(id) as { v: number };
      const version = last.v + 1;
      const at = this.now();
      const newName = name ?? row.name;
      this.db.prepare('UPDATE scenarios SET name = ?, updated_at = ? WHERE id = ?').run(newName, at, id);
      this.insertVersion(id, version, yaml, planJson, at, actor.name);
      this.audit(actor, 'version.create', `${id}@${version}`);
      return { scenarioId: id, name: newName, version, createdAt: at, author: actor.name };
    })();
  }

  listScenarios(limit: number, offset: number): ScenarioSummary[] {
    return this.db
      .prepare(
        `SELECT s.id, s.name, s.created_at AS createdAt, s.updated_at AS updatedAt,
                (SELECT MAX(version) FROM versions v WHERE v.scenario_id = s.id) AS latestVersion
         FROM scenarios s ORDER BY s.updated_at DESC, s.id LIMIT ? OFFSET ?`,
      )
      .all(limit, offset) as ScenarioSummary[];
  }

  getScenario(id: string): (ScenarioSummary & { versions: VersionSummary[] }) | undefined {
    const s = this.db
      .prepare(
        'SELECT id, name, created_at AS createdAt, updated_at AS updatedAt FROM scenarios WHERE id = ?',
      )
      .get(id) as Omit<ScenarioSummary, 'latestVersion'> | undefined;
    if (!s) return undefined;
    const versions = this.db
      .prepare(
        'SELECT version, created_at AS createdAt, author FROM versions WHERE scenario_id = ? ORDER BY version DESC',
      )
      .all(id) as VersionSummary[];
    return { ...s, latestVersion: versions[0]?.version ?? 0, versions };
  }

  /** One version, or the latest when `version` is undefined. */
  getVersion(id: string, version?: number): SavedVersion | undefined {
    const row = this.db
      .prepare(
        `SELECT v.scenario_id AS scenarioId, s.name, v.version, v.created_at AS createdAt, v.author, v.yaml, v.plan_json
         FROM versions v JOIN scenarios s ON s.id = v.scenario_id
         WHERE v.scenario_id = ? AND (? IS NULL OR v.version = ?)
         ORDER BY v.version DESC LIMIT 1`,
      )
      .get(id, version ?? null, version ?? null) as
      | (Omit<SavedVersion, 'plan'> & { plan_json: string })
      | undefined;
    if (!row) return undefined;
    const { plan_json, ...rest } = row;
    return { ...rest, plan: JSON.parse(plan_json) };
  }

  deleteScenario(id: string, actor: Actor): boolean {
    return this.db.transaction(() => {
      const r = this.db.prepare('DELETE FROM scenarios WHERE id = ?').run(id);
      if (r.changes > 0) this.audit(actor, 'scenario.delete', id);
      return r.changes > 0;
    })();
  }

  /** A read-only link to one version; undefined when the version does not exist. */
  createShare(
    id: string,
    version: number | undefined,
    actor: Actor,
  ): { id: string; version: number } | undefined {
    return this.db.transaction(() => {
      const v = this.getVersion(id, version);
      if (!v) return undefined;
      const share = randomId();
      this.db
        .prepare('INSERT INTO shares (id, scenario_id, version, created_at) VALUES (?, ?, ?, ?)')
        .run(share, id, v.version, this.now());
      this.audit(actor, 'share.create', `${id}@${v.version}`);
      return { id: share, version: v.version };
    })();
  }

  getShare(shareId: string): SavedVersion | undefined {
    const row = this.db.prepare('SELECT scenario_id AS id, version FROM shares WHERE id = ?').get(shareId) as
      | { id: string; version: number }
      | undefined;
    return row ? this.getVersion(row.id, row.version) : undefined;
  }

  createToken(name: string): { id: number; token: string } {
    const token = newToken();
    const r = this.db
      .prepare('INSERT INTO tokens (name, sha256, created_at) VALUES (?, ?, ?)')
      .run(name, tokenHash(token), this.now());
    this.audit({ name: 'cli', client: 'local' }, 'token.create', `${r.lastInsertRowid}:${name}`);
    return { id: Number(r.lastInsertRowid), token };
  }

  listTokens(): { id: number; name: string; createdAt: string; revokedAt: string | null }[] {
    return this.db
      .prepare('SELECT id, name, created_at AS createdAt, revoked_at AS revokedAt FROM tokens ORDER BY id')
      .all() as { id: number; name: string; createdAt: string; revokedAt: string | null }[];
  }

  revokeToken(id: number): boolean {
    const r = this.db
      .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now(), id);
    if (r.changes > 0) this.audit({ name: 'cli', client: 'local' }, 'token.revoke', String(id));
    return r.changes > 0;
  }

  /** The token's name when it is valid and not revoked. */
  tokenOwner(token: string): string | undefined {
    const row = this.db
      .prepare('SELECT name FROM tokens WHERE sha256 = ? AND revoked_at IS NULL')
      .get(tokenHash(token)) as { name: string } | undefined;
    return row?.name;
  }

  auditLog(limit: number): { at: string; actor: string; action: string; target: string; client: string }[] {
    return this.db
      .prepare('SELECT at, actor, action, target, client FROM audit ORDER BY id DESC LIMIT ?')
      .all(limit) as { at: string; actor: string; action: string; target: string; client: string }[];
  }
}
