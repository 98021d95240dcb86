import { comparePlans, type DatacenterPlan } from '@aidc/core';
import { tokenRoute } from '../api/route.js';
import { loadVersion } from '../api/saved-version.js';
import { REF_PATTERN } from '../api/schemas.js';
import type { Caller, SavedVersion, Store } from '../db/store.js';
import { HttpError } from '../http/errors.js';
import { ok } from '../http/reply.js';

/** The version a query parameter `id` or `id@version` names, when the caller may read it. */
function loadRef(store: Store, caller: Caller, ref: string | null, which: string): SavedVersion {
  const m = REF_PATTERN.exec(ref ?? '');
  if (!m) throw new HttpError(400, 'bad_request', `${which}: expected a saved scenario id, or id@version`);
  return loadVersion(store, caller, m[1]!, m[2] ? Number(m[2]) : undefined, which);
}

const side = (v: SavedVersion) => ({ scenarioId: v.scenarioId, name: v.name, version: v.version });

/** Two saved plans side by side. */
export const compareRoutes = [
  tokenRoute('GET', '/api/compare', (app, request, caller) => {
    const a = loadRef(app.store, caller, request.url.searchParams.get('a'), 'a');
    const b = loadRef(app.store, caller, request.url.searchParams.get('b'), 'b');
    return ok({
      a: side(a),
      b: side(b),
      rows: comparePlans(a.plan as DatacenterPlan, b.plan as DatacenterPlan),
    });
  }),
];
