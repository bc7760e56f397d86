import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { buildPortal } from './build.ts';
import { BuildQueue, requestOf, type BuildOutcome, type PublishQueue, type RetryPolicy } from './queue.ts';
import { PostgresBuildQueue } from './queue-postgres.ts';
import { implausible, Releases, releaseSize, type ReleaseSize } from './releases.ts';
import { isOnDemand, proxy, rendererFront, startRenderer, stopRenderer, warmUp, type Renderer } from './renderer.ts';
import { guarded, hardened, serveStatic, serveNotFound } from './static.ts';
import { isSearchApi, searchIndexFile, SearchService } from './search/http.ts';
import { indexRelease, searchMode, type IndexRun } from './search/indexer.ts';
import { PUBLIC_MODELS } from '../../cms/src/setup/public-types.ts';

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
  /** Shared with the CMS webhook (Authorization: Bearer …); required, also for forcing a held release. */
  secret: string;
  /** Given to each release's on-demand server: PREVIEW_SECRET, PREVIEW_API_TOKEN. */
  rendererEnv?: NodeJS.ProcessEnv;
  /** The fixed port nginx proxies the on-demand routes to (RENDERER_PORT); none when unset. */
  rendererPort?: number;
  keepReleases?: number;
  /** Backoff of automatic retries after a failed build. */
  retry?: RetryPolicy;
  /** Switch in every successful build, even one far smaller than the live release (PUBLISHER_ACCEPT_SHRINK=1). */
  acceptShrink?: boolean;
  /** A shared build queue in PostgreSQL (PUBLISHER_QUEUE_DATABASE_URL) for several publishers; in memory without. */
  queue?: { url: string; name?: string; pollMs?: number };
};

export type BuildRecord = {
  id: string;
  ok: boolean;
  startedAt: string;
  durationMs: number;
  error?: string;
  /** Relative to the publisher's folder. */
  log: string;
  size?: ReleaseSize;
  /** The server search index of the release (PORTAL_SEARCH=server): pages, how many were read again. */
  search?: IndexRun;
};

export type HeldRelease = { id: string; reason: string; size: ReleaseSize; live: ReleaseSize };

/** Whether `given` is the Authorization the secret asks for, compared in constant time (HMACs of equal length). */
export function authorized(secret: string, given: string | undefined): boolean {
  const key = randomBytes(32);
  const digest = (value: string) => createHmac('sha256', key).update(value).digest();
  return timingSafeEqual(digest(`Bearer ${secret}`), digest(given ?? ''));
}

/** Whether a webhook payload can change the public portal; an empty or unknown payload is a plain signal. */
export function affectsPortal(payload: unknown): boolean {
  if (!payload || typeof payload !== 'object') return true;
  const { model, event, entry } = payload as { model?: unknown; event?: unknown; entry?: Record<string, unknown> | null };
  if (typeof model === 'string' && !PUBLIC_MODELS.has(model)) return false;
  // Saving a draft changes nothing the public sees; publishing, unpublishing and deleting do.
  if ((event === 'entry.create' || event === 'entry.update') && entry && 'publishedAt' in entry && entry.publishedAt === null) return false;
  return true;
}

class TooLarge extends Error {}

