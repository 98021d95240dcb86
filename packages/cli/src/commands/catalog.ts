import {
  ACCELERATORS,
  formatBitsPerS,
  formatBytes,
  formatBytesPerS,
  formatCount,
  formatFlopsPerS,
  GRID_INTENSITIES,
  LINK_MEDIA,
  MODELS,
  PRICES,
  paramCounts,
  SWITCHES,
  SYSTEMS,
  table,
} from '@aidc/core';
import { UserError } from '../errors.js';
import { writeOut } from '../io.js';

const SIMPLE_LISTS: Record<
  string,
  { entries: readonly unknown[]; header: string[]; rows: () => string[][] }
> = {
  systems: {
    entries: SYSTEMS,
    header: [
      'id',
      'name',
      'accelerator',
      'GPUs/node',
      'domain',
      'NICs',
      'node power',
      'nodes/rack',
      'cooling',
    ],
    rows: () =>
      SYSTEMS.map((x) => [
        x.id,
        x.name,
        x.accelerator,
        String(x.gpusPerNode),
        String(x.scaleUpDomain),
        `${x.railsPerNode}×${x.nicGbps}G`,
        `${(x.nodePowerW / 1000).toFixed(1)} kW`,
        String(x.nodesPerRack),
        x.cooling,
      ]),
  },
  switches: {
    entries: SWITCHES,
    header: ['id', 'name', 'ports', 'power', 'U'],
    rows: () =>
      SWITCHES.map((x) => [x.id, x.name, `${x.ports}×${x.portGbps}G`, `${x.powerW} W`, String(x.rackUnits)]),
  },
  media: {
    entries: LINK_MEDIA,
    header: ['id', 'name', 'kind', 'speed', 'reach', 'power'],
    rows: () =>
      LINK_MEDIA.map((x) => [x.id, x.name, x.kind, `${x.gbps}G`, `${x.maxLengthM} m`, `${x.powerW} W`]),
  },
  prices: {
    entries: PRICES,
    header: ['item', 'USD', 'per', 'date'],
    rows: () => PRICES.map((x) => [x.item, String(Number(x.usd.toPrecision(6))), x.per, x.date]),
  },
  grid: {
    entries: GRID_INTENSITIES,
    header: ['id', 'name', 'g CO2e/kWh', 'year'],
    rows: () => GRID_INTENSITIES.map((x) => [x.id, x.name, String(x.gCo2ePerKWh), String(x.year)]),
  },
};

export function catalogCommand(kind: string | undefined, opts: { json?: boolean }): void {
  writeOut(catalogText(kind ?? 'accelerators', opts.json === true));
}

function catalogText(which: string, json: boolean): string {
  if (which === 'accelerators') {
    if (json) return JSON.stringify(ACCELERATORS, null, 2);
    return table(
      ['id', 'name', 'bf16/fp16 dense', 'fp8 dense', 'memory', 'memory BW', 'scale-up', 'domain', 'TDP'],
      ACCELERATORS.map((a) => [
        a.id,
        a.name,
        formatFlopsPerS(a.peakFlopsPerS.bf16 ?? a.peakFlopsPerS.fp16 ?? 0),
        a.peakFlopsPerS.fp8 ? formatFlopsPerS(a.peakFlopsPerS.fp8) : '—',
        formatBytes(a.memoryBytes),
        formatBytesPerS(a.memoryBytesPerS),
        formatBitsPerS(a.scaleUpBytesPerS),
        String(a.scaleUpDomain),
        `${a.tdpW} W`,
      ]),
    );
  }
  if (which === 'models') {
    if (json) return JSON.stringify(MODELS, null, 2);
    return table(
      ['id', 'name', 'params', 'layers', 'hidden', 'heads/kv', 'attention', 'ffn', 'MoE'],
      MODELS.map((m) => [
        m.id,
        m.name,
        formatCount(paramCounts(m).total),
        String(m.layers),
        String(m.hidden),
        `${m.heads}/${m.kvHeads}`,
        m.attention.kind,
        m.ffn,
        m.moe ? `${m.moe.experts}×top${m.moe.topK}` : '—',
      ]),
    );
  }
  const simple = SIMPLE_LISTS[which];
  if (simple) return json ? JSON.stringify(simple.entries, null, 2) : table(simple.header, simple.rows());
  throw new UserError(
    `catalog: found '${which}', expected one of ${['accelerators', 'models', ...Object.keys(SIMPLE_LISTS)].map((k) => `'${k}'`).join(', ')}`,
  );
}
