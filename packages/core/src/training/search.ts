import { RECOMPUTE_MODES, type Recompute, ZERO_STAGES, type ZeroStage } from '../vocab/training.js';
import type { TrainingContext } from './context.js';
import { type Layout, SINGLE_GPU_LAYOUT } from './layout.js';
import { LAYOUT_REFUSAL_CODES, type LayoutRefusal } from './layout-refusals.js';
import { evaluate, evaluateMemory } from './step-model.js';
import { memoryHeadroom, newStepResult, type StepResult } from './step-result.js';
import { stepTimeUnder } from './step-time.js';

/** Layout knobs a user (or a validation case) fixes; the search chooses the rest. */
export type LayoutConstraints = { readonly [K in keyof Layout]?: Layout[K] | undefined };

export interface RankedLayout {
  readonly layout: Layout;
  readonly result: StepResult;
}

export interface OutOfMemory {
  readonly layout: Layout;
  readonly result: StepResult;
  /** Bytes over the usable memory. */
  readonly overBytes: number;
}

export interface SearchOutcome {
  /** Feasible layouts, fastest first. */
  readonly ranked: readonly RankedLayout[];
  readonly evaluated: number;
  readonly feasible: number;
  /** Feasible layouts with recompute whose twin without it fits: slower by construction, not timed. */
  readonly dominated: number;
  /** Layouts refused before timing, counted by reason. */
  /** Layouts refused before timing, counted by the code of their reason (LAYOUT_REFUSALS). */
  readonly invalidByReason: Readonly<Partial<Record<LayoutRefusal, number>>>;
  readonly outOfMemory: number;
  /** The layouts that missed memory by the least, with by how much. */
  readonly closestOutOfMemory: readonly OutOfMemory[];
  /** The fastest layouts that would fit with up to NEAR_MISS_FRACTION more memory. */
  readonly fastestNearMisses: readonly OutOfMemory[];
}

export interface SearchOptions {
  /** How many of the best layouts to keep. */
  readonly top?: number;
  /** Called every so often with the fraction done, for progress display. */
  readonly onProgress?: (fraction: number) => void;
}

const MAX_MICRO_BATCH = 32;
/** Out-of-memory layouts within this share of usable memory count as near misses: what a GPU with
 * somewhat more memory, or a leaner runtime, would make possible. */
export const NEAR_MISS_FRACTION = 0.25;
/** Virtual stages per pipeline rank the search tries (NeMo recipes use 3 to 8). */
const VPP_CANDIDATES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];

function divisors(n: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, max); d++) if (n % d === 0) out.push(d);
  return out;
}

function powersOfTwoDividing(n: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, max); d *= 2) if (n % d === 0) out.push(d);
  return out;
}

function pick<T>(fixed: T | undefined, all: readonly T[]): readonly T[] {
  return fixed === undefined ? all : [fixed];
}

type MutableLayout = { -readonly [K in keyof Layout]: Layout[K] };

/** A fixed-size list of the best layouts seen, kept sorted by step time; copies, never references. */
class TopList {
  readonly layouts: MutableLayout[] = [];
  readonly times: number[] = [];
  constructor(readonly capacity: number) {}
  worst(): number {
    return this.layouts.length < this.capacity
      ? Number.POSITIVE_INFINITY
      : this.times[this.times.length - 1]!;
  }
  offer(l: Layout, t: number): void {
    if (t >= this.worst()) return;
    let slot: MutableLayout;
    if (this.layouts.length < this.capacity) {
      slot = { ...l };
      this.layouts.push(slot);
      this.times.push(t);
    } else {
      slot = this.layouts[this.layouts.length - 1]!;
      Object.assign(slot, l);
      this.times[this.times.length - 1] = t;
    }
    // Insertion step: bubble the new entry up to its place.
    for (let i = this.layouts.length - 1; i > 0 && this.times[i - 1]! > this.times[i]!; i--) {
      const tl = this.layouts[i - 1]!;
      this.layouts[i - 1] = this.layouts[i]!;
      this.layouts[i] = tl;
      const tt = this.times[i - 1]!;
      this.times[i - 1] = this.times[i]!;
      this.times[i] = tt;
    }
  }
}

/**
 * Every layout of the cluster that satisfies the constraints, timed; the fastest that fit in memory
 * ranked. The inner loop reuses one layout and one result object.
 */
