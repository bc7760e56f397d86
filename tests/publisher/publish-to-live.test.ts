import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { searchFor, statusText } from '../helpers/search-page.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * Publishing that reaches the public: an editor publishes in the CMS; the CMS's webhook tells the
 * publisher; the publisher builds a new release and switches to it; the page and its search entry
 * are live. Unpublishing takes them away. A failed build leaves the last good release serving.
 */

const POLICY = 'api::policy-item.policy-item';
const admin = { email: 'publisher-admin@example.com', password: 'Test-Admin-12345' };
const secret = 'test-publisher-secret';
const TITLE = '关于开展2026年秸秆综合利用工作的通知';

let cms: RunningCms;
let publisher: RunningPublisher;
let editor: AdminClient;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let documentId: string;

beforeAll(async () => {
  const ports = await reservePorts();
  process.env.PUBLISHER_WEBHOOK_URL = `http://127.0.0.1:${ports.control}/webhook`;
  process.env.PUBLISHER_SECRET = secret;
  cms = await startCms({ admin });
  [publisher, browser] = await Promise.all([startPublisher({ cmsUrl: cms.url, secret, ports }), launchBrowser()]);
  editor = await adminClient(cms.url, admin);
  const first = await publisher.settled();
  expect(first.lastBuild?.ok).toBe(true);
});

afterAll(async () => {
  await browser?.close();
  await publisher?.stop();
  await cms?.stop();
  delete process.env.PUBLISHER_WEBHOOK_URL;
  delete process.env.PUBLISHER_SECRET;
});

const get = (pathname: string) => fetch(`${publisher.portalUrl}${pathname}`);

async function searchFirst(query: string): Promise<string | undefined> {
  const tab = await browser.context.newPage();
  try {
    const results = await searchFor(tab, publisher.portalUrl, query);
    // Only a full match counts: partial matches (some of the words, in other documents) are not the page.
    return (await statusText(tab)).startsWith('找到') ? results[0]?.title : undefined;
  } finally {
    await tab.close();
  }
}

describe('publishing in the CMS', () => {
  it('puts the new page and its search entry live with no other action', async () => {
    const signalsBefore = (await publisher.status()).signals;
    const agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'jingzhong' } })).documentId;
    const created = await editor.create(POLICY, {
      title: TITLE,
      indexNumber: '11370305004326206C/2026-00042',
      docNumber: '敬政发〔2026〕42号',
      publishDate: '2026-11-20',
      validity: 'valid',
      agency,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: '各村：现就做好秸秆综合利用工作通知如下。' }] }],
    });
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    // Saving a draft changes nothing public: the webhook arrives but starts no build.
    await new Promise((r) => setTimeout(r, 800));
    const afterDraft = await publisher.status();
    expect(afterDraft.signals).toBe(signalsBefore);
    expect(afterDraft.building || afterDraft.queued).toBe(false);
    const before = afterDraft.lastBuild!.id;

    const started = Date.now();
    expect((await editor.publish(POLICY, documentId)).status).toBe(200);
    const done = await publisher.settled(before);
    console.log(`publish → live: ${Date.now() - started} ms (build ${done.lastBuild!.durationMs} ms)`);
    expect(done.lastBuild!.ok).toBe(true);
    expect(done.current).toBe(done.lastBuild!.id);

    const page = await get(`/policies/${documentId}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(TITLE);
    expect(await searchFirst('秸秆综合利用')).toContain(TITLE);
  });

  it('takes the page and its search entry away on unpublish', async () => {
    const before = (await publisher.status()).lastBuild!.id;
    const response = await editor.request('POST', `/content-manager/collection-types/${POLICY}/${documentId}/actions/unpublish`, {});
    expect(response.status).toBe(200);
    await publisher.settled(before);
    expect((await get(`/policies/${documentId}/`)).status).toBe(404);
    expect(await searchFirst('秸秆综合利用')).toBeUndefined();
  });
});

describe('the publisher', () => {
  it('coalesces a burst of signals into one build and refuses unsigned ones', async () => {
    const before = await publisher.status();
    expect((await publisher.signal({}, 'wrong-secret')).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await publisher.signal()).status).toBe(202);
    const after = await publisher.settled(before.lastBuild!.id);
    expect(after.signals - before.signals).toBe(5);
    // Exactly one build for the burst (the status counts builds started; releases are pruned).
    expect(after.builds - before.builds).toBe(1);
    expect(after.lastBuild!.id > before.lastBuild!.id).toBe(true);
  });

  it('keeps the last good release serving when a build fails, reports the failure, and recovers', async () => {
    const good = await publisher.status();
    const http = cms.strapi.server.httpServer;
    const port = (http.address() as AddressInfo).port;
    await new Promise((resolve) => http.close(resolve)); // the CMS becomes unreachable
    http.closeAllConnections?.();
    await publisher.signal();
    const failed = await publisher.settled(good.lastBuild!.id);
    expect(failed.lastBuild!.ok).toBe(false);
    expect(failed.lastBuild!.error).toContain('门户构建失败');
    expect(existsSync(path.join(publisher.dir, failed.lastBuild!.log))).toBe(true);
    expect(failed.current).toBe(good.current);
    expect((await get('/reports/jingzhong/2020/')).status).toBe(200);

    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    await publisher.signal();
    const recovered = await publisher.settled(failed.lastBuild!.id);
    expect(recovered.lastBuild!.ok).toBe(true);
    expect(recovered.current).toBe(recovered.lastBuild!.id);
  });
});
