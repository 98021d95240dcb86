import type Database from 'better-sqlite3';
import { type Denial, DenialLog } from './denials.js';

/** Who did something and from where. */
export interface Actor {
  readonly name: string;
  readonly client: string;
}

/** What a row records beyond who and when; `name` is the scenario's name at the time, when one is touched. */
export interface AuditEvent {
  readonly action: string;
  readonly target: string;
  readonly name?: string;
  readonly detail?: string;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  /** The latest of `count` coalesced denials; null for a row that records one event. */
  readonly lastAt: string | null;
  readonly count: number;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly name: string;
  readonly detail: string;
  readonly client: string;
}

/** The server's own work (purges) and the command line's (tokens, roles) as actors. */
export const SYSTEM: Actor = { name: 'system', client: 'local' };
export const CLI: Actor = { name: 'cli', client: 'local' };

/**
 * The audit log. Writes add their row inside their own transaction; denials (failed authentications
 * and refused reads) go through a DenialLog that coalesces repeats, so a flood cannot grow the table a
 * row per request.
 */
export class AuditLog {
  private readonly denials: DenialLog;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {
    this.denials = new DenialLog({
      insert: (d, at) => this.insert({ name: d.actor, client: d.client }, d, at),
      update: (rowId, count, lastAt) => {
        this.db.prepare('UPDATE audit SET count = ?, last_at = ? WHERE id = ?').run(count, lastAt, rowId);
      },
    });
  }

  add(actor: Actor, event: AuditEvent): void {
    this.insert(actor, event, this.now());
  }

  private insert(actor: Actor, event: AuditEvent, at: string): number {
    const r = this.db
      .prepare(
        'INSERT INTO audit (at, actor, action, target, name, detail, client) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at, actor.name, event.action, event.target, event.name ?? '', event.detail ?? '', actor.client);
    return Number(r.lastInsertRowid);
  }

  deny(denial: Denial): void {
    this.denials.record(denial, this.now());
  }

  /** Writes the coalesced denials' counts; the server calls it every minute and on close. */
  flush(): void {
    this.denials.flush();
  }

  /** Newest first, `limit` rows with ids below `before`; `next` pages on while there are more. */
  read(limit: number, before?: number): { entries: AuditEntry[]; next?: number } {
    this.flush();
    const rows = this.db
      .prepare(
        `SELECT id, at, last_at AS lastAt, count, actor, action, target, name, detail, client FROM audit
         WHERE id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(before ?? Number.MAX_SAFE_INTEGER, limit + 1) as AuditEntry[];
    if (rows.length <= limit) return { entries: rows };
    const entries = rows.slice(0, limit);
    return { entries, next: entries[entries.length - 1]!.id };
  }
}
