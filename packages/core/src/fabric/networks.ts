import { LINK_MEDIA, SWITCHES } from '../catalog/network.js';
import type { Accelerator, LinkMedium, Source, SwitchSpec, SystemSpec } from '../catalog/types.js';
import type { Failure } from '../explain/refusal.js';
import type { FabricTopology } from '../vocab/fabric.js';
import { planScaleUp, type ScaleUpPlan } from './scaleup.js';
import { type FabricSizing, sizeFabric } from './topology.js';

/** One line of network hardware: what, how many, and its power. Prices are added by cost/. */
export interface NetworkItem {
  readonly network: 'compute' | 'storage' | 'management';
  readonly kind: 'switch' | 'transceiver' | 'cable';
  /** Catalog id (switch or link medium), or a named item. */
  readonly item: string;
  readonly name: string;
  readonly count: number;
  readonly powerW: number;
  readonly sources: readonly Source[];
}

export interface NetworkPlan {
  readonly scaleUp: ScaleUpPlan;
  readonly compute: FabricSizing;
  readonly storage: FabricSizing;
  readonly managementSwitches: number;
  readonly items: readonly NetworkItem[];
  readonly powerW: number;
}

export type NetworkPlanResult = { readonly ok: true; readonly plan: NetworkPlan } | Failure;

/** Link runs assumed per tier, which decide the medium: leaf switches in the rows' network racks,
 * spines in a central row, the core across the hall. Assumptions of a SuperPOD-style layout. */
export const RUN_LENGTH_M = { nodeToLeaf: 30, leafToSpine: 50, spineToCore: 150 } as const;
export const RUN_LENGTH_SOURCE: Source = {
  title:
    'assumption: SuperPOD-style hall, leaves at the end of each row, spines central, core across the hall',
  note: 'decides multimode (≤ 50 m) or single-mode optics per tier',
};

/** Storage (in-band) network: two 100 Gb/s ports per node on 64-port 100G switches, non-blocking. */
export const STORAGE_PORTS_PER_NODE = 2;
export const STORAGE_SWITCH = 'sn4600c';
/** Management: host and BMC ports per node on 48-port 1G switches. */
export const MANAGEMENT_PORTS_PER_NODE = 2;
export const MANAGEMENT_SWITCH = 'sn2201';
export const NETWORK_LAYOUT_SOURCE: Source = {
  title:
    'NVIDIA DGX SuperPOD reference architecture: separate compute, storage (in-band) and management fabrics',
  note: 'port counts per node simplified by aidc: 2 × 100G storage, host + BMC management ports',
};

/** The transceiver for a link speed and run length: the shortest-reach module that covers it. */
export function transceiverFor(gbps: number, runM: number): LinkMedium | undefined {
  return LINK_MEDIA.filter((m) => m.kind === 'transceiver' && m.gbps >= gbps && m.maxLengthM >= runM).sort(
    (a, b) => a.gbps - b.gbps || a.maxLengthM - b.maxLengthM,
  )[0];
}

function switchItem(network: NetworkItem['network'], s: SwitchSpec, count: number): NetworkItem {
  return { network, kind: 'switch', item: s.id, name: s.name, count, powerW: s.powerW, sources: s.sources };
}

function linkItems(
  network: NetworkItem['network'],
  links: number,
  gbps: number,
  runM: number,
): NetworkItem[] {
  if (links <= 0) return [];
  const m = transceiverFor(gbps, runM);
  if (!m) {
    return [
      {
        network,
        kind: 'cable',
        item: `link-${gbps}g-${runM}m`,
        name: `${gbps}G link of ${runM} m (no catalog medium)`,
        count: links,
        powerW: 0,
        sources: [RUN_LENGTH_SOURCE],
      },
    ];
  }
  // Two transceivers per optical link, one at each end.
  return [
    {
      network,
      kind: 'transceiver',
      item: m.id,
      name: m.name,
      count: 2 * links,
      powerW: m.powerW,
      sources: m.sources,
    },
  ];
}

/** One line per item and network: tiers that use the same transceiver are counted together. */
function mergeItems(items: readonly NetworkItem[]): NetworkItem[] {
  const out: NetworkItem[] = [];
  for (const i of items) {
    const at = out.findIndex((o) => o.item === i.item && o.network === i.network);
    if (at >= 0) out[at] = { ...out[at]!, count: out[at]!.count + i.count };
    else out.push(i);
  }
  return out;
}

