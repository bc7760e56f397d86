import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { FIXTURE, fixtureContent } from '../fixtures/content.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * Who may do what in the admin, what the audit log records, and the disclosure guide's revision
 * history, all through the admin's own API as the panel calls it. Each test makes the documents it
 * asserts on and reads back only its own (any order, any one alone: --sequence.shuffle, -t).
 */

const POLICY = 'api::policy-item.policy-item';
const GUIDE = 'api::disclosure-guide.disclosure-guide';
const REPORT = 'api::annual-report.annual-report';
const AUDIT = 'api::audit-entry.audit-entry';
const admin = { email: 'chief@example.com', password: 'Test-Admin-12345' };
const editorLogin = { email: 'editor@example.com', password: 'Test-Editor-12345' };
const maintainerLogin = { email: 'guide@example.com', password: 'Test-Guide-12345' };

let cms: RunningCms;
let chief: AdminClient;
let editor: AdminClient;
let maintainer: AdminClient;
let fixtureGuide: string;
let maintainerId: number;
let agency: string;

async function createUser(login: { email: string; password: string }, roleCode: string, firstname: string) {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  const user = await strapi
    .service('admin::user')
    .create({ ...login, firstname, lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
  // Editors work for every agency of the content loaded (cms/src/scoping/).
  await assignAgencies(strapi, user.id);
  return user.id as number;
}

beforeAll(async () => {
  cms = await startCms({ admin, content: fixtureContent });
  await createUser(editorLogin, 'disclosure-editor', '编辑');
  maintainerId = await createUser(maintainerLogin, 'guide-maintainer', '指南员');
  [chief, editor, maintainer] = await Promise.all([
    adminClient(cms.url, admin),
    adminClient(cms.url, editorLogin),
    adminClient(cms.url, maintainerLogin),
  ]);
  fixtureGuide = (await cms.strapi.documents(GUIDE).findFirst({ filters: { orgName: FIXTURE.guideOrgName } })).documentId;
  agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: FIXTURE.guideAgency } })).documentId;
});

afterAll(async () => {
  await cms?.stop();
});

// No 索引号: the CMS numbers it from the agency's prefix (validation/policy-item.ts).
const newPolicy = (title: string) => ({ title, publishDate: '2026-11-01', validity: 'valid', agency });

/** A policy the editor creates, edits and publishes in the admin; its documentId. */
async function editorPublishes(title: string): Promise<string> {
  const created = await editor.create(POLICY, newPolicy(`${title}（新建）`));
  expect(created.status).toBe(201);
  const id = created.body.data.documentId;
  expect((await editor.update(POLICY, id, { title })).status).toBe(200);
  expect((await editor.publish(POLICY, id)).status).toBe(200);
  return id;
}

let guides = 0;
/** A published guide of an agency of its own (its first revision, 首次发布, recorded); its documentId and the agency's slug. */
async function newGuide(): Promise<{ id: string; slug: string }> {
  const slug = `guide-test-${++guides}`;
  const template = fixtureContent.agencies.find((a) => a.slug === FIXTURE.guideAgency)!;
  const created = await cms.strapi.documents('api::agency.agency').create({
    data: { ...template, slug, name: `测试指南机构${guides}`, creditCode: undefined, parent: undefined, requireReview: false },
    status: 'published',
  });
  // The maintainer works for it too (an agency made after the users were assigned).
  await assignAgencies(cms.strapi as never, maintainerId, [created.documentId]);
  const { agency: _seedAgency, ...guide } = fixtureContent.guides[0]!;
  const published = await cms.strapi.documents(GUIDE).create({
    data: { ...guide, orgName: `测试指南机构${guides}`, agency: created.documentId },
    status: 'published',
  });
  return { id: published.documentId, slug };
}

/** What the maintainer does to a guide: a fee change with its summary, published. */
async function maintainerRevisesFees(guide: string) {
  expect(
    (await maintainer.update(GUIDE, guide, { office: undefined, fees: '不收取任何费用。', changeSummary: '更新收费说明' })).status,
  ).toBe(200);
  expect((await maintainer.publish(GUIDE, guide)).status).toBe(200);
}

/** The audit entries of one document, oldest first (read as an administrator). */
async function auditOf(documentId: string): Promise<Array<Record<string, any>>> {
  const read = await chief.request(
    'GET',
    `/content-manager/collection-types/${AUDIT}?pageSize=100&sort=id:asc&filters[targetDocumentId][$eq]=${documentId}`,
  );
  expect(read.status).toBe(200);
  return read.body.results;
}

