import { covers, NEEDS, type ScenarioOperation } from '../db/roles.js';
import type { Caller, ScenarioAccess, Store } from '../db/store.js';
import { HttpError } from '../http/errors.js';

export const NO_SCENARIO = 'no such scenario';

/** Refuses and audits a read or write the caller may not make, with what was touched and why. */
export function deny(store: Store, caller: Caller, target: string, reason: string, error: HttpError): never {
  store.audit.deny({
    action: 'access.denied',
    actor: caller.name,
    client: caller.client,
    target,
    detail: reason,
  });
  throw error;
}

/**
 * The scenario when the caller may do `op` to it. A scenario the caller holds no role on is answered
 * 404, as if it did not exist, so that ids cannot be probed; one they may see but not change is 403. A
 * deleted scenario exists only for its owners, and only to be restored. `target` is what the audit
 * row names (the id, or `id@version`) and `missing` what a 404 says.
 */
export function authorize(
  store: Store,
  caller: Caller,
  id: string,
  op: ScenarioOperation,
  { target = id, missing = NO_SCENARIO }: { readonly target?: string; readonly missing?: string } = {},
): ScenarioAccess {
  const s = store.scenarioAccess(id, caller.user);
  const notFound = (reason: string) =>
    deny(store, caller, target, reason, new HttpError(404, 'not_found', missing));
  if (!s) return notFound(NO_SCENARIO);
  if (!s.role) return notFound(`not shared with ${caller.name}`);
  if (s.deletedAt !== null && !covers(s.role, NEEDS.restore)) return notFound('deleted');
  const needed = NEEDS[op];
  if (!covers(s.role, needed)) {
    return deny(
      store,
      caller,
      target,
      `needs ${needed}, holds ${s.role}`,
      new HttpError(403, 'forbidden', `this needs the ${needed} role on the scenario; you are its ${s.role}`),
    );
  }
  const wantsDeleted = op === 'restore';
  if (s.deletedAt !== null && !wantsDeleted) return notFound('deleted');
  if (s.deletedAt === null && wantsDeleted) {
    throw new HttpError(409, 'not_deleted', 'the scenario is not deleted');
  }
  return s;
}
