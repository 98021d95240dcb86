import { PRICES } from '../catalog/prices.js';
import type { Price, Source, SystemSpec } from '../catalog/types.js';
import { type Warning, warning } from '../explain/warning.js';
import type { NetworkItem } from '../fabric/networks.js';
import { SECONDS_PER_YEAR } from '../units/time.js';

/** Years over which the building, power and cooling are written off. Assumption (common 15-year life). */
export const FACILITY_AMORTIZATION_YEARS = 15;
export const AMORTIZATION_SOURCE: Source = {
  title: 'assumption: hardware written off over 4 years, the facility over 15',
  note: 'common planning lives; the scenario sets cost.amortization',
};

export interface CostLine {
  readonly category: 'compute' | 'network' | 'storage' | 'facility';
  readonly item: string;
  readonly name: string;
  readonly count: number;
  readonly unit: string;
  /** USD per unit; null when no price is known. */
  readonly unitUsd: number | null;
  readonly totalUsd: number;
  readonly priceDate: string | null;
  readonly sources: readonly Source[];
}

export interface CostPlan {
  readonly lines: readonly CostLine[];
  readonly hardwareCapexUsd: number;
  readonly facilityCapexUsd: number;
  readonly energyPerYearUsd: number;
  readonly maintenancePerYearUsd: number;
  /** Capital written off per year plus operating cost per year. */
  readonly annualCostUsd: number;
  readonly costPerGpuHourUsd: number;
  readonly runCostUsd: number;
  /** Items of the bill of materials with no price: every total leaves them out. */
  readonly unpricedItems: readonly string[];
  readonly cloudPerGpuHourUsd: number | null;
  readonly cloudRunCostUsd: number | null;
  /** Where the cloud price came from (the catalog's price or the scenario). */
  readonly cloudPriceSources: readonly Source[];
  readonly energyUsdPerJ: number;
  readonly energyPriceSource: string;
  readonly warnings: readonly Warning[];
}

export function findPrice(item: string, overrides: Readonly<Record<string, number>> = {}): Price | undefined {
  const o = overrides[item];
  if (o !== undefined) {
    return {
      item,
      usd: o,
      per: 'unit',
      date: 'scenario',
      sources: [{ title: 'given in the scenario (cost.prices)' }],
    };
  }
  return PRICES.find((p) => p.item === item);
}

/** Cloud rent item for an accelerator, where the catalog has one. */
const CLOUD_ITEM: Readonly<Record<string, string>> = {
  'h100-sxm': 'cloud-h100-gpu-hour',
  'h800-sxm': 'cloud-h100-gpu-hour',
  'a100-sxm-80gb': 'cloud-a100-gpu-hour',
  'a100-sxm-40gb': 'cloud-a100-gpu-hour',
  'h200-sxm': 'cloud-h200-gpu-hour',
  b200: 'cloud-b200-gpu-hour',
};

/** The rent per GPU-hour for an accelerator: the scenario's own figure, else the catalog's cloud
 * price (after the scenario's price overrides), else none. */
export function cloudPrice(
  accelerator: string,
  given: number | undefined,
  overrides: Readonly<Record<string, number>> = {},
): Pick<Price, 'usd' | 'sources'> | undefined {
  if (given !== undefined)
    return { usd: given, sources: [{ title: 'given in the scenario (cost.cloudPerGpuHour)' }] };
  const item = CLOUD_ITEM[accelerator];
  return item ? findPrice(item, overrides) : undefined;
}

export function energyPrice(
  region: string | undefined,
  given: number | undefined,
): { usdPerJ: number; source: string } {
  if (given !== undefined) return { usdPerJ: given, source: 'given in the scenario (site.electricity)' };
  const regional = region ? PRICES.find((p) => p.item === `electricity-${region}-industrial`) : undefined;
  const p = regional ?? PRICES.find((x) => x.item === 'electricity-us-industrial');
  return { usdPerJ: (p?.usd ?? 0.08) / 3.6e6, source: p ? `${p.item} (${p.date})` : 'default 0.08 USD/kWh' };
}

