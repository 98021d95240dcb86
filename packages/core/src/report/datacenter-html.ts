import type { DatacenterPlan } from '../plan/datacenter-types.js';
import type { ServingPlan } from '../plan/serving-plan.js';
import type { TrainingPlan } from '../plan/training-plan.js';
import { formatBytes, formatCount, formatPercent, formatSeconds } from '../units/format.js';
import { bars, card, esc, figureDetails, REPORT_STYLE } from './html-parts.js';
import { naiveSentence } from './naive-text.js';
import { MEMORY_PARTS, planParts, STEP_TIME_PARTS } from './parts.js';
import { renderProtections } from './privacy-text.js';
import { mw, mwh, usd } from './quantities.js';
import { rangeLevel, rangeSpan } from './range-text.js';
import { runLossSentence } from './run-loss-text.js';
import { layoutLabel, ms, price } from './serving-text.js';

function trainingHtml(t: TrainingPlan, naive: DatacenterPlan['naive']): string {
  const f = t.figures;
  const step = planParts(STEP_TIME_PARTS, f).map((r) => [r.part.short, r.figure.value] as const);
  const memory = planParts(MEMORY_PARTS, f).map((r) => [r.part.short, r.figure.value] as const);
  return (
    `<h2>Training: ${esc(t.model.name)}, ${esc(formatCount(t.job.tokens))} tokens on ${t.cluster.gpus} × ${esc(t.cluster.acceleratorName)}</h2>` +
    bars(
      `Step time ${formatSeconds(t.best.stepTimeS)}${f.stepTime?.range ? ` (${rangeLevel(f.stepTime.range)}: ${rangeSpan(f.stepTime, formatSeconds)})` : ''}`,
      step,
      (v) => formatSeconds(v),
    ) +
    bars('Memory per GPU', memory, (v) => formatBytes(v)) +
    (naive ? `<p class="muted">${esc(naiveSentence(naive, t.run.trainingTimeS))}</p>` : '') +
    (t.phases.length > 1 ? phasesHtml(t) : '')
  );
}

