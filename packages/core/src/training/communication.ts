import type { TrainingContext } from './context.js';
import type { MutablePlacement } from './scratch.js';

/** Reuses a scratch placement for a group of `size` ranks: however many the domain could hold, the
 * group has at least one and at most all of its ranks in one scale-up domain. */
export function setPlacement(p: MutablePlacement, size: number, perDomain: number): MutablePlacement {
  p.size = size;
  p.perDomain = Math.max(1, Math.min(size, perDomain));
  return p;
}

/** Exposed time of communication that may overlap a compute window: what does not fit in the window,
 * plus the contention the hidden part still costs the compute it runs beside. */
export function overlapped(ctx: TrainingContext, raw: number, window: number): number {
  const hidden = Math.min(raw, Math.max(0, window));
  return raw - hidden + ctx.k.overlapContention * hidden;
}
