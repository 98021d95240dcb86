import type { Caller, SavedVersion, Store } from '../db/store.js';
import { HttpError } from '../http/errors.js';
import { authorize, deny } from './access.js';

/**
 * One saved version (the latest when `version` is absent) that the caller may read; 404, audited,
 * when the scenario or the version is not there for them. `which` prefixes the message (compare's a or b).
 */
export function loadVersion(
  store: Store,
  caller: Caller,
  scenarioId: string,
  version: number | undefined,
  which = '',
): SavedVersion {
  const target = version === undefined ? scenarioId : `${scenarioId}@${version}`;
  const prefix = which ? `${which}: ` : '';
  authorize(store, caller, scenarioId, 'read', { target, missing: `${prefix}no saved scenario ${target}` });
  const v = store.getVersion(scenarioId, version);
  if (v) return v;
  return deny(
    store,
    caller,
    target,
    'no such version',
    new HttpError(404, 'not_found', `${prefix}no such version ${target}`),
  );
}
