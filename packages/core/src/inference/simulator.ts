import { EventQueue } from '../sim/event-queue.js';
import { Random } from '../sim/random.js';
import { type MissLimits, missWatch } from './miss-watch.js';
import { type Percentiles, percentilesOf } from './quantiles.js';
import { contextShares, effectiveContext, engineStepS, type ServingStepModel } from './throughput.js';

export type { MissLimits, PercentileLimit } from './miss-watch.js';

/**
 * A discrete-event simulator of one serving replica doing continuous batching as vLLM-style engines
 * do: requests arrive (Poisson), wait, are admitted while KV-cache blocks last, are prefilled in
 * chunks within a per-step token budget beside the running decodes, and generate a token per step;
 * when the cache runs out the newest request is preempted and recomputed later. Each step's time
 * comes from the analytical step model. Seeded: a run repeats exactly.
 */

/** How long requests are: 'fixed' (every request the mean), 'exponential' (drawn, at least 1, at most
 * `max`), or 'empirical' (drawn from a measured distribution given by its quantiles at equal steps of
 * probability, from the minimum to the maximum, interpolated between them). */
export type LengthSpec =
  | {
      readonly mean: number;
      readonly distribution: 'fixed' | 'exponential';
      readonly max?: number | undefined;
    }
  | {
      readonly mean: number;
      readonly distribution: 'empirical';
      readonly quantiles: readonly number[];
    };

/** Recorded requests to replay: arrival times (s from the start) and lengths. */
export interface RequestTrace {
  readonly timesS: readonly number[];
  readonly input: readonly number[];
  readonly output: readonly number[];
}

/** The mean rate of a trace, requests/s. */
export function traceRate(t: RequestTrace): number {
  const n = t.timesS.length;
  const span = n > 1 ? t.timesS[n - 1]! - t.timesS[0]! : 0;
  return span > 0 ? (n - 1) / span : 1;
}

export interface TrafficSpec {
  /** Requests replayed instead of Poisson arrivals: the trace repeats, its time scaled so its mean
   * rate is `ratePerS`; lengths come from it. */
  readonly trace?: RequestTrace | undefined;
  /** Mean arrivals per second (Poisson), before the profile and bursts. */
  readonly ratePerS: number;
  /** Multipliers of the rate by hour of the day (24 values), from t = 0 at midnight. */
  readonly profile?: readonly number[] | undefined;
  /** Bursts: the rate times `factor` for `durationS` every `everyS`. */
  readonly burst?:
    | { readonly factor: number; readonly durationS: number; readonly everyS: number }
    | undefined;
  readonly input: LengthSpec;
  readonly output: LengthSpec;
  /** Arrivals stop after this long; the simulation runs on until the queue drains. */
  readonly durationS: number;
  readonly seed: number;
}

export interface SimulationOptions {
  /** Token budget of one engine step (decodes plus prefill chunks): vLLM's max_num_batched_tokens. */
  readonly maxStepTokens?: number;
  /** Tokens per KV-cache block (vLLM's default 16). */
  readonly blockTokens?: number;
  /** Most sequences running at once. */
  readonly maxBatch?: number;
  /** A request that waits longer than this before admission is dropped. */
  readonly maxQueueS?: number;
  /** Latency objectives for goodput. */
  readonly slo?: { readonly ttftS: number; readonly tpotS: number };
  /** Decode pool of a disaggregated deployment: requests arrive with their prompt's KV cache already
   * computed (and transferred), so they only decode. */
  readonly prefilled?: boolean;
  /** Steps every running sequence one by one, as the simulator did before it kept steady decodes as
   * sums and prefills not yet begun apart: the reference that bookkeeping is tested against (same
   * results, slower). */
  readonly perSequence?: boolean;
  /** Stop as soon as the run certainly misses these limits (or drops a request): for yes/no probes
   * only. The result is then marked `stoppedEarly` and what was left unfinished counts as dropped,
   * so it fails any check that wants no drops; its latencies cover only part of the run. */
  readonly stopWhenMissed?: MissLimits;
}

export type { Percentiles } from './quantiles.js';

export interface SimulationResult {
  readonly arrived: number;
  readonly completed: number;
  readonly dropped: number;
  readonly preemptions: number;
  readonly steps: number;
  /** Sequences stepped one by one, summed over the steps: the simulator's own work, which its
   * bookkeeping (steady sums, prefills waiting apart) keeps small. */
  readonly sequenceVisits: number;
  /** Simulated time until the last request finished, s. */
  readonly simulatedS: number;
  readonly ttftS: Percentiles;
  readonly tpotS: Percentiles;
  readonly e2eS: Percentiles;
  readonly queueWaitS: Percentiles;
  readonly outputTokensPerS: number;
  /** Completed requests per second that met both objectives (all completed when none are given). */
  readonly goodputPerS: number;
  readonly sloAttainment: number;
  /** The run stopped at a certain miss of `stopWhenMissed` (the rest counted dropped). */
  readonly stoppedEarly: boolean;
}

