import { authorize, NO_SCENARIO } from '../api/access.js';
import { flagParam } from '../api/flags.js';
import { pagingParams, versionParam } from '../api/params.js';
import { planScenario } from '../api/planner.js';
import { parseBody } from '../api/request-body.js';
import { tokenRoute } from '../api/route.js';
import { loadVersion } from '../api/saved-version.js';
import { saveRequestSchema, versionRequestSchema } from '../api/schemas.js';
import { notFound, orNotFound } from '../http/errors.js';
import { created, ok } from '../http/reply.js';

/**
 * Saved scenarios and their versions, each saved with the plan the server made of it. Each route
 * checks the caller's role on the scenario first (api/access.ts); the store checks it again inside
 * the write, after planning.
 */
export const scenarioRoutes = [
  tokenRoute('GET', '/api/scenarios', (app, request, caller) => {
    const { limit, offset } = pagingParams(request.url);
    return ok({
      scenarios: flagParam(request.url, 'deleted')
        ? app.store.listDeleted(caller.user, limit, offset)
        : app.store.listScenarios(caller.user, limit, offset),
    });
  }),
  tokenRoute('POST', '/api/scenarios', async (app, request, caller) => {
    const { name, yaml } = await parseBody(app, request, saveRequestSchema);
    const plan = await planScenario(app, request.client, yaml, 'write');
    return created(app.store.createScenario(name, yaml, plan, caller));
  }),
  tokenRoute('GET', '/api/scenarios/{id}', (app, request, caller) => {
    const id = authorize(app.store, caller, request.params.id, 'read').id;
    return ok(orNotFound(app.store.getScenario(id, caller.user), NO_SCENARIO));
  }),
  tokenRoute('DELETE', '/api/scenarios/{id}', (app, request, caller) => {
    const id = authorize(app.store, caller, request.params.id, 'delete').id;
    if (!app.store.deleteScenario(id, caller)) throw notFound(NO_SCENARIO);
    return { status: 204 };
  }),
  tokenRoute('POST', '/api/scenarios/{id}/restore', (app, request, caller) => {
    const id = authorize(app.store, caller, request.params.id, 'restore').id;
    if (!app.store.restoreScenario(id, caller)) throw notFound(NO_SCENARIO);
    return ok(orNotFound(app.store.getScenario(id, caller.user), NO_SCENARIO));
  }),
  tokenRoute('POST', '/api/scenarios/{id}/versions', async (app, request, caller) => {
    const { name, yaml } = await parseBody(app, request, versionRequestSchema);
    // Planning is the costly part: a caller who may not edit is refused before it, and again after
    // in case the scenario was deleted or the grant revoked meanwhile.
    const id = authorize(app.store, caller, request.params.id, 'addVersion').id;
    const plan = await planScenario(app, request.client, yaml, 'write');
    return created(orNotFound(app.store.addVersion(id, name, yaml, plan, caller), NO_SCENARIO));
  }),
  tokenRoute('GET', '/api/scenarios/{id}/versions/{version}', (app, request, caller) => {
    const version = versionParam(request.params.version);
    return ok(loadVersion(app.store, caller, request.params.id, version));
  }),
];
