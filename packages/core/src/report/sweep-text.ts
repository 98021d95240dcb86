import { MIN_MARGINAL_SPEEDUP, speedupPerDoubling } from '../plan/sweep.js';
import type { SweepRow } from '../plan/training-plan.js';
import {
  formatBytes,
  formatBytesPerS,
  formatCount,
  formatFlopsPerS,
  formatPercent,
  formatSeconds,
} from '../units/format.js';
import { table } from './table.js';

type OkRow = Extract<SweepRow, { ok: true }>;

/** A node count as a person writes it: whole, or with a fraction when GPUs do not fill nodes. */
const nodesText = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The last size before a step whose speed-up per doubling falls short; undefined when none does. */
export function paybackEdge(rows: readonly SweepRow[]): OkRow | undefined {
  const ok = rows.filter((r): r is OkRow => r.ok).sort((a, b) => a.gpus - b.gpus);
  const time = (r: OkRow) => ({ gpus: r.gpus, wallClockS: r.best.trainingTimeS });
  for (let i = 1; i < ok.length; i++) {
    if (speedupPerDoubling(time(ok[i - 1]!), time(ok[i]!)) < 2 * MIN_MARGINAL_SPEEDUP) return ok[i - 1];
  }
  return undefined;
}

/**
 * The cluster-size curve: aidc's time beside the naive formula T = P/(N·C) + D/B at each size, what
 * separates the two, and the size past which more nodes stop paying back.
 */
export function renderSweep(name: string, rows: readonly SweepRow[]): string {
  const ok = rows.filter((r): r is OkRow => r.ok);
  const first = ok[0];
  let prev: OkRow | undefined;
  const curve = rows.map((r) => {
    if (!r.ok) return ['—', String(r.gpus), '—', '—', '—', '—', '—', '—', r.reason.split('.')[0] ?? ''];
    const perDoubling = prev
      ? speedupPerDoubling(
          { gpus: prev.gpus, wallClockS: prev.best.trainingTimeS },
          { gpus: r.gpus, wallClockS: r.best.trainingTimeS },
        )
      : Number.NaN;
    prev = r;
    return [
      nodesText(r.naive.nodes),
      String(r.gpus),
      formatSeconds(r.best.trainingTimeS),
      formatSeconds(r.naive.totalS),
      `${(r.best.trainingTimeS / r.naive.totalS).toFixed(2)}×`,
      formatPercent(r.best.mfu),
      formatCount(r.best.gpuHours),
      Number.isFinite(perDoubling)
        ? `${perDoubling.toFixed(2)}×${perDoubling < 2 * MIN_MARGINAL_SPEEDUP ? ' (diminishing)' : ''}`
        : '—',
      r.best.description,
    ];
  });
  const parts = ok.map((r) => [
    nodesText(r.naive.nodes),
    formatSeconds(r.naive.computeS),
    formatSeconds(r.gap.belowPeakS),
    formatSeconds(r.gap.communicationS),
    formatSeconds(r.gap.bubbleS),
    formatSeconds(r.gap.fixedS),
    formatSeconds(r.best.trainingTimeS),
    formatSeconds(r.naive.transferS),
  ]);
  const edge = paybackEdge(rows);
  const out = [
    `${name}: training time against cluster size, beside the naive formula T = P/(N·C) + D/B`,
    table(
      ['nodes', 'GPUs', 'aidc', 'naive', 'aidc ÷ naive', 'MFU', 'GPU-hours', 'per doubling', 'best layout'],
      curve,
    ),
  ];
  if (first) {
    const n = first.naive;
    out.push(
      '',
      `naive: P = ${n.workFlop.toPrecision(3)} FLOP (6 per parameter per token), C = ${formatFlopsPerS(n.nodePeakFlopsPerS)} per node ` +
        `(its GPUs' peak), D = ${formatBytes(n.dataBytes)} (the data set, moved once), B = ${formatBytesPerS(n.nodeLinkBytesPerS)} per node.`,
      "per doubling: the speed-up from the row above, per doubling of the GPUs (2× is ideal); 'diminishing' below " +
        `${(2 * MIN_MARGINAL_SPEEDUP).toFixed(1)}×, ${formatPercent(MIN_MARGINAL_SPEEDUP)} of ideal.`,
      '',
      'What the formula leaves out, over the whole run (P/(N·C) + these = aidc):',
      table(
        [
          'nodes',
          'P/(N·C)',
          'below peak',
          'communication',
          'pipeline bubble',
          'fixed per step',
          '= aidc',
          'D/B (naive)',
        ],
        parts,
      ),
      'below peak: matmuls under peak, attention and elementwise kernels, recompute. communication: what the',
      'schedule cannot hide (tensor-, context-, expert-, pipeline- and data-parallel). fixed per step: the',
      'optimizer and the per-step cost of data loading, launches and the gradient norm.',
      '',
      edge
        ? `More nodes stop paying back past ${nodesText(edge.naive.nodes)} nodes (${edge.gpus} GPUs): the next doubling buys less than ${formatPercent(MIN_MARGINAL_SPEEDUP)} of its ideal speed-up.`
        : `Every step up to ${ok[ok.length - 1]!.gpus} GPUs still buys at least ${formatPercent(MIN_MARGINAL_SPEEDUP)} of its ideal speed-up per doubling: extend the list to find where more nodes stop paying back.`,
    );
  }
  return out.join('\n');
}