/** The run's phases, each with the layout the search chose for it. */
function phasesHtml(t: TrainingPlan): string {
  const rows = t.phases
    .map(
      (ph) =>
        `<tr><td>${esc(ph.name)}</td><td class="n">${esc(formatCount(ph.tokens))}</td><td class="n">${ph.seqLen}</td>` +
        `<td class="n">${esc(formatCount(ph.globalBatchTokens))}</td><td class="n">${ph.gpus}</td><td>${esc(ph.best.description)}</td>` +
        `<td class="n">${esc(formatSeconds(ph.best.stepTimeS))}</td><td class="n">${esc(formatSeconds(ph.best.trainingTimeS))}</td></tr>`,
    )
    .join('');
  return (
    '<h3>Phases</h3><table><thead><tr><th>phase</th><th class="n">tokens</th><th class="n">sequence</th><th class="n">batch tokens</th>' +
    `<th class="n">GPUs</th><th>layout</th><th class="n">step</th><th class="n">time</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function servingHtml(s: ServingPlan): string {
  const b = s.best;
  const rows = [b, ...s.alternatives]
    .map(
      (l) =>
        `<tr><td>${esc(layoutLabel(l))}</td><td class="n">${l.replicas}</td><td class="n">${l.gpus}</td>` +
        `<td class="n">${ms(l.ttftS.p99)}</td><td class="n">${ms(l.tpotS.p99)}</td>` +
        `<td class="n">${price(l.costPerMillionOutputUsd)}</td></tr>`,
    )
    .join('');
  return (
    `<h2>Serving: ${esc(s.model)} at ${s.traffic.ratePerS} req/s on ${esc(s.accelerator)}</h2>` +
    `<p>${b.replicas} replicas of ${esc(layoutLabel(b))} = ${b.gpus} GPUs; p99 TTFT ${ms(b.ttftS.p99)}, p99 TPOT ${ms(b.tpotS.p99)}</p>` +
    `<table><thead><tr><th>layout</th><th class="n">replicas</th><th class="n">GPUs</th><th class="n">p99 TTFT</th><th class="n">p99 TPOT</th><th class="n">$/M output</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

/** One self-contained HTML report: no scripts, no external files. */
export function renderDatacenterHtml(p: DatacenterPlan): string {
  const t = p.training;
  const c = p.networks.compute;
  const trainingSection = t ? trainingHtml(t, p.naive) : '';
  const servingSection = p.serving.map(servingHtml).join('');
  const power = [
    ['compute', p.power.computeW],
    ['network', p.power.networkW],
    ['storage', p.power.storageW],
    ['cooling and losses (PUE)', p.power.facilityW - p.power.itW],
  ] as const;
  const byCategory = new Map<string, number>();
  for (const l of p.cost.lines) byCategory.set(l.category, (byCategory.get(l.category) ?? 0) + l.totalUsd);
  const bom = p.cost.lines
    .map(
      (l) =>
        `<tr><td>${esc(l.category)}</td><td>${esc(l.name)}</td><td class="n">${esc(formatCount(l.count))}</td>` +
        `<td class="n">${l.unitUsd === null ? '—' : esc(usd(l.unitUsd))}</td><td class="n">${esc(usd(l.totalUsd))}</td>` +
        `<td>${esc(l.priceDate ?? '')}</td><td>${esc(l.sources.map((s) => s.title).join('; '))}</td></tr>`,
    )
    .join('');
  const figures = figureDetails([...Object.entries(t?.figures ?? {}), ...Object.entries(p.figures)]);
  const warnings = p.warnings.map((w) => `<li data-code="${esc(w.code)}">${esc(w.message)}</li>`).join('');
  const protections = renderProtections(p, false);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(p.name)} — aidc plan</title>
${REPORT_STYLE}</head><body>
<h1>${esc(p.name)}</h1>
<p>${esc(`${p.gpus.total} GPUs (${p.gpus.training} training, ${p.gpus.serving} serving) · ${p.power.nodes} × ${p.system.name}`)}</p>
<div class="cards">
${t ? card('best training layout', t.best.description) : ''}
${p.reliability ? card('wall-clock days', (p.reliability.wallClockS / 86400).toFixed(1), p.figures.wallClock, (v) => (v / 86400).toFixed(1)) : ''}
${t ? card('MFU', formatPercent(t.best.mfu), t.figures.mfu, formatPercent) : ''}
${p.reliability ? card('goodput (failures)', formatPercent(p.reliability.policy.goodput)) : ''}
${p.reliability ? card('effective training time', formatPercent(p.reliability.losses.effectiveTrainingTime)) : ''}
${card('switches (compute)', String(c.leafSwitches + c.spineSwitches + c.coreSwitches))}
${card('facility power', mw(p.power.facilityW))}
${p.energy.runJ !== null ? card('energy for the run', mwh(p.energy.runJ), p.figures.energyRun, mwh) : card('energy a year', mwh(p.energy.perYearJ))}
${card('hardware capital', usd(p.cost.hardwareCapexUsd))}
${p.reliability ? card('run cost (owned)', usd(p.cost.runCostUsd), p.figures.runCost, usd) : card('a year of the site', usd(p.cost.annualCostUsd))}
${p.reliability ? card('run cost (cloud)', p.cost.cloudRunCostUsd === null ? '—' : usd(p.cost.cloudRunCostUsd), p.figures.cloudRunCost, usd) : ''}
${card(p.reliability ? 't CO2e (training run)' : 't CO2e a year', formatCount(p.carbon.operationalKg / 1000), p.figures.operationalCo2, (v) => formatCount(v / 1000))}
</div>
${p.reliability ? `<p>${esc(runLossSentence(p.reliability))}</p>` : ''}
${trainingSection}
${servingSection}
<h2>Power</h2>
${bars(`Facility power ${mw(p.power.facilityW)}`, power, (v) => mw(v))}
<h2>Cost</h2>
${bars(`Capital ${usd(p.cost.hardwareCapexUsd + p.cost.facilityCapexUsd)}`, [...byCategory.entries()], (v) => usd(v))}
<h2>Bill of materials</h2>
<table><thead><tr><th>category</th><th>item</th><th class="n">count</th><th class="n">unit price</th><th class="n">total</th><th>price date</th><th>source</th></tr></thead><tbody>${bom}</tbody></table>
${protections.length > 0 ? `<h2>Privacy, federated training and security</h2><pre>${esc(protections.join('\n').trim())}</pre>` : ''}
<h2>How each figure was made</h2>
${figures}
${warnings ? `<h2>Warnings</h2><ul>${warnings}</ul>` : ''}
<p class="muted">Generated by aidc. Every figure above names its formula, inputs and sources.</p>
</body></html>
`;
}
