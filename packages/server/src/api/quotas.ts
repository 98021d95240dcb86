import { HttpError } from '../http/errors.js';
import { clientKey, type RateLimiter } from '../http/rate-limit.js';
import type { JobPriority } from '../planning/pool.js';

/** Refuses a request past the client's rate with 429 and the seconds to wait. */
export function takeRateToken(limiter: RateLimiter, client: string): void {
  const wait = limiter.take(client);
  if (wait > 0) {
    throw new HttpError(429, 'rate_limited', `too many requests; wait ${wait} s`, { retryAfterS: wait });
  }
}

/**
 * Plans for anyone (planning needs no token) are capped per client, so one client's burst cannot
 * queue the whole pool; saves of token holders are not capped, and go ahead of them in the pool.
 */
export class PlanQuota {
  private readonly pending = new Map<string, number>();

  /** 0 turns the cap off. */
  constructor(private readonly maxPerClient: number) {}

  async run<T>(address: string, priority: JobPriority, plan: () => Promise<T>): Promise<T> {
    const client = clientKey(address);
    const n = this.pending.get(client) ?? 0;
    if (priority === 'read' && this.maxPerClient > 0 && n >= this.maxPerClient) {
      throw new HttpError(
        429,
        'too_many_plans',
        `${n} plans from this client are already waiting; wait for them`,
        { retryAfterS: 1 },
      );
    }
    this.pending.set(client, n + 1);
    try {
      return await plan();
    } finally {
      const left = (this.pending.get(client) ?? 1) - 1;
      if (left > 0) this.pending.set(client, left);
      else this.pending.delete(client);
    }
  }
}
