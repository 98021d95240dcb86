/** Told the fraction of a long computation done, 0..1, as it goes. */
export type OnProgress = (fraction: number) => void;

/**
 * A phase's own 0..1 reported as [from, to] of the whole, never going back and never past `to`:
 * phases chained this way give the caller one monotone fraction. One closure per phase; a call
 * allocates nothing.
 */
export function progressSpan(on: OnProgress | undefined, from: number, to: number): OnProgress | undefined {
  if (!on) return undefined;
  let last = from;
  return (fraction) => {
    const f = from + (to - from) * Math.min(1, Math.max(0, fraction));
    if (f <= last) return;
    last = f;
    on(f);
  };
}
