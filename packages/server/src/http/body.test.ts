import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonContentType, jsonDepth } from './body.js';
import { clientKey, RateLimiter } from './rate-limit.js';

function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v !== null && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

describe('jsonDepth', () => {
  it('counts nesting without parsing, strings with brackets and escapes included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        expect(jsonDepth(JSON.stringify(v))).toBe(depthOf(v));
      }),
      { numRuns: 500 },
    );
    expect(jsonDepth('{"a":"[[[{{\\"]]"}')).toBe(1);
    expect(jsonDepth('['.repeat(100_000))).toBe(100_000);
  });
});

describe('isJsonContentType', () => {
  it.each([
    'application/json',
    'Application/JSON',
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
  ])('takes %j', (t) => expect(isJsonContentType(t)).toBe(true));
  it.each([
    'application/json-evil',
    'application/jsonx',
    'application/json+x',
    'text/json',
    '',
    'application/json; charset=latin1',
    'application/json/x',
  ])('refuses %j', (t) => expect(isJsonContentType(t)).toBe(false));
});

describe('RateLimiter', () => {
  it('never lets a client pass more than burst + rate × elapsed time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 400 }),
        (rate, burst, gapsMs) => {
          let now = 0;
          const limiter = new RateLimiter(rate, burst, () => now);
          let passed = 0;
          for (const gap of gapsMs) {
            now += gap;
            if (limiter.take('c') === 0) passed++;
          }
          expect(passed).toBeLessThanOrEqual(burst + (rate * now) / 1000 + 1e-9);
        },
      ),
    );
  });

  it('tells a refused client how long to wait, and keeps clients apart', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 500;
    expect(limiter.take('a')).toBe(0);
    expect(new RateLimiter(0, 1).take('x')).toBe(0);
  });
});

describe('clientKey', () => {
  it('keys IPv6 clients by their /64 and keeps IPv4 whole', () => {
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe(clientKey('2001:db8:1:2:ffff::1'));
    expect(clientKey('2001:db8:1:2::5')).not.toBe(clientKey('2001:db8:1:3::5'));
    expect(clientKey('127.0.0.1')).toBe('127.0.0.1');
    expect(clientKey('::ffff:10.0.0.1')).toBe('::ffff:10.0.0.1');
  });
});
