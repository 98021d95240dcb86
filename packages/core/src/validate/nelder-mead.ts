/**
 * Nelder–Mead minimisation of `f` over Rⁿ from `x0`: the fitting scripts' and `aidc calibrate`'s
 * optimiser (no dependency). The simplex starts at x0 and x0 with each coordinate stretched by `step`.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  { iterations = 300, step = 0.2 }: { readonly iterations?: number; readonly step?: number } = {},
): { readonly x: readonly number[]; readonly value: number } {
  const n = x0.length;
  let simplex: (readonly number[])[] = [
    x0,
    ...x0.map((_, i) => x0.map((v, j) => (i === j ? v * (1 + step) + (v === 0 ? step : 0) : v))),
  ];
  let values = simplex.map(f);
  for (let it = 0; it < iterations; it++) {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    simplex = order.map(([, i]) => simplex[i]!);
    values = order.map(([v]) => v);
    const centroid = x0.map((_, j) => simplex.slice(0, n).reduce((a, p) => a + p[j]!, 0) / n);
    const worst = simplex[n]!;
    const at = (t: number) => centroid.map((c, j) => c + t * (worst[j]! - c));
    const xr = at(-1);
    const fr = f(xr);
    if (fr < values[0]!) {
      const xe = at(-2);
      const fe = f(xe);
      [simplex[n], values[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [xr, fr];
    } else {
      const xc = at(0.5);
      const fc = f(xc);
      if (fc < values[n]!) [simplex[n], values[n]] = [xc, fc];
      else {
        const best = simplex[0]!;
        simplex = simplex.map((p, i) => (i === 0 ? p : p.map((v, j) => best[j]! + 0.5 * (v - best[j]!))));
        values = simplex.map(f);
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best]!, value: values[best]! };
}
