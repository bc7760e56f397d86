import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCmsProcess, temporarySecrets, type CmsProcess } from '../../scripts/cms.ts';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startUpstreams, type RunningUpstreams } from '../helpers/nginx-upstreams.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { startPublisher, type RunningPublisher } from '../helpers/publisher.ts';
import { startS3, type RunningS3 } from '../helpers/s3.ts';

/*
 * The portal past one machine (docs/deploy.md, 多实例部署), on real engines: one private
 * PostgreSQL; two CMS instances (`strapi start` on the compiled cms/dist, each its own process and
 * port, the same database and secrets) behind a real nginx (round robin); the media library on an
 * S3-compatible store (s3rver) through Strapi's aws-s3 upload provider; two publishers on the
 * shared build queue in PostgreSQL, each receiving webhooks (nginx balances those too).
 */

const POLICY = 'api::policy-item.policy-item';
const admin = { email: 'multi-admin@example.com', password: 'Test-Admin-12345' };
const secret = 'test-multi-publisher-secret';

let postgres: RunningPostgres;
let s3: RunningS3;
let front: RunningUpstreams;
let cmsA: CmsProcess;
let cmsB: CmsProcess;
const publishers: RunningPublisher[] = [];
let sql: pg.Pool;
let editorA: AdminClient;
let editorB: AdminClient;
let agency: string;

type BuildRow = { id: string; builder: string; state: string; release: string | null; started_at: Date; finished_at: Date | null };