const WAITING = 0;
const RUNNING = 1;
const DONE = 2;
const DROPPED = 3;
/** A running sequence's place in the steady sums (see runEngine). */
const NOT_STEADY = 0;
const PAST = 1;
const WITHIN = 2;

export const SIMULATION_DEFAULTS = { maxStepTokens: 8192, blockTokens: 16, maxQueueS: 600 } as const;

/** The arrival rate at time t under the profile and bursts. */
export function rateAt(traffic: TrafficSpec, t: number): number {
  const hour = Math.floor(t / 3600) % 24;
  const profile = traffic.profile?.[hour] ?? 1;
  const b = traffic.burst;
  const bursting = b !== undefined && t % b.everyS < b.durationS;
  return traffic.ratePerS * profile * (bursting ? b.factor : 1);
}

/** The highest rate the traffic reaches. */
export function peakRate(traffic: TrafficSpec): number {
  const profile = traffic.profile && traffic.profile.length > 0 ? Math.max(...traffic.profile) : 1;
  return traffic.ratePerS * profile * (traffic.burst ? Math.max(1, traffic.burst.factor) : 1);
}

/** One request's length as the spec draws it (seeded by `r`). */
export function drawLength(r: Random, l: LengthSpec): number {
  if (l.distribution === 'fixed') return Math.max(1, Math.round(l.mean));
  if (l.distribution === 'empirical') return Math.max(1, Math.round(quantileAt(l.quantiles, r.next())));
  const x = Math.max(1, Math.round(r.exponential(l.mean)));
  return l.max !== undefined ? Math.min(l.max, x) : x;
}

/** The value at probability u of a distribution given by quantiles at equal steps (inverse CDF,
 * linear between the steps). */
export function quantileAt(quantiles: readonly number[], u: number): number {
  const last = quantiles.length - 1;
  if (last <= 0) return quantiles[0] ?? 0;
  const x = u * last;
  const i = Math.min(last - 1, Math.floor(x));
  return quantiles[i]! + (quantiles[i + 1]! - quantiles[i]!) * (x - i);
}

/** Requests for a run: arrival times and lengths, drawn up front (one allocation per run). */
interface Arrivals {
  readonly times: Float64Array;
  readonly input: Int32Array;
  readonly output: Int32Array;
  readonly n: number;
}

/** Replays a trace: its time scaled to the rate asked for, repeated to fill the duration. */
function replay(trace: RequestTrace, traffic: TrafficSpec): Arrivals {
  const scale = traceRate(trace) / traffic.ratePerS;
  const span = (trace.timesS[trace.timesS.length - 1]! - trace.timesS[0]! + 1 / traceRate(trace)) * scale;
  const count = trace.timesS.length;
  const rounds = Math.max(1, Math.ceil(traffic.durationS / span));
  const times = new Float64Array(count * rounds);
  const input = new Int32Array(count * rounds);
  const output = new Int32Array(count * rounds);
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) {
      const t = r * span + (trace.timesS[i]! - trace.timesS[0]!) * scale;
      if (t >= traffic.durationS) break;
      times[n] = t;
      input[n] = Math.max(1, Math.round(trace.input[i]!));
      output[n] = Math.max(1, Math.round(trace.output[i]!));
      n++;
    }
  }
  return { times, input, output, n };
}

/** Poisson arrivals, thinned under a daily profile and bursts, with drawn lengths. */
function poisson(traffic: TrafficSpec): Arrivals {
  const rng = new Random(traffic.seed);
  const peak = peakRate(traffic);
  const expected = Math.ceil(peak * traffic.durationS * 1.2 + 16);
  let arrivalTimes = new Float64Array(expected);
  let n = 0;
  for (let t = rng.exponential(1 / peak); t < traffic.durationS; t += rng.exponential(1 / peak)) {
    if (peak > traffic.ratePerS && rng.next() * peak >= rateAt(traffic, t)) continue;
    if (n === arrivalTimes.length) {
      const grown = new Float64Array(n * 2);
      grown.set(arrivalTimes);
      arrivalTimes = grown;
    }
    arrivalTimes[n++] = t;
  }
  const input = new Int32Array(n);
  const output = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    input[i] = drawLength(rng, traffic.input);
    output[i] = drawLength(rng, traffic.output);
  }
  return { times: arrivalTimes, input, output, n };
}

