import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Actor, AuditLog, SYSTEM } from './audit.js';
import { randomId } from './ids.js';
import { MIGRATIONS } from './migrations.js';
import {
  covers,
  effectiveRole,
  NEEDS,
  SCENARIO_ROLES,
  type ScenarioOperation,
  type ScenarioRole,
} from './roles.js';
import { type User, Users } from './users.js';

export type { Actor } from './audit.js';
export type { User } from './users.js';

/** A request's actor with the user its token belongs to. */
export interface Caller extends Actor {
  readonly user: User;
}

export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly latestVersion: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** What the caller may do with it. */
  readonly access: ScenarioRole;
}

export interface DeletedSummary extends ScenarioSummary {
  readonly deletedAt: string;
  /** When the next purge after this time removes it for good. */
  readonly purgeAfter: string;
}

export interface VersionSummary {
  readonly version: number;
  /** The name the version was saved under; a later rename does not change it. */
  readonly name: string;
  readonly createdAt: string;
  readonly author: string;
}

/** What a write acknowledges: where the version now lives. */
export interface SavedRef extends VersionSummary {
  readonly scenarioId: string;
}

export interface SavedVersion extends SavedRef {
  readonly yaml: string;
  /** The plan as the server computed it when the version was saved. */
  readonly plan: unknown;
}

/** What a share link shows: one version and its own name, nothing about who or where it came from. */
export interface SharedVersion {
  readonly name: string;
  readonly version: number;
  readonly yaml: string;
  readonly plan: unknown;
}

export interface Member {
  readonly user: string;
  readonly role: ScenarioRole;
}

/** A scenario as access checks see it: `role` is what the user holds on it, if anything. */
export interface ScenarioAccess {
  readonly id: string;
  readonly name: string;
  readonly deletedAt: string | null;
  readonly role: ScenarioRole | undefined;
}

/** Why a change of grants was refused. */
export type GrantRefusal = 'no_scenario' | 'no_user' | 'not_member' | 'last_owner';

export interface StoreOptions {
  readonly now?: () => string;
  /** Days a deleted scenario stays restorable before a purge removes it. */
  readonly retentionDays?: number;
}

/** Which scenarios a list shows, the role it needs and its order; fixed SQL, never from a request. */
interface Listing {
  readonly where: string;
  readonly needs: ScenarioRole;
  readonly order: string;
}
const LISTINGS = {
  live: { where: 's.deleted_at IS NULL', needs: NEEDS.read, order: 's.updated_at DESC' },
  deleted: { where: 's.deleted_at IS NOT NULL', needs: NEEDS.restore, order: 's.deleted_at DESC' },
} as const satisfies Record<string, Listing>;

/** Days a deleted scenario stays restorable: a month covers a holiday, the usual reason a loss goes unnoticed. */
export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Saved scenarios, their versions, grants, share links, users and the audit log in one SQLite file.
 * WAL with synchronous=FULL: a write is on disk before it is acknowledged, and each write is one
 * transaction with its audit row, so a crash leaves either the whole record or none of it. Writes
 * check the caller's role again inside their transaction: a grant revoked or a delete made while a
 * plan ran is not overtaken.
 */
export class Store {
  private readonly db: Database.Database;
  private readonly now: () => string;
  readonly retentionDays: number;
  readonly audit: AuditLog;
  readonly users: Users;

  constructor(file: string, options: StoreOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.now = options.now ?? (() => new Date().toISOString());
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.audit = new AuditLog(this.db, this.now);
    this.users = new Users(this.db, this.audit, this.now);
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
    this.audit.flush();
    this.db.close();
  }

  /** The scenario, deleted or not, with what `user` holds on it; undefined when there is none. */
  scenarioAccess(id: string, user: User): ScenarioAccess | undefined {
    const row = this.db
      .prepare(
        `SELECT s.id, s.name, s.deleted_at AS deletedAt, m.role AS granted
         FROM scenarios s LEFT JOIN members m ON m.scenario_id = s.id AND m.user_id = ? WHERE s.id = ?`,
      )
      .get(user.id, id) as (Omit<ScenarioAccess, 'role'> & { granted: ScenarioRole | null }) | undefined;
    if (!row) return undefined;
    const { granted, ...rest } = row;
    return { ...rest, role: effectiveRole(user, granted) };
  }

