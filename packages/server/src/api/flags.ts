import { HttpError } from '../http/errors.js';

/** A yes-or-no query parameter: absent or `false` is no, `true` is yes, anything else a 400. */
export function flagParam(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  if (v === null || v === 'false') return false;
  if (v === 'true') return true;
  throw new HttpError(400, 'bad_request', `${name}: expected true or false`);
}
