import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_NOTICE_LEAD, archiveNotice, reportTemplates, tableCells, type TableData } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { assignAgencies } from '../../cms/src/scoping/agency-scope.ts';

/*
 * 原样归档 (issue 9): an inconsistent historical report may be stored and published as it was
 * published, its 勾稽关系 errors kept as findings, but only by someone holding the 原样归档
 * permission (档案管理, Super Admin) or by code in the CMS process (the importer's --archive).
 * Everyone else, on every path (admin, REST, GraphQL), is refused exactly as before.
 */

const REPORT = 'api::annual-report.annual-report';
const admin = { email: 'archive-chief@example.com', password: 'Test-Admin-12345' };
const editorLogin = { email: 'archive-editor@example.com', password: 'Test-Editor-12345' };
const archivistLogin = { email: 'archivist@example.com', password: 'Test-Archivist-12345' };
const CELL = '表三 （七）总计 · 总计';
const BOTH = [CELL, '表三 （七）总计 · 自然人'].sort();

let cms: RunningCms;
let chief: AdminClient;
let editor: AdminClient;
let archivist: AdminClient;
let token: string;
/** An agency that publishes directly (no 保密审查 step), for the archivist's own publish. */
let directAgency: string;
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

/** A complete 2021 report, every cell 0: consistent; of an agency that publishes without review. */
function consistent(title: string): Record<string, unknown> {
  const out: Record<string, unknown> = { year: 2021, title, agency: directAgency };
  for (const table of reportTemplates['2021'].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    out[table.field] = data;
  }
  return out;
}

/** As printed by a county: one application under （六）3.其他 that （七）总计 leaves out (R3, twice). */
function inconsistent(title: string): Record<string, unknown> {
  const report = consistent(title);
  const request = structuredClone(report.requestTable) as TableData;
  request.otherHandlingOther = { ...request.otherHandlingOther, naturalPerson: 1, total: 1 };
  request.newRequests = { ...request.newRequests, naturalPerson: 1, total: 1 };
  request.carriedForward = { ...request.carriedForward, naturalPerson: 1, total: 1 };
  return { ...report, requestTable: request };
}

async function createUser(login: { email: string; password: string }, roleCode: string, firstname: string) {
  const strapi = cms.strapi as any;
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  await strapi
    .service('admin::user')
    .create({ ...login, firstname, lastname: '测试', isActive: true, registrationToken: null, roles: [role.id] });
}

const countTitled = (title: string) => cms.strapi.db.query(REPORT).count({ where: { title } });
const draftOf = (documentId: string) => cms.strapi.documents(REPORT).findOne({ documentId });
const publishedOf = (documentId: string) => cms.strapi.documents(REPORT).findOne({ documentId, status: 'published' });
const cells = (findings: Array<{ cell: string }> | null) => (findings ?? []).map((f) => f.cell).sort();

beforeAll(async () => {
  cms = await startCms({ admin, demo: false });
  await createUser(editorLogin, 'disclosure-editor', '编辑');
  await createUser(archivistLogin, 'report-archivist', '档案员');
  [chief, editor, archivist] = await Promise.all([
    adminClient(cms.url, admin),
    adminClient(cms.url, editorLogin),
    adminClient(cms.url, archivistLogin),
  ]);
  directAgency = (
    await (cms.strapi as any)
      .documents('api::agency.agency')
      .create({ data: { name: '测试县档案局', slug: 'archive-test', kind: 'department', requireReview: false }, status: 'published' })
  ).documentId;
  // The editor works for it (cms/src/scoping/).
  const editorUser = await cms.strapi.db.query('admin::user').findOne({ where: { email: editorLogin.email } });
  await assignAgencies(cms.strapi, editorUser.id);
  token = (
    await (cms.strapi as any)
      .service('admin::api-token')
      .create({ name: 'archive-full', type: 'full-access', lifespan: null, description: '' })
  ).accessKey;
});

afterAll(async () => {
  await cms?.stop();
});

