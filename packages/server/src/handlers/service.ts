import { publicRoute } from '../api/route.js';
import { ok } from '../http/reply.js';

/** What the service says about itself: that it is up, and the API it offers. */
export const serviceRoutes = [
  publicRoute('GET', '/api/health', (app) => ok({ ok: true, schema: app.store.schemaVersion })),
  publicRoute('GET', '/api/openapi.json', (app) => ok(app.openapi)),
];
