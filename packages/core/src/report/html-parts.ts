// Pieces every HTML report shares: escaping, the style, bar charts, headline cards and the
// explanation of each figure. Reports are self-contained: no scripts, no external files.

import { type Figure, formatInput } from '../explain/figure.js';
import { formatPercent } from '../units/format.js';
import { rangeLabel } from './range-text.js';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const COLORS = [
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#475569',
];

/** A horizontal bar chart as inline SVG: one bar per part, its value and share. */
export function bars(
  title: string,
  parts: readonly (readonly [string, number])[],
  fmt: (v: number) => string,
): string {
  const shown = parts.filter(([, v]) => v > 0);
  const total = shown.reduce((a, [, v]) => a + v, 0);
  const max = Math.max(...shown.map(([, v]) => v), 1e-30);
  const rowH = 22;
  const h = shown.length * rowH + 8;
  const rows = shown
    .map(([label, v], i) => {
      const w = Math.max(1, (v / max) * 380);
      const y = 4 + i * rowH;
      return (
        `<text x="0" y="${y + 15}" font-size="12">${esc(label)}</text>` +
        `<rect x="200" y="${y + 3}" width="${w.toFixed(1)}" height="14" fill="${COLORS[i % COLORS.length]}"/>` +
        `<text x="${(205 + w).toFixed(1)}" y="${y + 15}" font-size="12">${esc(fmt(v))} (${formatPercent(v / total)})</text>`
      );
    })
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 720 ${h}" width="720" height="${h}">${rows}</svg></figure>`;
}

/** A headline figure; with its 80% range beneath where the model behind it has one. */
export function card(label: string, value: string, range?: Figure, fmt?: (v: number) => string): string {
  const text = fmt ? rangeLabel(range, fmt) : undefined;
  const band = text ? `<div class="l" title="${esc(range!.range!.basis)}">${esc(text)}</div>` : '';
  return `<div class="card"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div>${band}</div>`;
}

/** Each figure as a disclosure: its value, formula, inputs and sources. */
export function figureDetails(entries: readonly (readonly [string, Figure])[]): string {
  return entries
    .map(
      ([name, x]) =>
        `<details><summary><b>${esc(name)}</b> = ${esc(String(Number(x.value.toPrecision(4))))} ${esc(x.unit === 'count' ? '' : x.unit)}</summary>` +
        `<p>${esc(x.formula)}</p><p class="muted">${esc(
          Object.entries(x.inputs)
            .map(([k, v]) => `${k}=${formatInput(v)}`)
            .join(', '),
        )}</p>${x.sources.map((s) => `<p class="muted">source: ${esc(s.title)}${s.note ? ` — ${esc(s.note)}` : ''}</p>`).join('')}</details>`,
    )
    .join('');
}

export const REPORT_STYLE = `<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#111;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.cards{display:flex;flex-wrap:wrap;gap:.75rem}.card{border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem;min-width:140px}
.card .v{font-size:1.2rem;font-weight:600}.card .l{color:#555;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border-bottom:1px solid #eee;padding:.25rem .4rem;text-align:left}
.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#555;font-size:.85rem;margin:.2rem 0}
pre{overflow-x:auto}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}details{margin:.3rem 0}
</style>`;
