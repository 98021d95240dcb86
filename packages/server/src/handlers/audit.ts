import { tokenRoute } from '../api/route.js';
import { ok } from '../http/reply.js';

/** The log answers with the latest writes only: one bounded answer however long the log grows. */
const AUDIT_ENTRIES = 200;

export const auditRoutes = [
  tokenRoute('GET', '/api/audit', (app) => ok({ entries: app.store.auditLog(AUDIT_ENTRIES) })),
];
