/** A unit for an axis: what the values are divided by and what the axis says. */
export interface AxisUnit {
  readonly divisor: number;
  readonly label: string;
}

/** Dollar units from the largest down: an axis takes the largest its data reaches one of. */
const USD_UNITS: readonly AxisUnit[] = [
  { divisor: 1e9, label: 'USD (billions)' },
  { divisor: 1e6, label: 'USD (millions)' },
  { divisor: 1e3, label: 'USD (thousands)' },
  { divisor: 1, label: 'USD' },
];

/** The unit of a cost axis whose largest value is `maxUsd`: ticks read 1 to 999, not 0.00001. */
export const usdAxis = (maxUsd: number): AxisUnit =>
  USD_UNITS.find((u) => maxUsd >= u.divisor) ?? USD_UNITS[USD_UNITS.length - 1]!;
