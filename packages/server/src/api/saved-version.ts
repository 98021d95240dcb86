import type { SavedVersion, Store } from '../db/store.js';
import { orNotFound } from '../http/errors.js';

/** One saved version (the latest when `version` is absent), or 404 with `missing` as the message. */
export function loadVersion(
  store: Store,
  scenarioId: string,
  version: number | undefined,
  missing: string,
): SavedVersion {
  return orNotFound(store.getVersion(scenarioId, version), missing);
}
