import type { NaiveEstimate, NaiveGap } from '../plan/naive.js';
import { formatSeconds } from '../units/format.js';

/** The run's time beside the seed formula's, and each part of aidc's time the formula has no term for. */
export function naiveSentence(
  naive: { readonly estimate: NaiveEstimate; readonly gap: NaiveGap },
  aidcS: number,
): string {
  const { estimate: e, gap: g } = naive;
  const nodes = Number.isInteger(e.nodes) ? String(e.nodes) : e.nodes.toFixed(2);
  return (
    `Beside the naive formula T = P/(N·C) + D/B: ${formatSeconds(e.computeS)} + ${formatSeconds(e.transferS)} on ${nodes} node${e.nodes === 1 ? '' : 's'}; ` +
    `aidc ${formatSeconds(aidcS)} (${(aidcS / e.totalS).toFixed(2)}×), adding compute below peak ${formatSeconds(g.belowPeakS)}, ` +
    `exposed communication ${formatSeconds(g.communicationS)}, pipeline bubble ${formatSeconds(g.bubbleS)} and fixed per-step cost ${formatSeconds(g.fixedS)}.`
  );
}
