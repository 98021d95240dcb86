import type { Store } from './store.js';

// Retention is counted in days, so a purge an hour late changes nothing a user would notice.
const PURGE_EVERY_MS = 3_600_000;
// The denial log coalesces a minute at a time; writing its counts as often keeps the log a minute behind at most.
const FLUSH_EVERY_MS = 60_000;

/**
 * The store's housekeeping while the server runs: a purge of scenarios past their retention at start
 * and every hour, and the coalesced denial counts written every minute. Answers a function that stops it.
 */
export function startMaintenance(store: Store, log?: (line: string) => void): () => void {
  const guarded = (what: string, work: () => void) => () => {
    try {
      work();
    } catch (e) {
      // A full disk or a locked file must not stop the server; the next run tries again.
      log?.(`${what} failed: ${(e as Error).message}`);
    }
  };
  const purge = guarded('purge', () => {
    const gone = store.purgeDeleted();
    if (gone.length > 0)
      log?.(`purged ${gone.length} scenarios deleted over ${store.retentionDays} days ago`);
  });
  purge();
  const timers = [
    setInterval(purge, PURGE_EVERY_MS),
    setInterval(
      guarded('audit flush', () => store.audit.flush()),
      FLUSH_EVERY_MS,
    ),
  ];
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
