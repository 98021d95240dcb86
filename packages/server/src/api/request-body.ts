import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { readJson } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import type { ApiRequest } from './route.js';

/** The JSON body checked against `schema`; 400 names the first field that does not fit. */
export async function parseBody<S extends z.ZodType>(
  app: AppContext,
  request: ApiRequest,
  schema: S,
): Promise<z.output<S>> {
  const body = await readJson(request.req, app.bodyLimitBytes);
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, 'bad_request', `${where}${issue.message}`);
}
