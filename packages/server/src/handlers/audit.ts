import { deny } from '../api/access.js';
import { queryWhole } from '../api/params.js';
import { tokenRoute } from '../api/route.js';
import { HttpError } from '../http/errors.js';
import { ok } from '../http/reply.js';

/** A page of the log is bounded however long the log grows; `before` pages back through all of it. */
const AUDIT_PAGE = { default: 200, max: 500 };

/** The audit log, for admins only: it holds every user's actions and addresses. */
export const auditRoutes = [
  tokenRoute('GET', '/api/audit', (app, request, caller) => {
    if (caller.user.role !== 'admin') {
      deny(
        app.store,
        caller,
        'audit',
        'needs admin',
        new HttpError(403, 'forbidden', 'the audit log is for admins'),
      );
    }
    const limit = queryWhole(request.url, 'limit', 1, AUDIT_PAGE.max) ?? AUDIT_PAGE.default;
    const before = queryWhole(request.url, 'before', 1, Number.MAX_SAFE_INTEGER);
    return ok(app.store.audit.read(limit, before));
  }),
];
