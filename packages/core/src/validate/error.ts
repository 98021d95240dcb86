/** Signed percent error of a prediction against a measurement: (predicted − measured) ÷ measured × 100. */
export function errorPct(predicted: number, measured: number): number {
  return ((predicted - measured) / measured) * 100;
}

/** Mean absolute percent error of signed percent errors; 0 when there are none. */
export function mape(errors: readonly number[]): number {
  let sum = 0;
  for (const e of errors) sum += Math.abs(e);
  return sum / Math.max(1, errors.length);
}

/** The case furthest from its measurement (the first of equals), or null when there is none. */
export function worstCase<T extends { readonly errorPct: number }>(cases: readonly T[]): T | null {
  let worst: T | null = null;
  for (const c of cases) if (!worst || Math.abs(c.errorPct) > Math.abs(worst.errorPct)) worst = c;
  return worst;
}

/** How many measurements fall inside their intervals (cases without one are not counted). */
export function intervalCoverage(
  cases: readonly (readonly [number, readonly [number, number] | undefined])[],
  level = 0.8,
): { readonly inside: number; readonly of: number; readonly level: number } {
  let inside = 0;
  let of = 0;
  for (const [measured, interval] of cases) {
    if (!interval) continue;
    of++;
    if (measured >= interval[0] && measured <= interval[1]) inside++;
  }
  return { inside, of, level };
}
