import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './portal.ts';

/*
 * The publisher as `npm start` runs it: its own process, serving the portal and a status
 * endpoint. Its releases live under var/ in the checkout (a build imports the workspace's
 * node_modules), in a folder of its own removed afterwards.
 */

const root = path.resolve(import.meta.dirname, '../..');

export type ReleaseSize = { pages: number; documents: number };

export type PublisherStatus = {
  state: 'building' | 'queued' | 'retrying' | 'held' | 'failed' | 'starting' | 'ok';
  /** In Chinese, for an operator. */
  message: string;
  retry: { attempts: number; nextRetryAt: string | null; lastError: string | null };
  cms: { reachable: boolean };
  held: { id: string; reason: string; size: ReleaseSize; live: ReleaseSize } | null;
  current: string | null;
  building: boolean;
  queued: boolean;
  signals: number;
  lastBuild: { id: string; ok: boolean; durationMs: number; error?: string; log: string } | null;
  lastSuccess: { id: string; ok: boolean; durationMs: number } | null;
  releases: string[];
};

export type RunningPublisher = {
  portalUrl: string;
  controlUrl: string;
  dir: string;
  status: () => Promise<PublisherStatus>;
  /** Waits until nothing is building or queued and the last build is not `before`; returns the status. */
  settled: (before?: string | null, timeoutMs?: number) => Promise<PublisherStatus>;
  signal: (payload?: unknown, secret?: string) => Promise<Response>;
  stop: () => Promise<void>;
};

export async function reservePorts(): Promise<{ portal: number; control: number }> {
  return { portal: await freePort(), control: await freePort() };
}

export async function startPublisher(options: {
  cmsUrl: string;
  secret: string;
  ports: { portal: number; control: number };
  /** More environment: PREVIEW_SECRET, PREVIEW_API_TOKEN, RENDERER_PORT (a free one by default). */
  env?: Record<string, string>;
  /** Where its releases go (PUBLISHER_DIR; removed on stop); a fresh folder under var/ by default. */
  dir?: string;
}): Promise<RunningPublisher> {
  mkdirSync(path.join(root, 'var'), { recursive: true });
  const dir = options.dir ?? mkdtempSync(path.join(root, 'var', 'test-publisher-'));
  // Never the default 4322: other suites (and `npm start`) may hold it.
  const rendererPort = options.env?.RENDERER_PORT ?? String(await freePort());
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/publisher/main.ts')], {
    env: {
      ...process.env,
      CMS_URL: options.cmsUrl,
      PUBLISHER_DIR: dir,
      PUBLISHER_SECRET: options.secret,
      PORTAL_PORT: String(options.ports.portal),
      PUBLISHER_PORT: String(options.ports.control),
      RENDERER_PORT: rendererPort,
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const controlUrl = `http://127.0.0.1:${options.ports.control}`;
  const status = async () => (await (await fetch(`${controlUrl}/status`)).json()) as PublisherStatus;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await status();
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('发布服务未能启动');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const settled = async (before: string | null = null, timeoutMs = 120_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = await status();
      if (!s.building && !s.queued && s.lastBuild && s.lastBuild.id !== before) return s;
      if (Date.now() > until) throw new Error(`等待发布超时：${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    portalUrl: `http://127.0.0.1:${options.ports.portal}`,
    controlUrl,
    dir,
    status,
    settled,
    signal: (payload, secret = options.secret) =>
      fetch(`${controlUrl}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: payload === undefined ? '' : JSON.stringify(payload),
      }),
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.on('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
