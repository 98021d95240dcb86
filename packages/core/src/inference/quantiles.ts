// The mean and the p50, p90 and p99 of a run's latencies, by selection rather than a full sort: the
// capacity search reads them after every simulation, and at thousands of requests a second a layout's
// search makes dozens of runs of 30,000 requests (issue #11 fuzz cases 73851 and 74835, where four
// sorts a run were half the search).
import { quantileIndex } from './miss-watch.js';

export interface Percentiles {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** Mean and percentiles of the first n values (left as they are); the q-quantile is the value a sort
 * would put at quantileIndex(q, n). */
export function percentilesOf(values: Float64Array, n: number): Percentiles {
  if (n === 0) return { mean: 0, p50: 0, p90: 0, p99: 0 };
  const v = values.slice(0, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i]!;
  // Each selection leaves everything before its place no larger, so the next looks only there.
  const k99 = quantileIndex(0.99, n);
  const k90 = quantileIndex(0.9, n);
  const k50 = quantileIndex(0.5, n);
  select(v, 0, n - 1, k99);
  select(v, 0, k99, k90);
  select(v, 0, k90, k50);
  return { mean: s / n, p50: v[k50]!, p90: v[k90]!, p99: v[k99]! };
}

/** Reorders a[lo..hi] so that a[k] holds the value a sort would put there, no larger value before it
 * and no smaller after (Hoare's selection, median-of-three pivots). */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Order a[lo], a[mid], a[hi]; the median, at mid, is the pivot.
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // a[lo..j] ≤ pivot ≤ a[i..hi]; between them, values equal to the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
