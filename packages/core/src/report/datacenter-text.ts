import type { Figure } from '../explain/figure.js';
import { describeFabric } from '../fabric/topology.js';
import type { DatacenterPlan } from '../plan/datacenter-types.js';
import { formatBytes, formatBytesPerS, formatCount, formatPercent, formatSeconds } from '../units/format.js';
import { naiveSentence } from './naive-text.js';
import { explainFigures, renderPlan } from './plan-text.js';
import { renderProtections } from './privacy-text.js';
import { mw, mwh, usd } from './quantities.js';
import { rangeLevel, rangeSpan } from './range-text.js';
import { runLossSentence } from './run-loss-text.js';
import { renderServing } from './serving-text.js';
import { table } from './table.js';

export { mw, mwh, usd };

/** The site plan after the training plan. */
/** " (80%: low–high)" for a figure with a range, nothing otherwise. */
function rangeNote(f: Figure | undefined, fmt: (v: number) => string): string {
  return f?.range ? ` (${rangeLevel(f.range)}: ${rangeSpan(f, fmt)})` : '';
}

export function renderDatacenter(p: DatacenterPlan, explain: boolean): string {
  const out: string[] = [];
  if (p.training) {
    out.push(renderPlan(p.training, false));
    if (p.naive) out.push(naiveSentence(p.naive, p.training.run.trainingTimeS));
    out.push('');
  }
  for (const sv of p.serving) out.push(renderServing(sv, false), '');
  const n = p.networks;
  const c = n.compute;
  out.push(
    `Site plan: ${p.power.nodes} × ${p.system.name}${p.system.derived ? ' (derived node)' : ''}, ${p.gpus.total} GPUs` +
      (p.gpus.serving > 0 ? ` (${p.gpus.training} training, ${p.gpus.serving} serving)` : ''),
  );
  out.push('');
  out.push(
    table(
      ['network', 'topology', 'leaf', 'spine', 'core', 'links (node-leaf / leaf-spine / spine-core)'],
      [
        [
          'compute',
          describeFabric(c),
          String(c.leafSwitches),
          String(c.spineSwitches),
          String(c.coreSwitches),
          `${c.nodeToLeafCables} / ${c.leafToSpineCables} / ${c.spineToCoreCables}`,
        ],
        [
          'storage',
          describeFabric(n.storage, 'ports'),
          String(n.storage.leafSwitches),
          String(n.storage.spineSwitches),
          String(n.storage.coreSwitches),
          `${n.storage.nodeToLeafCables} / ${n.storage.leafToSpineCables} / ${n.storage.spineToCoreCables}`,
        ],
        [
          'management',
          `${p.power.nodes * 2} ports`,
          String(n.managementSwitches),
          '0',
          '0',
          `${p.power.nodes * 2} copper`,
        ],
      ],
    ),
  );
  if (c.tiers > 0)
    out.push(`  compute fabric bisection ${formatCount((c.bisectionBytesPerS * 8) / 1e12)} Tb/s one way`);
  const u = n.scaleUp;
  out.push(
    `  scale-up: ${u.domains} × ${u.gpusPerDomain}-GPU ${u.kind}${u.dims.length > 0 ? ` (${u.dims.join('×')})` : ''} domains, ` +
      `${formatCount((u.bytesPerSPerGpu * 8) / 1e9)} Gb/s per GPU, ${formatCount((u.domainBisectionBytesPerS * 8) / 1e12)} Tb/s bisection each`,
  );
  out.push('');
  const s = p.storage;
  out.push(
    `Storage: ${s.tiers.map((x) => `${x.role} on ${x.tier}${x.units > 0 ? ` (${x.units} ${x.unit === 'server' ? `× ${s.server.name}` : `${x.unit}${x.units === 1 ? '' : 's'}`})` : ''}`).join(', ')}; ${formatBytes(s.usableBytes)} usable (data ${formatBytes(s.datasetBytes)}, ` +
      `${s.keptCheckpoints} × ${formatBytes(s.checkpointBytes)} ${s.tiers[0]?.role ?? 'checkpoints'}), ${formatBytes(s.rawBytes)} raw; ` +
      `checkpoint written in ${formatSeconds(s.checkpointBytes / s.provisionedWriteBytesPerS)}, data read at ${formatBytesPerS(s.dataReadBytesPerS)}`,
  );
  const w = p.power;
  out.push(
    `Power: IT ${mw(w.itW)} (compute ${mw(w.computeW)}, network ${mw(w.networkW)}, storage ${mw(w.storageW)}), ` +
      `facility ${mw(w.facilityW)} at PUE ${w.pue}; ${w.computeRacks} compute rack${w.computeRacks === 1 ? '' : 's'} of ${w.nodesPerRack} nodes ` +
      `(${(w.rackPowerW / 1000).toFixed(1)} kW of ${(w.rackLimitW / 1000).toFixed(0)} kW), ` +
      (w.sharedRack
        ? 'its switches and file servers in the same rack'
        : `${w.networkRacks} network, ${w.storageRacks} storage racks`),
  );
  const r = p.reliability;
  if (r) {
    out.push(
      `Failures: ${r.failuresPerDay.toFixed(1)} interruptions a day expected, ${formatCount(r.expectedInterruptions)} over the run; ` +
        `checkpoint every ${formatSeconds(r.policy.intervalS)} (${r.checkpointMode}, training stops ${formatSeconds(r.checkpointBlockingS)} each); goodput ${formatPercent(r.policy.goodput)}; ` +
        `${formatSeconds(r.wallClockS)} and ${formatCount(r.wallClockGpuHours)} GPU-hours wall-clock` +
        rangeNote(p.figures.wallClock, formatSeconds),
    );
    out.push(runLossSentence(r));
  }
  out.push(
    `Energy: ${p.energy.runJ !== null ? `${mwh(p.energy.runJ)} for the training run${rangeNote(p.figures.energyRun, mwh)}, ` : ''}${mwh(p.energy.perYearJ)} a year for the site`,
  );
  const k = p.carbon;
  out.push(
    `Carbon: ${formatCount(k.operationalKg / 1000)} t CO2e ${r ? `for the training run${rangeNote(p.figures.operationalCo2, (v) => `${formatCount(v / 1000)} t`)}` : 'a year'} (${k.region} grid, ${k.gCo2ePerKWh} g/kWh, ${k.intensityYear})` +
      (k.embodiedRunShareKg !== null
        ? `; accelerators' embodied share ${formatCount(k.embodiedRunShareKg / 1000)} t`
        : ''),
  );
  const cost = p.cost;
  out.push('');
  out.push(
    table(
      ['cost', 'USD'],
      [
        ['hardware capital', usd(cost.hardwareCapexUsd)],
        ['facility capital', usd(cost.facilityCapexUsd)],
        ['energy a year', usd(cost.energyPerYearUsd)],
        ['maintenance a year', usd(cost.maintenancePerYearUsd)],
        ['per GPU-hour (owned)', `$${cost.costPerGpuHourUsd.toFixed(2)}`],
        ...(r
          ? [
              ['training run (owned)', `${usd(cost.runCostUsd)}${rangeNote(p.figures.runCost, usd)}`],
              [
                'training run (cloud)',
                cost.cloudRunCostUsd !== null
                  ? `${usd(cost.cloudRunCostUsd)} at $${cost.cloudPerGpuHourUsd?.toFixed(2)}/GPU-h${rangeNote(p.figures.cloudRunCost, usd)}`
                  : '—',
              ],
            ]
          : [['a year of the site', usd(cost.annualCostUsd)]]),
      ],
    ),
  );
  out.push(...renderProtections(p, explain));
  const shown = [...(p.training?.warnings ?? []), ...p.serving.flatMap((x) => x.warnings)];
  for (const x of p.warnings) if (!shown.includes(x)) out.push(`warning: ${x.message}`);
  if (explain) out.push('', 'How each site figure was made:', ...explainFigures(p.figures));
  return out.join('\n');
}

/** The bill of materials as CSV (RFC 4180 quoting). */
export function renderBomCsv(p: DatacenterPlan): string {
  const q = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = [
    ['category', 'item', 'name', 'count', 'unit', 'unit_usd', 'total_usd', 'price_date', 'source'],
  ];
  for (const l of p.cost.lines) {
    rows.push([
      l.category,
      l.item,
      l.name,
      String(Number(l.count.toPrecision(6))),
      l.unit,
      l.unitUsd === null ? '' : String(Number(l.unitUsd.toFixed(2))),
      String(Number(l.totalUsd.toFixed(2))),
      l.priceDate ?? '',
      l.sources.map((s) => s.title).join('; '),
    ]);
  }
  return `${rows.map((r) => r.map(q).join(',')).join('\n')}\n`;
}
