import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { freePort } from '../net.ts';

/*
 * The on-demand part of a release (draft preview): the release's own Node server
 * (@astrojs/node standalone), started beside the static files and replaced when a new release is
 * switched in. The publisher's portal server proxies the on-demand paths to it, as nginx does in
 * production.
 */


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

export function stopRenderer(renderer: Renderer | undefined): void {
  if (renderer && renderer.child.exitCode === null) renderer.child.kill('SIGTERM');
}

/** Passes a request to the renderer; a 404 (or no renderer) goes to `notFound`, so it looks like any missing page. */
export function proxy(renderer: Renderer | undefined, req: IncomingMessage, res: ServerResponse, notFound: () => void): void {
  if (!renderer) return notFound();
  const upstream = request(
    { host: '127.0.0.1', port: renderer.port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${renderer.port}` } },
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
