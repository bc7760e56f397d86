import { hostname } from 'node:os';
import pg from 'pg';
import { backoff, type BuildOutcome, type PublishQueue, type PublishRequest, type RetryPolicy } from './queue.ts';

/*
 * The build queue shared by every publisher (and so by every CMS instance that sends them webhooks)
 * through PostgreSQL, for a portal run on more than one machine. Each webhook is a row of
 * publisher.requests, written before the webhook is answered; builds are rows of publisher.builds.
 * A session advisory lock (pg_try_advisory_lock) lets one publisher build at a time, whichever it
 * is: the holder claims every request not yet built, builds, and claims again until nothing is
 * left, so a burst during a build becomes one follow-up build and a request received by another
 * publisher is built all the same. The lock dies with its connection, so a publisher killed while
 * building leaves its claimed requests to the next holder, which builds them again.
 *
 * Why no request is lost: a publisher that cannot take the lock has already committed its row, and
 * the holder looks for unclaimed rows after each build and again after it has let the lock go.
 * Requests are claimed by marking them (never "every id up to n": ids are given out before commit).
 */

/** pg_try_advisory_lock keys: the build line, and creating the tables (several publishers may start at once). */
const BUILD_LOCK = 7_311_430_001;
const SCHEMA_LOCK = 7_311_430_002;

const SCHEMA = `
  create schema if not exists publisher;
  create table if not exists publisher.builds (
    id bigserial primary key,
    builder text not null,
    state text not null default 'running' check (state in ('running', 'ok', 'failed', 'held')),
    release text,
    error text,
    requests integer not null default 0,
    started_at timestamptz not null default now(),
    finished_at timestamptz
  );
  create table if not exists publisher.requests (
    id bigserial primary key,
    key text unique,
    model text,
    event text,
    document_id text,
    received_by text not null,
    created_at timestamptz not null default now(),
    build_id bigint references publisher.builds (id) on delete set null
  );
  create index if not exists requests_unbuilt on publisher.requests (id) where build_id is null;
`;

export type PostgresQueueOptions = {
  /** postgres://user:password@host:port/database (PUBLISHER_QUEUE_DATABASE_URL). */
  url: string;
  /** How this publisher is named in the tables (PUBLISHER_NAME; host and pid by default). */
  name?: string;
  quietMs?: number;
  maxWaitMs?: number;
  retry?: RetryPolicy;
  /** How often to look for requests nobody is building (a builder that died, a lock let go meanwhile). */
  pollMs?: number;
};

export class PostgresBuildQueue implements PublishQueue {
  failures = 0;
  nextRetryAt: Date | null = null;
  lastError: string | null = null;
  readonly name: string;

  private readonly pool: pg.Pool;
  private readonly build: () => Promise<BuildOutcome>;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly retry: RetryPolicy;
  private readonly pollMs: number;
  private ready: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private firstSignalAt = 0;
  private draining: Promise<void> | undefined;
  private again = false;
  private buildingHere = false;
  /** Requests nobody has claimed yet, any publisher's, as last seen. */
  private unbuilt = 0;
  private stopped = false;

  constructor(build: () => Promise<BuildOutcome>, options: PostgresQueueOptions) {
    this.build = build;
    this.name = options.name ?? `${hostname()}:${process.pid}`;
    this.quietMs = options.quietMs ?? 150;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.retry = options.retry ?? { baseMs: 2_000, maxMs: 60_000 };
    this.pollMs = options.pollMs ?? 5_000;
    this.pool = new pg.Pool({ connectionString: options.url, max: 4 });
    // A connection lost while idle must not end the process; the next query reconnects.
    this.pool.on('error', (error) => console.error(`✖ 发布队列数据库连接中断：${error.message}`));
    // …and so must one lost while in use (the lock's connection, for as long as a build runs).
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  get building(): boolean {
    return this.buildingHere;
  }

  get queued(): boolean {
    return this.timer !== undefined || this.unbuilt > 0;
  }

  private schema(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('begin');
        await client.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await client.query(SCHEMA);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        this.ready = undefined;
        throw new Error(`发布队列无法在 PostgreSQL 中建表（PUBLISHER_QUEUE_DATABASE_URL）：${(error as Error).message}`, { cause: error });
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }

  /** Records the request (once per delivery key) before the webhook is answered, then asks for a build. */
  async signal(request: PublishRequest = {}): Promise<boolean> {
    await this.schema();
    const inserted = await this.pool.query(
      `insert into publisher.requests (key, model, event, document_id, received_by) values ($1, $2, $3, $4, $5)
       on conflict (key) do nothing returning id`,
      [request.key ?? null, request.model ?? null, request.event ?? null, request.documentId ?? null, this.name],
    );
    if (inserted.rowCount === 0) return false;
    this.unbuilt++;
    const now = Date.now();
    if (!this.timer) this.firstSignalAt = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstSignalAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, wait);
    return true;
  }

