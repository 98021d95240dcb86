import { authorize } from '../api/access.js';
import { parseBody } from '../api/request-body.js';
import { publicRoute, tokenRoute } from '../api/route.js';
import { shareRequestSchema } from '../api/schemas.js';
import { HttpError, orNotFound } from '../http/errors.js';
import { created, ok } from '../http/reply.js';

/** The actor recorded for a share link that does not open: links need no token. */
const ANONYMOUS = '(anonymous)';

/**
 * Read-only links to one saved version: made by editors, opened by anyone who has the link. A link
 * shows the version and the name it was saved under, nothing else; it stops while its scenario is
 * deleted and works again when it is restored.
 */
export const shareRoutes = [
  tokenRoute('POST', '/api/scenarios/{id}/shares', async (app, request, caller) => {
    const { version } = await parseBody(app, request, shareRequestSchema);
    const id = authorize(app.store, caller, request.params.id, 'share').id;
    const share = orNotFound(app.store.createShare(id, version, caller), 'no such version');
    return created({ share: share.id, version: share.version, url: `/share/${share.id}` });
  }),
  publicRoute('GET', '/api/shares/{share}', (app, request) => {
    const shared = app.store.getShare(request.params.share);
    if (shared) return ok(shared);
    app.store.audit.deny({
      action: 'share.denied',
      actor: ANONYMOUS,
      client: request.client,
      target: request.params.share,
      detail: 'no such link, or its scenario is deleted',
    });
    throw new HttpError(404, 'not_found', 'no such share link');
  }),
];
