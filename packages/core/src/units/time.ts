// Lengths of time the models convert with: seconds are the unit inside core.

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
/** A Julian year, the mean calendar year (365.25 days). */
export const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;
