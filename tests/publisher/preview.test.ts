import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_TTL_MS, signedPreviewPath } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { reservePorts, startPublisher, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * Draft preview: the CMS's Preview (as the admin's “预览” button calls it) hands out a link signed
 * for one document and ten minutes; the portal renders the draft exactly as its published page
 * would look, marked as a preview. Without a valid signature — none, expired, forged, or for
 * another document — the answer is the ordinary 404 page.
 */

const POLICY = 'api::policy-item.policy-item';
const admin = { email: 'preview-admin@example.com', password: 'Test-Admin-12345' };
const previewSecret = 'preview-secret-for-tests';
const DRAFT = '临淄区2022年重点民生实事项目（征求意见稿）';

let cms: RunningCms;
let publisher: RunningPublisher;
let editor: AdminClient;
let draftId: string;
let notFoundPage: string;

beforeAll(async () => {
  const ports = await reservePorts();
  Object.assign(process.env, { PREVIEW_SECRET: previewSecret, PORTAL_URL: `http://127.0.0.1:${ports.portal}` });
  cms = await startCms({ admin });
  const token = await (cms.strapi as any)
    .service('admin::api-token')
    .create({ name: '门户预览', type: 'read-only', lifespan: null, description: '' });
  publisher = await startPublisher({
    cmsUrl: cms.url,
    secret: 'x',
    ports,
    env: { PREVIEW_SECRET: previewSecret, PREVIEW_API_TOKEN: token.accessKey },
  });
  await publisher.settled();
  editor = await adminClient(cms.url, admin);
  draftId = (await cms.strapi.documents(POLICY).findFirst({ status: 'draft', filters: { title: DRAFT } })).documentId;
  notFoundPage = await (await fetch(`${publisher.portalUrl}/no-such-page/`)).text();
});

afterAll(async () => {
  await publisher?.stop();
  await cms?.stop();
  delete process.env.PREVIEW_SECRET;
  delete process.env.PORTAL_URL;
});

const get = async (pathAndQuery: string) => {
  const response = await fetch(`${publisher.portalUrl}${pathAndQuery}`);
  return { status: response.status, html: await response.text(), robots: response.headers.get('x-robots-tag') };
};

describe('draft preview', () => {
  it('renders the draft from the link the CMS signs, as its published page would look, marked as a preview', async () => {
    const response = await editor.request('GET', `/content-manager/preview/url/${POLICY}?documentId=${draftId}&status=draft`);
    expect(response.status).toBe(200);
    const url = new URL(response.body.data.url);
    expect(url.origin).toBe(publisher.portalUrl);
    const page = await get(url.pathname + url.search);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`<h1>${DRAFT}</h1>`);
    expect(page.html).toContain('<th scope="row">文号</th><td>临政发〔2022〕1号</td>');
    expect(page.html).toContain('预览：这是尚未发布的草稿');
    expect(page.html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page.html).not.toContain('data-pagefind-body');
    // The draft is still nowhere in the public portal.
    expect((await get(`/policies/${draftId}/`)).status).toBe(404);
  });

  it('answers the ordinary 404 page without a signature, with an expired or forged one, or for another document', async () => {
    const expires = Date.now() + PREVIEW_TTL_MS;
    const otherId = (await cms.strapi.documents(POLICY).findFirst({ status: 'published' })).documentId;
    const refused = [
      `/preview/policies/${draftId}/`,
      await signedPreviewPath(previewSecret, { type: 'policies', documentId: draftId, expires: Date.now() - 1000 }),
      await signedPreviewPath('forged-secret', { type: 'policies', documentId: draftId, expires }),
      (await signedPreviewPath(previewSecret, { type: 'policies', documentId: otherId, expires })).replace(otherId, draftId),
      (await signedPreviewPath(previewSecret, { type: 'policies', documentId: draftId, expires })).replace(
        /signature=([0-9a-f])/,
        (_, c) => `signature=${c === '0' ? '1' : '0'}`,
      ),
      await signedPreviewPath(previewSecret, { type: 'policies', documentId: 'no-such-document', expires }),
    ];
    for (const path of refused) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.html, path).toBe(notFoundPage);
    }
    // A valid link still works, so the refusals above are the signature's doing.
    expect((await get(await signedPreviewPath(previewSecret, { type: 'policies', documentId: draftId, expires }))).status).toBe(200);
  });

  it('previews annual reports and interpretations too', async () => {
    const report = await cms.strapi.documents('api::annual-report.annual-report').findFirst({ filters: { year: 2020 } });
    const reportPage = await get(
      await signedPreviewPath(previewSecret, { type: 'reports', documentId: report.documentId, expires: Date.now() + 60_000 }),
    );
    expect(reportPage.status).toBe(200);
    expect(reportPage.html).toContain('表三　收到和处理政府信息公开申请情况');
    const interpretation = await cms.strapi
      .documents('api::policy-interpretation.policy-interpretation')
      .findFirst({ status: 'draft', filters: { title: { $contains: '草稿' } } });
    const interpretationPage = await get(
      await signedPreviewPath(previewSecret, {
        type: 'interpretations',
        documentId: interpretation.documentId,
        expires: Date.now() + 60_000,
      }),
    );
    expect(interpretationPage.status).toBe(200);
    expect(interpretationPage.html).toContain('关于临淄区2021年政务公开工作要点的补充解读（草稿）');
  });
});
