import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PostgresBuildQueue } from '../../scripts/publisher/queue-postgres.ts';
import type { BuildOutcome } from '../../scripts/publisher/queue.ts';
import { freePort } from '../helpers/portal.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';

/*
 * The shared build queue on a real PostgreSQL, two publishers' queues side by side (each its own
 * connection pool, as two processes have). What a build "reads" is a table the test publishes to
 * before each signal, the way a build reads the CMS: a build must see every publish signalled
 * before it started, exactly one build runs at a time whichever queue got the signal, and a
 * publisher that dies while building leaves its requests to the other.
 * tests/ops/multi-instance.test.ts runs the same queue with real CMS instances and builds.
 */

let postgres: RunningPostgres;
let url: string;
let sql: pg.Pool;

beforeAll(async () => {
  postgres = await startPostgres();
  const e = postgres.env;
  url = `postgres://${e.DATABASE_USERNAME}@${e.DATABASE_HOST}:${e.DATABASE_PORT}/${e.DATABASE_NAME}`;
  sql = new pg.Pool({ connectionString: url });
  await sql.query('create table published (n integer primary key)');
});

afterAll(async () => {
  await sql?.end();
  await postgres?.stop();
});

const queues: PostgresBuildQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.cancel()));
  await sql.query('drop schema if exists publisher cascade; truncate published');
});

/** Builds that wait for the test's word, all queues' together: what each saw, and how many ran at once. */
function builds() {
  const seen: number[][] = [];
  const waiting: Array<() => void> = [];
  let running = 0;
  let overlap = 0;
  const build = (name: string) => async (): Promise<BuildOutcome> => {
    running++;
    overlap = Math.max(overlap, running);
    const { rows } = await sql.query<{ n: number }>('select n from published order by n');
    seen.push(rows.map((r) => r.n));
    await new Promise<void>((resolve) => waiting.push(resolve));
    running--;
    return { ok: true, release: `${name}-${seen.length}` };
  };
  const until = async (test: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`等待超时：${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    build,
    seen,
    overlap: () => overlap,
    /** Waits for a build to be waiting, then lets it finish. */
    finishOne: async () => {
      await until(() => waiting.length > 0, '构建开始');
      waiting.shift()!();
    },
    until,
  };
}

function queue(name: string, build: () => Promise<BuildOutcome>, pollMs = 60_000) {
  const q = new PostgresBuildQueue(build, { url, name, quietMs: 20, maxWaitMs: 100, pollMs, retry: { baseMs: 50, maxMs: 200 } });
  queues.push(q);
  return q;
}

const publish = async (q: PostgresBuildQueue, n: number) => {
  await sql.query('insert into published values ($1)', [n]);
  return q.signal({ key: `publish-${n}`, model: 'api::policy-item.policy-item', event: 'entry.publish', documentId: `doc-${n}` });
};

describe('the shared build queue', () => {
  it('runs one build at a time across publishers and turns a burst during a build into one follow-up that has every publish', async () => {
    const b = builds();
    const a = queue('a', b.build('a'));
    const c = queue('c', b.build('c'));
    const first = a.start();
    await b.until(() => b.seen.length === 1, '首次构建开始');
    await c.start(); // its start request waits for the build under way
    for (let n = 1; n <= 10; n++) expect(await publish(n % 2 ? a : c, n)).toBe(true);
    await b.finishOne();
    await b.until(() => b.seen.length === 2, '后续构建开始');
    await b.finishOne();
    await first;
    await Promise.all([a.idle(), c.idle()]);
    await new Promise((r) => setTimeout(r, 200));
    expect(b.seen).toEqual([[], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(b.overlap()).toBe(1);
    const { rows } = await sql.query<{ state: string; requests: number }>('select state, requests from publisher.builds order by id');
    expect(rows).toEqual([
      { state: 'ok', requests: 1 },
      { state: 'ok', requests: 11 },
    ]);
    expect((await sql.query('select 1 from publisher.requests where build_id is null')).rowCount).toBe(0);
  });

  it('records a re-sent delivery once, on whichever publisher it arrives', async () => {
    const b = builds();
    const a = queue('a', b.build('a'));
    const c = queue('c', b.build('c'));
    expect(await publish(a, 1)).toBe(true);
    expect(await c.signal({ key: 'publish-1' })).toBe(false);
    expect(await a.signal({ key: 'publish-1' })).toBe(false);
    await b.finishOne();
    await Promise.all([a.idle(), c.idle()]);
    expect(await c.signal({ key: 'publish-1' })).toBe(false); // also after it was built
    expect((await sql.query('select 1 from publisher.requests')).rowCount).toBe(1);
    expect(b.seen).toEqual([[1]]);
  });

  it('builds again, on another publisher, what a publisher that died while building had claimed', async () => {
    const b = builds();
    const a = queue('a', b.build('a'), 100);
    const c = queue('c', b.build('c'), 100);
    for (const q of [a, c]) {
      const started = q.start(); // each builds its start request, then polls
      await b.finishOne();
      await started;
    }
    expect(await publish(a, 1)).toBe(true);
    await b.until(() => b.seen.length === 3, '构建开始');
    // The builder's process dies (whichever got the lock): its connections go, and the lock with them.
    const holder = await sql.query<{ builder: string }>(`select builder from publisher.builds where state = 'running'`);
    const dead = holder.rows[0]!.builder;
    await sql.query(`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid()`);
    await b.until(() => b.seen.length === 4, '另一个发布服务接手构建');
    await b.finishOne(); // the dead one's build ends with nothing to report to
    await b.finishOne();
    await Promise.all([a.idle(), c.idle()]);
    const other = dead === 'a' ? 'c' : 'a';
    const { rows } = await sql.query<{ builder: string; state: string }>('select builder, state from publisher.builds order by id');
    expect(rows).toEqual([
      { builder: 'a', state: 'ok' },
      { builder: 'c', state: 'ok' },
      { builder: dead, state: 'failed' },
      { builder: other, state: 'ok' },
    ]);
    expect(b.seen).toEqual([[], [], [1], [1]]);
    const owner = await sql.query<{ builder: string; state: string }>(
      `select b.builder, b.state from publisher.requests r join publisher.builds b on b.id = r.build_id where r.key = 'publish-1'`,
    );
    expect(owner.rows).toEqual([{ builder: other, state: 'ok' }]);
  });

  it('starts without its database, refuses webhooks meanwhile (the publisher answers 503), and never ends the process', async () => {
    const b = builds();
    const q = new PostgresBuildQueue(b.build('x'), { url: `postgres://portal@127.0.0.1:${await freePort()}/none`, pollMs: 100 });
    queues.push(q);
    await expect(q.start()).resolves.toBeUndefined();
    await expect(q.signal({ key: 'k' })).rejects.toThrow(/ECONNREFUSED/);
    await new Promise((r) => setTimeout(r, 300)); // a few polls fail, logged
    expect(b.seen).toEqual([]);
  });
});