/** The compute, storage and management networks of `nodes` nodes of `system`. */
export function planNetworks(
  gpus: number,
  scaleUpOf: { readonly accelerator: Accelerator; readonly domainSize: number; readonly bytesPerS: number },
  system: SystemSpec,
  fabric: {
    readonly topology: FabricTopology;
    readonly oversubscription: number;
    readonly nodesPerScalableUnit: number;
    readonly switchSpec: SwitchSpec;
  },
): NetworkPlanResult {
  const sw = fabric.switchSpec;
  const linkGbps = system.nicGbps;
  // A switch port faster than the NIC splits into several NIC-speed ports (breakout).
  const switchPorts = sw.ports * Math.max(1, Math.floor(sw.portGbps / linkGbps));
  const compute = sizeFabric({
    gpus,
    gpusPerNode: system.gpusPerNode,
    nodesPerScalableUnit: Math.min(fabric.nodesPerScalableUnit, switchPorts / 2),
    railsPerNode: system.railsPerNode,
    linkGbps,
    switchPorts,
    oversubscription: fabric.oversubscription,
    topology: fabric.topology,
    reachesOtherDevices: false,
  });
  if (!compute.ok)
    return {
      ok: false,
      code: 'fabric-too-large',
      message: `compute fabric: ${compute.field}: ${compute.message}`,
    };
  const storageSwitch = SWITCHES.find((s) => s.id === STORAGE_SWITCH);
  const managementSwitch = SWITCHES.find((s) => s.id === MANAGEMENT_SWITCH);
  if (!storageSwitch || !managementSwitch)
    return {
      ok: false,
      code: 'unknown-id',
      message: 'storage or management switch missing from the catalog',
    };
  const storage = sizeFabric({
    gpus,
    gpusPerNode: system.gpusPerNode,
    nodesPerScalableUnit: storageSwitch.ports / 2,
    railsPerNode: STORAGE_PORTS_PER_NODE,
    linkGbps: storageSwitch.portGbps,
    switchPorts: storageSwitch.ports,
    oversubscription: 1,
    topology: 'fat-tree',
    reachesOtherDevices: true,
  });
  if (!storage.ok)
    return {
      ok: false,
      code: 'fabric-too-large',
      message: `storage fabric: ${storage.field}: ${storage.message}`,
    };
  const c = compute.fabric;
  const s = storage.fabric;
  const managementSwitches = Math.ceil((c.nodes * MANAGEMENT_PORTS_PER_NODE) / managementSwitch.ports);
  const listed: NetworkItem[] = [
    switchItem('compute', sw, c.leafSwitches + c.spineSwitches + c.coreSwitches),
    ...linkItems('compute', c.nodeToLeafCables, linkGbps, RUN_LENGTH_M.nodeToLeaf),
    ...linkItems('compute', c.leafToSpineCables, linkGbps, RUN_LENGTH_M.leafToSpine),
    ...linkItems('compute', c.spineToCoreCables, linkGbps, RUN_LENGTH_M.spineToCore),
    switchItem('storage', storageSwitch, s.leafSwitches + s.spineSwitches + s.coreSwitches),
    ...linkItems(
      'storage',
      s.nodeToLeafCables + s.leafToSpineCables + s.spineToCoreCables,
      storageSwitch.portGbps,
      RUN_LENGTH_M.leafToSpine,
    ),
    switchItem('management', managementSwitch, managementSwitches),
    {
      network: 'management' as const,
      kind: 'cable' as const,
      item: 'cat6-1g',
      name: '1 GbE copper patch cable',
      count: c.nodes * MANAGEMENT_PORTS_PER_NODE,
      powerW: 0,
      sources: [NETWORK_LAYOUT_SOURCE],
    },
  ];
  const items = mergeItems(listed.filter((i) => i.count > 0));
  const powerW = items.reduce((a, i) => a + i.count * i.powerW, 0);
  const scaleUp = planScaleUp(gpus, scaleUpOf.accelerator, scaleUpOf.domainSize, scaleUpOf.bytesPerS);
  return { ok: true, plan: { scaleUp, compute: c, storage: s, managementSwitches, items, powerW } };
}
