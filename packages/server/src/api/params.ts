import { HttpError } from '../http/errors.js';

/**
 * Plain decimal digits only: `Number()` would also read '1.0', '0x10', '1e2' and ' 7', so one
 * resource would answer to many spellings of its number.
 */
const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

function parseWhole(s: string, name: string, min: number, max: number): number {
  const v = DECIMAL.test(s) ? Number(s) : Number.NaN;
  if (!(v >= min && v <= max)) {
    throw new HttpError(
      400,
      'bad_request',
      `${name}: expected a whole number from ${min} to ${max} in decimal digits`,
    );
  }
  return v;
}

/** A whole-number query parameter within bounds, or undefined when it is absent. */
export function queryWhole(url: URL, name: string, min: number, max: number): number | undefined {
  const s = url.searchParams.get(name);
  return s === null ? undefined : parseWhole(s, name, min, max);
}
/** `limit` and `offset` from the query, within bounds that keep one page cheap to answer. */
export function pagingParams(url: URL): { readonly limit: number; readonly offset: number } {
  return {
    limit: queryWhole(url, 'limit', 1, 500) ?? 100,
    offset: queryWhole(url, 'offset', 0, 1_000_000_000) ?? 0,
  };
}

/** A version number from the path; the route lets any text through so that a bad one is a 400. */
export function versionParam(s: string): number {
  return parseWhole(s, 'version', 1, 1_000_000);
}