  /** At start-up: records a request so the first build happens (on whichever publisher holds the lock), and starts polling. */
  async start(): Promise<void> {
    try {
      await this.schema();
      await this.pool.query(`insert into publisher.requests (event, received_by) values ('publisher.start', $1)`, [this.name]);
    } catch (error) {
      // The database may come later: the poll keeps trying, and webhooks are answered 503 meanwhile.
      console.error(`✖ 发布队列暂时无法使用，稍后自动重试：${(error as Error).message}`);
    }
    this.poll();
    await this.drain();
  }

  private poll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      void (async () => {
        try {
          await this.schema();
          const { rows } = await this.pool.query<{ unbuilt: number; orphaned: boolean }>(
            `select (select count(*)::int from publisher.requests where build_id is null) as unbuilt,
                    exists (select 1 from publisher.builds b where b.state = 'running'
                              or (b.state = 'failed' and b.finished_at < now() - make_interval(secs => $1)
                                  and exists (select 1 from publisher.requests r where r.build_id = b.id))) as orphaned`,
            [this.retry.maxMs / 1000],
          );
          const found = rows[0];
          this.unbuilt = found?.unbuilt ?? 0;
          if (this.unbuilt > 0 || found?.orphaned) await this.drain();
        } catch (error) {
          console.error(`✖ 发布队列查询失败：${(error as Error).message}`);
        }
        this.poll();
      })();
    }, this.pollMs);
  }

  /** Builds while this publisher holds the lock and requests are waiting; once at a time in this process. */
  private drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.nextRetryAt = null;
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.drainOnce();
        } while (this.again && !this.stopped);
      } catch (error) {
        console.error(`✖ 发布队列出错：${(error as Error).message}`);
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async drainOnce(): Promise<void> {
    await this.schema();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const lost = (error: Error) => {
      broken = error;
      console.error(`✖ 发布队列的锁连接中断：${error.message}`);
    };
    client.on('error', lost);
    let locked = false;
    try {
      locked =
        (await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [BUILD_LOCK])).rows[0]?.locked ?? false;
      // Not ours: the holder will see this publisher's requests (committed before it tried).
      if (!locked) return;
      while (!this.stopped && (await this.buildClaimed(client)));
    } finally {
      if (locked) await client.query('select pg_advisory_unlock($1)', [BUILD_LOCK]).catch(() => undefined);
      client.off('error', lost);
      client.release(broken); // a broken connection is dropped, not pooled again
    }
    // A request committed while the lock was held, by a publisher whose try failed: build it now.
    const { rows } = await this.pool.query<{ unbuilt: number }>(
      `select count(*)::int as unbuilt from publisher.requests where build_id is null`,
    );
    this.unbuilt = rows[0]?.unbuilt ?? 0;
    if (locked && this.unbuilt > 0 && this.nextRetryAt === null) this.again = true;
  }

  /** Claims what waits and builds it; false when nothing waited or the build failed (a retry is scheduled). */
  private async buildClaimed(client: pg.PoolClient): Promise<boolean> {
    // Holding the lock, no build runs anywhere: one still 'running' belonged to a publisher that died.
    await client.query(
      `update publisher.builds set state = 'failed', error = coalesce(error, '构建中断（发布服务退出）'), finished_at = now() where state = 'running'`,
    );
    const build = (await client.query<{ id: string }>(`insert into publisher.builds (builder) values ($1) returning id`, [this.name]))
      .rows[0]!;
    const claimed = await client.query(
      `update publisher.requests set build_id = $1
        where build_id is null or build_id in (select id from publisher.builds where state = 'failed') returning id`,
      [build.id],
    );
    if (claimed.rowCount === 0) {
      await client.query('delete from publisher.builds where id = $1', [build.id]);
      return false;
    }
    this.unbuilt = 0;
    this.buildingHere = true;
    let outcome: BuildOutcome;
    try {
      outcome = await this.build();
    } catch (error) {
      outcome = { ok: false, error: `构建过程出错：${(error as Error).message}` };
    } finally {
      this.buildingHere = false;
    }
    const state = outcome.ok ? 'ok' : outcome.retry === false ? 'held' : 'failed';
    await client.query(
      `update publisher.builds set state = $2, release = $3, error = $4, requests = $5, finished_at = now() where id = $1`,
      [build.id, state, outcome.release ?? null, outcome.ok ? null : outcome.error, claimed.rowCount],
    );
    if (outcome.ok) {
      this.failures = 0;
      this.lastError = null;
      return true;
    }
    this.failures++;
    this.lastError = outcome.error;
    if (outcome.retry === false) return true;
    const wait = backoff(this.failures, this.retry);
    this.nextRetryAt = new Date(Date.now() + wait);
    this.retryTimer = setTimeout(() => void this.drain(), wait);
    return false;
  }

  async cancel(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.pollTimer);
    this.timer = this.retryTimer = this.pollTimer = undefined;
    this.nextRetryAt = null;
    // A build under way is not waited for: the lock goes with the connection, its requests to the next holder.
    if (this.draining) void this.pool.end().catch(() => undefined);
    else await this.pool.end();
  }

  async idle(): Promise<void> {
    while (this.draining || this.timer) await (this.draining ?? new Promise((r) => setTimeout(r, 20)));
  }
}
