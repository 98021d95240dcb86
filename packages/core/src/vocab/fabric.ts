// Fabric: closed vocabularies the scenario schema and the models share.

/** How nodes are wired to the compute fabric's leaves: by rail (NIC k of every node to leaf k of its
 * scalable unit) or in order. */
export const FABRIC_TOPOLOGIES = ['rail-optimized-fat-tree', 'fat-tree'] as const;
export type FabricTopology = (typeof FABRIC_TOPOLOGIES)[number];
