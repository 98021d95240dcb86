import type { FabricTopology } from '../vocab/fabric.js';
/**
 * Sizing of a scale-out fabric: how many leaf, spine and core switches and how many links between
 * them a cluster needs, for a switch radix, a link speed and an oversubscription ratio. Folded-Clos
 * ("fat tree") in one, two or three tiers, rail-optimized (each scalable unit has one leaf per NIC
 * rail, and every node's NIC k goes to leaf k) or plain (nodes fill leaves in order).
 * Reproduces the compute-fabric tables of NVIDIA's DGX SuperPOD reference architectures.
 */

export interface FabricInput {
  readonly gpus: number;
  readonly gpusPerNode: number;
  /** Nodes in one scalable unit (rail-optimized: the nodes one set of rail leaves serves). */
  readonly nodesPerScalableUnit: number;
  /** Scale-out NIC ports per node. */
  readonly railsPerNode: number;
  readonly linkGbps: number;
  /** Ports per switch at `linkGbps`. */
  readonly switchPorts: number;
  /** Leaf down-links per up-link (1 = non-blocking). */
  readonly oversubscription: number;
  readonly topology: FabricTopology;
  /**
   * Whether the fabric also reaches devices outside the nodes (the storage network reaches the
   * file servers). One node needs no switch either way: a fabric that joins only nodes has nothing
   * to join (the GPUs reach each other over scale-up), and one that reaches a file server is a cable
   * from each of the node's ports straight to it.
   */
  readonly reachesOtherDevices: boolean;
}

export interface FabricSizing {
  readonly nodes: number;
  /** NIC ports on the fabric. */
  readonly endpoints: number;
  readonly scalableUnits: number;
  /** 0: no fabric (one node); 1: one switch; 2 and 3: folded Clos. */
  readonly tiers: 0 | 1 | 2 | 3;
  readonly leafSwitches: number;
  readonly spineSwitches: number;
  readonly coreSwitches: number;
  readonly nodeToLeafCables: number;
  readonly leafToSpineCables: number;
  readonly spineToCoreCables: number;
  /** Ports of one leaf facing nodes and facing spines. */
  readonly leafDownPorts: number;
  readonly leafUpPorts: number;
  /** Bandwidth across the narrowest cut that halves the endpoints, one direction, bytes/s. */
  readonly bisectionBytesPerS: number;
}

export type FabricResult =
  | { readonly ok: true; readonly fabric: FabricSizing }
  | { readonly ok: false; readonly field: keyof FabricInput; readonly message: string };

/** A three-tier folded Clos of radix k reaches k³/4 endpoints; beyond that it would need a fourth tier. */
export function maxEndpoints(switchPorts: number): number {
  return switchPorts ** 3 / 4;
}

/** Up-links a leaf needs for `down` used down-links at the ratio, within the ports it has. */
function uplinks(down: number, oversubscription: number, upPorts: number): number {
  return Math.min(upPorts, Math.ceil(down / oversubscription));
}