beforeAll(async () => {
  [postgres, s3] = await Promise.all([startPostgres(), startS3()]);
  const e = postgres.env;
  const databaseUrl = `postgres://${e.DATABASE_USERNAME}@${e.DATABASE_HOST}:${e.DATABASE_PORT}/${e.DATABASE_NAME}`;
  sql = new pg.Pool({ connectionString: databaseUrl });
  const ports = {
    cms: [await freePort(), await freePort()],
    control: [await freePort(), await freePort()],
    portal: [await freePort(), await freePort()],
  };
  front = await startUpstreams({ cms: ports.cms, publishers: ports.control });
  const shared = {
    ...postgres.env,
    ...temporarySecrets(),
    LOG_LEVEL: 'warn',
    STRAPI_STARTUP_LOG: 'false',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    PUBLISHER_WEBHOOK_URL: `${front.publisherUrl}/webhook`,
    PUBLISHER_SECRET: secret,
    TRUST_PROXY: 'true',
    UPLOAD_PROVIDER: 'aws-s3',
    S3_ENDPOINT: s3.endpoint,
    S3_PUBLIC_URL: `${s3.endpoint}/${s3.bucket}`,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
  // One after the other: the first creates the schema and the demo content, the second finds them.
  cmsA = await startCmsProcess({ port: ports.cms[0], env: { ...shared, DEMO_CONTENT: 'true' } });
  cmsB = await startCmsProcess({ port: ports.cms[1], env: { ...shared, DEMO_CONTENT: 'false' } });
  for (const [i, name] of ['publisher-1', 'publisher-2'].entries()) {
    publishers.push(
      await startPublisher({
        cmsUrl: front.cmsUrl,
        secret,
        ports: { portal: ports.portal[i]!, control: ports.control[i]! },
        env: { PUBLISHER_QUEUE_DATABASE_URL: databaseUrl, PUBLISHER_NAME: name, PUBLISHER_QUEUE_POLL_MS: '500' },
      }),
    );
  }
  [editorA, editorB] = await Promise.all([adminClient(cmsA.url, admin), adminClient(cmsB.url, admin)]);
  const agencies = await editorA.request('GET', '/content-manager/collection-types/api::agency.agency?page=1&pageSize=1');
  agency = agencies.body.results[0].documentId;
  await settled();
}, 600_000);

afterAll(async () => {
  await Promise.all(publishers.map((p) => p.stop()));
  await sql?.end();
  await Promise.all([cmsA?.stop(), cmsB?.stop()]);
  await front?.stop();
  await Promise.all([postgres?.stop(), s3?.stop()]);
});

/**
 * Waits until the webhooks of these documents have arrived (Strapi sends them after answering the
 * publish), every request is built by a successful build and nothing runs; returns the builds.
 */
async function settled(documents: string[] = [], timeoutMs = 240_000): Promise<BuildRow[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const arrived = await sql.query('select distinct document_id from publisher.requests where document_id = any($1)', [documents]);
    const waiting = await sql.query(
      `select 1 from publisher.requests r left join publisher.builds b on b.id = r.build_id where b.id is null or b.state in ('running', 'failed')
       union all select 1 from publisher.builds where state = 'running'`,
    );
    if (arrived.rowCount === documents.length && waiting.rowCount === 0)
      return (await sql.query<BuildRow>('select * from publisher.builds order by id')).rows;
    if (Date.now() > until) throw new Error(`等待构建超时：${JSON.stringify((await sql.query('select * from publisher.builds')).rows)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const lastBuildId = async () =>
  Number((await sql.query<{ id: string | null }>('select max(id) as id from publisher.builds')).rows[0]?.id ?? 0);

async function draft(editor: AdminClient, title: string): Promise<string> {
  const created = await editor.create(POLICY, {
    title,
    publishDate: '2026-11-20',
    validity: 'valid',
    agency,
    body: [{ type: 'paragraph', children: [{ type: 'text', text: `${title}：正文。` }] }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.documentId as string;
}

/** The newest successful release, read from the publisher that built it: every page there, or which are missing. */
async function missingFromRelease(documents: Array<{ id: string; title: string }>, signalled = documents): Promise<string[]> {
  const builds = await settled(signalled.map((d) => d.id));
  const last = builds.filter((b) => b.state === 'ok').at(-1)!;
  const publisher = publishers[['publisher-1', 'publisher-2'].indexOf(last.builder)]!;
  expect((await publisher.status()).current).toBe(last.release);
  const missing: string[] = [];
  for (const { id, title } of documents) {
    const page = await fetch(`${publisher.portalUrl}/policies/${id}/`);
    if (page.status !== 200 || !(await page.text()).includes(title)) missing.push(title);
  }
  return missing;
}

/** No two builds ran at the same time, whichever publisher ran them. */
function assertOneAtATime(builds: BuildRow[]): void {
  const sorted = [...builds].sort((a, b) => a.started_at.getTime() - b.started_at.getTime());
  for (let i = 1; i < sorted.length; i++)
    expect(sorted[i]!.started_at.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]!.finished_at!.getTime());
}

// Each case waits for real builds on two busy cores (settled() allows 240 s): more than the default 60 s.
describe('two CMS instances, one PostgreSQL, two publishers on one build queue', () => {
  // A build that fails while the loaded machine leaves a CMS unreachable is retried with backoff: room for it, and one retry.
  it(
    'builds a burst of publishes alternated between both instances at most twice, one build at a time, and loses none',
    { timeout: 480_000, retry: 1 },
    async () => {
      const documents: Array<{ id: string; title: string }> = [];
      for (let i = 0; i < 8; i++) {
        const title = `关于多实例发布第${i + 1}批政策文件的通知`;
        documents.push({ id: await draft(i % 2 ? editorB : editorA, title), title });
      }
      await settled(); // drafts change nothing public; whatever was under way ends first
      const before = await lastBuildId();
      const published = await Promise.all(documents.map((d, i) => (i % 2 ? editorB : editorA).publish(POLICY, d.id)));
      expect(published.map((r) => r.status)).toEqual(documents.map(() => 200));

      const builds = await settled(
        documents.map((d) => d.id),
        420_000,
      );
      const burst = builds.filter((b) => Number(b.id) > before);
      console.log(
        `burst of ${documents.length} publishes → ${burst.length} build(s): ${burst.map((b) => `${b.builder} ${b.state}`).join(', ')}`,
      );
      expect(burst.length).toBeGreaterThanOrEqual(1);
      expect(burst.length).toBeLessThanOrEqual(2); // the build that started, and one follow-up for what came during it
      expect(burst.every((b) => b.state === 'ok')).toBe(true);
      assertOneAtATime(builds);

      const requests = await sql.query<{ document_id: string; received_by: string; state: string; key: string | null }>(
        `select r.document_id, r.received_by, b.state, r.key from publisher.requests r join publisher.builds b on b.id = r.build_id
        where r.event = 'entry.publish' and r.document_id = any($1)`,
        [documents.map((d) => d.id)],
      );
      expect(new Set(requests.rows.map((r) => r.document_id))).toEqual(new Set(documents.map((d) => d.id)));
      expect(requests.rows.every((r) => r.state === 'ok')).toBe(true);
      // Strapi's deliveries carry what the delivery key needs: a re-sent one would be recognised.
      expect(requests.rows.every((r) => r.key !== null)).toBe(true);
      // Both publishers received webhooks of the burst (nginx balances them), whichever built.
      expect(new Set(requests.rows.map((r) => r.received_by))).toEqual(new Set(['publisher-1', 'publisher-2']));
      expect(await missingFromRelease(documents)).toEqual([]);
    },
  );

  it('keeps an upload made through one instance readable through the other, in the S3 bucket, and linked from the portal', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const login = await fetch(`${cmsA.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const jwt = ((await login.json()) as { data: { token: string } }).data.token;
    const form = new FormData();
    form.append('files', new Blob([pdf], { type: 'application/pdf' }), '多实例附件.pdf');
    const uploaded = await fetch(`${cmsA.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
    const body = (await uploaded.json()) as Array<{ id: number; url: string; hash: string; ext: string }>;
    expect(uploaded.status, JSON.stringify(body)).toBe(201);
    const file = body[0]!;
    expect(file.url.startsWith(`${s3.endpoint}/${s3.bucket}/`)).toBe(true);
    expect(await s3.keys()).toContain(`${file.hash}${file.ext}`);

    // The admin may show the bucket's images, and no other foreign origin's.
    const csp = (await fetch(`${cmsB.url}/admin/init`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`img-src [^;]*${s3.endpoint.replace(/[.]/g, '\\.')}(;| )`));
    expect(csp).toMatch(new RegExp(`media-src [^;]*${s3.endpoint.replace(/[.]/g, '\\.')}(;| )`));

    // The content checks hold on the S3 path too: an HTML page is refused and nothing reaches the bucket.
    const keys = await s3.keys();
    const html = new FormData();
    html.append('files', new Blob(['<!doctype html><script>alert(1)</script>'], { type: 'text/html' }), 'x.html');
    const refused = await fetch(`${cmsB.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: html });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('文件「x.html」不能上传');
    expect(await s3.keys()).toEqual(keys);

    const throughB = await editorB.request('GET', `/upload/files/${file.id}`);
    expect(throughB.status).toBe(200);
    expect(throughB.body.url).toBe(file.url);
    expect(Buffer.from(await (await fetch(throughB.body.url)).arrayBuffer()).equals(pdf)).toBe(true);

    const title = '关于多实例附件存储的通知';
    const id = await draft(editorB, title);
    expect((await editorB.update(POLICY, id, { attachments: [file.id] })).status).toBe(200);
    expect((await editorA.publish(POLICY, id)).status).toBe(200);
    expect(await missingFromRelease([{ id, title }])).toEqual([]);
    const last = (await settled([id])).filter((b) => b.state === 'ok').at(-1)!;
    const publisher = publishers[['publisher-1', 'publisher-2'].indexOf(last.builder)]!;
    const page = await (await fetch(`${publisher.portalUrl}/policies/${id}/`)).text();
    expect(page).toContain(`href="${file.url}"`);
  }, 480_000);

  it('refuses a forged or oversized webhook and records a re-sent delivery once', async () => {
    const count = async () => Number((await sql.query<{ n: string }>('select count(*) as n from publisher.requests')).rows[0]!.n);
    const before = await count();
    const post = (url: string, body: string, auth?: string) =>
      fetch(`${url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body,
      });
    const delivery = JSON.stringify({
      event: 'entry.publish',
      createdAt: '2026-12-01T08:00:00.000Z',
      model: 'policy-item',
      uid: POLICY,
      entry: { documentId: 'forged-document', publishedAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z' },
    });
    expect((await post(front.publisherUrl, delivery)).status).toBe(401);
    expect((await post(front.publisherUrl, delivery, 'Bearer wrong-secret')).status).toBe(401);
    const oversized = await post(
      publishers[0]!.controlUrl,
      JSON.stringify({ event: 'entry.publish', pad: 'x'.repeat(1_100_000) }),
      `Bearer ${secret}`,
    );
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { error: string }).error).toContain('超过 1 MB');
    expect(await count()).toBe(before);

    const first = await publishers[0]!.signal(JSON.parse(delivery));
    expect(await first.json()).toEqual({ accepted: true });
    for (const publisher of publishers) {
      const again = await publisher.signal(JSON.parse(delivery));
      expect(again.status).toBe(202);
      expect(await again.json()).toEqual({ accepted: true, duplicate: true });
    }
    expect(await count()).toBe(before + 1);
    await settled();
  }, 480_000);

  it('loses no publish that got a 2xx when one CMS instance is killed mid-burst', async () => {
    const editor = await adminClient(front.cmsUrl, admin);
    const documents: Array<{ id: string; title: string }> = [];
    for (let i = 0; i < 8; i++) {
      const title = `关于实例中断时发布第${i + 1}件政策文件的通知`;
      documents.push({ id: await draft(editor, title), title });
    }
    await settled();
    const answered: Array<{ id: string; title: string }> = [];
    let refused = 0;
    for (let i = 0; i < documents.length; i += 2) {
      const pair = documents.slice(i, i + 2).map(async (document) => {
        const response = await editor.publish(POLICY, document.id).catch(() => ({ status: 0 }));
        if (response.status >= 200 && response.status < 300) answered.push(document);
        else refused++;
      });
      // Mid-burst, with two publishes in flight through nginx.
      if (i === 4) setTimeout(() => cmsB.child.kill('SIGKILL'), 20);
      await Promise.all(pair);
    }
    console.log(`after killing one instance: ${answered.length} publishes answered 2xx, ${refused} not`);
    expect(answered.length).toBeGreaterThanOrEqual(documents.length - 2);
    // The last publishes went to the instance left: their webhooks arrive, and their build has the rest.
    expect(await missingFromRelease(answered, answered.slice(-1))).toEqual([]);
    assertOneAtATime(await settled());
  }, 480_000);
});
