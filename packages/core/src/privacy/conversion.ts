/**
 * RDP to (ε, δ). Three bounds, as the reference libraries use them (validation/privacy.json notes):
 * - 'classic': Mironov 2017, Prop. 3: ε = rdp + log(1/δ)/(α−1).
 * - 'dp-accounting': Canonne, Kamath, Steinke 2020, Prop. 12 (also Asoodeh et al. 2020):
 *   ε = rdp + log1p(−1/α) − log(δα)/(α−1), used only for α > 1.01; ε = 0 when δ² + expm1(−rdp) > 0
 *   (the KL bound); the result is max(0, min over orders).
 * - 'opacus': Balle et al. 2020, Thm. 21: ε = rdp − (log δ + log α)/(α−1) + log((α−1)/α), min over
 *   orders, without dp_accounting's guards.
 */
export type RdpConversion = 'classic' | 'dp-accounting' | 'opacus';

export interface EpsilonAtOrder {
  readonly epsilon: number;
  /** The order that gave the least ε. */
  readonly order: number;
}

function epsilonAt(conversion: RdpConversion, alpha: number, rdp: number, delta: number): number {
  switch (conversion) {
    case 'classic':
      return rdp + Math.log(1 / delta) / (alpha - 1);
    case 'dp-accounting':
      if (delta * delta + Math.expm1(-rdp) > 0) return 0;
      return alpha > 1.01
        ? rdp + Math.log1p(-1 / alpha) - Math.log(delta * alpha) / (alpha - 1)
        : Number.POSITIVE_INFINITY;
    case 'opacus':
      return rdp - (Math.log(delta) + Math.log(alpha)) / (alpha - 1) + Math.log((alpha - 1) / alpha);
  }
}

export function epsilonFromRdp(
  orders: readonly number[],
  rdp: readonly number[],
  delta: number,
  conversion: RdpConversion,
): EpsilonAtOrder {
  let best = Number.POSITIVE_INFINITY;
  let order = Number.NaN;
  for (let i = 0; i < orders.length; i++) {
    const e = epsilonAt(conversion, orders[i]!, rdp[i]!, delta);
    if (e < best || Number.isNaN(order)) {
      if (Number.isNaN(e)) continue;
      best = e;
      order = orders[i]!;
    }
  }
  return { epsilon: conversion === 'dp-accounting' ? Math.max(0, best) : best, order };
}

/** δ for a given ε from an RDP curve, by the dp-accounting bound (its compute_delta): the least over
 * orders of exp((α−1)(rdp − ε + log1p(−1/α)) − log α), and the KL bound √(1 − e^{−rdp}). */
export function deltaFromRdp(
  orders: readonly number[],
  rdp: readonly number[],
  epsilon: number,
): EpsilonAtOrder & { delta: number } {
  let best = Number.POSITIVE_INFINITY;
  let order = Number.NaN;
  for (let i = 0; i < orders.length; i++) {
    const a = orders[i]!;
    const r = rdp[i]!;
    let logDelta = 0.5 * Math.log1p(-Math.exp(-r));
    if (a > 1.01) logDelta = Math.min(logDelta, (a - 1) * (r - epsilon + Math.log1p(-1 / a)) - Math.log(a));
    if (logDelta < best) {
      best = logDelta;
      order = a;
    }
  }
  return { delta: Math.min(Math.exp(best), 1), epsilon, order };
}
