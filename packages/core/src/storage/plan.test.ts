import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cheapestFileServers,
  NODE_LOCAL_NVME_BYTES,
  OBJECT_STORE_THRESHOLD_BYTES,
  planStorage,
} from './plan.js';

const base = {
  nodes: 32,
  bytesPerToken: 4,
  params: 70e9,
  keepCheckpoints: 5,
  replication: 1.25,
  checkpointWriteS: 60,
  tokensPerS: 1e6,
};

describe('storage plan', () => {
  it('puts the data set where its size says: node NVMe, shared file system, object store', () => {
    const tier = (tokens: number) =>
      planStorage({ ...base, tokens }).tiers.find((t) => t.role === 'data set')?.tier;
    expect(tier(NODE_LOCAL_NVME_BYTES / 2 / 4)).toBe('node-local-nvme');
    expect(tier(NODE_LOCAL_NVME_BYTES / 4)).toBe('shared-fs');
    expect(tier((OBJECT_STORE_THRESHOLD_BYTES * 1.1) / 4)).toBe('object-store');
  });
  it('provisions enough servers to write a checkpoint in the time allowed, and never fewer for more data', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e9, max: 1e16, noNaN: true }),
        fc.double({ min: 1e9, max: 2e12, noNaN: true }),
        fc.double({ min: 1, max: 3600, noNaN: true }),
        (tokens, params, writeS) => {
          const p = planStorage({ ...base, tokens, params, checkpointWriteS: writeS });
          expect(p.checkpointBytes / p.provisionedWriteBytesPerS).toBeLessThanOrEqual(writeS * (1 + 1e-9));
          const more = planStorage({ ...base, tokens: tokens * 2, params, checkpointWriteS: writeS });
          expect(more.usableBytes).toBeGreaterThan(p.usableBytes);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('file servers', () => {
  it('a part is used only up to the count one file system can use, and the need is always met', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e17, noNaN: true }),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (bytes, writeBytesPerS, readBytesPerS) => {
          const { server, count } = cheapestFileServers({ bytes, writeBytesPerS, readBytesPerS });
          expect(count).toBeLessThanOrEqual(server.maxCount ?? Number.POSITIVE_INFINITY);
          expect(count * server.usableBytes).toBeGreaterThanOrEqual(bytes);
          expect(count * server.writeBytesPerS).toBeGreaterThanOrEqual(writeBytesPerS);
          expect(count * server.readBytesPerS).toBeGreaterThanOrEqual(readBytesPerS);
        },
      ),
      { numRuns: 500 },
    );
    const pick = (bytes: number, writeBytesPerS: number) =>
      cheapestFileServers({ bytes, writeBytesPerS, readBytesPerS: 0 }).server.id;
    expect(pick(1e12, 5e8)).toBe('small-nas');
    expect(pick(1e12, 5e9)).toBe('nvme-file-server');
    expect(cheapestFileServers({ bytes: 1e14, writeBytesPerS: 2e11, readBytesPerS: 0 }).server.id).toBe(
      'parallel-fs-appliance',
    );
  });
});
