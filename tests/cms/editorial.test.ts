import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * Who may do what in the admin, what the audit log records, and the disclosure guide's revision
 * history, all through the admin's own API as the panel calls it.
 */

const POLICY = 'api::policy-item.policy-item';
const GUIDE = 'api::disclosure-guide.disclosure-guide';
const REPORT = 'api::annual-report.annual-report';
const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
const editorLogin = { email: 'editor@example.com', password: 'Test-Editor-12345' };
const maintainerLogin = { email: 'guide@example.com', password: 'Test-Guide-12345' };

let cms: RunningCms;
let chief: AdminClient;
let editor: AdminClient;
let maintainer: AdminClient;
let jingzhongGuide: string;
let agency: string;

async function createUser(login: { email: string; password: string }, roleCode: string, firstname: string) {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi
    .service('admin::user')
    .create({ ...login, firstname, lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
  // Editors work for the demo agencies (cms/src/scoping/).
  await assignAgencies(strapi, user.id);
}

beforeAll(async () => {
  cms = await startCms({ admin });
  await createUser(editorLogin, 'disclosure-editor', '编辑');
  await createUser(maintainerLogin, 'guide-maintainer', '指南员');
  [chief, editor, maintainer] = await Promise.all([
    adminClient(cms.url, admin),
    adminClient(cms.url, editorLogin),
    adminClient(cms.url, maintainerLogin),
  ]);
  jingzhongGuide = (await cms.strapi.documents(GUIDE).findFirst({ filters: { orgName: '临淄区敬仲镇人民政府' } })).documentId;
  agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'jingzhong' } })).documentId;
});

afterAll(async () => {
  await cms?.stop();
});

// No 索引号: the CMS numbers it from the agency's prefix (validation/policy-item.ts).
const newPolicy = (title: string) => ({ title, publishDate: '2026-11-01', validity: 'valid', agency });

describe('信息公开编辑', () => {
  it('creates, edits and publishes policy items', async () => {
    const created = await editor.create(POLICY, newPolicy('编辑新建的文件'));
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    expect((await editor.update(POLICY, id, { title: '编辑修改后的文件' })).status).toBe(200);
    expect((await editor.publish(POLICY, id)).status).toBe(200);
    const { data } = await graphql(cms.url, '{ policyItems(filters: { title: { eq: "编辑修改后的文件" } }) { title } }');
    expect(data.policyItems).toHaveLength(1);
  });

  it('may not touch disclosure guides, delete anything, or manage users', async () => {
    expect((await editor.update(GUIDE, jingzhongGuide, { fees: '改动' })).status).toBe(403);
    expect((await editor.create(GUIDE, { orgName: 'x', revisedAt: '2026-01-01' })).status).toBe(403);
    const policy = (await cms.strapi.documents(POLICY).findFirst({})).documentId;
    expect((await editor.request('DELETE', `/content-manager/collection-types/${POLICY}/${policy}`)).status).toBe(403);
    expect((await editor.request('GET', '/admin/users')).status).toBe(403);
    expect((await editor.request('GET', `/content-manager/collection-types/api::audit-entry.audit-entry`)).status).toBe(403);
  });
});

describe('指南维护', () => {
  it('edits and publishes disclosure guides, and nothing else', async () => {
    expect(
      (await maintainer.update(GUIDE, jingzhongGuide, { office: undefined, fees: '不收取任何费用。', changeSummary: '更新收费说明' }))
        .status,
    ).toBe(200);
    expect((await maintainer.publish(GUIDE, jingzhongGuide)).status).toBe(200);
    expect((await maintainer.create(POLICY, newPolicy('指南员不能新建'))).status).toBe(403);
    expect((await maintainer.create(REPORT, { year: 2021 })).status).toBe(403);
    expect((await maintainer.request('GET', '/admin/users')).status).toBe(403);
  });
});

describe('the guide revision history', () => {
  it('records each publish with who, when, the summary and the changed fields, readable by the public', async () => {
    const { data } = await graphql(
      cms.url,
      `
        {
          guideRevisions(filters: { agencySlug: { eq: "jingzhong" } }, sort: "recordedAt:asc") {
            recordedAt
            changeSummary
            changedFields
            snapshot
          }
        }
      `,
    );
    const revisions = data.guideRevisions;
    expect(revisions.map((r: { changeSummary: string }) => r.changeSummary)).toEqual(['首次发布', '更新收费说明']);
    expect(revisions[1].changedFields).toEqual(['fees']);
    expect(revisions[1].snapshot.fees).toBe('不收取任何费用。');
    expect(revisions[0].snapshot.fees).toContain('不收取费用');
    const who = await cms.strapi.db.query('api::guide-revision.guide-revision').findOne({ where: { changeSummary: '更新收费说明' } });
    expect(who.editorName).toBe('测试指南员');
  });

  it('asks for a new change summary before republishing', async () => {
    await maintainer.update(GUIDE, jingzhongGuide, { replyDeadline: '20个工作日内答复。' });
    const response = await maintainer.publish(GUIDE, jingzhongGuide);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['changeSummary']);
  });

  it('cannot be written by hand', async () => {
    const response = await chief.create('api::guide-revision.guide-revision', {
      guideDocumentId: 'x',
      recordedAt: new Date().toISOString(),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await cms.strapi.db.query('api::guide-revision.guide-revision').count({ where: { guideDocumentId: 'x' } })).toBe(0);
  });
});

describe('the audit log', () => {
  it('records who did what to which document, readable by administrators only', async () => {
    const read = await chief.request('GET', '/content-manager/collection-types/api::audit-entry.audit-entry?pageSize=100&sort=id:asc');
    expect(read.status).toBe(200);
    const entries = read.body.results.filter((e: { userEmail?: string }) => e.userEmail === editorLogin.email);
    // The admin saves the draft before it publishes: publishing shows as update + publish.
    expect(entries.map((e: { action: string; title: string }) => [e.action, e.title])).toEqual([
      ['create', '编辑新建的文件'],
      ['update', '编辑修改后的文件'],
      ['update', '编辑修改后的文件'],
      ['publish', '编辑修改后的文件'],
    ]);
    expect(entries[0]).toMatchObject({ contentType: POLICY, actionLabel: '新建', origin: '管理后台', userName: '测试编辑' });
    const guideEntries = read.body.results.filter((e: { userEmail?: string }) => e.userEmail === maintainerLogin.email);
    // The refused publish (no change summary) left only its draft save.
    expect(guideEntries.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'publish', 'update']);
    // Denied attempts wrote nothing, and the public cannot read the log.
    expect(read.body.results.some((e: { title?: string }) => e.title === '指南员不能新建')).toBe(false);
    expect((await fetch(`${cms.url}/api/audit-entries`)).status).toBe(403);
  });

  it('cannot be altered, even by an administrator', async () => {
    const entry = await cms.strapi.db.query('api::audit-entry.audit-entry').findOne({});
    const response = await chief.update('api::audit-entry.audit-entry', entry.documentId, { title: '篡改' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((await cms.strapi.db.query('api::audit-entry.audit-entry').findOne({ where: { id: entry.id } })).title).toBe(entry.title);
  });
});
