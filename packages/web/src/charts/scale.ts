/** A linear or log map from data to pixels, with round ticks. */
export interface Scale {
  (v: number): number;
  readonly ticks: readonly number[];
}

function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Number(t.toPrecision(12)));
  return out;
}

export function linear(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain[1] > domain[0] ? domain : [domain[0], domain[0] + 1];
  const f = ((v: number) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0])) as Scale;
  return Object.assign(f, { ticks: niceTicks(d0, d1, 5) });
}

/** Base-2 log scale: cluster sizes double. */
export function log2(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const l0 = Math.log2(domain[0]);
  const l1 = Math.max(l0 + 1, Math.log2(domain[1]));
  const f = ((v: number) => range[0] + ((Math.log2(v) - l0) / (l1 - l0)) * (range[1] - range[0])) as Scale;
  const ticks: number[] = [];
  for (let e = Math.ceil(l0); e <= Math.floor(l1); e++) ticks.push(2 ** e);
  return Object.assign(f, { ticks });
}
