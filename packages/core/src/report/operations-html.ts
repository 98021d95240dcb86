// The shared cluster as one self-contained HTML page: the tables of the text report and the charts
// an operator reads (GPUs over time, serving replicas against traffic, waits by class per policy).

import { JOB_CLASSES, type OperationsPlan } from '../plan/operations-plan.js';
import { formatSeconds } from '../units/format.js';
import { bars, COLORS, esc, figureDetails, REPORT_STYLE } from './html-parts.js';
import {
  completionTable,
  costTable,
  lossTable,
  policyTable,
  teamTable,
  workloadLines,
} from './operations-text.js';

/** Lines over a shared x axis as inline SVG, with a legend; x in days. */
export function lineChart(
  title: string,
  xS: readonly number[],
  series: readonly { readonly label: string; readonly values: readonly number[] }[],
  yLabel: string,
): string {
  const w = 720;
  const h = 240;
  const left = 56;
  const bottom = 28;
  const top = 10;
  const x0 = xS[0] ?? 0;
  const x1 = Math.max(x0 + 1, xS[xS.length - 1] ?? 1);
  const yMax = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * (w - left - 10);
  const py = (y: number) => top + (1 - y / yMax) * (h - top - bottom);
  const lines = series
    .map((s, i) => {
      const d = s.values
        .map((v, k) => `${k ? 'L' : 'M'}${px(xS[k]!).toFixed(1)},${py(v).toFixed(1)}`)
        .join('');
      return `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5"/>`;
    })
    .join('');
  const days = (x1 - x0) / 86_400;
  const step = days > 20 ? 7 : days > 3 ? 1 : 0.25;
  const ticks: string[] = [];
  for (let d = 0; d <= days + 1e-9; d += step) {
    const x = px(x0 + d * 86_400);
    ticks.push(
      `<text x="${x.toFixed(1)}" y="${h - 8}" font-size="11" text-anchor="middle">${step < 1 ? `${d * 24}h` : `d${d}`}</text>`,
    );
  }
  const yTicks = [0, 0.5, 1]
    .map(
      (f) =>
        `<text x="${left - 6}" y="${(py(f * yMax) + 4).toFixed(1)}" font-size="11" text-anchor="end">${Number((f * yMax).toPrecision(3))}</text>`,
    )
    .join('');
  const legend = series
    .map((s, i) => `<span style="color:${COLORS[i % COLORS.length]}">■</span> ${esc(s.label)}`)
    .join(' &nbsp; ');
  return (
    `<figure><figcaption>${esc(title)}</figcaption>` +
    `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="100%" style="max-width:${w}px">` +
    `<line x1="${left}" y1="${h - bottom}" x2="${w - 10}" y2="${h - bottom}" stroke="#999"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="#999"/>` +
    `<text x="4" y="${top + 8}" font-size="11">${esc(yLabel)}</text>${ticks.join('')}${yTicks}${lines}</svg>` +
    `<div class="muted">${legend}</div></figure>`
  );
}

export function renderOperationsHtml(p: OperationsPlan): string {
  const t = p.timeline;
  const utilisation = lineChart(
    'GPUs allocated on the site, by policy',
    t.timeS,
    p.policies.map((r, i) => ({ label: r.policy, values: t.byPolicy[i]!.allocatedGpus })),
    'GPUs',
  );
  const first = t.byPolicy[0];
  const serving = p.workload.fleets.map((f, k) =>
    lineChart(
      `${f.name}: replicas (${p.policies[0]?.policy}) against requests per second ÷ capacity per replica`,
      t.timeS,
      [
        { label: 'replicas', values: first?.replicas[k] ?? [] },
        {
          label: 'demand in replicas',
          values: (t.demandPerS[k] ?? []).map((d) => d / f.capacityPerReplicaPerS),
        },
      ],
      'replicas',
    ),
  );
  const waits = JOB_CLASSES.filter((c) => p.policies.some((r) => r.waitS[c].count > 0)).map((c) =>
    bars(
      `p90 wait, ${c}`,
      p.policies.map((r) => [r.policy, r.waitS[c].p90] as const),
      (v) => formatSeconds(v),
    ),
  );
  const cost = bars(
    'Cost per useful GPU-hour (site and cloud)',
    p.policies.map((r) => [r.policy, r.costPerUsefulGpuHourUsd] as const),
    (v) => `$${v.toFixed(2)}`,
  );
  const figures = p.policies
    .map((r) => `<h3>${esc(r.policy)}</h3>${figureDetails(Object.entries(r.figures))}`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(p.name)} — aidc operations</title>
${REPORT_STYLE}</head><body>
<h1>${esc(p.name)}: the cluster shared over time</h1>
${workloadLines(p)
  .map((l) => `<p>${esc(l)}</p>`)
  .join('')}
<h2>Policies side by side</h2>
<pre>${esc(policyTable(p.policies))}</pre>
${(p.policies[0]?.teams.length ?? 0) > 0 ? `<h3>Teams and their quotas</h3><pre>${esc(teamTable(p.policies))}</pre>` : ''}
<h3>GPU-hours of the site by what became of them</h3>
<pre>${esc(lossTable(p.policies))}</pre>
<h3>Completion time by class</h3>
<pre>${esc(completionTable(p.policies))}</pre>
<h3>Cost, energy and carbon</h3>
<pre>${esc(costTable(p.policies))}</pre>
<h2>Utilisation over time</h2>
${utilisation}
${serving.length ? `<h2>Serving over the day</h2>${serving.join('')}` : ''}
<h2>Waits by class</h2>
${waits.join('')}
<h2>Cost</h2>
${cost}
<h2>How each figure was made</h2>
${figures}
<p class="muted">Generated by aidc operate. Sources: ${esc(p.sources.map((s) => s.title).join('; '))}.</p>
</body></html>
`;
}
