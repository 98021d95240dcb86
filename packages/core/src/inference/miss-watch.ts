/** A limit on one percentile of a latency over all requests, s. */
export interface PercentileLimit {
  readonly quantile: number;
  readonly limitS: number;
}

/** Percentile limits a run is checked against: it misses when any is exceeded or a request is dropped. */
export interface MissLimits {
  readonly ttft?: readonly PercentileLimit[];
  readonly tpot?: readonly PercentileLimit[];
}

/** Where the q-quantile of n sorted values sits (the simulator's percentiles read the same place). */
export function quantileIndex(q: number, n: number): number {
  return Math.min(n - 1, Math.floor(q * n));
}

/** A request's standing against one TTFT limit. */
const UNSEEN = 0;
const LATE = 1;
const ON_TIME = 2;

/**
 * Counts, while a run goes on, the requests certainly over each percentile limit, to stop the run once
 * a limit is certainly missed. A run without drops completes all n requests, and its q-quantile is
 * over the limit exactly when n − quantileIndex(q, n) values are; so once that many are known to be
 * over, the run misses whatever happens next (and a drop is a miss of its own). A TTFT is known to be
 * over once its request has waited longer than the limit without a first token; a TPOT when its
 * request finishes.
 */
export function missWatch(
  limits: MissLimits,
  n: number,
  arrivalTimes: Float64Array,
  order: Int32Array,
): {
  /** A request's first token, `ttftS` after it arrived. */
  firstToken(i: number, ttftS: number): void;
  /** A request finished at `tpotS` per output token. */
  finished(tpotS: number): void;
  /** Whether a limit is certainly missed at `now`, `arrived` requests (in `order`) having arrived;
   * every first token and finish up to `now` told. */
  missed(now: number, arrived: number): boolean;
} {
  const ttft = (limits.ttft ?? []).map((l) => ({
    limitS: l.limitS,
    need: n - quantileIndex(l.quantile, n),
    standing: new Uint8Array(n),
    over: 0,
    /** Requests in arrival order before this one have been checked for waiting past the limit. */
    next: 0,
  }));
  const tpot = (limits.tpot ?? []).map((l) => ({
    limitS: l.limitS,
    need: n - quantileIndex(l.quantile, n),
    over: 0,
  }));
  return {
    firstToken(i, ttftS) {
      for (let k = 0; k < ttft.length; k++) {
        const w = ttft[k]!;
        if (w.standing[i] !== UNSEEN) continue;
        w.standing[i] = ttftS > w.limitS ? LATE : ON_TIME;
        if (ttftS > w.limitS) w.over++;
      }
    },
    finished(tpotS) {
      for (let k = 0; k < tpot.length; k++) if (tpotS > tpot[k]!.limitS) tpot[k]!.over++;
    },
    missed(now, arrived) {
      if (n === 0) return false;
      for (let k = 0; k < ttft.length; k++) {
        const w = ttft[k]!;
        // Arrival order is time order: those waiting past the limit are a prefix of it.
        while (w.next < arrived) {
          const i = order[w.next]!;
          if (!(now - arrivalTimes[i]! > w.limitS)) break;
          // Still without a first token (or dropped): its first token comes at now or later.
          if (w.standing[i] === UNSEEN) {
            w.standing[i] = LATE;
            w.over++;
          }
          w.next++;
        }
        if (w.over >= w.need) return true;
      }
      for (let k = 0; k < tpot.length; k++) if (tpot[k]!.over >= tpot[k]!.need) return true;
      return false;
    },
  };
}
