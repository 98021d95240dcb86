import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.js';
import { Router } from './router.js';

const routes = [
  { method: 'GET', path: '/api/things' },
  { method: 'POST', path: '/api/things' },
  { method: 'GET', path: '/api/things/{id}/parts/{part}' },
  { method: 'GET', path: '/api/doc.json' },
];
const router = new Router(routes, { id: '[a-z]{3}', part: '[0-9]+' });

function refusal(method: string, path: string): { status: number; message: string } {
  try {
    router.match(method, path);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, message: e.message };
  }
  throw new Error(`${method} ${path} was routed`);
}

describe('the router', () => {
  it('finds the route with its parameters by name, and answers HEAD as GET', () => {
    const m = router.match('HEAD', '/api/things/abc/parts/42');
    expect(m.route).toBe(routes[2]);
    expect(m.params).toEqual({ id: 'abc', part: '42' });
  });

  it('takes the template literally outside its parameters', () => {
    expect(router.match('GET', '/api/doc.json').route).toBe(routes[3]);
    expect(refusal('GET', '/api/docxjson').status).toBe(404);
  });

  it('answers 404 for a path no route has, parameters that do not fit included', () => {
    expect(refusal('GET', '/api/things/abcd/parts/1')).toEqual({
      status: 404,
      message: 'no API at /api/things/abcd/parts/1',
    });
  });

  it('answers 405 naming the methods the path takes, in table order', () => {
    expect(refusal('PUT', '/api/things')).toEqual({
      status: 405,
      message: 'PUT is not allowed; use GET or POST',
    });
  });

  it('refuses a template whose parameter has no pattern', () => {
    expect(() => new Router([{ method: 'GET', path: '/api/{nope}' }], {})).toThrow(/\{nope\}/);
  });
});
