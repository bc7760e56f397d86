import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { buildPortal } from './build.ts';
import { BuildQueue, type BuildOutcome } from './queue.ts';
import { Releases } from './releases.ts';
import { proxy, rendererFront, startRenderer, stopRenderer, type Renderer } from './renderer.ts';
import { serveStatic, serveNotFound } from './static.ts';

/*
 * The publisher: receives the CMS's webhooks as signals, coalesces them into builds, builds each
 * portal release into its own folder, switches the served release atomically, and keeps serving
 * the last good one when a build fails. A status endpoint reports what it is doing.
 */

export type PublisherOptions = {
  /** Releases, logs and the build cache live here. */
  dir: string;
  cmsUrl: string;
  portal: { host: string; port: number };
  control: { host: string; port: number };
  /** Shared with the CMS webhook (Authorization: Bearer …); required when set. */
  secret?: string;
  /** Given to each release's on-demand server: PREVIEW_SECRET, PREVIEW_API_TOKEN. */
  rendererEnv?: NodeJS.ProcessEnv;
  /** The fixed port nginx proxies the on-demand routes to (RENDERER_PORT); none when unset. */
  rendererPort?: number;
  keepReleases?: number;
};

export type BuildRecord = {
  id: string;
  ok: boolean;
  startedAt: string;
  durationMs: number;
  error?: string;
  log: string;
};

/** Content types whose changes the public can see. */
const PUBLIC_MODELS = new Set(['agency', 'annual-report', 'disclosure-guide', 'policy-item', 'policy-interpretation', 'guide-revision']);

/** Whether a webhook payload can change the public portal; an empty or unknown payload is a plain signal. */
export function affectsPortal(payload: unknown): boolean {
  if (!payload || typeof payload !== 'object') return true;
  const { model, event, entry } = payload as { model?: unknown; event?: unknown; entry?: Record<string, unknown> | null };
  if (typeof model === 'string' && !PUBLIC_MODELS.has(model)) return false;
  // Saving a draft changes nothing the public sees; publishing, unpublishing and deleting do.
  if ((event === 'entry.create' || event === 'entry.update') && entry && 'publishedAt' in entry && entry.publishedAt === null) return false;
  return true;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new Error('请求体过大');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class Publisher {
  readonly releases: Releases;
  readonly queue: BuildQueue;
  lastBuild: BuildRecord | null = null;
  lastSuccess: BuildRecord | null = null;
  signals = 0;
  private servers: Server[] = [];
  private renderer: Renderer | undefined;
  private readonly options: PublisherOptions;

  constructor(options: PublisherOptions) {
    this.options = options;
    this.releases = new Releases(path.join(options.dir), options.keepReleases ?? 3);
    this.queue = new BuildQueue(() => this.build());
  }

  get portalUrl(): string {
    return `http://${this.options.portal.host}:${this.options.portal.port}`;
  }

  private async build(): Promise<BuildOutcome> {
    const { id, dir } = this.releases.create();
    const started = Date.now();
    const log = path.join(this.options.dir, 'logs', `${id}.log`);
    const outcome = await buildPortal({
      outDir: dir,
      cacheDir: path.join(this.options.dir, 'cache'),
      logFile: log,
      cmsUrl: this.options.cmsUrl,
      portalUrl: this.portalUrl,
    });
    const record: BuildRecord = {
      id,
      ok: outcome.ok,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      log,
      ...(outcome.ok ? {} : { error: outcome.error }),
    };
    if (outcome.ok) {
      // The new release's on-demand server must answer before the switch; if it can't, the release
      // is not switched in (its static files would promise a preview that cannot work).
      try {
        const renderer = await startRenderer(id, dir, { CMS_URL: this.options.cmsUrl, ...this.options.rendererEnv });
        const previous = this.renderer;
        this.releases.activate(id);
        this.renderer = renderer;
        stopRenderer(previous);
        this.lastSuccess = record;
      } catch (error) {
        Object.assign(record, { ok: false, error: `新版本的按需渲染服务无法启动：${(error as Error).message}` });
      }
    }
    this.lastBuild = record;
    this.releases.prune();
    console.log(record.ok ? `› 已发布新版本 ${id}（${record.durationMs} ms）` : `✖ 构建失败，继续提供 ${this.releases.current() ?? '（无）'}：${record.error}`);
    return record.ok ? { ok: true } : { ok: false, error: record.error ?? '' };
  }

  status() {
    return {
      current: this.releases.current(),
      building: this.queue.building,
      queued: this.queue.queued,
      signals: this.signals,
      lastBuild: this.lastBuild,
      lastSuccess: this.lastSuccess,
      releases: this.releases.list(),
    };
  }

  /** Starts both servers and the first build. */
  async start(): Promise<void> {
    const portal = createServer((req, res) => {
      const clientDir = this.releases.currentClientDir();
      if (req.url?.startsWith('/preview/')) return proxy(this.renderer, req, res, () => serveNotFound(clientDir, req, res));
      serveStatic(clientDir, req, res);
    });
    const control = createServer(async (req, res) => {
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      const url = new URL(req.url ?? '/', 'http://publisher');
      if (req.method === 'GET' && url.pathname === '/status') return json(200, this.status());
      if (req.method === 'POST' && url.pathname === '/webhook') {
        if (this.options.secret && req.headers.authorization !== `Bearer ${this.options.secret}`) return json(401, { error: '未授权' });
        let payload: unknown = null;
        try {
          const body = await readBody(req);
          payload = body ? JSON.parse(body) : null;
        } catch {
          payload = null; // a malformed payload is still a signal
        }
        const relevant = affectsPortal(payload);
        if (relevant) {
          this.signals++;
          this.queue.signal();
        }
        return json(202, { accepted: relevant });
      }
      return json(404, { error: '未知地址' });
    });
    this.servers = [portal, control];
    const front = this.options.rendererPort === undefined ? undefined : rendererFront(() => this.renderer);
    if (front) this.servers.push(front);
    await Promise.all([
      ...(front
        ? [new Promise<void>((resolve, reject) => {
            front.once('error', (error) => reject(new Error(`按需渲染端口 127.0.0.1:${this.options.rendererPort} 无法监听（${(error as NodeJS.ErrnoException).code}）：请用 RENDERER_PORT 换一个空闲端口`)));
            front.listen(this.options.rendererPort, '127.0.0.1', resolve);
          })]
        : []),
      new Promise<void>((r) => portal.listen(this.options.portal.port, this.options.portal.host, r)),
      new Promise<void>((r) => control.listen(this.options.control.port, this.options.control.host, r)),
    ]);
    void this.queue.start();
  }

  async stop(): Promise<void> {
    stopRenderer(this.renderer);
    await Promise.all(this.servers.map((s) => new Promise((r) => s.close(r))));
  }
}
