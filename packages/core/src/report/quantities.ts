import { formatCount } from '../units/format.js';

/** Money, power and energy as every report writes them. */
export const usd = (v: number): string => `$${formatCount(v)}`;
export const mw = (w: number): string =>
  w >= 1e6 ? `${(w / 1e6).toFixed(w >= 1e7 ? 1 : 2)} MW` : `${Number((w / 1e3).toPrecision(3))} kW`;
export const mwh = (j: number): string =>
  j >= 3.6e9 ? `${formatCount(j / 3.6e9)} MWh` : `${Number((j / 3.6e6).toPrecision(3))} kWh`;
