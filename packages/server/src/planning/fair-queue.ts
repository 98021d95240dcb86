/**
 * Waiting jobs shared fairly among clients by the planner time each has used: start-time fair queuing
 * with costs measured, not guessed. A plan's cost is not known before it runs (one serving fleet takes
 * seconds, a training plan milliseconds), so a client is charged the thread time its jobs actually take,
 * counted while they run, and the next job to start is the head of the client that has used least.
 *
 * Usage is kept on a virtual clock so that clients who come and go neither bank credit nor carry debt:
 * the clock stands at the usage of the last client started, a client with nothing waiting is lifted to
 * it when its next job comes, and a client with nothing waiting or running is forgotten. Hence every
 * waiting client has used at least the clock, and the bound in docs/server.md ("Fairness"): a job
 * from a client with nothing else waiting or running is next but for at most one job of each other
 * client (those tied with it at the clock and earlier in line), and each of those only while it has
 * nothing running.
 */

/** A job waiting in the queue. */
export interface Waiting<T> {
  readonly client: string;
  readonly item: T;
  /** Arrival order, to break ties first come, first served. */
  readonly seq: number;
}

/** A job taken from the queue; hand it back to `done` when it ends. */
export interface Started<T> {
  readonly client: string;
  readonly item: T;
  readonly startedMs: number;
}

interface Client<T> {
  /** Thread time used, in ms on the virtual clock, not counting jobs still running. */
  usedMs: number;
  readonly waiting: Waiting<T>[];
  running: number;
  /** The start times of its running jobs, summed: their time so far is running × now − this. */
  startedSumMs: number;
}

export class FairQueue<T> {
  private readonly clients = new Map<string, Client<T>>();
  private clockMs = 0;
  private nextSeq = 0;
  private waitingCount = 0;

  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  /** Jobs waiting, across clients. */
  get size(): number {
    return this.waitingCount;
  }

  /** Thread time the client has used on the virtual clock, its running jobs included so far. */
  usage(client: string, now = this.nowMs()): number | undefined {
    const c = this.clients.get(client);
    return c && c.usedMs + c.running * now - c.startedSumMs;
  }

  push(client: string, item: T): Waiting<T> {
    let c = this.clients.get(client);
    if (!c) {
      c = { usedMs: this.clockMs, waiting: [], running: 0, startedSumMs: 0 };
      this.clients.set(client, c);
    } else if (c.waiting.length === 0) {
      // Lifted to the clock: time it was not asking for the planner is not owed to it later.
      c.usedMs += Math.max(0, this.clockMs - this.usage(client)!);
    }
    const w: Waiting<T> = { client, item, seq: this.nextSeq++ };
    c.waiting.push(w);
    this.waitingCount++;
    return w;
  }

  /** Takes a job out before it starts (it waited too long); false when it had started or was gone. */
  remove(w: Waiting<T>): boolean {
    const c = this.clients.get(w.client);
    const i = c ? c.waiting.indexOf(w) : -1;
    if (!c || i < 0) return false;
    c.waiting.splice(i, 1);
    this.waitingCount--;
    this.forgetIfIdle(w.client, c);
    return true;
  }

  /** The next job to start: the head of the client that has used least; ties go to the client with
   * fewer jobs running, then to the job that came first. */
  take(): Started<T> | undefined {
    const now = this.nowMs();
    let best: { c: Client<T>; used: number } | undefined;
    for (const c of this.clients.values()) {
      const head = c.waiting[0];
      if (!head) continue;
      const used = c.usedMs + c.running * now - c.startedSumMs;
      if (
        !best ||
        used < best.used ||
        (used === best.used &&
          (c.running < best.c.running || (c.running === best.c.running && head.seq < best.c.waiting[0]!.seq)))
      )
        best = { c, used };
    }
    if (!best) return undefined;
    const w = best.c.waiting.shift()!;
    this.waitingCount--;
    best.c.running++;
    best.c.startedSumMs += now;
    this.clockMs = Math.max(this.clockMs, best.used);
    return { client: w.client, item: w.item, startedMs: now };
  }

  /** Charges a finished job's thread time to its client; answers that time, in ms. */
  done(s: Started<T>): number {
    const tookMs = this.nowMs() - s.startedMs;
    const c = this.clients.get(s.client);
    if (c) {
      c.running--;
      c.startedSumMs -= s.startedMs;
      c.usedMs += tookMs;
      this.forgetIfIdle(s.client, c);
    }
    return tookMs;
  }

  /** Empties the queue, answering every waiting job in arrival order. */
  drain(): T[] {
    const all = [...this.clients.values()].flatMap((c) => c.waiting.splice(0));
    this.waitingCount = 0;
    for (const [k, c] of this.clients) this.forgetIfIdle(k, c);
    return all.sort((a, b) => a.seq - b.seq).map((w) => w.item);
  }

  private forgetIfIdle(client: string, c: Client<T>): void {
    if (c.running === 0 && c.waiting.length === 0) this.clients.delete(client);
  }
}
