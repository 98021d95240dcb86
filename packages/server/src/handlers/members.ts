import { authorize } from '../api/access.js';
import { parseBody } from '../api/request-body.js';
import { tokenRoute } from '../api/route.js';
import { memberRequestSchema, USER_NAME } from '../api/schemas.js';
import type { GrantRefusal } from '../db/store.js';
import { HttpError } from '../http/errors.js';
import { ok } from '../http/reply.js';

/** Each refusal of a change of grants as the caller sees it. */
const REFUSALS: Record<GrantRefusal, () => HttpError> = {
  no_scenario: () => new HttpError(404, 'not_found', 'no such scenario'),
  no_user: () => new HttpError(404, 'not_found', 'no such user: create one with `aidc-server token create`'),
  not_member: () => new HttpError(404, 'not_found', 'the user holds no role on this scenario'),
  last_owner: () =>
    new HttpError(
      409,
      'last_owner',
      'the scenario would be left without an owner: make someone else owner first',
    ),
};

function userParam(raw: string): string {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = '';
  }
  if (!USER_NAME.test(name)) {
    throw new HttpError(400, 'bad_request', 'user: expected 1 to 80 letters, digits, spaces or . @ - _');
  }
  return name;
}

const answer = (refusal: GrantRefusal | undefined) => {
  if (refusal) throw REFUSALS[refusal]();
};

/** Grants on a scenario: only its owners (and admins) give and take them. */
export const memberRoutes = [
  tokenRoute('PUT', '/api/scenarios/{id}/members/{user}', async (app, request, caller) => {
    const { role } = await parseBody(app, request, memberRequestSchema);
    const user = userParam(request.params.user);
    const id = authorize(app.store, caller, request.params.id, 'grant').id;
    answer(app.store.setMember(id, user, role, caller));
    return ok({ members: app.store.members(id) });
  }),
  tokenRoute('DELETE', '/api/scenarios/{id}/members/{user}', (app, request, caller) => {
    const user = userParam(request.params.user);
    const id = authorize(app.store, caller, request.params.id, 'grant').id;
    answer(app.store.removeMember(id, user, caller));
    return { status: 204 };
  }),
];
