import { auditRoutes } from '../handlers/audit.js';
import { compareRoutes } from '../handlers/compare.js';
import { memberRoutes } from '../handlers/members.js';
import { planningRoutes } from '../handlers/planning.js';
import { scenarioRoutes } from '../handlers/scenarios.js';
import { serviceRoutes } from '../handlers/service.js';
import { shareRoutes } from '../handlers/shares.js';
import type { PathParamPatterns } from '../http/router.js';
import type { ApiRoute } from './route.js';
import { SCENARIO_ID_PATTERN } from './schemas.js';

/**
 * Every API route: the server routes by this list, and a test holds it equal to the OpenAPI
 * document's paths. Where one path has several methods, their order here is the order a 405 names them.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  ...serviceRoutes,
  ...planningRoutes,
  ...scenarioRoutes,
  ...memberRoutes,
  ...shareRoutes,
  ...compareRoutes,
  ...auditRoutes,
];

/**
 * What each path parameter may look like; a path whose parameter does not fit is no API (404). A
 * version is let through as any text so that a bad one is answered 400, saying what it should be.
 */
export const PATH_PARAMS: PathParamPatterns = {
  id: SCENARIO_ID_PATTERN,
  version: '[^/]+',
  share: '[A-Za-z0-9_-]{1,64}',
  // Percent-encoded as it arrives; the handler decodes it and checks it against USER_NAME_PATTERN.
  user: '[A-Za-z0-9_.@%-]{1,240}',
};
