import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { FIXTURE, fixtureContent } from '../fixtures/content.ts';

/*
 * A disclosure guide revised after it was published: 更新于 (指南更新日期) follows the publish that
 * changed the guide unless the editor wrote a later date, and each revision starts with an empty
 * 修订说明 while the revision record keeps what was written.
 */

const GUIDE = 'api::disclosure-guide.disclosure-guide';
const REVISION = 'api::guide-revision.guide-revision';
const admin = { email: 'guide-flow@example.com', password: 'Test-Admin-12345' };
const office = { name: '测试办公室', address: '测试路1号', hours: '工作日', phone: '0533-0000000', fax: '0533-0000001' };

let cms: RunningCms;
let chief: AdminClient;
let serial = 0;
const today = () => chinaDate(new Date());
const docs = () => cms.strapi.documents(GUIDE);
const revisionsOf = (documentId: string) =>
  cms.strapi.db.query(REVISION).findMany({ where: { guideDocumentId: documentId }, orderBy: [{ id: 'asc' }] });
const guideAt = (revisedAt: string) => ({ orgName: `测试指南-${++serial}`, revisedAt, office, fees: '不收费。' });
const load = (documentId: string) => chief.request('GET', `/content-manager/collection-types/${GUIDE}/${documentId}`);

beforeAll(async () => {
  cms = await startCms({ admin, content: fixtureContent });
  chief = await adminClient(cms.url, admin);
});

afterAll(async () => {
  await cms?.stop();
});

describe('更新于', () => {
  it('follows the publish that changed the guide when the editor left the date as it was', async () => {
    const guide = await docs().findFirst({ filters: { orgName: FIXTURE.guideOrgName }, status: 'published' });
    expect(guide.revisedAt).toBe(FIXTURE.guideRevisedAt);
    const response = await chief.publish(GUIDE, guide.documentId, { fees: '依法不收取任何费用。', changeSummary: '更新收费说明' });
    expect(response.status).toBe(200);
    expect((await docs().findOne({ documentId: guide.documentId, status: 'published' })).revisedAt).toBe(today());
    const revisions = await revisionsOf(guide.documentId);
    expect(revisions.at(-1)).toMatchObject({ changeSummary: '更新收费说明', revisedAt: today(), changedFields: ['fees'] });
  });

  it('keeps a later date the editor wrote, and refuses an earlier or a future one in Chinese', async () => {
    const { documentId } = await docs().create({ data: guideAt('2026-01-05'), status: 'published' });
    const earlier = await chief.publish(GUIDE, documentId, { revisedAt: '2025-12-31', fees: '按件收费。', changeSummary: '改收费' });
    expect(earlier.status).toBe(400);
    expect(earlier.body.error.message).toContain('“2025-12-31”早于上次发布的更新日期（2026-01-05）');
    expect(earlier.body.error.details.errors[0].path).toEqual(['revisedAt']);

    const future = await chief.publish(GUIDE, documentId, { revisedAt: '2099-01-01', changeSummary: '改收费' });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain('晚于今天');
    expect((await docs().findOne({ documentId, status: 'published' })).revisedAt).toBe('2026-01-05');

    const later = await chief.publish(GUIDE, documentId, { revisedAt: '2026-02-01', changeSummary: '改收费' });
    expect(later.status).toBe(200);
    expect((await docs().findOne({ documentId, status: 'published' })).revisedAt).toBe('2026-02-01');
  });

  it('is set on a first publish without one, and left alone by a republish that changed nothing', async () => {
    const { documentId } = await docs().create({ data: { ...guideAt('2026-01-05'), revisedAt: null }, status: 'published' });
    expect((await docs().findOne({ documentId, status: 'published' })).revisedAt).toBe(today());

    const { documentId: other } = await docs().create({ data: guideAt('2025-05-05'), status: 'published' });
    expect((await chief.publish(GUIDE, other, { changeSummary: '仅重新发布' })).status).toBe(200);
    expect((await docs().findOne({ documentId: other, status: 'published' })).revisedAt).toBe('2025-05-05');
  });
});

describe('修订说明', () => {
  it('starts empty for the next revision; the revision record keeps the text', async () => {
    const { documentId } = await docs().create({ data: guideAt('2026-01-05'), status: 'published' });
    expect((await chief.publish(GUIDE, documentId, { replyDeadline: '15个工作日内答复。', changeSummary: '缩短答复期限' })).status).toBe(
      200,
    );

    const opened = await load(documentId);
    expect(opened.status).toBe(200);
    expect(opened.body.data.changeSummary ?? null).toBeNull();
    // Clearing it is bookkeeping: the guide shows as published, with no pending changes.
    expect(opened.body.data.status).toBe('published');
    expect((await docs().findOne({ documentId, status: 'published' })).changeSummary ?? null).toBeNull();
    expect((await revisionsOf(documentId)).map((r: { changeSummary: string }) => r.changeSummary)).toEqual(['首次发布', '缩短答复期限']);

    // The next revision cannot go out with the previous text unnoticed: it needs its own.
    const silent = await chief.publish(GUIDE, documentId, { fees: '按件收费。' });
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.errors[0].path).toEqual(['changeSummary']);
    const stale = await chief.publish(GUIDE, documentId, { fees: '按件收费。', changeSummary: '缩短答复期限' });
    expect(stale.status).toBe(400);
    expect((await chief.publish(GUIDE, documentId, { fees: '按件收费。', changeSummary: '调整收费' })).status).toBe(200);
  });
});
