/**
 * Most points a numerical accountant's grid (or an FFT over one) may hold: 2^20, just above the
 * largest grid the reference vectors need (950,821 points, validation/privacy.json privacy-23); 8 MiB
 * per array, and about a second per evaluation, of which a noise search makes up to 40. The grid grows as the noise shrinks (the privacy loss spans about 1/σ² nats without
 * sampling, 1/σ with it): a noise multiplier of 0.001 would need 10^10 points. Beyond the bound the
 * accountant refuses (PrivacyTargetError) rather than allocate gigabytes or fail in a typed array.
 */
export const MAX_GRID_POINTS = 2 ** 20;

/** Why a grid of `points` is not built, for a PrivacyTargetError. */
export function gridTooLarge(accountant: 'PLD' | 'PRV', points: number, what: string): string {
  return `the ${accountant} accountant's ${what} would need ${points.toPrecision(3)} points, more than the ${MAX_GRID_POINTS.toLocaleString('en-US')} it computes: the noise is so small that the privacy loss spans a huge range; use a larger noise multiplier, or an RDP accountant`;
}