describe('信息公开编辑', () => {
  it('creates, edits and publishes policy items', async () => {
    await editorPublishes('编辑修改后的文件');
    const { data } = await graphql(cms.url, '{ policyItems(filters: { title: { eq: "编辑修改后的文件" } }) { title } }');
    expect(data.policyItems).toHaveLength(1);
  });

  it('may not touch disclosure guides, delete anything, or manage users', async () => {
    expect((await editor.update(GUIDE, fixtureGuide, { fees: '改动' })).status).toBe(403);
    expect((await editor.create(GUIDE, { orgName: 'x', revisedAt: '2026-01-01' })).status).toBe(403);
    const policy = (await cms.strapi.documents(POLICY).findFirst({ status: 'published', filters: { title: FIXTURE.editedPolicy } }))
      .documentId;
    expect((await editor.request('DELETE', `/content-manager/collection-types/${POLICY}/${policy}`)).status).toBe(403);
    expect((await editor.request('GET', '/admin/users')).status).toBe(403);
    expect((await editor.request('GET', `/content-manager/collection-types/api::audit-entry.audit-entry`)).status).toBe(403);
  });
});

describe('指南维护', () => {
  it('edits and publishes disclosure guides, and nothing else', async () => {
    const guide = await newGuide();
    await maintainerRevisesFees(guide.id);
    expect((await cms.strapi.documents(GUIDE).findOne({ documentId: guide.id, status: 'published' })).fees).toBe('不收取任何费用。');
    expect((await maintainer.create(POLICY, newPolicy('指南员不能新建'))).status).toBe(403);
    expect(await cms.strapi.db.query(POLICY).count({ where: { title: '指南员不能新建' } })).toBe(0);
    expect((await maintainer.create(REPORT, { year: 2021 })).status).toBe(403);
    expect((await maintainer.request('GET', '/admin/users')).status).toBe(403);
  });
});

describe('the guide revision history', () => {
  it('records each publish with who, when, the summary and the changed fields, readable by the public', async () => {
    const guide = await newGuide();
    await maintainerRevisesFees(guide.id);
    const { data } = await graphql(
      cms.url,
      `
        {
          guideRevisions(filters: { agencySlug: { eq: "${guide.slug}" } }, sort: "recordedAt:asc") {
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
    const who = await cms.strapi.db
      .query('api::guide-revision.guide-revision')
      .findOne({ where: { guideDocumentId: guide.id, changeSummary: '更新收费说明' } });
    expect(who.editorName).toBe('测试指南员');
  });

  it('asks for a new change summary before republishing', async () => {
    const guide = await newGuide();
    await maintainerRevisesFees(guide.id);
    await maintainer.update(GUIDE, guide.id, { replyDeadline: '20个工作日内答复。' });
    const response = await maintainer.publish(GUIDE, guide.id);
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
    const policy = await editorPublishes('审计的文件');
    const entries = await auditOf(policy);
    expect(entries.every((e) => e.userEmail === editorLogin.email)).toBe(true);
    // The admin saves the draft before it publishes: publishing shows as update + publish.
    expect(entries.map((e) => [e.action, e.title])).toEqual([
      ['create', '审计的文件（新建）'],
      ['update', '审计的文件'],
      ['update', '审计的文件'],
      ['publish', '审计的文件'],
    ]);
    expect(entries[0]).toMatchObject({ contentType: POLICY, actionLabel: '新建', origin: '管理后台', userName: '测试编辑' });

    const guide = await newGuide();
    await maintainerRevisesFees(guide.id);
    await maintainer.update(GUIDE, guide.id, { replyDeadline: '20个工作日内答复。' });
    expect((await maintainer.publish(GUIDE, guide.id)).status).toBe(400);
    // Its first publish, made in code (newGuide), is the system's.
    const guideEntries = (await auditOf(guide.id)).filter((e) => e.origin === '管理后台');
    expect(guideEntries.every((e) => e.userEmail === maintainerLogin.email)).toBe(true);
    // The refused publish (no change summary) left only its draft save.
    expect(guideEntries.map((e) => e.action)).toEqual(['update', 'update', 'publish', 'update']);

    // Denied attempts write nothing, and the public cannot read the log.
    expect((await maintainer.create(POLICY, newPolicy('指南员不能新建的审计'))).status).toBe(403);
    expect(await cms.strapi.db.query(AUDIT).count({ where: { title: '指南员不能新建的审计' } })).toBe(0);
    expect((await fetch(`${cms.url}/api/audit-entries`)).status).toBe(403);
  });

  it('cannot be altered, even by an administrator', async () => {
    const [entry] = await auditOf(await editorPublishes('不可篡改的记录'));
    const response = await chief.update(AUDIT, entry!.documentId, { title: '篡改' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((await cms.strapi.db.query(AUDIT).findOne({ where: { id: entry!.id } })).title).toBe(entry!.title);
  });
});
