import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { freePort } from '../net.ts';

/*
 * The on-demand part of a release (draft preview): the release's own Node server
 * (@astrojs/node standalone), started beside the static files and replaced when a new release is
 * switched in. The publisher's portal server proxies the on-demand paths to it; for nginx in
 * production the publisher also listens on a fixed port (RENDERER_PORT, see `rendererFront`).
 */

/** Where nginx finds the on-demand routes (scripts/publisher/nginx.conf proxies /preview/ and /apply/ here). */
export const DEFAULT_RENDERER_PORT = 4322;

/** RENDERER_PORT from the environment, or the default; anything but a port number is refused with the reason. */
export function rendererPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RENDERER_PORT ?? String(DEFAULT_RENDERER_PORT);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) throw new Error(`RENDERER_PORT 应为 1–65535 之间的端口号，实际为“${raw}”`);
  return port;
}

export type Renderer = { release: string; port: number; child: ChildProcess };

/** Starts a release's server and resolves once it answers; rejects if it exits first. */
export async function startRenderer(release: string, releaseDir: string, env: NodeJS.ProcessEnv): Promise<Renderer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(releaseDir, 'server', 'entry.mjs')], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`按需渲染服务退出（退出码 ${child.exitCode}）`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return { release, port, child };
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('按需渲染服务 30 秒内未就绪');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Loads a new renderer's content in the background: the first page that reads the content
 * collections (the library's combined filter, the comparison, a preview) makes Astro load the
 * release's whole data store, ~10 s at 10k documents. Asked once right after the switch, so a
 * visitor seldom pays it, and without delaying the switch (a publish is live as soon as its
 * static pages are).
 */
export function warmUp(renderer: Renderer): void {
  fetch(`http://127.0.0.1:${renderer.port}/policies/filter/`, { signal: AbortSignal.timeout(120_000) })
    .then((answer) => answer.body?.cancel())
    .catch(() => undefined);
}

export function stopRenderer(renderer: Renderer | undefined): void {
  if (renderer && renderer.child.exitCode === null) renderer.child.kill('SIGTERM');
}

/** The paths the renderer answers: draft preview, the 依申请公开 form and status page, the report comparison and the library's combined filter. */
const ON_DEMAND_PREFIXES = ['/preview/', '/apply/', '/reports/compare/', '/policies/filter/'];

export function isOnDemand(url: string | undefined): boolean {
  return url !== undefined && ON_DEMAND_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/** Whether an address's percent-escapes are UTF-8 (what the renderer's adapter requires). */
function wellEncoded(url: string | undefined): boolean {
  try {
    decodeURI(url ?? '/');
    return true;
  } catch {
    return false;
  }
}

/**
 * Passes a request to the renderer; a 404 (or no renderer) goes to `notFound`, so it looks like any missing page.
 * The renderer learns the visitor's host (X-Forwarded-Host, for the form's Origin check) and address
 * (X-Real-IP, which the application limits count): from this connection, or, when `behindProxy`
 * (the RENDERER_PORT front, reached only by nginx on loopback), as nginx passed them.
 */
export function proxy(
  renderer: Renderer | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  notFound: () => void,
  behindProxy = false,
): void {
  if (!renderer) return notFound();
  if (!wellEncoded(req.url)) {
    // The renderer's adapter refuses these with a bare English "Bad request."; say it in Chinese.
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('地址中含有无法识别的字符（百分号编码不是有效的 UTF-8）：请从页面上的链接或表单重新打开。\r\n');
    return;
  }
  const forwarded = (name: string) => (behindProxy ? req.headers[name] : undefined);
  const headers = {
    ...req.headers,
    host: `127.0.0.1:${renderer.port}`,
    'x-forwarded-host': forwarded('x-forwarded-host') ?? req.headers.host ?? '',
    'x-real-ip': forwarded('x-real-ip') ?? req.socket.remoteAddress ?? '',
  };
  const upstream = request(
    { host: '127.0.0.1', port: renderer.port, method: req.method, path: req.url, headers },
    (response: IncomingMessage) => {
      if (response.statusCode === 404) {
        response.resume();
        return notFound();
      }
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
    },
  );
  upstream.on('error', () => notFound());
  req.pipe(upstream);
}

/**
 * The fixed address of the on-demand routes: each release's server gets a free port of its own
 * (the next one starts before the last one stops), and this server, listening on RENDERER_PORT
 * for the life of the publisher, passes every request to whichever is current. A missing or
 * refusing renderer answers a bare 404, which nginx replaces by the portal's 404 page.
 */
export function rendererFront(
  current: () => Renderer | undefined,
  /** Answers what the publisher itself serves on this port too (the search API); true when it did. */
  own: (req: IncomingMessage, res: ServerResponse) => boolean = () => false,
): Server {
  return createServer((req, res) => {
    const notFound = () => {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('未找到');
    };
    try {
      if (own(req, res)) return;
      if (!isOnDemand(req.url)) return notFound();
      proxy(current(), req, res, notFound, true);
    } catch {
      res.destroy();
    }
  });
}
