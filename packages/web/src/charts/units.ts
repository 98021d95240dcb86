/** A unit for an axis: what the values are divided by and what the axis says. */
export interface AxisUnit {
  readonly divisor: number;
  readonly label: string;
}

/** A unit and the largest value from which an axis takes it (its divisor unless said). */
type UnitStep = AxisUnit & { readonly from?: number };

/** The largest unit the data reaches, else the smallest: ticks read 1 and up, not 0.00001. */
function largestReached(units: readonly UnitStep[], max: number): AxisUnit {
  const u = units.find((x) => max >= (x.from ?? x.divisor)) ?? units[units.length - 1]!;
  return { divisor: u.divisor, label: u.label };
}

/** Dollar units from the largest down. */
const USD_UNITS: readonly UnitStep[] = [
  { divisor: 1e9, label: 'USD (billions)' },
  { divisor: 1e6, label: 'USD (millions)' },
  { divisor: 1e3, label: 'USD (thousands)' },
  { divisor: 1, label: 'USD' },
];

/** The unit of a cost axis whose largest value is `maxUsd`: ticks read 1 to 999, not 0.00001. */
export const usdAxis = (maxUsd: number): AxisUnit => largestReached(USD_UNITS, maxUsd);

/** Time units from the largest down, each from two of it, as the CLI writes times. */
const TIME_UNITS: readonly UnitStep[] = [
  { divisor: 86400, from: 2 * 86400, label: 'days' },
  { divisor: 3600, from: 2 * 3600, label: 'hours' },
  { divisor: 60, from: 120, label: 'minutes' },
  { divisor: 1, label: 'seconds' },
];

/** The unit of a time axis whose largest value is `maxS`: a run of hours reads in hours, not 0.3 days. */
export const timeAxis = (maxS: number): AxisUnit => largestReached(TIME_UNITS, maxS);
