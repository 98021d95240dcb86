import type { FileServerSpec, Source } from './types.js';

/** Enterprise NVMe drives: the bytes, bandwidth and watts a file server is built from. */
const U2_NVME_NOTE =
  'ESTIMATE from drive datasheets: a 3.84 TB PCIe Gen4 U.2 TLC drive reads about 7 GB/s and writes ' +
  'about 2-4 GB/s at about 20 W active (Micron 7450, Samsung PM9A3 class).';

const NVME_FILE_SERVER_SOURCE: Source = {
  title: 'assumption: a 2U dual-socket server with 24 × 3.84 TB NVMe drives serving NFS over 2 × 100 GbE',
  note:
    `${U2_NVME_NOTE} 92 TB raw, about 70 TB usable after RAID-6-style parity and spares. The two 100 GbE ` +
    'ports (25 GB/s) bound what it serves: taken as 20 GB/s read and 10 GB/s write. About 1.1 kW loaded: ' +
    '24 drives × 20 W, two CPUs at about 250 W, fans and NICs.',
};

const SMALL_NAS_SOURCE: Source = {
  title: 'assumption: a 1U four-bay rack NAS with 4 × 7.68 TB SATA SSDs in RAID 5, one 10 GbE port',
  note:
    '30.7 TB raw, about 23 TB usable; one 10 GbE port (1.25 GB/s) bounds it to about 1 GB/s write and 1.1 GB/s ' +
    'read; about 120 W loaded (four SSDs at about 5 W, an embedded CPU, fans, PSU loss). Enough for a lab ' +
    "site's checkpoints; not a file system for many nodes.",
};

export const PARALLEL_FS_SOURCE: Source = {
  title: 'assumption: a 2U all-flash parallel file system appliance (DDN AI400X2 / VAST / WEKA class)',
  note: 'about 500 TB usable, 30 GB/s write and 60 GB/s read, 2.4 kW; order of magnitude from vendor briefs',
};

/**
 * File servers the planner builds the shared file system from, smallest first. A small site gets an
 * NFS server sized to it; a large one parallel file system appliances, whichever meets capacity and
 * bandwidth for less.
 */
export const FILE_SERVERS: readonly FileServerSpec[] = [
  {
    id: 'small-nas',
    name: '1U four-bay NAS (4 × 7.68 TB SSD, NFS over 10 GbE)',
    usableBytes: 23e12,
    writeBytesPerS: 1e9,
    readBytesPerS: 1.1e9,
    powerW: 120,
    rackUnits: 1,
    maxCount: 1,
    sources: [SMALL_NAS_SOURCE],
  },
  {
    id: 'nvme-file-server',
    name: '2U NVMe file server (24 × 3.84 TB, NFS)',
    usableBytes: 70e12,
    writeBytesPerS: 10e9,
    readBytesPerS: 20e9,
    powerW: 1100,
    rackUnits: 2,
    // NFS serves one namespace from one server; a file system spread over several is a parallel one.
    maxCount: 1,
    sources: [NVME_FILE_SERVER_SOURCE],
  },
  {
    id: 'parallel-fs-appliance',
    name: 'all-flash parallel file system appliance (2U, 500 TB)',
    usableBytes: 500e12,
    writeBytesPerS: 30e9,
    readBytesPerS: 60e9,
    powerW: 2400,
    rackUnits: 2,
    sources: [PARALLEL_FS_SOURCE],
  },
];
