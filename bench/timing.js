// What every benchmark times with: a fixed reference workload run beside it in the same process
// (machines here are shared and noisy, so a ratio to it is the figure that travels), a timer and
// a median.

/** A fixed amount of floating-point work and small allocations. */
export function reference() {
  let acc = 0;
  for (let i = 1; i < 3_000_000; i++) acc += Math.sqrt(i) / (1 + (i % 7));
  return acc;
}

/** Milliseconds `fn` took, and what it returned. */
export function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return { ms: performance.now() - t0, out };
}

/** The reference workload's median time over `runs` warm runs: one run after a large simulation is
 * sometimes still cold and sometimes not, which moved a single-run ratio fivefold. */
export function referenceMs(runs = 5) {
  reference();
  return median(Array.from({ length: runs }, () => time(reference).ms));
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