  /** The scenario when `caller` may do `op` to it now: live, or deleted for a restore. */
  private permitted(id: string, caller: Caller, op: ScenarioOperation): ScenarioAccess | undefined {
    const s = this.scenarioAccess(id, caller.user);
    const live = op !== 'restore';
    if (!s?.role || (s.deletedAt === null) !== live || !covers(s.role, NEEDS[op])) return undefined;
    return s;
  }

  /** `planJson` is the plan as JSON text, stored as given. The caller becomes the owner. */
  createScenario(name: string, yaml: string, planJson: string, caller: Caller): SavedRef {
    const id = randomId();
    const at = this.now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO scenarios (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(id, name, at, at);
      this.db
        .prepare("INSERT INTO members (scenario_id, user_id, role) VALUES (?, ?, 'owner')")
        .run(id, caller.user.id);
      this.insertVersion(id, 1, name, yaml, planJson, at, caller.name);
      this.audit.add(caller, { action: 'scenario.create', target: `${id}@1`, name });
    })();
    return { scenarioId: id, name, version: 1, createdAt: at, author: caller.name };
  }

  private insertVersion(
    id: string,
    version: number,
    name: string,
    yaml: string,
    planJson: string,
    at: string,
    author: string,
  ) {
    this.db
      .prepare(
        'INSERT INTO versions (scenario_id, version, name, yaml, plan_json, created_at, author) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, version, name, yaml, planJson, at, author);
  }

  /** A new version, renaming when `name` is given; undefined unless the caller may edit the live scenario. */
  addVersion(id: string, name: string | undefined, yaml: string, planJson: string, caller: Caller) {
    return this.db.transaction((): SavedRef | undefined => {
      const s = this.permitted(id, caller, 'addVersion');
      if (!s) return undefined;
      const last = this.db
        .prepare('SELECT MAX(version) AS v FROM versions WHERE scenario_id = ?')
        .get(id) as { v: number };
      const version = last.v + 1;
      const at = this.now();
      const newName = name ?? s.name;
      this.db.prepare('UPDATE scenarios SET name = ?, updated_at = ? WHERE id = ?').run(newName, at, id);
      this.insertVersion(id, version, newName, yaml, planJson, at, caller.name);
      this.audit.add(caller, {
        action: 'version.create',
        target: `${id}@${version}`,
        name: newName,
        ...(newName !== s.name ? { detail: `renamed from ${JSON.stringify(s.name)}` } : {}),
      });
      return { scenarioId: id, name: newName, version, createdAt: at, author: caller.name };
    })();
  }

  /** The live scenarios `user` may see (an admin: all), most recently changed first. */
  listScenarios(user: User, limit: number, offset: number): ScenarioSummary[] {
    return this.summaries(user, LISTINGS.live, limit, offset).map(({ deletedAt: _live, ...s }) => s);
  }

  /** The deleted scenarios `user` may restore, most recently deleted first. */
  listDeleted(user: User, limit: number, offset: number): DeletedSummary[] {
    return this.summaries(user, LISTINGS.deleted, limit, offset).map((s) => {
      const deletedAt = s.deletedAt!;
      return { ...s, deletedAt, purgeAfter: this.purgeAfter(deletedAt) };
    });
  }

  private summaries(
    user: User,
    listing: Listing,
    limit: number,
    offset: number,
  ): (ScenarioSummary & { deletedAt: string | null })[] {
    // The roles that cover the one needed, as SQL can test them; an admin holds every role.
    const roles = SCENARIO_ROLES.filter((r) => covers(r, listing.needs));
    const rows = this.db
      .prepare(
        `SELECT s.id, s.name, s.created_at AS createdAt, s.updated_at AS updatedAt, s.deleted_at AS deletedAt,
                (SELECT MAX(version) FROM versions v WHERE v.scenario_id = s.id) AS latestVersion,
                m.role AS granted
         FROM scenarios s LEFT JOIN members m ON m.scenario_id = s.id AND m.user_id = ?
         WHERE ${listing.where} AND (? OR m.role IN (${roles.map(() => '?').join(', ')}))
         ORDER BY ${listing.order}, s.id LIMIT ? OFFSET ?`,
      )
      .all(user.id, user.role === 'admin' ? 1 : 0, ...roles, limit, offset) as (ScenarioSummary & {
      granted: ScenarioRole | null;
      deletedAt: string | null;
    })[];
    return rows.map(({ granted, ...s }) => ({ ...s, access: effectiveRole(user, granted)! }));
  }

  private purgeAfter(deletedAt: string): string {
    return new Date(Date.parse(deletedAt) + this.retentionDays * DAY_MS).toISOString();
  }

  /** A live scenario with its versions and grants, as `user` sees it; undefined when missing or deleted. */
  getScenario(
    id: string,
    user: User,
  ): (ScenarioSummary & { versions: VersionSummary[]; members: Member[] }) | undefined {
    const s = this.db
      .prepare(
        'SELECT id, name, created_at AS createdAt, updated_at AS updatedAt FROM scenarios WHERE id = ? AND deleted_at IS NULL',
      )
      .get(id) as Omit<ScenarioSummary, 'latestVersion' | 'access'> | undefined;
    const access = this.scenarioAccess(id, user)?.role;
    if (!s || !access) return undefined;
    const versions = this.db
      .prepare(
        'SELECT version, name, created_at AS createdAt, author FROM versions WHERE scenario_id = ? ORDER BY version DESC',
      )
      .all(id) as VersionSummary[];
    return { ...s, latestVersion: versions[0]?.version ?? 0, access, versions, members: this.members(id) };
  }

  /** One version of a live scenario, or the latest when `version` is undefined. */
  getVersion(id: string, version?: number): SavedVersion | undefined {
    const row = this.db
      .prepare(
        `SELECT v.scenario_id AS scenarioId, v.name, v.version, v.created_at AS createdAt, v.author, v.yaml, v.plan_json
         FROM versions v JOIN scenarios s ON s.id = v.scenario_id
         WHERE v.scenario_id = ? AND s.deleted_at IS NULL AND (? IS NULL OR v.version = ?)
         ORDER BY v.version DESC LIMIT 1`,
      )
      .get(id, version ?? null, version ?? null) as
      | (Omit<SavedVersion, 'plan'> & { plan_json: string })
      | undefined;
    if (!row) return undefined;
    const { plan_json, ...rest } = row;
    return { ...rest, plan: JSON.parse(plan_json) };
  }

  /** Marks the scenario deleted: it stays restorable for the retention period. False unless the caller owns it. */
  deleteScenario(id: string, caller: Caller): boolean {
    return this.db.transaction(() => {
      const s = this.permitted(id, caller, 'delete');
      if (!s) return false;
      this.db.prepare('UPDATE scenarios SET deleted_at = ? WHERE id = ?').run(this.now(), id);
      this.audit.add(caller, { action: 'scenario.delete', target: id, name: s.name });
      return true;
    })();
  }

  /** Brings back a deleted scenario with its versions, grants and share links. */
  restoreScenario(id: string, caller: Caller): boolean {
    return this.db.transaction(() => {
      const s = this.permitted(id, caller, 'restore');
      if (!s) return false;
      this.db.prepare('UPDATE scenarios SET deleted_at = NULL WHERE id = ?').run(id);
      this.audit.add(caller, {
        action: 'scenario.restore',
        target: id,
        name: s.name,
        detail: `deleted ${s.deletedAt}`,
      });
      return true;
    })();
  }

  /** Removes for good the scenarios deleted more than the retention period ago; answers what went. */
  purgeDeleted(actor: Actor = SYSTEM): { id: string; name: string }[] {
    const cutoff = new Date(Date.parse(this.now()) - this.retentionDays * DAY_MS).toISOString();
    return this.db.transaction(() => {
      const gone = this.db
        .prepare('SELECT id, name, deleted_at AS deletedAt FROM scenarios WHERE deleted_at <= ?')
        .all(cutoff) as { id: string; name: string; deletedAt: string }[];
      for (const s of gone) {
        this.db.prepare('DELETE FROM scenarios WHERE id = ?').run(s.id);
        this.audit.add(actor, {
          action: 'scenario.purge',
          target: s.id,
          name: s.name,
          detail: `deleted ${s.deletedAt}`,
        });
      }
      return gone.map(({ id, name }) => ({ id, name }));
    })();
  }

  /** A read-only link to one version; undefined when the version does not exist or the caller may not share. */
  createShare(
    id: string,
    version: number | undefined,
    caller: Caller,
  ): { id: string; version: number } | undefined {
    return this.db.transaction(() => {
      const s = this.permitted(id, caller, 'share');
      const v = s && this.getVersion(id, version);
      if (!s || !v) return undefined;
      const share = randomId();
      this.db
        .prepare('INSERT INTO shares (id, scenario_id, version, created_at) VALUES (?, ?, ?, ?)')
        .run(share, id, v.version, this.now());
      this.audit.add(caller, { action: 'share.create', target: `${id}@${v.version}`, name: s.name });
      return { id: share, version: v.version };
    })();
  }

  /** The shared version while its scenario is live. */
  getShare(shareId: string): SharedVersion | undefined {
    const row = this.db.prepare('SELECT scenario_id AS id, version FROM shares WHERE id = ?').get(shareId) as
      | { id: string; version: number }
      | undefined;
    const v = row && this.getVersion(row.id, row.version);
    return v && { name: v.name, version: v.version, yaml: v.yaml, plan: v.plan };
  }

  /** Who holds which role on the scenario, owners first. */
  members(id: string): Member[] {
    const rows = this.db
      .prepare(
        'SELECT u.name AS user, m.role FROM members m JOIN users u ON u.id = m.user_id WHERE m.scenario_id = ? ORDER BY u.name',
      )
      .all(id) as Member[];
    const rank = (m: Member) => -SCENARIO_ROLES.indexOf(m.role);
    return rows.sort((a, b) => rank(a) - rank(b));
  }

  /** Grants `userName` the role on the scenario, replacing what they held. */
  setMember(id: string, userName: string, role: ScenarioRole, caller: Caller): GrantRefusal | undefined {
    return this.changeMember(id, userName, caller, role);
  }

  removeMember(id: string, userName: string, caller: Caller): GrantRefusal | undefined {
    return this.changeMember(id, userName, caller, undefined);
  }

  /** One grant changed (`role` undefined removes it), refused when it would leave the scenario without an owner. */
  private changeMember(
    id: string,
    userName: string,
    caller: Caller,
    role: ScenarioRole | undefined,
  ): GrantRefusal | undefined {
    return this.db.transaction((): GrantRefusal | undefined => {
      const s = this.permitted(id, caller, 'grant');
      if (!s) return 'no_scenario';
      const user = this.users.byName(userName);
      if (!user) return 'no_user';
      const held = this.db
        .prepare('SELECT role FROM members WHERE scenario_id = ? AND user_id = ?')
        .get(id, user.id) as { role: ScenarioRole } | undefined;
      if (!held && role === undefined) return 'not_member';
      if (held?.role === 'owner' && role !== 'owner') {
        const owners = this.db
          .prepare("SELECT COUNT(*) AS n FROM members WHERE scenario_id = ? AND role = 'owner'")
          .get(id) as { n: number };
        if (owners.n <= 1) return 'last_owner';
      }
      if (role === undefined) {
        this.db.prepare('DELETE FROM members WHERE scenario_id = ? AND user_id = ?').run(id, user.id);
      } else {
        this.db
          .prepare(
            'INSERT INTO members (scenario_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role',
          )
          .run(id, user.id, role);
      }
      this.audit.add(caller, {
        action: role ? 'member.set' : 'member.remove',
        target: id,
        name: s.name,
        detail: role ? `${userName}: ${role}` : userName,
      });
      return undefined;
    })();
  }
}
