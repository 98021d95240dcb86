import type { Source } from '../catalog/types.js';

/** An all-flash parallel file system building block: capacity and write bandwidth per server. */
export const PARALLEL_FS_SERVER = {
  usableBytes: 500e12,
  writeBytesPerS: 30e9,
  readBytesPerS: 60e9,
  powerW: 2400,
} as const;
export const PARALLEL_FS_SOURCE: Source = {
  title: 'assumption: a 2U all-flash parallel file system appliance (DDN AI400X2 / VAST / WEKA class)',
  note: 'about 500 TB usable, 30 GB/s write and 60 GB/s read, 2.4 kW; order of magnitude from vendor briefs',
};

/** Bytes a checkpoint holds per parameter: 16-bit weights, fp32 master weights and two Adam moments. */
export const CHECKPOINT_BYTES_PER_PARAM = 2 + 12;

/** GPU-to-host copy rate for asynchronous checkpoints, per GPU: PCIe Gen5 x16 carries 64 GB/s one way;
 * half of it is taken as achieved for pinned-memory copies beside training. Assumption. */
export const HOST_COPY_BYTES_PER_S_PER_GPU = 32e9;
export const HOST_COPY_SOURCE: Source = {
  title: 'PCI-SIG PCIe 5.0 x16: 64 GB/s per direction; half taken as achieved (assumption)',
  note: 'asynchronous checkpointing stalls training only for the device-to-host copy',
};

/** Default time allowed to write one checkpoint, s: short enough to keep checkpointing a few percent. */
export const DEFAULT_CHECKPOINT_WRITE_S = 60;

export interface StoragePlan {
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
  readonly tier: 'parallel-fs';
  readonly servers: number;
  /** Write bandwidth the servers give, which sets the actual checkpoint time. */
  readonly provisionedWriteBytesPerS: number;
  readonly powerW: number;
}

export function planStorage(input: {
  readonly tokens: number;
  readonly bytesPerToken: number;
  readonly params: number;
  readonly keepCheckpoints: number;
  readonly replication: number;
  readonly checkpointWriteS: number | undefined;
  readonly tokensPerS: number;
}): StoragePlan {
  const datasetBytes = input.tokens * input.bytesPerToken;
  const checkpointBytes = input.params * CHECKPOINT_BYTES_PER_PARAM;
  const usableBytes = datasetBytes + checkpointBytes * input.keepCheckpoints;
  const rawBytes = usableBytes * input.replication;
  const checkpointWriteS = input.checkpointWriteS ?? DEFAULT_CHECKPOINT_WRITE_S;
  const checkpointWriteBytesPerS = checkpointBytes / checkpointWriteS;
  const dataReadBytesPerS = input.tokensPerS * input.bytesPerToken;
  const s = PARALLEL_FS_SERVER;
  const servers = Math.max(
    1,
    Math.ceil(usableBytes / s.usableBytes),
    Math.ceil(checkpointWriteBytesPerS / s.writeBytesPerS),
    Math.ceil(dataReadBytesPerS / s.readBytesPerS),
  );
  return {
    datasetBytes,
    checkpointBytes,
    keptCheckpoints: input.keepCheckpoints,
    usableBytes,
    rawBytes,
    checkpointWriteBytesPerS,
    checkpointWriteS,
    dataReadBytesPerS,
    tier: 'parallel-fs',
    servers,
    provisionedWriteBytesPerS: servers * s.writeBytesPerS,
    powerW: servers * s.powerW,
  };
}
