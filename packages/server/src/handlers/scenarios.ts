import { pagingParams, versionParam } from '../api/params.js';
import { planScenario } from '../api/planner.js';
import { parseBody } from '../api/request-body.js';
import { tokenRoute } from '../api/route.js';
import { loadVersion } from '../api/saved-version.js';
import { saveRequestSchema, versionRequestSchema } from '../api/schemas.js';
import { notFound, orNotFound } from '../http/errors.js';
import { created, ok } from '../http/reply.js';

const NO_SCENARIO = 'no such scenario';

/** Saved scenarios and their versions, each saved with the plan the server made of it. */
export const scenarioRoutes = [
  tokenRoute('GET', '/api/scenarios', (app, request) => {
    const { limit, offset } = pagingParams(request.url);
    return ok({ scenarios: app.store.listScenarios(limit, offset) });
  }),
  tokenRoute('POST', '/api/scenarios', async (app, request, actor) => {
    const { name, yaml } = await parseBody(app, request, saveRequestSchema);
    const plan = await planScenario(app, request.client, yaml, 'write');
    return created(app.store.createScenario(name, yaml, plan, actor));
  }),
  tokenRoute('GET', '/api/scenarios/{id}', (app, request) =>
    ok(orNotFound(app.store.getScenario(request.params.id), NO_SCENARIO)),
  ),
  tokenRoute('DELETE', '/api/scenarios/{id}', (app, request, actor) => {
    if (!app.store.deleteScenario(request.params.id, actor)) throw notFound(NO_SCENARIO);
    return { status: 204 };
  }),
  tokenRoute('POST', '/api/scenarios/{id}/versions', async (app, request, actor) => {
    const id = request.params.id;
    const { name, yaml } = await parseBody(app, request, versionRequestSchema);
    // Planning is the costly part: a missing scenario is refused before it, and again after in
    // case it was deleted meanwhile.
    orNotFound(app.store.getScenario(id), NO_SCENARIO);
    const plan = await planScenario(app, request.client, yaml, 'write');
    return created(orNotFound(app.store.addVersion(id, name, yaml, plan, actor), NO_SCENARIO));
  }),
  tokenRoute('GET', '/api/scenarios/{id}/versions/{version}', (app, request) =>
    ok(loadVersion(app.store, request.params.id, versionParam(request.params.version), 'no such version')),
  ),
];
