import { HttpError } from './errors.js';

/** A route as the router sees it: a method and a path template in OpenAPI's `{name}` syntax. */
export interface RouteKey {
  readonly method: string;
  readonly path: string;
}

export interface RouteMatch<R> {
  readonly route: R;
  readonly params: Readonly<Record<string, string>>;
}

/** What each path parameter may look like, as regular-expression source without anchors. */
export type PathParamPatterns = Readonly<Record<string, string>>;

/**
 * Finds the route for a request in a table of routes. A path no route has is a 404; a path some
 * route has, asked with another method, is a 405 naming the methods it takes. HEAD is answered as GET.
 */
export class Router<R extends RouteKey> {
  private readonly compiled: readonly { readonly route: R; readonly pattern: RegExp }[];

  constructor(routes: readonly R[], paramPatterns: PathParamPatterns) {
    this.compiled = routes.map((route) => ({ route, pattern: pathPattern(route.path, paramPatterns) }));
  }

  match(method: string | undefined, pathname: string): RouteMatch<R> {
    const samePath = this.compiled.filter((c) => c.pattern.test(pathname));
    if (samePath.length === 0) throw new HttpError(404, 'not_found', `no API at ${pathname}`);
    const asked = method === 'HEAD' ? 'GET' : method;
    const found = samePath.find((c) => c.route.method === asked);
    if (!found) {
      throw new HttpError(
        405,
        'method_not_allowed',
        `${method} is not allowed; use ${samePath.map((c) => c.route.method).join(' or ')}`,
      );
    }
    return { route: found.route, params: { ...found.pattern.exec(pathname)!.groups } };
  }
}

/** The template as an anchored expression with a named group per parameter. */
function pathPattern(template: string, paramPatterns: PathParamPatterns): RegExp {
  const source = template
    .split(/\{([^}]*)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = paramPatterns[part];
      // A parameter without a pattern would match anything: a mistake in the table, found at start-up.
      if (pattern === undefined) throw new Error(`${template}: no pattern for the parameter {${part}}`);
      return `(?<${part}>${pattern})`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}
