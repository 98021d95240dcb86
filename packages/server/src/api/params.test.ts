import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.js';
import { pagingParams, versionParam } from './params.js';

const paging = (query: string) => pagingParams(new URL(`http://localhost/api/scenarios?${query}`));

describe('numbers in paths and queries are plain decimal digits', () => {
  it.each(['1.0', '0x10', '1e2', ' 7', '+3', '07', '', '-1', '1_000', 'Infinity'])(
    'version %j is a 400',
    (v) => {
      expect(() => versionParam(v)).toThrow(HttpError);
    },
  );

  it('reads the plain spellings', () => {
    expect(versionParam('12')).toBe(12);
    expect(paging('limit=100&offset=0')).toEqual({ limit: 100, offset: 0 });
    expect(paging('')).toEqual({ limit: 100, offset: 0 });
  });

  it.each(['limit=1e2', 'limit=0x10', 'limit=10.0', 'offset=1e3', 'limit=501', 'limit=0'])(
    '%s is a 400 that says what is expected',
    (q) => {
      expect(() => paging(q)).toThrow(/expected a whole number from \d+ to [\d_]+ in decimal digits/);
    },
  );
});
