import { HttpError } from '../http/errors.js';

function wholeNumber(s: string | null, name: string, min: number, max: number, fallback: number): number {
  if (s === null) return fallback;
  const v = Number(s);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new HttpError(400, 'bad_request', `${name}: expected a whole number from ${min} to ${max}`);
  }
  return v;
}

/** `limit` and `offset` from the query, within bounds that keep one page cheap to answer. */
export function pagingParams(url: URL): { readonly limit: number; readonly offset: number } {
  return {
    limit: wholeNumber(url.searchParams.get('limit'), 'limit', 1, 500, 100),
    offset: wholeNumber(url.searchParams.get('offset'), 'offset', 0, 1_000_000_000, 0),
  };
}

/** A version number from the path; the route lets any text through so that a bad one is a 400. */
export function versionParam(s: string): number {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 1 || v > 1_000_000)
    throw new HttpError(400, 'bad_request', 'version: expected a whole number ≥ 1');
  return v;
}
