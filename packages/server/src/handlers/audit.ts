import { deny } from '../api/access.js';
import { tokenRoute } from '../api/route.js';
import { HttpError } from '../http/errors.js';
import { ok } from '../http/reply.js';

/** A page of the log is bounded however long the log grows; `before` pages back through all of it. */
const AUDIT_PAGE = { default: 200, max: 500 };

function wholeParam(url: URL, name: string, min: number, max: number): number | undefined {
  const s = url.searchParams.get(name);
  if (s === null) return undefined;
  if (!/^[0-9]{1,16}$/.test(s) || Number(s) < min || Number(s) > max) {
    throw new HttpError(400, 'bad_request', `${name}: expected a whole number from ${min} to ${max}`);
  }
  return Number(s);
}

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
    const limit = wholeParam(request.url, 'limit', 1, AUDIT_PAGE.max) ?? AUDIT_PAGE.default;
    const before = wholeParam(request.url, 'before', 1, Number.MAX_SAFE_INTEGER);
    return ok(app.store.audit.read(limit, before));
  }),
];
