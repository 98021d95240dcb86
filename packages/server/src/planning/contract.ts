import type { Refusal } from '@aidc/core';

/** What the server asks a planner thread: check or plan one scenario text. */
export interface PlanJob {
  readonly id: number;
  readonly op: 'validate' | 'plan';
  readonly yaml: string;
  readonly file: string;
}

/** What a planner thread answers; `error` is a bug in aidc, never the user's input. */
export type PlanReply =
  | { readonly id: number; readonly kind: 'valid' }
  /** The plan as JSON text: made in the thread, so the server neither clones nor re-encodes it. */
  | { readonly id: number; readonly kind: 'planned'; readonly planJson: string }
  | { readonly id: number; readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly id: number; readonly kind: 'error'; readonly message: string; readonly stack?: string };

/** A finished job as the pool hands it back, or why it did not finish. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type PlanOutcome =
  | WithoutId<PlanReply>
  | { readonly kind: 'timeout'; readonly seconds: number }
  /**
   * Not run: the queue was full (`full`), the job waited past the queue timeout (`waited`), or the
   * server is closing; `retryAfterS` is when a retry may find room.
   */
  | { readonly kind: 'busy'; readonly why: 'full' | 'waited' | 'closing'; readonly retryAfterS: number };

/** What a planner thread posts once its modules are loaded, before any job: the pool sends it work,
 * and starts that work's clock, only then. A fresh thread's start-up (seconds on a loaded machine)
 * is not the next plan's time. */
export const WORKER_READY = 'ready';
