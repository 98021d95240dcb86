/** One refusal worth auditing: a failed authentication, or a read or write of what the caller may not touch. */
export interface Denial {
  readonly action: string;
  readonly actor: string;
  readonly client: string;
  /** What was touched: a scenario id, `id@version`, a share link, or `token`. */
  readonly target: string;
  /** Why, or for a failed authentication the request it came with. Not part of the coalescing key. */
  readonly detail: string;
}

/** Where coalesced rows go: the audit table, in practice. */
export interface DenialSink {
  /** A new row with count 1; answers its id. */
  insert(denial: Denial, at: string): number;
  /** The row's count and the time of its latest denial. */
  update(rowId: number, count: number, lastAt: string): void;
}

// One row per (action, actor, client, target) and minute: a row still says when an attack began,
// from where, against what and how hard, while a client retrying a bad token 50 times a second
// costs one insert and one update a minute rather than 50 synchronous writes a second.
const WINDOW_MS = 60_000;
// Distinct rows per action and minute: past this, the rest of that minute's denials of that action
// share one overflow row. Bounds the table's growth under a flood from many addresses to about
// 61 rows a minute per action, whatever the number of attackers.
const KEYS_PER_WINDOW = 60;

export const OVERFLOW = '(more)';

const keyOf = (d: Denial): string => JSON.stringify([d.action, d.actor, d.client, d.target]);

interface Open {
  readonly rowId: number;
  count: number;
  written: number;
  lastAt: string;
}

/**
 * Denials coalesced into rows with a count, so that the audit log records every refusal without
 * letting one client grow it a row per request. Counts are kept in memory and written when the
 * minute closes, on `flush`, and before the log is read.
 */
export class DenialLog {
  private window = Number.NaN;
  private readonly open = new Map<string, Open>();
  private readonly keysPerAction = new Map<string, number>();

  constructor(
    private readonly sink: DenialSink,
    private readonly windowMs = WINDOW_MS,
    private readonly keysPerWindow = KEYS_PER_WINDOW,
  ) {}

  record(denial: Denial, at: string): void {
    const window = Math.floor(Date.parse(at) / this.windowMs);
    if (window !== this.window) {
      this.flush();
      this.open.clear();
      this.keysPerAction.clear();
      this.window = window;
    }
    const d = this.admit(denial);
    const key = keyOf(d);
    const seen = this.open.get(key);
    if (seen) {
      seen.count++;
      seen.lastAt = at;
      return;
    }
    this.open.set(key, { rowId: this.sink.insert(d, at), count: 1, written: 1, lastAt: at });
  }

  /** Writes the counts that grew since they were last written. */
  flush(): void {
    for (const o of this.open.values()) {
      if (o.count === o.written) continue;
      this.sink.update(o.rowId, o.count, o.lastAt);
      o.written = o.count;
    }
  }

  /** The denial as given while its action has keys left this minute, else its action's overflow row. */
  private admit(d: Denial): Denial {
    if (this.open.has(keyOf(d))) return d;
    const used = this.keysPerAction.get(d.action) ?? 0;
    if (used < this.keysPerWindow) {
      this.keysPerAction.set(d.action, used + 1);
      return d;
    }
    return {
      action: d.action,
      actor: OVERFLOW,
      client: OVERFLOW,
      target: OVERFLOW,
      detail: `more than ${this.keysPerWindow} distinct denials this minute; counted here`,
    };
  }
}