export function searchLayouts(
  ctx: TrainingContext,
  constraints: LayoutConstraints = {},
  options: SearchOptions = {},
): SearchOutcome {
  const job = ctx.job;
  const m = job.model;
  const n = job.gpus;
  const top = new TopList(options.top ?? 10);
  const closest = new TopList(5);
  const nearMisses = new TopList(5);
  const invalid = Object.fromEntries(LAYOUT_REFUSAL_CODES.map((c) => [c, 0])) as Record<
    LayoutRefusal,
    number
  >;
  let evaluated = 0;
  let dominated = 0;
  let feasible = 0;
  let outOfMemory = 0;
  const r = newStepResult();
  const l: MutableLayout = { ...SINGLE_GPU_LAYOUT };
  // Only what the software stack can run (a fixed knob outside it is refused, with the reason).
  const can = job.software.schedules;
  const tps = pick(constraints.tp, can.tensorParallel ? powersOfTwoDividing(n, 64) : [1]);
  const zeros = pick<ZeroStage>(
    constraints.zero,
    ZERO_STAGES.filter((z) => can.zero.includes(z)),
  );
  const recomputes = pick<Recompute>(constraints.recompute, RECOMPUTE_MODES);
  let done = 0;
  for (const tp of tps) {
    if (n % tp !== 0) continue;
    const pps = pick(constraints.pp, can.pipeline ? divisors(n / tp, m.layers) : [1]);
    for (const pp of pps) {
      if ((n / tp) % pp !== 0) continue;
      const cps = pick(constraints.cp, can.contextParallel ? powersOfTwoDividing(n / (tp * pp), 64) : [1]);
      for (const cp of cps) {
        if ((n / (tp * pp)) % cp !== 0) continue;
        const dp = constraints.dp ?? n / (tp * pp * cp);
        if (dp * tp * pp * cp !== n) continue;
        // The ranks EP is drawn from (expertParallelPool), without an object per candidate.
        const pool = dp * cp * (job.software.expertLayout === 'folded' ? tp : 1);
        const eps = pick(constraints.ep, m.moe ? divisors(gcd(m.moe.experts, pool), m.moe.experts) : [1]);
        const vpps = pick(constraints.vpp, pp === 1 || !can.interleavedPipeline ? [1] : VPP_CANDIDATES);
        const perReplica = job.globalBatch / dp;
        const mbs = pick(
          constraints.microBatch,
          Number.isInteger(perReplica) ? divisors(perReplica, MAX_MICRO_BATCH) : [1],
        );
        const sps = pick(
          constraints.sequenceParallel,
          tp > 1 && can.sequenceParallel ? [true, false] : [false],
        );
        // The knobs a layer's cost depends on (ep, micro-batch, sequence parallelism) vary slowest,
        // so that its memo holds across the pipeline's interleaving, recompute and ZeRO.
        for (const ep of eps)
          for (const microBatch of mbs)
            for (const sequenceParallel of sps)
              for (const vpp of vpps) {
                // ZeRO stages (bits) at which this layout fits without recompute: the same layout
                // with recompute fits too and is slower (it only adds time), so it is counted as
                // feasible but not timed, like any layout that cannot beat the slowest kept.
                let fitsWithout = 0;
                for (const recompute of recomputes)
                  for (const zero of zeros) {
                    if (recompute !== 'none' && (fitsWithout & (1 << zero)) !== 0) {
                      evaluated++;
                      if (recompute === 'partial') invalid['partial-recompute']++;
                      else {
                        feasible++;
                        dominated++;
                      }
                      continue;
                    }
                    l.tp = tp;
                    l.pp = pp;
                    l.dp = dp;
                    l.cp = cp;
                    l.ep = ep;
                    l.vpp = vpp;
                    l.microBatch = microBatch;
                    l.sequenceParallel = sequenceParallel;
                    l.recompute = recompute;
                    l.zero = zero;
                    evaluated++;
                    evaluateMemory(ctx, l, r);
                    if (r.invalid !== null) {
                      invalid[r.invalid]++;
                      continue;
                    }
                    const headroom = memoryHeadroom(r);
                    // Only feasible layouts and near misses are ranked by time: the rest are not
                    // timed (most of a large model's layouts on a small cluster, fuzz case 478).
                    if (headroom < 0) {
                      outOfMemory++;
                      closest.offer(l, -headroom);
                      if (
                        -headroom <= NEAR_MISS_FRACTION * r.usableMemoryBytes &&
                        stepTimeUnder(ctx, l, r, nearMisses.worst())
                      )
                        nearMisses.offer(l, r.stepS);
                      continue;
                    }
                    feasible++;
                    if (recompute === 'none') fitsWithout |= 1 << zero;
                    // Ranked by step time alone: a layout that cannot beat the slowest kept is not
                    // timed in full, and none needs its throughput until it is ranked (DeepSeek-V3
                    // on 8,192 B200: 754,000 feasible layouts for 10 places).
                    if (stepTimeUnder(ctx, l, r, top.worst()))
                      top.offer(l, rankKey(r.stepS, r.memoryBytes / r.usableMemoryBytes));
                  }
              }
      }
    }
    done++;
    options.onProgress?.(done / tps.length);
  }
  const invalidByReason: Partial<Record<LayoutRefusal, number>> = {};
  for (const code of LAYOUT_REFUSAL_CODES) if (invalid[code] > 0) invalidByReason[code] = invalid[code];
  const rerun = (layout: Layout) => ({ layout, result: evaluate(ctx, layout, newStepResult()) });
  const missBy = (layout: Layout): OutOfMemory => {
    const x = rerun(layout);
    return { ...x, overBytes: -memoryHeadroom(x.result) };
  };
  return {
    ranked: top.layouts.map(rerun),
    evaluated,
    dominated,
    feasible,
    invalidByReason,
    outOfMemory,
    closestOutOfMemory: closest.layouts.map(missBy),
    fastestNearMisses: nearMisses.layouts.map(missBy),
  };
}

/** Step time decides; among layouts within a part in a million of each other, less memory wins
 * (headroom is worth having when the time is the same). */
function rankKey(stepS: number, memoryFraction: number): number {
  return stepS * (1 + 1e-6 * memoryFraction);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
