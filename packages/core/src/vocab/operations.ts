// Operations: closed vocabularies of the shared-cluster simulator that the scenario schema names.

/** Placement policies: how a task picks a node (operations/placement.ts says what each scores). */
export const PLACEMENT_POLICIES = [
  'random',
  'dot-product',
  'clustering',
  'packing',
  'best-fit',
  'fgd',
] as const;
export type PlacementPolicy = (typeof PLACEMENT_POLICIES)[number];

/** Queue policies: who starts next (operations/shared-cluster.ts says what each does). */
export const QUEUE_POLICIES = ['fifo', 'sjf', 'sjf-estimate', 'first-fit', 'backfill', 'las'] as const;
export type QueuePolicy = (typeof QUEUE_POLICIES)[number];

/** A queue and a placement policy together, written `queue/placement`. */
export type PolicyPair = `${QueuePolicy}/${PlacementPolicy}`;
export const POLICY_PAIRS = QUEUE_POLICIES.flatMap((q) =>
  PLACEMENT_POLICIES.map((p) => `${q}/${p}` as PolicyPair),
);

/** Clusters whose published job statistics a synthetic workload can match (operations/workload-generator.ts). */
export const CLUSTER_IDS = ['Seren', 'Kalos', 'Philly', 'Helios', 'Alibaba-2023'] as const;
export type ClusterId = (typeof CLUSTER_IDS)[number];
