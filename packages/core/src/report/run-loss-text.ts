import type { DatacenterPlan } from '../plan/datacenter-types.js';
import { formatCount, formatPercent, formatSeconds } from '../units/format.js';

/** Effective training time and the wall clock's losses by cause, largest first. */
export function runLossSentence(r: NonNullable<DatacenterPlan['reliability']>): string {
  const l = r.losses;
  const parts: [string, number][] = [
    ['failures and checkpoints', l.lostS.failuresAndCheckpointsS],
    ['loss-spike rollbacks', l.lostS.lossSpikesS],
    ['evaluation', l.lostS.evaluationS],
    ['data stalls', l.lostS.dataStallsS],
    ['stragglers', l.lostS.stragglersS],
    ['scheduling wait', l.lostS.schedulingWaitS],
    ['start-up', l.lostS.startupS],
  ];
  const lost = parts
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${formatSeconds(v)} (${formatPercent(v / r.wallClockS)})`);
  return (
    `Effective training time ${formatPercent(l.effectiveTrainingTime)} of the wall clock` +
    (lost.length > 0 ? `; lost: ${lost.join(', ')}` : '') +
    (l.spareGpuHours > 0 ? `; spares ${formatCount(l.spareGpuHours)} GPU-hours beside it` : '')
  );
}