export function simulateServing(
  sm: ServingStepModel,
  traffic: TrafficSpec,
  options: SimulationOptions = {},
): SimulationResult {
  const arrivals =
    traffic.trace && traffic.trace.timesS.length > 0 ? replay(traffic.trace, traffic) : poisson(traffic);
  return runEngine(sm, arrivals, traffic.durationS, options);
}

/** Request indices in arrival order, ties by index: drawn and replayed arrivals already are (the
 * identity); otherwise a stable sort. */
function arrivalOrder(times: Float64Array, n: number): Int32Array {
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && times[i]! < times[i - 1]!) sorted = false;
  }
  if (!sorted) order.sort((a, b) => times[a]! - times[b]! || a - b);
  return order;
}

function runEngine(
  sm: ServingStepModel,
  arrivals: Arrivals,
  durationS: number,
  options: SimulationOptions,
): SimulationResult {
  // Each attention-DP rank schedules its own steps: the instance's budget and batch are theirs summed.
  const maxStepTokens = options.maxStepTokens ?? SIMULATION_DEFAULTS.maxStepTokens * sm.attentionDp;
  const blockTokens = options.blockTokens ?? SIMULATION_DEFAULTS.blockTokens;
  const maxBatch = options.maxBatch ?? sm.maxBatch;
  const maxQueueS = options.maxQueueS ?? SIMULATION_DEFAULTS.maxQueueS;
  // The cache counts in blocks of one KV share (ServingStepModel.kvShares): a block for every layer is
  // `shares` of them. Full-attention shares grow a block every `blockTokens` tokens; local ones stop at
  // their window.
  const { full: fullShares, local: localShares } = sm.kvShares;
  const shares = fullShares + localShares;
  const window = sm.localWindow;
  const totalBlocks = Math.floor((sm.kvPoolBytesPerGpu * shares) / (sm.kvBytesPerTokenPerGpu * blockTokens));
  const { times: arrivalTimes, input, output, n } = arrivals;
  const state = new Int8Array(n);
  const prefilled = new Int32Array(n);
  const toPrefill = new Int32Array(n);
  const generated = new Int32Array(n);
  const blocks = new Float64Array(n);
  const admittedAt = new Float64Array(n);
  const firstTokenAt = new Float64Array(n);
  const finishedAt = new Float64Array(n);
  const stepChunk = new Int32Array(n);
  const waiting = new Int32Array(n);
  let waitHead = 0;
  let waitTail = 0;
  // Preempted requests go back to the front of the queue: a small stack in front of the FIFO.
  const requeued = new Int32Array(n);
  let requeuedCount = 0;
  // Running sequences in admission order (the newest, preempted first, last). A finished one's entry
  // stays until the list is compacted, so finishing costs nothing per step.
  const running = new Int32Array(2 * n + 1);
  let runningLen = 0;
  let live = 0;
  // Two kinds of running sequence. Steady ones decode a token every step and hold exactly the blocks
  // their length needs: they are not visited per step but kept as sums (their context, a count by
  // block phase, a queue by the step they finish at), so a step costs the same for a batch of 500 as
  // of 5. The rest (prefilling, awaiting their first token, short of a block) are stepped one by one,
  // in admission order, as every sequence is when the bookkeeping cannot be exact.
  const explicit = new Int32Array(n);
  let explicitCount = 0;
  // Admitted sequences whose prefill has not begun wait apart, in admission order: until the step
  // that gives them their first chunk nothing happens to them, so a step does not visit them (under
  // overload hundreds are admitted, holding their prompt's blocks, long before their turn). Prefill
  // chunks go in admission order, so they join the end of `explicit` when their first chunk comes.
  // `pendingAt` is a sequence's place in `pending` (−1: none; an entry elsewhere is stale).
  const pending = new Int32Array(2 * n + 1);
  const pendingAt = new Int32Array(n).fill(-1);
  let pendingHead = 0;
  let pendingTail = 0;
  let pendingCount = 0;
  // A recomputed (preempted) sequence's next token may want blocks before its prefill begins: while
  // one may be waiting here, the block accounting visits them.
  let pendingMayNeedBlocks = false;
  // A steady sequence is in one of two groups. PAST its local layers' window (or in a model without
  // them) it grows fullShares at each block boundary; WITHIN the window its local layers grow too, so
  // it grows every share, until the step its length reaches the window (`crossing`), when it moves to
  // PAST. Without the second group a model with local layers stepped every sequence shorter than its
  // window one by one (fuzz case 13919: Llama 4 Scout, 4,224-token sequences, an 8,192 window, 34 s).
  const steady = new Uint8Array(n); // NOT_STEADY, PAST or WITHIN
  /** A steady sequence's length (prompt plus generated) less the decode-step count when it joined. */
  const base = new Int32Array(n);
  let steadyCount = 0;
  let steadyWithin = 0;
  /** Steady sequences by block phase: PAST ones, and WITHIN ones. */
  const byPhase = new Int32Array(blockTokens);
  const byPhaseWithin = new Int32Array(blockTokens);
  /** WITHIN sequences by the decode-step count at which their length reaches the window. */
  const crossing = new EventQueue(64);
  const crossAt = new Float64Array(n);
  const finishing = new EventQueue(64);
  /** The decode-step count at which a steady sequence finishes (older entries of `finishing` are stale). */
  const finishAt = new Float64Array(n);
  /** Tokens every steady sequence has gained so far: the decode steps, times the tokens each yields. */
  let decodeSteps = 0;
  /** The value of decodeSteps up to which the steady sequences hold their blocks: each holds
   * blocksFor(base + grantedAt + 1) (room for its next token). */
  let grantedAt = 0;
  // With speculative decoding a step yields the acceptance length in tokens on average. Every decoding
  // sequence gains the same whole number of tokens a step, its whole part, the fractions carried to
  // later steps so the run's mean is exact: the steady sums stay exact, and a sequence's spread of
  // acceptance over its hundreds of steps, which averages out, is not drawn.
  const tokensPerStep = sm.speculative ? sm.speculative.acceptanceLength : 1;
  const peekGain = () => Math.floor(clock[CARRY]! + tokensPerStep);
  const takeGain = () => {
    const c = clock[CARRY]! + tokensPerStep;
    const g = Math.floor(c);
    clock[CARRY] = c - g;
    return g;
  };
  // Steady sums are exact when a sequence's context grows by the same whole number of shares each step
  // (past its local layers' window: integer sums in any order) and every running sequence decodes
  // each step (the budget covers the batch).
  // The run's real-valued state lives in a typed array, not in variables the step functions close
  // over or take: V8 boxes each new double stored to a closure's variable, an allocation per step.
  const clock = new Float64Array(6);
  const STEADY_BASE = 0; // the sum of `base` over PAST steady sequences
  const STEADY_BASE_WITHIN = 4; // the sum of `base` over WITHIN steady sequences
  const LAST_TIME = 1; // when the last step finished, s
  const STEP_DONE_AT = 2; // when the step in flight finishes, s (+∞: none)
  const NOW = 3; // the event being handled, s (read by the step functions, not passed: a double argument is boxed too)
  const CARRY = 5; // the fraction of a token the decode steps so far owe (speculative decoding)
  clock[STEP_DONE_AT] = Number.POSITIVE_INFINITY;
  const steadyAllowed = options.perSequence !== true && maxBatch <= maxStepTokens;
  /** Context shares of one steady sequence's local layers: their whole window. */
  const steadyLocalShares = localShares > 0 ? localShares * window : 0;
  let freeBlocks = totalBlocks;
  let preemptions = 0;
  let steps = 0;
  let sequenceVisits = 0;
  let dropped = 0;
  let completed = 0;
  let outputTokens = 0;
  let busy = false;

  // Two streams of events, merged: arrivals in time order (ties in index order) and the one engine
  // step in flight (an arrival at the same instant comes first). No queue to keep.
  const order = arrivalOrder(arrivalTimes, n);
  let nextArrival = 0;
  const horizon = durationS + 100 * maxQueueS + 3600;

  const blocksFor = (tokens: number) =>
    fullShares * Math.ceil(tokens / blockTokens) +
    (localShares > 0 ? localShares * Math.ceil(Math.min(tokens, window) / blockTokens) : 0);
  /** The steady sequences' context, in shares. */
  const steadyContextShares = () =>
    fullShares * (clock[STEADY_BASE]! + (steadyCount - steadyWithin) * decodeSteps) +
    steadyLocalShares * (steadyCount - steadyWithin) +
    shares * (clock[STEADY_BASE_WITHIN]! + steadyWithin * decodeSteps);
  const phaseOf = (b: number) => ((b % blockTokens) + blockTokens) % blockTokens;
  /** The block phase a steady sequence needs a new block at, after `decodeSteps` steps (no −0). */
  const duePhaseAt = (d: number) => (blockTokens - (d % blockTokens)) % blockTokens;
  /** The blocks the steady sequences need as their lengths grow from base + `from` to base + `to`
   * tokens: one at each whole number of blocks passed, a WITHIN sequence counted PAST from the token
   * its length reaches the window (moved there on the way). */
  const steadyDue = (from: number, to: number) => {
    let due = 0;
    for (let d = from + 1; d <= to; d++) {
      if (crossing.nextTime <= d) crossWindows(d);
      const phase = duePhaseAt(d);
      due += byPhase[phase]! * fullShares + byPhaseWithin[phase]! * shares;
    }
    return due;
  };

  const ttftOf = (i: number) => firstTokenAt[i]! - arrivalTimes[i]!;
  const tpotOf = (i: number) => (output[i]! > 1 ? (finishedAt[i]! - firstTokenAt[i]!) / (output[i]! - 1) : 0);
  const stop = options.stopWhenMissed;
  // Stopping at a drop needs no watch; the limits do.
  const stopAtDrop = stop !== undefined;
  const watch =
    stop && ((stop.ttft?.length ?? 0) > 0 || (stop.tpot?.length ?? 0) > 0)
      ? missWatch(stop, n, arrivalTimes, order)
      : null;
  let stoppedEarly = false;

  const release = (i: number) => {
    freeBlocks += blocks[i]!;
    blocks[i] = 0;
  };

  const compactPending = () => {
    let w = 0;
    for (let p = pendingHead; p < pendingTail; p++) {
      const i = pending[p]!;
      if (pendingAt[i] !== p) continue;
      pendingAt[i] = w;
      pending[w++] = i;
    }
    pendingHead = 0;
    pendingTail = w;
  };

  /** The next waiting prefill joins `explicit` (false: none waits). */
  const beginPrefill = () => {
    while (pendingHead < pendingTail) {
      const p = pendingHead++;
      const i = pending[p]!;
      if (pendingAt[i] !== p) continue;
      pendingAt[i] = -1;
      pendingCount--;
      stepChunk[i] = 0;
      explicit[explicitCount++] = i;
      return true;
    }
    return false;
  };

  /** The waiting prefills that want a block for their next token (each given one when `grant`, but
   * for `except`). */
  const pendingDemand = (grant: boolean, except = -1) => {
    let demand = 0;
    for (let p = pendingHead; p < pendingTail; p++) {
      const i = pending[p]!;
      if (pendingAt[i] !== p || i === except) continue;
      const want = blocksFor(input[i]! + generated[i]! + 1) - blocks[i]!;
      if (want <= 0) continue;
      demand += want;
      if (grant) {
        freeBlocks -= want;
        blocks[i] = blocks[i]! + want;
      }
    }
    return demand;
  };

  /** The blocks running sequence i needs for its next token (≤ 0: none). */
  const needAt = (i: number) =>
    steady[i] !== NOT_STEADY
      ? blocksFor(base[i]! + decodeSteps + 1) - blocksFor(base[i]! + grantedAt + 1)
      : blocksFor(input[i]! + generated[i]! + 1) - blocks[i]!;

  /** Every running sequence but `except` takes the blocks its next token needs (there are enough). */
  const grantAll = (except: number) => {
    if (pendingMayNeedBlocks) pendingDemand(true, except);
    if (steadyCount > 0) freeBlocks -= steadyDue(grantedAt, decodeSteps);
    grantedAt = decodeSteps;
    for (let e = 0; e < explicitCount; e++) {
      const i = explicit[e]!;
      if (i === except) continue;
      const want = blocksFor(input[i]! + generated[i]! + 1) - blocks[i]!;
      if (want > 0) {
        freeBlocks -= want;
        blocks[i] = blocks[i]! + want;
      }
    }
  };

  const compactRunning = () => {
    let w = 0;
    for (let r = 0; r < runningLen; r++) {
      const i = running[r]!;
      if (state[i] === RUNNING) running[w++] = i;
    }
    runningLen = w;
  };

  /** A steady sequence back to one-by-one stepping: its length and the blocks it holds written out
   * (its entry in `finishing` goes stale and is skipped). */
  const leaveSteady = (i: number) => {
    generated[i] = Math.min(output[i]!, base[i]! + decodeSteps - input[i]!);
    blocks[i] = blocksFor(base[i]! + grantedAt + 1);
    leaveGroup(i);
    steady[i] = NOT_STEADY;
    steadyCount--;
  };

  /** Adds (sign 1) or removes (−1) a steady sequence's base and phase in its group's sums. */
  const groupSums = (i: number, group: number, sign: number) => {
    const b = base[i]!;
    if (group === WITHIN) {
      steadyWithin += sign;
      clock[STEADY_BASE_WITHIN] = clock[STEADY_BASE_WITHIN]! + sign * b;
      byPhaseWithin[phaseOf(b)]! += sign;
    } else {
      clock[STEADY_BASE] = clock[STEADY_BASE]! + sign * b;
      byPhase[phaseOf(b)]! += sign;
    }
  };
  const enterGroup = (i: number, group: number) => {
    steady[i] = group;
    groupSums(i, group, 1);
  };
  const leaveGroup = (i: number) => groupSums(i, steady[i]!, -1);

  /** A sequence decoding with the blocks its `length` needs joins the steady sums. */
  const joinSteady = (i: number, length: number) => {
    const b = length - decodeSteps;
    base[i] = b;
    steadyCount++;
    finishAt[i] = output[i]! + input[i]! - b;
    finishing.push(finishAt[i]!, 0, i);
    if (localShares > 0 && length < window) {
      enterGroup(i, WITHIN);
      crossAt[i] = window - b;
      // One that finishes first never crosses: no entry to pop, stale, later.
      if (crossAt[i]! < finishAt[i]!) crossing.push(crossAt[i]!, 0, i);
    } else enterGroup(i, PAST);
  };

  /** WITHIN sequences whose length reached the window by `upTo` move to PAST (stale entries skipped). */
  const crossWindows = (upTo: number) => {
    while (crossing.nextTime <= upTo) {
      crossing.pop();
      const i = crossing.id;
      if (steady[i] !== WITHIN || crossAt[i] !== crossing.time) continue;
      leaveGroup(i);
      enterGroup(i, PAST);
    }
  };

  const startStep = () => {
    const now = clock[NOW]!;
    // Drop requests that waited too long.
    while (waitHead < waitTail && now - arrivalTimes[waiting[waitHead]!]! > maxQueueS) {
      state[waiting[waitHead++]!] = DROPPED;
      dropped++;
    }
    // Admit while blocks and batch slots last: preempted requests first, then in arrival order.
    for (;;) {
      if (live >= maxBatch) break;
      const fromRequeue = requeuedCount > 0;
      if (!fromRequeue && waitHead >= waitTail) break;
      const i = fromRequeue ? requeued[requeuedCount - 1]! : waiting[waitHead]!;
      const need = blocksFor(toPrefill[i]! + 1);
      if (need > totalBlocks) {
        // Can never fit: report it dropped rather than wait forever.
        if (fromRequeue) requeuedCount--;
        else waitHead++;
        state[i] = DROPPED;
        dropped++;
        continue;
      }
      if (need > freeBlocks) break;
      if (fromRequeue) requeuedCount--;
      else waitHead++;
      freeBlocks -= need;
      blocks[i] = need;
      state[i] = RUNNING;
      if (admittedAt[i] === 0) admittedAt[i] = now;
      if (runningLen === running.length) compactRunning();
      running[runningLen++] = i;
      live++;
      if (!options.perSequence && prefilled[i]! < toPrefill[i]!) {
        if (pendingTail === pending.length) compactPending();
        pendingAt[i] = pendingTail;
        pending[pendingTail++] = i;
        pendingCount++;
        if (generated[i]! > 0) pendingMayNeedBlocks = true;
      } else explicit[explicitCount++] = i;
    }
    if (live === 0) return;
    // Decodes take one token each; prefill chunks fill the rest of the step's budget.
    let budget = maxStepTokens - steadyCount;
    let decodeSeqs = steadyCount;
    let decodeShares = steadyContextShares();
    let prefillTokens = 0;
    let prefillContext = 0;
    for (let e = 0; e < explicitCount; e++) {
      const i = explicit[e]!;
      stepChunk[i] = 0;
      if (prefilled[i]! >= toPrefill[i]! && budget > 0) {
        decodeSeqs++;
        decodeShares += contextShares(sm, input[i]! + generated[i]!);
        budget--;
      }
    }
    for (let e = 0; budget > 0 && (e < explicitCount || beginPrefill()); e++) {
      const i = explicit[e]!;
      const rest = toPrefill[i]! - prefilled[i]!;
      if (rest <= 0) continue;
      const chunk = Math.min(rest, budget);
      stepChunk[i] = chunk;
      budget -= chunk;
      prefillTokens += chunk;
      prefillContext += chunk * effectiveContext(sm, prefilled[i]! + chunk / 2);
    }
    busy = true;
    steps++;
    clock[STEP_DONE_AT] =
      now + engineStepS(sm, decodeSeqs, decodeShares / shares, prefillTokens, prefillContext);
    if (explicitCount === 0 && pendingCount === 0) coast();
  };

  /**
   * Steps in a row where only steady sequences run and nothing happens between them (no arrival, no
   * one finishing, blocks for every need, nothing waiting to be admitted) are taken here, without
   * going back through the event loop: each is what finishStep and startStep would do, reduced to
   * its sums.
   */
  const coast = () => {
    if (waitHead < waitTail || requeuedCount > 0) return;
    const nextArrivalAt = nextArrival < n ? arrivalTimes[order[nextArrival]!]! : Number.POSITIVE_INFINITY;
    for (;;) {
      const doneAt = clock[STEP_DONE_AT]!;
      // An arrival at the same instant comes first; past the horizon the event loop stops.
      if (doneAt >= nextArrivalAt || doneAt > horizon) return;
      const g = peekGain();
      const d = decodeSteps + g;
      if (finishing.nextTime <= d || crossing.nextTime <= d) return;
      const due = steadyDue(decodeSteps, d);
      if (due > freeBlocks) return;
      takeGain();
      decodeSteps = d;
      grantedAt = d;
      outputTokens += g * steadyCount;
      freeBlocks -= due;
      clock[LAST_TIME] = doneAt;
      clock[NOW] = doneAt;
      steps++;
      clock[STEP_DONE_AT] = doneAt + engineStepS(sm, steadyCount, steadyContextShares() / shares, 0, 0);
    }
  };

  const preemptNewest = () => {
    const i = running[--runningLen]!;
    if (steady[i] !== NOT_STEADY) leaveSteady(i);
    if (pendingAt[i]! >= 0) {
      pendingAt[i] = -1;
      pendingCount--;
    }
    live--;
    release(i);
    // Recompute: the prompt and what was generated are prefilled again. Its length stays the prompt
    // plus what it generated (input + generated): toPrefill only says how much to prefill.
    toPrefill[i] = input[i]! + generated[i]!;
    prefilled[i] = 0;
    state[i] = WAITING;
    requeued[requeuedCount++] = i;
    preemptions++;
  };

  const finish = (i: number) => {
    state[i] = DONE;
    finishedAt[i] = clock[NOW]!;
    completed++;
    watch?.finished(tpotOf(i));
    live--;
  };

  const finishStep = () => {
    const now = clock[NOW]!;
    busy = false;
    // Every steady sequence generated a token; those at their output length finish and free the
    // blocks their length held.
    const g = takeGain();
    decodeSteps += g;
    outputTokens += g * steadyCount;
    while (finishing.nextTime <= decodeSteps) {
      finishing.pop();
      const i = finishing.id;
      if (steady[i] === NOT_STEADY || finishAt[i] !== finishing.time) continue;
      // Tokens past the answer's end were drafted, not output.
      outputTokens -= decodeSteps - finishAt[i]!;
      leaveSteady(i);
      release(i);
      finish(i);
    }
    sequenceVisits += explicitCount;
    let w = 0;
    for (let e = 0; e < explicitCount; e++) {
      const i = explicit[e]!;
      if (stepChunk[i]! > 0) {
        prefilled[i] = prefilled[i]! + stepChunk[i]!;
        if (prefilled[i]! >= toPrefill[i]! && generated[i] === 0) {
          // The last prefill chunk yields the first token.
          generated[i] = 1;
          firstTokenAt[i] = now;
          watch?.firstToken(i, ttftOf(i));
          outputTokens++;
        }
      } else if (prefilled[i]! >= toPrefill[i]!) {
        if (generated[i] === 0) {
          firstTokenAt[i] = now;
          watch?.firstToken(i, ttftOf(i));
        }
        const got = Math.min(g, output[i]! - generated[i]!);
        generated[i] = generated[i]! + got;
        outputTokens += got;
      }
      if (generated[i]! >= output[i]!) {
        release(i);
        finish(i);
      } else explicit[w++] = i;
    }
    explicitCount = w;
    // Grow each sequence's cache for its next token. A steady sequence needs a block when its new
    // length is a whole number of blocks. When there are blocks for every need, all get theirs; else
    // each sequence in admission order, preempting the newest when blocks run out.
    // steadyDue moves the sequences whose windows this step crossed, at the token they crossed it.
    const due = steadyDue(grantedAt, decodeSteps);
    let demand = due;
    for (let e = 0; e < explicitCount; e++) {
      const i = explicit[e]!;
      demand += Math.max(0, blocksFor(input[i]! + generated[i]! + 1) - blocks[i]!);
    }
    const pendingNeed = pendingMayNeedBlocks ? pendingDemand(false) : 0;
    if (pendingNeed === 0) pendingMayNeedBlocks = false;
    demand += pendingNeed;
    if (demand <= freeBlocks) {
      grantAll(-1);
    } else {
      // Short of blocks. The pass a scheduler makes in admission order (each sequence takes the blocks
      // it needs; one that is short preempts the newest until it fits or is the newest left, and then
      // goes without) preempts the newest sequences while those before the newest left need more than
      // is free, and lets the newest left go without when only it does not fit. That is found here
      // from the newest end, visiting only the sequences it preempts (fuzz seed 1 case 9788: 445,000
      // short steps over 560 running sequences each took 17 s in order).
      let without = -1;
      for (;;) {
        while (runningLen > 0 && state[running[runningLen - 1]!] !== RUNNING) runningLen--;
        if (demand <= freeBlocks || runningLen === 0) break;
        const i = running[runningLen - 1]!;
        const need = Math.max(0, needAt(i));
        if (demand - need <= freeBlocks) {
          without = i;
          break;
        }
        sequenceVisits++;
        demand -= need;
        preemptNewest();
      }
      // The preempted leave the explicit list before the rest take their blocks.
      let kept = 0;
      for (let e = 0; e < explicitCount; e++) {
        const i = explicit[e]!;
        if (state[i] === RUNNING) explicit[kept++] = i;
      }
      explicitCount = kept;
      if (without >= 0 && steady[without] !== NOT_STEADY) {
        leaveSteady(without);
        explicit[explicitCount++] = without;
      }
      grantAll(without);
    }
    // Sequences now decoding with the blocks their length needs become steady.
    if (steadyAllowed) {
      let kept = 0;
      for (let e = 0; e < explicitCount; e++) {
        const i = explicit[e]!;
        const length = input[i]! + generated[i]!;
        if (prefilled[i]! >= toPrefill[i]! && generated[i]! >= 1 && blocks[i] === blocksFor(length + 1)) {
          joinSteady(i, length);
        } else explicit[kept++] = i;
      }
      explicitCount = kept;
    } else if (options.perSequence) {
      // The reference keeps its own books honest: no sequence holds more cache than its prompt and
      // what it generated need (a recomputed one included), so a slip shows in the tests that hold
      // the fast bookkeeping to it.
      for (let e = 0; e < explicitCount; e++) {
        const i = explicit[e]!;
        if (blocks[i]! > blocksFor(input[i]! + generated[i]! + 1)) {
          throw new Error(`simulator: sequence ${i} holds ${blocks[i]} blocks, more than its tokens need`);
        }
      }
    }
    clock[LAST_TIME] = now;
  };

  // A decode pool's requests hold their prompt's cache but have nothing left to prefill.
  for (let i = 0; i < n; i++) toPrefill[i] = input[i]!;
  if (options.prefilled) for (let i = 0; i < n; i++) prefilled[i] = input[i]!;
  for (;;) {
    const arrivalAt = nextArrival < n ? arrivalTimes[order[nextArrival]!]! : Number.POSITIVE_INFINITY;
    const stepDoneAt = clock[STEP_DONE_AT]!;
    const now = Math.min(arrivalAt, stepDoneAt);
    if (now === Number.POSITIVE_INFINITY || now > horizon) break;
    clock[NOW] = now;
    const arriving = arrivalAt <= stepDoneAt;
    if (arriving) {
      const i = order[nextArrival++]!;
      waiting[waitTail++] = i;
      state[i] = WAITING;
    } else {
      clock[STEP_DONE_AT] = Number.POSITIVE_INFINITY;
      finishStep();
    }
    if (!busy) startStep();
    // A miss may be read at any moment: drops after every event, the limits at arrivals (a step's
    // worth of events apart at least, so the check costs little beside the steps).
    if (stopAtDrop && (dropped > 0 || (arriving && watch?.missed(clock[NOW]!, nextArrival) === true))) {
      stoppedEarly = true;
      break;
    }
  }
  // Whatever did not finish by the horizon is reported dropped.
  for (let i = 0; i < n; i++) {
    if (state[i] === WAITING || state[i] === RUNNING) {
      state[i] = DROPPED;
      dropped++;
    }
  }
  const ttft = new Float64Array(completed);
  const tpot = new Float64Array(completed);
  const e2e = new Float64Array(completed);
  const wait = new Float64Array(completed);
  let c = 0;
  let good = 0;
  for (let i = 0; i < n; i++) {
    if (state[i] !== DONE) continue;
    ttft[c] = ttftOf(i);
    tpot[c] = tpotOf(i);
    e2e[c] = finishedAt[i]! - arrivalTimes[i]!;
    wait[c] = admittedAt[i]! - arrivalTimes[i]!;
    if (!options.slo || (ttft[c]! <= options.slo.ttftS && tpot[c]! <= options.slo.tpotS)) good++;
    c++;
  }
  const lastTime = clock[LAST_TIME]!;
  const span = Math.max(lastTime, durationS);
  return {
    arrived: n,
    completed,
    dropped,
    preemptions,
    steps,
    sequenceVisits,
    simulatedS: lastTime,
    ttftS: percentilesOf(ttft, c),
    tpotS: percentilesOf(tpot, c),
    e2eS: percentilesOf(e2e, c),
    queueWaitS: percentilesOf(wait, c),
    outputTokensPerS: span > 0 ? outputTokens / span : 0,
    goodputPerS: durationS > 0 ? good / durationS : 0,
    sloAttainment: n > 0 ? good / n : 1,
    stoppedEarly,
  };
}
