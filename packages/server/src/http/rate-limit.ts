/**
 * A token bucket per client: `ratePerS` requests a second on average, bursts up to `burst`. Buckets
 * idle long enough to be full are forgotten, so memory stays bounded by the clients of the last minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    readonly ratePerS: number,
    readonly burst: number,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  /** 0 when the request may go ahead, else the seconds until it may. */
  take(client: string): number {
    if (this.ratePerS <= 0) return 0;
    const now = this.nowMs();
    const b = this.buckets.get(client) ?? { tokens: this.burst, atMs: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.atMs) / 1000) * this.ratePerS);
    b.atMs = now;
    this.buckets.set(client, b);
    if (this.buckets.size > 10_000) this.sweep(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.ratePerS);
  }

  private sweep(now: number): void {
    const fullAfterMs = (this.burst / this.ratePerS) * 1000;
    for (const [k, b] of this.buckets) if (now - b.atMs > fullAfterMs) this.buckets.delete(k);
  }
}
