import { PRICES } from '../catalog/prices.js';
import { FILE_SERVERS } from '../catalog/storage.js';
import type { FileServerSpec, Source } from '../catalog/types.js';
import { CHECKPOINT_BYTES_PER_PARAM } from '../transformer/training-state.js';

/** GPU-to-host copy rate for asynchronous checkpoints, per GPU: PCIe Gen5 x16 carries 64 GB/s one way;
 * half of it is taken as achieved for pinned-memory copies beside training. Assumption. */
export const HOST_COPY_BYTES_PER_S_PER_GPU = 32e9;
export const HOST_COPY_SOURCE: Source = {
  title: 'PCI-SIG PCIe 5.0 x16: 64 GB/s per direction; half taken as achieved (assumption)',
  note: 'asynchronous checkpointing stalls training only for the device-to-host copy',
};

/** Default time allowed to write one checkpoint, s: short enough to keep checkpointing a few percent. */
export const DEFAULT_CHECKPOINT_WRITE_S = 60;

/** Local NVMe of a DGX-class node: 8 × 3.84 TB U.2 data drives (NVIDIA DGX H100 datasheet). */
export const NODE_LOCAL_NVME_BYTES = 8 * 3.84e12;
/** Past this size a data set lives in an object store, read through a cache. Assumption. */
export const OBJECT_STORE_THRESHOLD_BYTES = 2e15;
/** Object store built from 20 TB nearline drives. Assumption (current capacity HDDs). */
export const OBJECT_STORE_DRIVE_BYTES = 20e12;
export const TIER_SOURCES: readonly Source[] = [
  { title: 'NVIDIA DGX H100 datasheet', note: 'internal storage: 8 × 3.84 TB NVMe U.2' },
  {
    title: 'assumption: data sets above 2 PB in an object store on 20 TB drives, read through a cache',
    note: 'checkpoints always go to the parallel file system, which must survive the loss of a node',
  },
];

/** Where each kind of data lives. */
export interface StorageTier {
  readonly role: 'checkpoints' | 'model weights' | 'data set';
  readonly tier: 'shared-fs' | 'node-local-nvme' | 'object-store';
  readonly bytes: number;
  /** File servers, or drives (NVMe per node copy, object-store drives). */
  readonly units: number;
  readonly unit: 'server' | 'drive';
  readonly why: string;
}

export interface StoragePlan {
  readonly tiers: readonly StorageTier[];
  /** Usable bytes on the shared file system (checkpoints, and the data set when it lives there). */
  readonly sharedFsBytes: number;
  /** Bytes in an object store (the data set, with its replication), 0 when none. */
  readonly objectStoreBytes: number;
  readonly datasetBytes: number;
  readonly checkpointBytes: number;
  readonly keptCheckpoints: number;
  /** Usable capacity for data set and kept checkpoints. */
  readonly usableBytes: number;
  /** Raw capacity after replication or erasure coding. */
  readonly rawBytes: number;
  /** Bandwidth to write one checkpoint in the allowed time. */
  readonly checkpointWriteBytesPerS: number;
  readonly checkpointWriteS: number;
  /** Bandwidth the data loader reads at. */
  readonly dataReadBytesPerS: number;
  /** The part the shared file system is built from; its price and power both come from it. */
  readonly server: FileServerSpec;
  readonly servers: number;
  /** Write bandwidth the servers give, which sets the actual checkpoint time. */
  readonly provisionedWriteBytesPerS: number;
  readonly powerW: number;
}