describe('who may archive', () => {
  it('the 档案管理 role holds the 原样归档 permission, 信息公开编辑 does not', async () => {
    const strapi = cms.strapi as any;
    const actionsOf = async (code: string) => {
      const role = await strapi.service('admin::role').findOne({ code });
      const permissions = await strapi.service('admin::permission').findMany({ where: { role: { id: role.id } } });
      return permissions.map((p: { action: string }) => p.action);
    };
    expect(await actionsOf('report-archivist')).toContain('plugin::report-grid.archive');
    expect(await actionsOf('disclosure-editor')).not.toContain('plugin::report-grid.archive');
    expect(await actionsOf('strapi-super-admin')).toContain('plugin::report-grid.archive');
  });

  it('an editor without the permission is refused, archived or not, and nothing is stored', async () => {
    const title = unique('编辑归档');
    const archived = await editor.create(REPORT, { ...inconsistent(title), archivedAsPublished: true });
    expect(archived.status).toBe(400);
    expect(archived.body.error.message).toContain('只有具有“原样归档”权限的人员');
    expect(archived.body.error.details.errors[0].path).toEqual(['archivedAsPublished']);
    const plain = await editor.create(REPORT, inconsistent(title));
    expect(plain.status).toBe(400);
    expect(plain.body.error.message).toContain(`${CELL}：应为 1`);
    // Even a consistent report may not be flagged by them.
    expect((await editor.create(REPORT, { ...consistent(title), archivedAsPublished: true })).status).toBe(400);
    expect(await countTitled(title)).toBe(0);
  });

  it('a full-access API token may not archive, through REST or GraphQL', async () => {
    const title = unique('接口归档');
    const response = await fetch(`${cms.url}/api/annual-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ data: { ...inconsistent(title), archivedAsPublished: true } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('原样归档');
    const mutation = 'mutation ($data: AnnualReportInput!) { createAnnualReport(data: $data, status: PUBLISHED) { documentId } }';
    const result = await graphql(
      cms.url,
      mutation,
      { data: { ...inconsistent(title), archivedAsPublished: true } },
      { authorization: `Bearer ${token}` },
    );
    expect(result.errors?.[0]?.message).toContain('原样归档');
    expect(await countTitled(title)).toBe(0);
  });

  it('an archivist (档案管理) archives through the admin: errors kept, warnings as usual, published with its findings', async () => {
    const title = unique('县级报告');
    const forged = [{ rule: 'R3', cell: '伪造的单元格', message: '伪造' }];
    const created = await archivist.create(REPORT, { ...inconsistent(title), archivedAsPublished: true, archivedFindings: forged });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const draft = await draftOf(id);
    expect(draft.archivedAsPublished).toBe(true);
    // Computed by the server, never the client's.
    expect(cells(draft.archivedFindings)).toEqual(BOTH);
    expect(draft.archivedFindings[0]).toMatchObject({ rule: 'R3', table: 'requestTable', row: 'handledTotal', expected: 1, actual: 0 });

    expect((await archivist.publish(REPORT, id)).status).toBe(200);
    expect(cells((await publishedOf(id)).archivedFindings)).toEqual(BOTH);

    // The public reads the flag and the findings over GraphQL: the portal's notice.
    const { data } = await graphql(
      cms.url,
      `{ annualReports(filters: { title: { eq: "${title}" } }) { archivedAsPublished archivedFindings } }`,
    );
    const [report] = data.annualReports;
    expect(report.archivedAsPublished).toBe(true);
    const notice = archiveNotice(report.archivedAsPublished, report.archivedFindings);
    expect(notice?.lead).toBe(ARCHIVE_NOTICE_LEAD);
    expect(notice?.lead.startsWith('原报告数据存在以下不一致')).toBe(true);
    expect(notice?.items.map((i) => i.cell).sort()).toEqual(BOTH);
    expect(notice?.items.find((i) => i.cell === CELL)?.message).toBe(`${CELL}：应为 1（各处理结果之和），实为 0`);
  });

  it('Super Admin may archive too', async () => {
    const created = await chief.create(REPORT, { ...inconsistent(unique('超级管理员归档')), archivedAsPublished: true });
    expect(created.status).toBe(201);
    expect(cells((await draftOf(created.body.data.documentId)).archivedFindings)).toHaveLength(2);
  });

  it('code in the CMS process (the importer) may archive through the Document Service; without the flag it is refused', async () => {
    const title = unique('导入归档');
    await expect(cms.strapi.documents(REPORT).create({ data: inconsistent(title) })).rejects.toThrow('年度报告未通过校验');
    expect(await countTitled(title)).toBe(0);
    const created = await cms.strapi.documents(REPORT).create({ data: { ...inconsistent(title), archivedAsPublished: true } });
    expect(cells(created.archivedFindings)).toHaveLength(2);
  });
});

describe('an archived report', () => {
  let id: string;
  beforeAll(async () => {
    const created = await archivist.create(REPORT, { ...inconsistent(unique('归档后')), archivedAsPublished: true });
    id = created.body.data.documentId;
    expect((await archivist.publish(REPORT, id)).status).toBe(200);
  });

  it('still refuses what a cell may not hold (R8), archived or not', async () => {
    const report = inconsistent(unique('坏单元格'));
    const proactive = structuredClone(report.proactiveTable) as Record<string, Record<string, unknown>>;
    proactive.fees = { amount: -3 };
    const response = await archivist.create(REPORT, { ...report, proactiveTable: proactive, archivedAsPublished: true });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('表二 行政事业性收费');
  });

  it('an editor without the right may edit it, but not add an inconsistency nor clear the flag', async () => {
    expect((await editor.update(REPORT, id, { title: '改了标题的归档报告' })).status).toBe(200);
    expect(cells((await draftOf(id)).archivedFindings)).toHaveLength(2);

    const worse = structuredClone((await draftOf(id)).reviewTable) as TableData;
    const [firstRow] = Object.keys(worse);
    const [firstColumn] = Object.keys(worse[firstRow!]!);
    worse[firstRow!]![firstColumn!] = 9;
    const added = await editor.update(REPORT, id, { reviewTable: worse });
    expect(added.status).toBe(400);
    expect(added.body.error.message).toContain('表四');

    const cleared = await editor.update(REPORT, id, { archivedAsPublished: false });
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.message).toContain('取消年度报告的原样归档');
    expect((await draftOf(id)).archivedAsPublished).toBe(true);
  });

  it('is not silently fixed: a change of its figures needs a 更正说明, and its findings are recomputed', async () => {
    const fixed = structuredClone((await draftOf(id)).requestTable) as TableData;
    fixed.handledTotal = { ...fixed.handledTotal, naturalPerson: 1, total: 1 };
    fixed.carriedForward = { ...fixed.carriedForward, naturalPerson: 0, total: 0 };
    expect((await archivist.update(REPORT, id, { requestTable: fixed })).status).toBe(200);
    expect((await draftOf(id)).archivedFindings).toBeNull();
    const silent = await archivist.publish(REPORT, id);
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.errors[0].path).toEqual(['correctionNote']);
    expect(cells((await publishedOf(id)).archivedFindings)).toHaveLength(2);

    const note = '更正：表三（七）总计按各处理结果之和更正为1件。';
    expect((await archivist.publish(REPORT, id, { correctionNote: note })).status).toBe(200);
    const corrected = await publishedOf(id);
    expect(corrected.archivedFindings).toBeNull();
    expect(corrected.correctionNote).toBe(note);
  });

  it('a copy of an archived report is a new report, not archived: checked as any draft', async () => {
    const source = (await archivist.create(REPORT, { ...inconsistent(unique('复制来源')), archivedAsPublished: true })).body.data
      .documentId;
    const copy = await editor.request('POST', `/content-manager/collection-types/${REPORT}/clone/${source}`, { title: unique('副本') });
    expect(copy.status).toBe(400);
    expect(copy.body.error.message).toContain('年度报告未通过校验');
  });

  it('withdrawing the flag of a published report is a correction too', async () => {
    const created = await archivist.create(REPORT, { ...consistent(unique('一致但归档')), archivedAsPublished: true });
    const other = created.body.data.documentId;
    expect((await archivist.publish(REPORT, other)).status).toBe(200);
    const silent = await archivist.publish(REPORT, other, { archivedAsPublished: false });
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.errors[0].path).toEqual(['correctionNote']);
    expect((await publishedOf(other)).archivedAsPublished).toBe(true);
  });
});