export function planCost(input: {
  readonly system: SystemSpec;
  readonly systemDerived: boolean;
  readonly nodes: number;
  readonly gpus: number;
  readonly network: readonly NetworkItem[];
  /** The shared file system: its part, priced per server under the part's id. */
  readonly fileServer: { readonly id: string; readonly name: string };
  readonly fileServers: number;
  readonly objectStoreBytes: number;
  readonly racks: number;
  readonly itW: number;
  readonly facilityW: number;
  readonly region: string | undefined;
  readonly electricityUsdPerJ: number | undefined;
  readonly amortizationS: number;
  readonly maintenancePerYear: number;
  readonly prices: Readonly<Record<string, number>> | undefined;
  readonly cloudPerGpuHour: number | undefined;
  readonly accelerator: string;
  /** Wall-clock GPU-hours of the run (failures included). */
  readonly runGpuHours: number;
}): CostPlan {
  const overrides = input.prices ?? {};
  const warnings: Warning[] = [];
  const lines: CostLine[] = [];
  const unpriced: string[] = [];
  const add = (
    category: CostLine['category'],
    item: string,
    name: string,
    count: number,
    unit: string,
    perUnitOf?: number,
  ) => {
    const p = findPrice(item, overrides);
    if (!p) {
      unpriced.push(item);
      warnings.push(warning('missing-price', `no price for ${item}: give cost.prices.${item} to include it`));
    }
    const unitUsd = p ? p.usd / (perUnitOf ?? 1) : null;
    lines.push({
      category,
      item,
      name,
      count,
      unit,
      unitUsd,
      totalUsd: (unitUsd ?? 0) * count,
      priceDate: p?.date ?? null,
      sources: p?.sources ?? [],
    });
  };
  // A rack-scale system is priced per rack: each node carries its share.
  const sysPrice = findPrice(input.system.id, overrides);
  add(
    'compute',
    input.system.id,
    input.system.name,
    input.nodes,
    'node',
    sysPrice?.per === 'rack' ? input.system.nodesPerRack : 1,
  );
  for (const n of input.network) {
    if (n.kind === 'cable' && n.item === 'cat6-1g') continue;
    add('network', n.item, `${n.name} (${n.network})`, n.count, n.kind);
  }
  add('storage', input.fileServer.id, input.fileServer.name, input.fileServers, 'server');
  if (input.objectStoreBytes > 0) {
    add('storage', 'object-store-tb', 'object store, raw TB', input.objectStoreBytes / 1e12, 'TB');
  }
  add('facility', 'rack', 'rack with power distribution', input.racks, 'rack');
  add(
    'facility',
    'datacenter-capex-mw',
    'datacenter shell, power and cooling per MW of IT',
    input.itW / 1e6,
    'MW',
  );
  const hardwareCapexUsd = lines.filter((l) => l.category !== 'facility').reduce((a, l) => a + l.totalUsd, 0);
  const facilityCapexUsd = lines.filter((l) => l.category === 'facility').reduce((a, l) => a + l.totalUsd, 0);
  const energy = energyPrice(input.region, input.electricityUsdPerJ);
  const energyPerYearUsd = input.facilityW * SECONDS_PER_YEAR * energy.usdPerJ;
  const maintenancePerYearUsd = hardwareCapexUsd * input.maintenancePerYear;
  const hardwareYears = input.amortizationS / SECONDS_PER_YEAR;
  const annualCostUsd =
    hardwareCapexUsd / hardwareYears +
    facilityCapexUsd / FACILITY_AMORTIZATION_YEARS +
    energyPerYearUsd +
    maintenancePerYearUsd;
  const costPerGpuHourUsd = annualCostUsd / (input.gpus * (SECONDS_PER_YEAR / 3600));
  const cloudQuote = cloudPrice(input.accelerator, input.cloudPerGpuHour, overrides);
  const cloud = cloudQuote?.usd;
  if (cloud === undefined)
    warnings.push(
      warning(
        'no-cloud-price',
        `no cloud price for ${input.accelerator}: give cost.cloudPerGpuHour to compare`,
      ),
    );
  if (input.systemDerived)
    warnings.push(
      warning(
        'derived-system',
        `${input.system.name} is derived, not a catalog system: its price is missing unless given`,
      ),
    );
  return {
    lines,
    hardwareCapexUsd,
    facilityCapexUsd,
    energyPerYearUsd,
    maintenancePerYearUsd,
    annualCostUsd,
    costPerGpuHourUsd,
    runCostUsd: costPerGpuHourUsd * input.runGpuHours,
    unpricedItems: unpriced,
    cloudPerGpuHourUsd: cloud ?? null,
    cloudRunCostUsd: cloud !== undefined ? cloud * input.runGpuHours : null,
    cloudPriceSources: cloudQuote?.sources ?? [],
    energyUsdPerJ: energy.usdPerJ,
    energyPriceSource: energy.source,
    warnings,
  };
}
