/**
 * A token bucket per client: `ratePerS` requests a second on average, bursts up to `burst`. Buckets
 * idle long enough to be full are forgotten, so memory stays bounded by the clients of the last minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  private lastSweepMs = 0;

  constructor(
    readonly ratePerS: number,
    readonly burst: number,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  /** 0 when the request may go ahead, else the seconds until it may. */
  take(address: string): number {
    if (this.ratePerS <= 0) return 0;
    const client = clientKey(address);
    const now = this.nowMs();
    const b = this.buckets.get(client) ?? { tokens: this.burst, atMs: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.atMs) / 1000) * this.ratePerS);
    b.atMs = now;
    this.buckets.set(client, b);
    // Sweeping scans every bucket, so it runs at most once a second however many clients come.
    if (this.buckets.size > 10_000 && now - this.lastSweepMs > 1000) this.sweep(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.ratePerS);
  }

  private sweep(now: number): void {
    this.lastSweepMs = now;
    const fullAfterMs = (this.burst / this.ratePerS) * 1000;
    for (const [k, b] of this.buckets) if (now - b.atMs > fullAfterMs) this.buckets.delete(k);
  }
}

/** IPv6 clients are keyed by their /64, the block one host is usually given, so rotating addresses
 * within it does not buy fresh buckets; IPv4 (and IPv4-mapped) addresses are kept whole. */
export function clientKey(address: string): string {
  if (!address.includes(':') || address.startsWith('::ffff:')) return address;
  const [head] = address.split('::');
  const groups = (head ?? '').split(':').filter((g) => g !== '');
  return `${groups.slice(0, 4).join(':')}::/64`;
}