export function sizeFabric(f: FabricInput): FabricResult {
  const k = f.switchPorts;
  if (!(Number.isInteger(k) && k >= 4 && k % 2 === 0)) {
    return { ok: false, field: 'switchPorts', message: 'expected an even number of ports, at least 4' };
  }
  if (!(f.oversubscription >= 1)) {
    return {
      ok: false,
      field: 'oversubscription',
      message: 'expected a ratio of at least 1 (1 = non-blocking)',
    };
  }
  const nodes = Math.ceil(f.gpus / f.gpusPerNode);
  const endpoints = nodes * f.railsPerNode;
  const leafUpPorts = Math.floor(k / (1 + f.oversubscription));
  const leafDownPorts = k - leafUpPorts;
  if (endpoints > maxEndpoints(k)) {
    return {
      ok: false,
      field: 'gpus',
      message: `${endpoints} NIC ports exceed what three tiers of ${k}-port switches connect (${maxEndpoints(k)})`,
    };
  }
  const base = {
    nodes,
    endpoints,
    scalableUnits: Math.ceil(nodes / f.nodesPerScalableUnit),
    bisectionBytesPerS: (endpoints * f.linkGbps * 1e9) / 8 / 2 / f.oversubscription,
  };
  const flat = { spineSwitches: 0, coreSwitches: 0, leafToSpineCables: 0, spineToCoreCables: 0 } as const;
  if (nodes <= 1) {
    return {
      ok: true,
      fabric: {
        ...base,
        ...flat,
        tiers: 0,
        leafSwitches: 0,
        nodeToLeafCables: f.reachesOtherDevices ? endpoints : 0,
        leafDownPorts: 0,
        leafUpPorts: 0,
        bisectionBytesPerS: 0,
      },
    };
  }
  if (endpoints <= k) {
    // Every port fits on one switch: its ports all face the nodes, rails share it, and every pair
    // of ports is one hop apart, so it is non-blocking whatever the ratio asked of a larger fabric.
    return {
      ok: true,
      fabric: {
        ...base,
        ...flat,
        tiers: 1,
        leafSwitches: 1,
        nodeToLeafCables: endpoints,
        leafDownPorts: k,
        leafUpPorts: 0,
        bisectionBytesPerS: (endpoints * f.linkGbps * 1e9) / 8 / 2,
      },
    };
  }
  let scalableUnits: number;
  let leaves: number;
  let leafToSpine: number;
  if (f.topology === 'rail-optimized-fat-tree') {
    if (f.nodesPerScalableUnit > leafDownPorts) {
      return {
        ok: false,
        field: 'nodesPerScalableUnit',
        message: `a rail leaf has ${leafDownPorts} node-facing ports; a scalable unit of ${f.nodesPerScalableUnit} nodes does not fit`,
      };
    }
    scalableUnits = Math.ceil(nodes / f.nodesPerScalableUnit);
    leaves = f.railsPerNode * scalableUnits;
    // Each rail leaf of a full unit serves nodesPerScalableUnit nodes; the last unit may be partial.
    const fullUnits = Math.floor(nodes / f.nodesPerScalableUnit);
    const lastUnitNodes = nodes - fullUnits * f.nodesPerScalableUnit;
    const upPerFullLeaf = uplinks(f.nodesPerScalableUnit, f.oversubscription, leafUpPorts);
    const upPerLastLeaf = uplinks(lastUnitNodes, f.oversubscription, leafUpPorts);
    leafToSpine = f.railsPerNode * (fullUnits * upPerFullLeaf + (lastUnitNodes > 0 ? upPerLastLeaf : 0));
  } else {
    scalableUnits = Math.ceil(nodes / f.nodesPerScalableUnit);
    leaves = Math.ceil(endpoints / leafDownPorts);
    const fullLeaves = Math.floor(endpoints / leafDownPorts);
    const rest = endpoints - fullLeaves * leafDownPorts;
    leafToSpine =
      fullLeaves * uplinks(leafDownPorts, f.oversubscription, leafUpPorts) +
      uplinks(rest, f.oversubscription, leafUpPorts);
  }
  const clos = { ...base, scalableUnits, leafDownPorts, leafUpPorts, nodeToLeafCables: endpoints };
  if (leaves <= k) {
    // Two tiers: every spine port goes down to a leaf.
    return {
      ok: true,
      fabric: {
        ...clos,
        tiers: 2,
        leafSwitches: leaves,
        spineSwitches: Math.ceil(leafToSpine / k),
        coreSwitches: 0,
        leafToSpineCables: leafToSpine,
        spineToCoreCables: 0,
      },
    };
  }
  // Three tiers: spines split their ports half down to leaves, half up to the core.
  const spines = Math.ceil(leafToSpine / (k / 2));
  const spineToCore = spines * (k / 2);
  return {
    ok: true,
    fabric: {
      ...clos,
      tiers: 3,
      leafSwitches: leaves,
      spineSwitches: spines,
      coreSwitches: Math.ceil(spineToCore / k),
      leafToSpineCables: leafToSpine,
      spineToCoreCables: spineToCore,
    },
  };
}

/** The fabric's shape in words, for every place that shows it (report, page). */
export function describeFabric(f: FabricSizing, portWord = 'NIC ports'): string {
  const ports = `${f.endpoints.toLocaleString('en-US')} ${portWord}`;
  switch (f.tiers) {
    case 0:
      return f.nodeToLeafCables > 0
        ? `no switch: one node, ${ports} cabled straight to the file server`
        : 'none: one node, its GPUs joined by scale-up';
    case 1:
      return `one switch, ${ports}`;
    default:
      return `${f.tiers}-tier Clos, ${ports}`;
  }
}
