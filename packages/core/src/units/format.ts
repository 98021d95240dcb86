/** Human-readable renderings of SI quantities, shared by every face. */

const DECIMAL_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E'] as const;
const BINARY_PREFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'] as const;

function scaled(value: number, base: number, prefixes: readonly string[]): [number, string] {
  let v = value;
  let i = 0;
  while (Math.abs(v) >= base && i < prefixes.length - 1) {
    v /= base;
    i++;
  }
  return [v, prefixes[i] ?? ''];
}

function digits(v: number, significant = 3): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 10 ** significant) return v.toFixed(0);
  return Number(v.toPrecision(significant)).toString();
}

export function formatBytes(bytes: number): string {
  const [v, p] = scaled(bytes, 1024, BINARY_PREFIXES);
  return `${digits(v)} ${p}B`;
}

export function formatBitsPerS(bytesPerS: number): string {
  const [v, p] = scaled(bytesPerS * 8, 1000, DECIMAL_PREFIXES);
  return `${digits(v)} ${p}b/s`;
}

/** Bandwidth of memory and storage in decimal bytes per second (3.35 TB/s), as datasheets give it. */
export function formatBytesPerS(bytesPerS: number): string {
  const [v, p] = scaled(bytesPerS, 1000, DECIMAL_PREFIXES);
  return `${digits(v)} ${p}B/s`;
}

export function formatFlopsPerS(flopsPerS: number): string {
  const [v, p] = scaled(flopsPerS, 1000, DECIMAL_PREFIXES);
  return `${digits(v)} ${p}FLOP/s`;
}

export function formatCount(n: number): string {
  const [v, p] = scaled(n, 1000, ['', 'K', 'M', 'B', 'T', 'P']);
  return `${digits(v)}${p}`;
}

export function formatSeconds(s: number): string {
  const abs = Math.abs(s);
  if (abs >= 2 * 86400) return `${digits(s / 86400)} days`;
  if (abs >= 2 * 3600) return `${digits(s / 3600)} h`;
  if (abs >= 120) return `${digits(s / 60)} min`;
  if (abs >= 1 || s === 0) return `${digits(s)} s`;
  if (abs >= 1e-3) return `${digits(s * 1e3)} ms`;
  return `${digits(s * 1e6)} µs`;
}

export function formatPercent(fraction: number): string {
  return `${digits(fraction * 100)}%`;
}