/**
 * The body, up to 1 MB. A larger one is refused at once (TooLarge) and the rest is read and dropped
 * rather than the connection cut, so the sender gets the refusal; past 10 MB the connection goes.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 10_000_000) req.destroy();
      else if (size > 1_000_000) {
        chunks.length = 0;
        reject(new TooLarge('请求体过大'));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class Publisher {
  readonly releases: Releases;
  readonly queue: PublishQueue;
  lastBuild: BuildRecord | null = null;
  lastSuccess: BuildRecord | null = null;
  held: HeldRelease | null = null;
  signals = 0;
  /** Builds started since the publisher started (a burst of signals should add one). */
  builds = 0;
  private cms = { reachable: null as boolean | null, checkedAt: 0 };
  private servers: Server[] = [];
  private renderer: Renderer | undefined;
  private readonly options: PublisherOptions;
  private readonly searchMode = searchMode();
  private readonly search = new SearchService(() => {
    const id = this.releases.current();
    return id ? searchIndexFile(this.releases.dir(id)) : null;
  });

  constructor(options: PublisherOptions) {
    if (!options.secret) throw new Error('缺少 PUBLISHER_SECRET：发布服务必须设置与内容管理系统 webhook 相同的密钥才能启动。');
    this.options = options;
    this.releases = new Releases(path.join(options.dir), options.keepReleases ?? 3);
    this.queue = options.queue
      ? new PostgresBuildQueue(() => this.build(), { ...options.queue, retry: options.retry })
      : new BuildQueue(() => this.build(), 150, 1000, options.retry);
  }

  get portalUrl(): string {
    return `http://${this.options.portal.host}:${this.options.portal.port}`;
  }

  /** Whether the CMS answers its health check (at most one probe every 2 s, whatever /status gets). */
  private async cmsReachable(): Promise<boolean> {
    if (this.cms.reachable !== null && Date.now() - this.cms.checkedAt < 2_000) return this.cms.reachable;
    let reachable: boolean;
    try {
      reachable = (await fetch(`${this.options.cmsUrl}/_health`, { signal: AbortSignal.timeout(1_500) })).status < 500;
    } catch {
      reachable = false;
    }
    this.cms = { reachable, checkedAt: Date.now() };
    return reachable;
  }

  /** Starts a release's on-demand server, then switches the served release to it. */
  private async switchTo(id: string): Promise<void> {
    const renderer = await startRenderer(id, this.releases.dir(id), { CMS_URL: this.options.cmsUrl, ...this.options.rendererEnv });
    const previous = this.renderer;
    this.releases.activate(id);
    this.renderer = renderer;
    stopRenderer(previous);
    warmUp(renderer);
  }

  private async build(): Promise<BuildOutcome> {
    this.builds++;
    const { id, dir } = this.releases.create();
    const started = Date.now();
    const log = path.join('logs', `${id}.log`);
    let outcome = await buildPortal({
      outDir: dir,
      cacheDir: path.join(this.options.dir, 'cache'),
      logFile: path.join(this.options.dir, log),
      logName: log,
      cmsUrl: this.options.cmsUrl,
      portalUrl: this.portalUrl,
    });
    let search: IndexRun | undefined;
    if (outcome.ok && this.searchMode === 'server') {
      // From the live release's index: only the pages that changed are read again.
      const live = this.releases.current();
      try {
        search = await indexRelease(path.join(dir, 'client'), searchIndexFile(dir), live ? searchIndexFile(this.releases.dir(live)) : null);
      } catch (error) {
        outcome = { ...outcome, ok: false, error: `搜索索引建立失败：${(error as Error).message}` };
      }
    }
    const record: BuildRecord = {
      id,
      ok: outcome.ok,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      log,
      ...(outcome.ok ? {} : { error: outcome.error }),
      ...(search ? { search } : {}),
    };
    let retry = true;
    if (!outcome.ok) {
      this.cms.checkedAt = 0;
      if (!(await this.cmsReachable())) record.error = `内容管理系统（CMS_URL）无法访问，${record.error}`;
    } else {
      const size = releaseSize(dir);
      record.size = size;
      const liveId = this.releases.current();
      const live = liveId ? releaseSize(this.releases.dir(liveId)) : null;
      const reason = this.options.acceptShrink ? null : implausible(size, live);
      if (reason && live) {
        // Kept aside, not retried: the same CMS answer would give the same release.
        this.held = { id, reason, size, live };
        Object.assign(record, { ok: false, error: reason });
        retry = false;
      } else {
        // The new release's on-demand server must answer before the switch; if it can't, the release
        // is not switched in (its static files would promise a preview that cannot work).
        try {
          await this.switchTo(id);
          this.lastSuccess = record;
          this.held = null;
        } catch (error) {
          Object.assign(record, { ok: false, error: `新版本的按需渲染服务无法启动：${(error as Error).message}` });
        }
      }
    }
    this.lastBuild = record;
    this.releases.prune(this.held?.id ?? null);
    console.log(
      record.ok
        ? `› 已发布新版本 ${id}（${record.durationMs} ms）`
        : `✖ 新版本 ${id} 未上线，继续提供 ${this.releases.current() ?? '（无）'}：${record.error}`,
    );
    return record.ok ? { ok: true, release: id } : { ok: false, error: record.error ?? '', retry, release: id };
  }

  /** Switches in the held release on an operator's word (POST /releases/activate). */
  async forceHeld(id: string | undefined): Promise<{ status: number; body: unknown }> {
    const held = this.held;
    if (!held) return { status: 409, body: { error: '没有被搁置的新版本，无需强制上线。' } };
    if (id !== undefined && id !== held.id)
      return { status: 409, body: { error: `被搁置的版本是 ${held.id}，不是 ${id}：请确认要上线的版本号。` } };
    if (this.queue.building) return { status: 409, body: { error: '正在构建新版本，请构建结束后再强制上线。' } };
    try {
      await this.switchTo(held.id);
    } catch (error) {
      return { status: 500, body: { error: `版本 ${held.id} 的按需渲染服务无法启动，未上线：${(error as Error).message}` } };
    }
    this.held = null;
    if (this.lastBuild?.id === held.id) {
      this.lastBuild = { ...this.lastBuild, ok: true };
      delete this.lastBuild.error;
      this.lastSuccess = this.lastBuild;
    }
    this.queue.failures = 0;
    this.queue.lastError = null;
    console.log(`› 操作员强制上线版本 ${held.id}（${held.size.documents} 件政策文件，${held.size.pages} 个页面）`);
    return { status: 200, body: { current: held.id } };
  }

  /** What the publisher is doing, in words an operator reads; no file-system path. */
  state(): { state: 'building' | 'queued' | 'retrying' | 'held' | 'failed' | 'starting' | 'ok'; message: string } {
    const q = this.queue;
    if (q.building) return { state: 'building', message: '正在构建新版本。' };
    if (q.queued) return { state: 'queued', message: '已收到发布信号，即将构建。' };
    if (q.nextRetryAt)
      return {
        state: 'retrying',
        message: `上次构建失败（连续 ${q.failures} 次），将于 ${q.nextRetryAt.toISOString()} 自动重试：${q.lastError ?? ''}`,
      };
    if (this.held) return { state: 'held', message: this.held.reason };
    if (this.lastBuild && !this.lastBuild.ok) return { state: 'failed', message: `上次构建失败：${this.lastBuild.error ?? ''}` };
    if (!this.lastBuild) return { state: 'starting', message: '正在进行首次构建。' };
    return { state: 'ok', message: '门户为最新版本。' };
  }

  async status() {
    const { state, message } = this.state();
    return {
      state,
      message,
      current: this.releases.current(),
      building: this.queue.building,
      queued: this.queue.queued,
      signals: this.signals,
      builds: this.builds,
      retry: { attempts: this.queue.failures, nextRetryAt: this.queue.nextRetryAt?.toISOString() ?? null, lastError: this.queue.lastError },
      cms: { reachable: await this.cmsReachable() },
      held: this.held,
      lastBuild: this.lastBuild,
      lastSuccess: this.lastSuccess,
      releases: this.releases.list(),
    };
  }

  /** Starts both servers and the first build. */
  async start(): Promise<void> {
    const portal = hardened(
      createServer(
        guarded('门户服务', (req, res) => {
          const clientDir = this.releases.currentClientDir();
          if (isSearchApi(req.url)) return this.search.handle(req, res);
          if (isOnDemand(req.url)) return proxy(this.renderer, req, res, () => serveNotFound(clientDir, req, res));
          serveStatic(clientDir, req, res);
        }),
      ),
    );
    const control = hardened(
      createServer(
        guarded('发布控制服务', async (req, res) => {
          const json = (status: number, body: unknown) =>
            res
              .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' })
              .end(JSON.stringify(body));
          let pathname: string;
          try {
            pathname = new URL(req.url ?? '/', 'http://publisher').pathname;
          } catch {
            return json(400, { error: '请求地址无法解析' });
          }
          if (pathname === '/status')
            return req.method === 'GET' || req.method === 'HEAD'
              ? json(200, await this.status())
              : json(405, { error: '/status 只接受 GET' });
          if (pathname === '/webhook' || pathname === '/releases/activate') {
            if (req.method !== 'POST') return json(405, { error: `${pathname} 只接受 POST` });
            if (!authorized(this.options.secret, req.headers.authorization))
              return json(401, { error: '未授权：Authorization 须为 Bearer 加发布密钥（PUBLISHER_SECRET）' });
            let payload: unknown;
            try {
              const body = await readBody(req);
              payload = body ? JSON.parse(body) : null;
            } catch (error) {
              if (error instanceof TooLarge)
                return json(413, { error: `${pathname} 的请求体超过 1 MB，已拒绝：内容管理系统的 webhook 只需发送所变更条目的摘要。` });
              payload = null; // a malformed payload is still a signal
            }
            if (pathname === '/releases/activate') {
              const release =
                payload && typeof payload === 'object' && typeof (payload as { release?: unknown }).release === 'string'
                  ? (payload as { release: string }).release
                  : undefined;
              const answer = await this.forceHeld(release);
              return json(answer.status, answer.body);
            }
            const relevant = affectsPortal(payload);
            let queued = false;
            if (relevant) {
              try {
                queued = await this.queue.signal(requestOf(payload));
              } catch (error) {
                return json(503, { error: `发布队列无法记录本次发布信号，请稍后重发：${(error as Error).message}` });
              }
              if (queued) this.signals++;
            }
            return json(202, { accepted: relevant, ...(relevant && !queued ? { duplicate: true } : {}) });
          }
          return json(404, { error: '未知地址' });
        }),
      ),
    );
    this.servers = [portal, control];
    const front =
      this.options.rendererPort === undefined
        ? undefined
        : hardened(
            rendererFront(
              () => this.renderer,
              (req, res) => {
                if (!isSearchApi(req.url)) return false;
                this.search.handle(req, res);
                return true;
              },
            ),
          );
    if (front) this.servers.push(front);
    await Promise.all([
      ...(front
        ? [
            new Promise<void>((resolve, reject) => {
              front.once('error', (error) =>
                reject(
                  new Error(
                    `按需渲染端口 127.0.0.1:${this.options.rendererPort} 无法监听（${(error as NodeJS.ErrnoException).code}）：请用 RENDERER_PORT 换一个空闲端口`,
                  ),
                ),
              );
              front.listen(this.options.rendererPort, '127.0.0.1', resolve);
            }),
          ]
        : []),
      new Promise<void>((r, reject) => portal.once('error', reject).listen(this.options.portal.port, this.options.portal.host, r)),
      new Promise<void>((r, reject) => control.once('error', reject).listen(this.options.control.port, this.options.control.host, r)),
    ]);
    void this.queue.start();
  }

  async stop(): Promise<void> {
    await this.queue.cancel();
    stopRenderer(this.renderer);
    this.search.close();
    await Promise.all(this.servers.map((s) => new Promise((r) => s.close(r))));
  }
}