export function planStorage(input: {
  /** What the durable tier holds: training checkpoints, or the served models' weights. */
  readonly durable?: 'checkpoints' | 'model weights';
  /** Bytes the durable tier keeps per parameter (default: a training checkpoint's 14). */
  readonly bytesPerParam?: number;
  readonly nodes: number;
  readonly tokens: number;
  readonly bytesPerToken: number;
  readonly params: number;
  readonly keepCheckpoints: number;
  readonly replication: number;
  readonly checkpointWriteS: number | undefined;
  readonly tokensPerS: number;
}): StoragePlan {
  const datasetBytes = input.tokens * input.bytesPerToken;
  const checkpointBytes = input.params * (input.bytesPerParam ?? CHECKPOINT_BYTES_PER_PARAM);
  const usableBytes = datasetBytes + checkpointBytes * input.keepCheckpoints;
  const rawBytes = usableBytes * input.replication;
  const checkpointWriteS = input.checkpointWriteS ?? DEFAULT_CHECKPOINT_WRITE_S;
  const checkpointWriteBytesPerS = checkpointBytes / checkpointWriteS;
  const dataReadBytesPerS = input.tokensPerS * input.bytesPerToken;
  // The data set: a copy on every node's NVMe when it fits there, an object store when it is huge,
  // else the parallel file system beside the checkpoints.
  const checkpointsBytes = checkpointBytes * input.keepCheckpoints;
  const dataTier: StorageTier['tier'] =
    datasetBytes <= NODE_LOCAL_NVME_BYTES / 2
      ? 'node-local-nvme'
      : datasetBytes > OBJECT_STORE_THRESHOLD_BYTES
        ? 'object-store'
        : 'shared-fs';
  const onFs = checkpointsBytes + (dataTier === 'shared-fs' ? datasetBytes : 0);
  const { server: s, count: servers } = cheapestFileServers({
    bytes: onFs,
    writeBytesPerS: checkpointWriteBytesPerS,
    readBytesPerS: dataTier === 'shared-fs' ? dataReadBytesPerS : 0,
  });
  const tiers = [
    {
      role: input.durable ?? 'checkpoints',
      tier: 'shared-fs',
      bytes: checkpointsBytes,
      units: servers,
      unit: 'server',
      why: 'shared and durable: a restart on other nodes must read it',
    },
    datasetBytes === 0
      ? null
      : dataTier === 'node-local-nvme'
        ? {
            role: 'data set',
            tier: dataTier,
            bytes: datasetBytes * input.nodes,
            units: input.nodes * Math.ceil(datasetBytes / (NODE_LOCAL_NVME_BYTES / 8)),
            unit: 'drive',
            why: "fits in half of each node's local NVMe: a copy per node, no network reads",
          }
        : dataTier === 'object-store'
          ? {
              role: 'data set',
              tier: dataTier,
              bytes: datasetBytes * input.replication,
              units: Math.ceil((datasetBytes * input.replication) / OBJECT_STORE_DRIVE_BYTES),
              unit: 'drive',
              why: 'larger than 2 PB: cheapest per byte, streamed through a cache',
            }
          : {
              role: 'data set',
              tier: dataTier,
              bytes: datasetBytes,
              units: 0,
              unit: 'server',
              why: 'too large for node-local copies: on the shared file system with the checkpoints',
            },
  ].filter((x): x is StorageTier => x !== null);
  return {
    datasetBytes,
    checkpointBytes,
    keptCheckpoints: input.keepCheckpoints,
    usableBytes,
    rawBytes,
    checkpointWriteBytesPerS,
    checkpointWriteS,
    dataReadBytesPerS,
    tiers,
    sharedFsBytes: onFs,
    objectStoreBytes: dataTier === 'object-store' ? datasetBytes * input.replication : 0,
    server: s,
    servers,
    provisionedWriteBytesPerS: servers * s.writeBytesPerS,
    powerW: servers * s.powerW,
  };
}

/** Servers of one part that hold the bytes and move them at the rates asked; at least one. */
export function fileServersNeeded(
  server: FileServerSpec,
  need: { readonly bytes: number; readonly writeBytesPerS: number; readonly readBytesPerS: number },
): number {
  return Math.max(
    1,
    Math.ceil(need.bytes / server.usableBytes),
    Math.ceil(need.writeBytesPerS / server.writeBytesPerS),
    Math.ceil(need.readBytesPerS / server.readBytesPerS),
  );
}

/**
 * The file-server part that meets the need for the least money at catalog prices (FILE_SERVERS in
 * catalog/storage.ts), within the count each part allows; a tie goes to the smaller part. Price overrides in a scenario change what
 * the servers cost, not which part is chosen.
 */
export function cheapestFileServers(need: Parameters<typeof fileServersNeeded>[1]): {
  readonly server: FileServerSpec;
  readonly count: number;
} {
  let best: { server: FileServerSpec; count: number; usd: number } | undefined;
  for (const server of FILE_SERVERS) {
    const count = fileServersNeeded(server, need);
    if (count > (server.maxCount ?? Number.POSITIVE_INFINITY)) continue;
    const usd = count * (PRICES.find((p) => p.item === server.id)?.usd ?? Number.POSITIVE_INFINITY);
    if (!best || usd < best.usd) best = { server, count, usd };
  }
  // The last part has no limit, so some part always meets the need.
  return best!;
}
