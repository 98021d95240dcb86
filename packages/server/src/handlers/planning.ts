import { checkScenario, planScenario } from '../api/planner.js';
import { parseBody } from '../api/request-body.js';
import { publicRoute } from '../api/route.js';
import { planRequestSchema } from '../api/schemas.js';
import { ok } from '../http/reply.js';

/** Checking and planning a scenario sent in the request: open to anyone, nothing is saved. */
export const planningRoutes = [
  publicRoute('POST', '/api/validate', async (app, request) => {
    const { yaml } = await parseBody(app, request, planRequestSchema);
    await checkScenario(app, request.client, yaml);
    return ok({ ok: true });
  }),
  publicRoute('POST', '/api/plan', async (app, request) => {
    const { yaml } = await parseBody(app, request, planRequestSchema);
    const plan = await planScenario(app, request.client, yaml, 'read');
    return { status: 200, jsonText: `{"plan":${plan}}` };
  }),
];
