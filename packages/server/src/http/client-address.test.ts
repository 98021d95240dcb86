import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

describe('clientAddress', () => {
  it('is the peer unless proxies are trusted', () => {
    expect(clientAddress('10.0.0.9', '1.2.3.4', 0)).toBe('10.0.0.9');
    expect(clientAddress('10.0.0.9', undefined, 1)).toBe('10.0.0.9');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('takes the entry the trusted proxies appended, from the right', () => {
    expect(clientAddress('10.0.0.9', '203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.9', '198.51.100.1, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.9', ['198.51.100.1', '203.0.113.7'], 1)).toBe('203.0.113.7');
    // A chain shorter than the proxies trusted: the request did not come through them all.
    expect(clientAddress('10.0.0.9', '203.0.113.7', 2)).toBe('10.0.0.9');
  });

  it('cannot be chosen by the client: whatever it puts in front, the answer stays', () => {
    const address = fc.ipV4();
    fc.assert(
      fc.property(
        fc.array(address, { maxLength: 5 }),
        fc.array(address, { minLength: 1, maxLength: 4 }),
        (forged, appended) => {
          const trusted = appended.length;
          const honest = clientAddress('10.0.0.1', appended.join(', '), trusted);
          expect(clientAddress('10.0.0.1', [...forged, ...appended].join(', '), trusted)).toBe(honest);
          expect(honest).toBe(appended[0]);
        },
      ),
    );
  });
});
