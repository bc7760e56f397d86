import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import path from 'node:path';

/*
 * Serves the current release's static files, as nginx does in production (deploy/nginx.conf):
 * /x/ → x/index.html, a folder without its slash is redirected, anything else is the 404 page.
 * The release folder is looked up per request, so a switch takes effect at once.
 *
 * Every path is hostile until proven otherwise: it is decoded once, refused (400) if the encoding
 * is invalid or it holds a control character, normalised, and only that normalised form is used
 * for the file lookup and, re-encoded segment by segment, for a redirect. A redirect therefore
 * always names a path on this site (one leading slash, no backslash), never another host.
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
  if (head) {
    res.end();
    return;
  }
  // A file can vanish between stat and read (an old release pruned): the answer is cut short,
  // the process lives.
  pipeline(createReadStream(file), res, (error) => {
    if (error) res.destroy();
  });
}

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...extra }).end(message);
}

/** Control characters (C0, DEL, C1) never belong in a path we serve or write into a header. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The request's path, decoded and normalised to one leading slash with no `.`/`..` segments and no
 * repeated slashes; `null` when it cannot be decoded or holds a control character.
 * An absolute-form target (`GET http://host/x`) counts by its path only; `//x` is the path `/x`.
 */
export function requestPath(url: string | undefined): { pathname: string; trailingSlash: boolean } | null {
  let raw: string;
  try {
    // An origin-form target is a path even when it starts with `//` (resolved against a base, it
    // would name a host: `//policies` would become the home page); an absolute-form target counts by its path.
    const target = url ?? '/';
    raw = new URL(target.startsWith('/') ? `http://portal${target}` : target).pathname;
  } catch {
    return null;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null; // invalid or overlong UTF-8 (%C0%AE, %FF)
  }
  if (CONTROL.test(decoded) || decoded.includes('\ufffd')) return null;
  const trailingSlash = decoded.endsWith('/');
  const pathname = path.posix.normalize(`/${decoded}`).replace(/\/{2,}/g, '/');
  return { pathname: pathname === '/' ? '/' : pathname.replace(/\/$/, ''), trailingSlash };
}

/** A same-site Location for `pathname` (normalised): every segment re-encoded, so it starts with exactly one `/`. */
export function localLocation(pathname: string, trailingSlash: boolean): string {
  const segments = pathname
    .split('/')
    .filter(Boolean)
    .map((s) => encodeURIComponent(s));
  const joined = `/${segments.join('/')}`;
  return trailingSlash && joined !== '/' ? `${joined}/` : joined;
}

export function serveStatic(clientDir: string | null, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    refuse(res, 405, `不支持的请求方法 ${String(req.method).slice(0, 20)}：门户只接受 GET 和 HEAD。`, { allow: 'GET, HEAD' });
    return;
  }
  if (!clientDir) {
    refuse(res, 503, '门户正在首次构建，请稍后刷新。', { 'retry-after': '5' });
    return;
  }
  const head = req.method === 'HEAD';
  const target = requestPath(req.url);
  if (!target) {
    refuse(res, 400, '请求地址无法解析：含无效的百分号编码或控制字符。请检查链接是否完整、未被改动。');
    return;
  }
  const { pathname } = target;
  const file = pathname === '/' ? clientDir : path.join(clientDir, pathname);
  if (file.startsWith(clientDir + path.sep) || file === clientDir) {
    const found = stat(file);
    // A file named with a trailing slash is not that file (as nginx answers).
    if (found?.isFile() && !target.trailingSlash) return send(res, file, 200, head);
    if (found?.isDirectory()) {
      if (!target.trailingSlash && pathname !== '/') {
        res.writeHead(301, { location: localLocation(pathname, true) }).end();
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

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * A request handler that no request can turn into a crash: a throw (sync or async) is logged and
 * answered with a 500 if nothing was sent yet, or the connection is cut if something was.
 */
export function guarded(name: string, handler: Handler): Handler {
  return async (req, res) => {
    req.on('error', () => res.destroy());
    res.on('error', () => res.destroy());
    try {
      await handler(req, res);
    } catch (error) {
      console.error(
        `✖ ${name}：处理请求 ${req.method} ${JSON.stringify(String(req.url).slice(0, 200))} 时出错：${(error as Error).message}`,
      );
      if (!res.headersSent) refuse(res, 500, '服务器内部错误，请稍后重试。');
      else res.destroy();
    }
  };
}

/** Malformed requests (bad request line, headers too large, garbage) answered as Node would, never a crash. */
export function hardened(server: Server): Server {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ['431 Request Header Fields Too Large', '请求地址或请求头过长（超过 16 KB）：请缩短链接或减少参数。']
        : error.code === 'HPE_URI_TOO_LONG'
          ? ['414 URI Too Long', '请求地址过长：请缩短链接或减少参数。']
          : ['400 Bad Request', '请求格式错误，无法解析。'];
    const body = Buffer.from(message);
    socket.end(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${message}`,
    );
  });
  // No proxy here: a CONNECT is answered, not left hanging.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return server;
}
