import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { freePort } from '../helpers/portal.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * "已上线" (issue 10 part 6): the CMS's admin route reads the real publisher's /status and tells the
 * edit view whether the document's last publish is live: 正在构建… → 已上线 with its portal address,
 * 构建失败：… when the build after the publish failed, and a Chinese word when the publisher cannot
 * be reached. Nothing of the publisher's files or logs passes through.
 */

const POLICY = 'api::policy-item.policy-item';
const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
const maintainerLogin = { email: 'guide@example.com', password: 'Test-Guide-12345' };
const secret = 'publish-status-secret';

let cms: RunningCms;
let publisher: RunningPublisher;
let broken: RunningPublisher | undefined;
let chief: AdminClient;
let maintainer: AdminClient;
let portalUrl: string;

const live = (client: AdminClient, documentId: string) => client.request('GET', `/review/live/${POLICY}/${documentId}`);

beforeAll(async () => {
  const ports = await reservePorts();
  portalUrl = `http://127.0.0.1:${ports.portal}`;
  Object.assign(process.env, {
    PUBLISHER_WEBHOOK_URL: `http://127.0.0.1:${ports.control}/webhook`,
    PUBLISHER_SECRET: secret,
    PUBLISHER_URL: `http://127.0.0.1:${ports.control}`,
    PORTAL_URL: portalUrl,
  });
  cms = await startCms({ admin });
  const role = await (cms.strapi as any).service('admin::role').findOne({ code: 'guide-maintainer' });
  const maintainerUser = await (cms.strapi as any)
    .service('admin::user')
    .create({ ...maintainerLogin, firstname: '指南员', lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
  // Works for the demo agencies (cms/src/scoping/).
  await assignAgencies(cms.strapi, maintainerUser.id);
  [chief, maintainer] = await Promise.all([adminClient(cms.url, admin), adminClient(cms.url, maintainerLogin)]);
  publisher = await startPublisher({ cmsUrl: cms.url, secret, ports });
  await publisher.settled();
}, 300_000);

afterAll(async () => {
  await broken?.stop();
  await publisher?.stop();
  await cms?.stop();
  for (const key of ['PUBLISHER_WEBHOOK_URL', 'PUBLISHER_SECRET', 'PUBLISHER_URL', 'PORTAL_URL']) delete process.env[key];
});

describe('the 已上线 route', () => {
  it('follows a publish from 正在构建… to 已上线 with the portal address of the document', async () => {
    const doc = await cms.strapi.documents(POLICY).findFirst({ status: 'published', filters: { agency: { slug: 'jingzhong' } } });
    const title = `${doc.title}（上线测试）`;
    expect((await chief.publish(POLICY, doc.documentId, { title })).status).toBe(200);
    const published = Date.now();

    const first = await live(chief, doc.documentId);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ state: 'building', message: '正在构建…' });

    let answer = first.body.data;
    const until = Date.now() + 120_000;
    while (answer.state === 'building' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      answer = (await live(chief, doc.documentId)).body.data;
    }
    expect(answer).toMatchObject({ state: 'live', message: '已上线', url: `${portalUrl}/policies/${doc.documentId}/` });
    console.log(`publish → 已上线 in the admin's route: ${Date.now() - published} ms`);
    expect(await (await fetch(answer.url)).text()).toContain(title);
    // Only the words and the address: no log file, no folder of the publisher.
    expect(JSON.stringify(answer)).not.toMatch(/log|var\/|\/work|\.html/);
  });

  it('says 构建失败 in Chinese when the build after the publish failed', async () => {
    // A second, real publisher whose CMS address answers nothing: every build it starts fails.
    const ports = await reservePorts();
    broken = await startPublisher({ cmsUrl: `http://127.0.0.1:${await freePort()}`, secret, ports });
    process.env.PUBLISHER_URL = broken.controlUrl;
    try {
      const doc = await cms.strapi.documents(POLICY).findFirst({ status: 'published' });
      let answer: any;
      const until = Date.now() + 120_000;
      do {
        await new Promise((r) => setTimeout(r, 200));
        answer = (await live(chief, doc.documentId)).body.data;
      } while (answer.state === 'building' && Date.now() < until);
      expect(answer.state).toBe('failed');
      expect(answer.message).toMatch(/^构建失败：/);
      expect(answer.message).toContain('内容管理系统（CMS_URL）无法访问');
      expect(answer.message).not.toMatch(/\/work|var\//);
    } finally {
      process.env.PUBLISHER_URL = publisher.controlUrl;
    }
  });

  it('says so in Chinese when the publisher cannot be reached', async () => {
    process.env.PUBLISHER_URL = `http://127.0.0.1:${await freePort()}`;
    try {
      const doc = await cms.strapi.documents(POLICY).findFirst({ status: 'published' });
      const answer = await live(chief, doc.documentId);
      expect(answer.status).toBe(200);
      expect(answer.body.data.state).toBe('unknown');
      expect(answer.body.data.message).toContain('无法连接发布服务');
    } finally {
      process.env.PUBLISHER_URL = publisher.controlUrl;
    }
  });

  it('answers only a logged-in reader of the type, and nothing for a draft that was never published', async () => {
    const doc = await cms.strapi.documents(POLICY).findFirst({ status: 'published' });
    expect((await fetch(`${cms.url}/review/live/${POLICY}/${doc.documentId}`)).status).toBe(401);
    const refused = await live(maintainer, doc.documentId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('没有查看');
    const draft = await cms.strapi
      .documents(POLICY)
      .create({ data: { title: '从未发布的草稿', publishDate: '2026-11-01', validity: 'valid' } });
    expect((await live(chief, draft.documentId)).body.data).toMatchObject({
      state: 'unknown',
      message: expect.stringContaining('尚未发布'),
    });
    const bad = await chief.request('GET', `/review/live/${POLICY}/..%2F..%2Fetc`);
    expect(bad.status).toBe(400);
  });
});
