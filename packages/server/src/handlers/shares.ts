import { parseBody } from '../api/request-body.js';
import { publicRoute, tokenRoute } from '../api/route.js';
import { shareRequestSchema } from '../api/schemas.js';
import { orNotFound } from '../http/errors.js';
import { created, ok } from '../http/reply.js';

/** Read-only links to one saved version: made by token holders, opened by anyone who has the link. */
export const shareRoutes = [
  tokenRoute('POST', '/api/scenarios/{id}/shares', async (app, request, actor) => {
    const { version } = await parseBody(app, request, shareRequestSchema);
    const share = orNotFound(app.store.createShare(request.params.id, version, actor), 'no such version');
    return created({ share: share.id, version: share.version, url: `/share/${share.id}` });
  }),
  publicRoute('GET', '/api/shares/{share}', (app, request) => {
    const { author: _private, ...shown } = orNotFound(
      app.store.getShare(request.params.share),
      'no such share link',
    );
    return ok(shown);
  }),
];
