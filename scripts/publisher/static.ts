import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/*
 * Serves the current release's static files, as nginx does in production (deploy/nginx.conf):
 * /x/ → x/index.html, a folder without its slash is redirected, anything else is the 404 page.
 * The release folder is looked up per request, so a switch takes effect at once.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pf_meta': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

function stat(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, file: string, status: number, head: boolean): void {
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}_astro${path.sep}`);
  res.writeHead(status, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (head) res.end();
  else createReadStream(file).pipe(res);
}

export function serveStatic(clientDir: string | null, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (!clientDir) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' }).end('门户正在首次构建，请稍后刷新。');
    return;
  }
  const head = req.method === 'HEAD';
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://portal').pathname);
  } catch {
    pathname = '/';
  }
  const file = path.join(clientDir, path.normalize(pathname));
  if (file.startsWith(clientDir + path.sep) || file === clientDir) {
    const found = stat(file);
    if (found?.isFile()) return send(res, file, 200, head);
    if (found?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      const index = path.join(file, 'index.html');
      if (stat(index)?.isFile()) return send(res, index, 200, head);
    }
  }
  serveNotFound(clientDir, req, res);
}

/** The portal's own 404 page (for missing files, and for refused or unknown previews alike). */
export function serveNotFound(clientDir: string | null, req: IncomingMessage, res: ServerResponse): void {
  const notFound = clientDir && path.join(clientDir, '404.html');
  if (notFound && stat(notFound)) return send(res, notFound, 404, req.method === 'HEAD');
  res.writeHead(404).end();
}
