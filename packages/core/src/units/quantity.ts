/**
 * Quantities as people write them ("400 Gb/s", "80 GiB", "15.6T", "60 days"), parsed once at load
 * into SI base units: bytes, bytes/s, seconds, watts, FLOP/s, plain counts.
 */

export const QUANTITY_KINDS = [
  'bytes',
  'bytesPerS',
  'seconds',
  'watts',
  'flopsPerS',
  'count',
  'usd',
  'usdPerJ',
  'perS',
] as const;
export type QuantityKind = (typeof QUANTITY_KINDS)[number];

export type Parsed =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly expected: string };

const DECIMAL: Record<string, number> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  B: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Unit words (after an optional SI prefix) and their factor to the SI base unit of the kind. */
const UNITS: Record<QuantityKind, { readonly units: Record<string, number>; readonly example: string }> = {
  bytes: {
    units: { B: 1, byte: 1, bytes: 1, b: 1 / 8, bit: 1 / 8, bits: 1 / 8 },
    example: "'80 GiB' or '32 GB'",
  },
  bytesPerS: {
    units: { 'B/s': 1, Bps: 1, 'b/s': 1 / 8, bps: 1 / 8, 'bit/s': 1 / 8 },
    example: "'400 Gb/s' or '900 GB/s'",
  },
  seconds: {
    units: {
      s: 1,
      sec: 1,
      second: 1,
      seconds: 1,
      ms: 1e-3,
      us: 1e-6,
      µs: 1e-6,
      ns: 1e-9,
      min: 60,
      minute: 60,
      minutes: 60,
      h: 3600,
      hour: 3600,
      hours: 3600,
      d: 86400,
      day: 86400,
      days: 86400,
      week: 604800,
      weeks: 604800,
      year: 31_557_600,
      years: 31_557_600,
    },
    example: "'60 days', '2 s' or '50 ms'",
  },
  watts: { units: { W: 1, watt: 1, watts: 1 }, example: "'700 W' or '40 kW'" },
  flopsPerS: { units: { 'FLOP/s': 1, FLOPS: 1, 'flop/s': 1 }, example: "'989 TFLOP/s'" },
  count: { units: { '': 1 }, example: "'15.6T', '16M' or 4096" },
  usd: { units: { '': 1, USD: 1, usd: 1, $: 1 }, example: "'2.5M USD' or 250000" },
  // Energy prices: SI inside is USD per joule.
  usdPerJ: {
    units: { 'USD/kWh': 1 / 3.6e6, '$/kWh': 1 / 3.6e6, 'USD/MWh': 1 / 3.6e9, '$/MWh': 1 / 3.6e9, 'USD/J': 1 },
    example: "'0.07 USD/kWh'",
  },
  perS: {
    units: {
      '': 1,
      '/s': 1,
      'req/s': 1,
      'requests/s': 1,
      rps: 1,
      '/min': 1 / 60,
      'req/min': 1 / 60,
      '/h': 1 / 3600,
      'req/h': 1 / 3600,
    },
    example: "'200 req/s'",
  },
};

/** The symbol of each kind's SI base unit, as a scenario may write it after a bare number. */
export const SI_SYMBOLS: Record<QuantityKind, string> = {
  bytes: 'B',
  bytesPerS: 'B/s',
  seconds: 's',
  watts: 'W',
  flopsPerS: 'FLOP/s',
  count: '',
  usd: 'USD',
  usdPerJ: 'USD/J',
  perS: '/s',
};

/** How people write a quantity of this kind, e.g. "'400 Gb/s' or '900 GB/s'". */
export function quantityExample(kind: QuantityKind): string {
  return UNITS[kind].example;
}

/** Units written after a space, e.g. "2.5 M USD", read as "2.5M USD". */
const SPACED: ReadonlySet<QuantityKind> = new Set(['usd', 'usdPerJ', 'perS']);

const NUMBER_THEN_REST = /^\s*([+-]?(?:\d[\d_,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$/;

/** Units that take no SI prefix: time words would otherwise read "min" as milli-"in". */
const UNPREFIXED: ReadonlySet<QuantityKind> = new Set(['seconds']);

function unitFactor(kind: QuantityKind, rest: string): number | undefined {
  const { units } = UNITS[kind];
  const direct = units[rest];
  if (direct !== undefined) return direct;
  if (UNPREFIXED.has(kind)) return undefined;
  if (kind === 'count') {
    // "16M tokens", "15.6T", "2K sequences": a decimal prefix, then an optional word naming the thing.
    const m = /^([kKMGBTPE]?|Ki|Mi|Gi|Ti)(?:\s+[A-Za-z][\w -]*)?$/.exec(rest);
    if (m) return BINARY[m[1] ?? ''] ?? DECIMAL[m[1] ?? ''];
    if (/^[A-Za-z][\w -]*$/.test(rest)) return 1;
    return undefined;
  }
  for (const [prefix, factor] of Object.entries(BINARY)) {
    if (rest.startsWith(prefix)) {
      const u = units[rest.slice(prefix.length)];
      if (u !== undefined) return factor * u;
    }
  }
  const p = rest.charAt(0);
  const f = DECIMAL[p];
  if (f !== undefined && p !== '') {
    const u = units[rest.slice(1)];
    if (u !== undefined) return f * u;
  }
  return undefined;
}

/** Parses a number or a string with a unit into the kind's SI base unit. */
export function parseQuantity(kind: QuantityKind, input: unknown): Parsed {
  const expected = `a ${describeKind(kind)} such as ${UNITS[kind].example}`;
  if (typeof input === 'number')
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, expected };
  if (typeof input !== 'string') return { ok: false, expected };
  const m = NUMBER_THEN_REST.exec(input);
  if (!m) return { ok: false, expected };
  const value = Number((m[1] ?? '').replace(/[_,]/g, ''));
  const rest = SPACED.has(kind) ? (m[2] ?? '').replace(/\s+/g, '') : (m[2] ?? '');
  const factor = unitFactor(kind, rest);
  if (factor === undefined || !Number.isFinite(value)) return { ok: false, expected };
  const product = value * factor;
  // "8.7T" is a whole count; binary floating point makes it 8699999999999.999.
  const si =
    kind === 'count' && Math.abs(product - Math.round(product)) <= 1e-9 * Math.abs(product)
      ? Math.round(product)
      : product;
  return Number.isFinite(si) ? { ok: true, value: si } : { ok: false, expected };
}

export function describeKind(kind: QuantityKind): string {
  const names: Record<QuantityKind, string> = {
    bytes: 'size',
    bytesPerS: 'bandwidth',
    seconds: 'duration',
    watts: 'power',
    flopsPerS: 'compute rate',
    count: 'count',
    usd: 'sum of money',
    usdPerJ: 'energy price',
    perS: 'rate',
  };
  return names[kind];
}
