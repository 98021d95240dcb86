import type { Source, SystemSpec } from '../catalog/types.js';
import { type Warning, warning } from '../explain/warning.js';

/** Rack power a site supports by cooling when the scenario gives no limit, W. */
export const DEFAULT_RACK_LIMIT_W = { air: 40_000, liquid: 140_000 } as const;
export const RACK_LIMIT_SOURCE: Source = {
  title: 'NVIDIA DGX SuperPOD reference architectures',
  note: 'air-cooled DGX H100 racks above 40 kW (4 systems); GB200 NVL72 liquid-cooled racks about 120–132 kW',
};

/** Switches per network rack (leaf and spine switches sit in their own racks). */
export const SWITCHES_PER_RACK = 16;

/** Usable height of a rack, U: the common full-height 42U (EIA-310) enclosure. */
export const RACK_HEIGHT_U = 42;
/** Height taken per switch, U: catalog switches are 1U (QM9700, SN2201) or 2U (SN4600C); 2U assumed. */
export const SWITCH_RACK_UNITS = 2;

export interface PowerPlan {
  readonly nodes: number;
  readonly nodesPerRack: number;
  readonly computeRacks: number;
  readonly networkRacks: number;
  readonly storageRacks: number;
  /** One compute rack with room and power for the switches and file servers too: no other rack. */
  readonly sharedRack: boolean;
  readonly rackLimitW: number;
  /** Power of a full compute rack. */
  readonly rackPowerW: number;
  readonly computeW: number;
  readonly networkW: number;
  readonly storageW: number;
  readonly itW: number;
  readonly facilityW: number;
  readonly pue: number;
  readonly warnings: readonly Warning[];
}

export function planPower(input: {
  /** Nodes of the site (the site's count, not worked out again here). */
  readonly nodes: number;
  readonly system: SystemSpec;
  readonly rackLimitW: number | undefined;
  readonly pue: number;
  readonly networkW: number;
  readonly switches: number;
  readonly storageW: number;
  readonly storageServers: number;
  /** Height of one file server, U. */
  readonly storageServerRackUnits: number;
}): PowerPlan {
  const sys = input.system;
  const nodes = input.nodes;
  const rackLimitW = input.rackLimitW ?? DEFAULT_RACK_LIMIT_W[sys.cooling];
  const warnings: Warning[] = [];
  // Fewer nodes per rack when the rack cannot feed or cool the reference count.
  let nodesPerRack = Math.min(sys.nodesPerRack, Math.floor(rackLimitW / sys.nodePowerW));
  if (nodesPerRack < 1) {
    nodesPerRack = 1;
    warnings.push(
      warning(
        'node-over-rack-limit',
        `one ${sys.name} node draws ${(sys.nodePowerW / 1000).toFixed(1)} kW, over the rack limit of ${(rackLimitW / 1000).toFixed(1)} kW`,
      ),
    );
  } else if (nodesPerRack < sys.nodesPerRack) {
    warnings.push(
      warning(
        'rack-power-limit',
        `the rack limit of ${(rackLimitW / 1000).toFixed(1)} kW fits ${nodesPerRack} of the ${sys.nodesPerRack} nodes the reference rack holds`,
      ),
    );
  }
  const computeW = nodes * sys.nodePowerW;
  const itW = computeW + input.networkW + input.storageW;
  const computeRacks = Math.ceil(nodes / nodesPerRack);
  // A small site's switches and file servers go in its one compute rack when it has the room and power.
  const heightU =
    nodes * sys.rackUnits +
    input.switches * SWITCH_RACK_UNITS +
    input.storageServers * input.storageServerRackUnits;
  const sharedRack = computeRacks === 1 && heightU <= RACK_HEIGHT_U && itW <= rackLimitW;
  return {
    nodes,
    nodesPerRack,
    computeRacks,
    networkRacks: sharedRack ? 0 : Math.ceil(input.switches / SWITCHES_PER_RACK),
    storageRacks: sharedRack ? 0 : Math.ceil(input.storageServers / 16),
    sharedRack,
    rackLimitW,
    rackPowerW: nodesPerRack * sys.nodePowerW,
    computeW,
    networkW: input.networkW,
    storageW: input.storageW,
    itW,
    facilityW: itW * input.pue,
    pue: input.pue,
    warnings,
  };
}
