import type Database from 'better-sqlite3';
import { type AuditLog, CLI } from './audit.js';
import { newToken, tokenHash } from './ids.js';
import type { UserRole } from './roles.js';

export interface User {
  readonly id: number;
  readonly name: string;
  readonly role: UserRole;
}

export interface UserListing extends User {
  readonly createdAt: string;
  readonly activeTokens: number;
  readonly ownedScenarios: number;
}

export interface TokenListing {
  readonly id: number;
  readonly name: string;
  readonly role: UserRole;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** What a bearer token proves: its user, or that it was revoked (and whose it was), or nothing. */
export type Authentication =
  | { readonly kind: 'user'; readonly user: User }
  | { readonly kind: 'revoked'; readonly tokenId: number; readonly user: string }
  | { readonly kind: 'unknown' };

/** Users, their roles and their tokens. Tokens are stored only as hashes. */
export class Users {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => string,
  ) {}

  byName(name: string): User | undefined {
    return this.db.prepare('SELECT id, name, role FROM users WHERE name = ?').get(name) as User | undefined;
  }

  list(): UserListing[] {
    return this.db
      .prepare(
        `SELECT u.id, u.name, u.role, u.created_at AS createdAt,
           (SELECT COUNT(*) FROM tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) AS activeTokens,
           (SELECT COUNT(*) FROM members m JOIN scenarios s ON s.id = m.scenario_id
              WHERE m.user_id = u.id AND m.role = 'owner' AND s.deleted_at IS NULL) AS ownedScenarios
         FROM users u ORDER BY u.id`,
      )
      .all() as UserListing[];
  }

  /** Changes an existing user's role; false when there is no such user. */
  setRole(name: string, role: UserRole): boolean {
    return this.db.transaction(() => {
      const r = this.db.prepare('UPDATE users SET role = ? WHERE name = ?').run(role, name);
      if (r.changes > 0) this.audit.add(CLI, { action: 'user.role', target: name, detail: role });
      return r.changes > 0;
    })();
  }

  /**
   * A new token for `name`, made a user with `role` when there is none of that name; an existing
   * user keeps the role it has (change it with setRole).
   */
  createToken(name: string, role: UserRole = 'member'): { id: number; token: string; user: User } {
    const token = newToken();
    return this.db.transaction(() => {
      const at = this.now();
      this.db
        .prepare('INSERT OR IGNORE INTO users (name, role, created_at) VALUES (?, ?, ?)')
        .run(name, role, at);
      const user = this.byName(name)!;
      const r = this.db
        .prepare('INSERT INTO tokens (name, sha256, created_at, user_id) VALUES (?, ?, ?, ?)')
        .run(name, tokenHash(token), at, user.id);
      const id = Number(r.lastInsertRowid);
      this.audit.add(CLI, { action: 'token.create', target: `${id}:${name}`, detail: user.role });
      return { id, token, user };
    })();
  }

  listTokens(): TokenListing[] {
    return this.db
      .prepare(
        `SELECT t.id, t.name, u.role, t.created_at AS createdAt, t.revoked_at AS revokedAt
         FROM tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id`,
      )
      .all() as TokenListing[];
  }

  revokeToken(id: number): boolean {
    return this.db.transaction(() => {
      const r = this.db
        .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(this.now(), id);
      if (r.changes > 0) this.audit.add(CLI, { action: 'token.revoke', target: String(id) });
      return r.changes > 0;
    })();
  }

  authenticate(token: string): Authentication {
    const row = this.db
      .prepare(
        `SELECT t.id AS tokenId, t.revoked_at AS revokedAt, u.id, u.name, u.role
         FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.sha256 = ?`,
      )
      .get(tokenHash(token)) as (User & { tokenId: number; revokedAt: string | null }) | undefined;
    if (!row) return { kind: 'unknown' };
    if (row.revokedAt !== null) return { kind: 'revoked', tokenId: row.tokenId, user: row.name };
    return { kind: 'user', user: { id: row.id, name: row.name, role: row.role } };
  }
}
