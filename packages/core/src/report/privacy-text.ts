import type { DatacenterPlan } from '../plan/datacenter-types.js';
import { formatBytes, formatCount, formatPercent, formatSeconds } from '../units/format.js';
import { explainFigures } from './plan-text.js';
import { mwh, usd } from './quantities.js';
import { table } from './table.js';

const signed = (s: string, v: number): string => (v >= 0 ? `+${s}` : `−${s.replace(/^-/, '')}`);
/** A row of the comparison: the figure without, with, and the difference. */
const change = (label: string, fmt: (x: number) => string, without: number, withIt: number): string[] => [
  label,
  fmt(without),
  fmt(withIt),
  signed(fmt(withIt - without), withIt - without),
];

/** The privacy, federated and security sections of a site plan, each beside the plain run. */
export function renderProtections(p: DatacenterPlan, explain: boolean): string[] {
  const out: string[] = [];
  const v = p.privacy;
  if (v) {
    out.push(
      '',
      `Privacy: DP-SGD to (ε = ${v.epsilon.toPrecision(4)}, δ = ${v.delta.toExponential(0)}) by ${v.accountant}: noise multiplier ${v.noiseMultiplier.toPrecision(5)}` +
        `${v.solvedFor === 'noiseMultiplier' ? ' (solved)' : ''}, sampling rate ${v.sampleRate.toPrecision(3)}, ${formatCount(v.steps)} steps (${v.epochs.toPrecision(3)} epochs)` +
        `${v.microbatching ? ', micro-batch clipping' : ''}`,
      `  clipping: ${v.clipping.name}, step time ×${v.clipping.stepTimeFactor.toFixed(2)} (${v.clipping.range})`,
      table(
        ['', 'without privacy', 'with privacy', 'change'],
        [
          ['layout', v.nonPrivate.layout, v.private.layout, ''],
          [
            'step time',
            formatSeconds(v.nonPrivate.stepTimeS),
            formatSeconds(v.private.stepTimeS),
            signed(formatPercent(v.private.stepTimeS / v.nonPrivate.stepTimeS - 1), 1),
          ],
          change('wall-clock', formatSeconds, v.nonPrivate.wallClockS, v.private.wallClockS),
          change('energy', mwh, v.nonPrivate.energyJ, v.private.energyJ),
          change('run cost (owned)', usd, v.nonPrivate.runCostUsd, v.private.runCostUsd),
          ...(v.private.cloudRunCostUsd !== null && v.nonPrivate.cloudRunCostUsd !== null
            ? [change('run cost (rented)', usd, v.nonPrivate.cloudRunCostUsd, v.private.cloudRunCostUsd)]
            : []),
          [
            'GPUs',
            String(v.nonPrivate.gpus),
            String(v.private.gpus),
            v.gpusForSameWallClock !== null
              ? `${v.gpusForSameWallClock} for the same wall-clock`
              : 'no size up to 4× keeps the wall-clock',
          ],
        ],
      ),
    );
    if (explain) out.push(...explainFigures(v.figures));
  }
  const f = p.federated;
  if (f) {
    out.push(
      '',
      `Federated: ${f.selectedPerRound} clients selected per round, ${f.secureAggregation}; round ${formatSeconds(f.roundTimeS)}, run ${formatSeconds(f.wallClockS)}` +
        (f.centralWallClockS !== null
          ? ` (in this datacenter: ${formatSeconds(f.centralWallClockS)}, ×${(f.wallClockS / f.centralWallClockS).toPrecision(3)})`
          : ''),
      `  upload per client ${formatBytes(f.uploadBytesPerClient)}; aggregator takes ${formatBytes(f.ingressBytesPerRound)} a round on ${f.aggregatorServers} server${f.aggregatorServers > 1 ? 's' : ''}`,
    );
    if (explain) out.push(...explainFigures(f.figures));
  }
  const s = p.security;
  if (s) {
    out.push(
      '',
      `Security${s.level ? ` ${s.level} (RAND, "Securing AI Model Weights")` : ''}: ${s.met} of ${s.requirements.length} requirements met, ${s.gaps} gap${s.gaps === 1 ? '' : 's'}`,
      table(
        ['requirement', 'met by', ''],
        s.requirements.map((r) => [
          r.name,
          r.metBy ?? '—',
          r.metBy ? '' : r.blocked ? 'cannot be met here' : `gap: add ${r.anyOf.join(' or ')}`,
        ]),
      ),
      '',
      table(
        ['control', 'layer', 'status', 'training', 'inference', 'a year', 'note'],
        s.controls.map((c) => [
          c.id,
          c.layer,
          c.effect.unavailable ? 'unavailable' : c.implemented ? 'in place' : 'to add',
          c.effect.unavailable ? '' : `×${c.effect.trainingFactor.toPrecision(3)}`,
          c.effect.unavailable ? '' : `×${c.effect.inferenceFactor.toPrecision(3)}`,
          c.effect.annualUsd > 0 ? usd(c.effect.annualUsd) : '',
          c.effect.unavailable ?? c.effect.note,
        ]),
      ),
      `  with every control: training throughput ×${s.trainingFactor.toPrecision(3)}, inference ×${s.inferenceFactor.toPrecision(3)}, storage ×${s.storageFactor.toPrecision(3)}, network ×${s.networkFactor.toPrecision(3)}; ${usd(s.annualUsd)} a year` +
        (s.extraWallClockS !== null && s.extraRunCostUsd !== null
          ? `; the training run ${signed(formatSeconds(s.extraWallClockS), s.extraWallClockS)} and ${signed(usd(s.extraRunCostUsd), s.extraRunCostUsd)}`
          : ''),
    );
    if (explain) out.push(...explainFigures(s.figures));
  }
  return out;
}
