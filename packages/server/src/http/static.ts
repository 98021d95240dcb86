import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { HttpError } from './errors.js';
import { errorReply, type Reply } from './reply.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  /** Hashed build assets never change under their name. */
  readonly immutable: boolean;
}

const inside = (root: string, file: string): boolean =>
  file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * A file of the built web app, or its index.html for the app's own routes (paths without an
 * extension). Never a file outside `root`: neither by `..` in the path nor through a symlink, since
 * the file read is the one its real path names.
 */
export async function staticFile(webDir: string, urlPath: string): Promise<StaticFile | undefined> {
  let root: string;
  try {
    root = await realpath(resolve(webDir));
  } catch {
    return undefined;
  }
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  } catch {
    return undefined;
  }
  const file = join(root, rel);
  if (!inside(root, file)) return undefined;
  const candidates = extname(rel) ? [file] : [join(file, 'index.html'), join(root, 'index.html')];
  for (const f of candidates) {
    try {
      const real = await realpath(f);
      if (!inside(root, real) || !(await stat(real)).isFile()) continue;
      return {
        body: await readFile(real),
        type: TYPES[extname(f)] ?? 'application/octet-stream',
        immutable: relative(root, f).startsWith(`assets${sep}`),
      };
    } catch {}
  }
  return undefined;
}

/** The answer for a path outside /api: a file of the web app, when the server has one to serve. */
export async function webAppReply(
  webDir: string | undefined,
  method: string | undefined,
  urlPath: string,
): Promise<Reply> {
  if ((method !== 'GET' && method !== 'HEAD') || !webDir) {
    return errorReply(new HttpError(404, 'not_found', 'the web app is not built here: run `npm run build`'));
  }
  const f = await staticFile(webDir, urlPath);
  if (!f) return errorReply(new HttpError(404, 'not_found', `no file ${urlPath}`));
  return {
    status: 200,
    headers: {
      'content-type': f.type,
      'cache-control': f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
    ...(method === 'HEAD' ? {} : { body: f.body }),
  };
}
