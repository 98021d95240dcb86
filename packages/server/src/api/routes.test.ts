import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';
import { API_ROUTES } from './routes.js';

type Operation = { readonly security?: unknown };
const doc = openApiDocument('test') as { paths: Record<string, Record<string, Operation>> };

/** "METHOD path", marked when the operation needs a token. */
const described = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([key]) => key !== 'parameters')
    .map(([method, op]) => `${method.toUpperCase()} ${path}${op.security ? ' (token)' : ''}`),
);

describe('the route table and the OpenAPI document', () => {
  it('name the same operations, with the same ones needing a token', () => {
    const routed = API_ROUTES.map((r) => `${r.method} ${r.path}${r.needsToken ? ' (token)' : ''}`);
    expect(new Set(routed).size).toBe(routed.length);
    expect([...routed].sort()).toEqual([...described].sort());
  });
});
