import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTemplates, tableCells, type TableData, type TemplateVersion } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';

/*
 * The publish rules on every path that can publish: the whole form (every cell filled) and the
 * 更正说明 of an annual report, the 修订说明 (and its revision record) of a disclosure guide.
 *
 *   path                          whole form        更正说明                   修订说明 + revision
 *   create, status published      DS, admin, REST, GraphQL
 *   update, status published                        DS, admin, REST, GraphQL   DS, admin, REST, GraphQL
 *   publish, one document         admin (annual-report-validation, editorial tests), DS below
 *   publish, several at once      DS $in, admin bulk DS $in, admin bulk        DS $in, admin bulk
 *   unpublish → edit → publish                      admin, admin bulk, DS      admin, admin bulk, DS $in
 *   clone (admin 复制, DS)         checked as a new draft (勾稽关系, format version), audited with its source
 *
 * REST and GraphQL write only with an API token (here one of full access); the Public role cannot
 * write. What was last published is kept in a private record, since Strapi deletes the published
 * row on unpublish.
 */

const REPORT = 'api::annual-report.annual-report';
const GUIDE = 'api::disclosure-guide.disclosure-guide';
const REVISION = 'api::guide-revision.guide-revision';
const AUDIT = 'api::audit-entry.audit-entry';
const RECORD = 'api::publication-record.publication-record';
const admin = { email: 'rules-admin@example.com', password: 'Test-Admin-12345' };

let cms: RunningCms;
let chief: AdminClient;
let token: string;
let serial = 0;

/** A complete, consistent report: every cell 0 (no agency, so no previous year is compared). */
function completeReport(title: string, version: TemplateVersion = '2021'): Record<string, unknown> {
  const out: Record<string, unknown> = { year: version === '2021' ? 2021 : 2020, title };
  for (const table of reportTemplates[version].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    out[table.field] = data;
  }
  return out;
}

/** The same with one cell left empty: a valid draft, not publishable. */
function incompleteReport(title: string): Record<string, unknown> {
  const report = completeReport(title);
  const proactive = { ...(report.proactiveTable as TableData) };
  delete proactive.fees;
  return { ...report, proactiveTable: proactive };
}

/** The complete report's 表二 with a changed fee: a correction. */
function changedFees(amount: number): Record<string, unknown> {
  return { proactiveTable: { ...(completeReport('').proactiveTable as TableData), fees: { amount } } };
}

const office = { name: '测试办公室', address: '测试路1号', hours: '工作日', phone: '0533-0000000', fax: '0533-0000001' };
const newGuide = (orgName: string) => ({ orgName, revisedAt: '2026-11-01', office, fees: '不收费。' });

const unique = (prefix: string) => `${prefix}-${++serial}`;
const docs = (uid: string) => cms.strapi.documents(uid);
const published = (uid: string, documentId: string) => docs(uid).findOne({ documentId, status: 'published' });
const countTitled = (title: string) => cms.strapi.db.query(REPORT).count({ where: { title } });
const revisionsOf = (documentId: string) =>
  cms.strapi.db.query(REVISION).findMany({ where: { guideDocumentId: documentId }, orderBy: [{ id: 'asc' }] });

async function publishedReport(title: string): Promise<string> {
  return (await docs(REPORT).create({ data: completeReport(title), status: 'published' })).documentId;
}
async function publishedGuide(orgName: string): Promise<string> {
  return (await docs(GUIDE).create({ data: newGuide(orgName), status: 'published' })).documentId;
}

type Outcome = { ok: boolean; message: string };
type Surface = {
  name: string;
  createPublished: (uid: string, data: Record<string, unknown>) => Promise<Outcome>;
  updatePublished: (uid: string, documentId: string, data: Record<string, unknown>) => Promise<Outcome>;
};

const rest = async (method: string, path: string, body: unknown, auth = true) => {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { error?: { message: string } };
  return { status: response.status, ok: response.ok, message: json.error?.message ?? '' };
};
const plural = (uid: string) => (uid === REPORT ? 'annual-reports' : 'disclosure-guides');
const gqlName = (uid: string) => (uid === REPORT ? 'AnnualReport' : 'DisclosureGuide');
const gqlOutcome = (result: { errors?: Array<{ message: string }> }): Outcome => ({
  ok: !result.errors,
  message: result.errors?.map((e) => e.message).join('；') ?? '',
});
const asToken = () => ({ authorization: `Bearer ${token}` });

const SURFACES: Surface[] = [
  {
    name: 'the Document Service',
    async createPublished(uid, data) {
      try {
        await docs(uid).create({ data, status: 'published' });
        return { ok: true, message: '' };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
    async updatePublished(uid, documentId, data) {
      try {
        await docs(uid).update({ documentId, data, status: 'published' });
        return { ok: true, message: '' };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
  },
  {
    name: 'the admin (content-manager)',
    async createPublished(uid, data) {
      const response = await chief.request('POST', `/content-manager/collection-types/${uid}/actions/publish`, data);
      return { ok: response.status < 300, message: response.body?.error?.message ?? '' };
    },
    async updatePublished(uid, documentId, data) {
      const response = await chief.publish(uid, documentId, data);
      return { ok: response.status < 300, message: response.body?.error?.message ?? '' };
    },
  },
  {
    name: 'REST with a full-access token',
    createPublished: (uid, data) => rest('POST', `/api/${plural(uid)}?status=published`, { data }),
    updatePublished: (uid, documentId, data) => rest('PUT', `/api/${plural(uid)}/${documentId}?status=published`, { data }),
  },
  {
    name: 'GraphQL with a full-access token',
    async createPublished(uid, data) {
      const name = gqlName(uid);
      const query = `mutation ($data: ${name}Input!) { create${name}(data: $data, status: PUBLISHED) { documentId } }`;
      return gqlOutcome(await graphql(cms.url, query, { data }, asToken()));
    },
    async updatePublished(uid, documentId, data) {
      const name = gqlName(uid);
      const query = `mutation ($id: ID!, $data: ${name}Input!) { update${name}(documentId: $id, data: $data, status: PUBLISHED) { documentId } }`;
      return gqlOutcome(await graphql(cms.url, query, { id: documentId, data }, asToken()));
    },
  },
];

beforeAll(async () => {
  cms = await startCms({ admin });
  chief = await adminClient(cms.url, admin);
  token = (
    await (cms.strapi as any)
      .service('admin::api-token')
      .create({ name: 'rules-full', type: 'full-access', lifespan: null, description: '' })
  ).accessKey;
});

afterAll(async () => {
  await cms?.stop();
});

describe.each(SURFACES)('through $name', (surface) => {
  it('a report created with status published must fill every cell, and a refused one stores nothing', async () => {
    const title = unique('未填完的报告');
    const refused = await surface.createPublished(REPORT, incompleteReport(title));
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('表二 行政事业性收费 · 本年收费金额（单位：万元）：未填写');
    expect(await countTitled(title)).toBe(0);

    const complete = unique('填完的报告');
    expect(await surface.createPublished(REPORT, completeReport(complete))).toMatchObject({ ok: true });
    expect(await docs(REPORT).findFirst({ status: 'published', filters: { title: complete } })).not.toBeNull();
  });

  it('a published report updated with status published needs a new 更正说明', async () => {
    const id = await publishedReport(unique('已发布的报告'));
    const silent = await surface.updatePublished(REPORT, id, changedFees(2.5));
    expect(silent.ok).toBe(false);
    expect(silent.message).toContain('更正说明');
    expect((await published(REPORT, id)).proactiveTable.fees.amount).toBe(0);

    const note = '2026年11月更正：表二行政事业性收费金额由0万元更正为2.5万元。';
    expect(await surface.updatePublished(REPORT, id, { ...changedFees(2.5), correctionNote: note })).toMatchObject({ ok: true });
    const corrected = await published(REPORT, id);
    expect(corrected.proactiveTable.fees.amount).toBe(2.5);
    expect(corrected.correctionNote).toBe(note);
  });

  it('a guide updated with status published needs a 修订说明 and records the revision', async () => {
    const id = await publishedGuide(unique('测试指南'));
    expect((await revisionsOf(id)).map((r: { changeSummary: string }) => r.changeSummary)).toEqual(['首次发布']);

    const silent = await surface.updatePublished(GUIDE, id, { fees: '按件收取信息处理费。' });
    expect(silent.ok).toBe(false);
    expect(silent.message).toContain('修订说明');
    expect((await published(GUIDE, id)).fees).toBe('不收费。');
    expect(await revisionsOf(id)).toHaveLength(1);

    expect(await surface.updatePublished(GUIDE, id, { fees: '按件收取信息处理费。', changeSummary: '更新收费规定' })).toMatchObject({
      ok: true,
    });
    const revisions = await revisionsOf(id);
    expect(revisions.map((r: { changeSummary: string }) => r.changeSummary)).toEqual(['首次发布', '更新收费规定']);
    expect(revisions[1].changedFields).toEqual(['fees']);
  });
});

describe('the Public role', () => {
  it('cannot create or publish through REST or GraphQL', async () => {
    const title = unique('匿名报告');
    expect((await rest('POST', '/api/annual-reports?status=published', { data: completeReport(title) }, false)).status).toBe(403);
    const id = await publishedReport(unique('匿名改动'));
    expect((await rest('PUT', `/api/annual-reports/${id}?status=published`, { data: changedFees(1) }, false)).status).toBe(403);
    const result = await graphql(
      cms.url,
      'mutation ($data: AnnualReportInput!) { createAnnualReport(data: $data, status: PUBLISHED) { documentId } }',
      { data: completeReport(title) },
    );
    expect(result.errors?.[0]?.message).toMatch(/Forbidden/i);
    expect(await countTitled(title)).toBe(0);
    expect((await published(REPORT, id)).proactiveTable.fees.amount).toBe(0);
  });
});

describe('publishing several documents at once', () => {
  it('through the Document Service with an operator as documentId, checks each one', async () => {
    const good = (await docs(REPORT).create({ data: completeReport(unique('批量-完整')) })).documentId;
    const bad = (await docs(REPORT).create({ data: incompleteReport(unique('批量-未填完')) })).documentId;
    await expect(docs(REPORT).publish({ documentId: { $in: [good, bad] } })).rejects.toThrow('未填写');
    expect(await published(REPORT, good)).toBeNull();
    expect(await published(REPORT, bad)).toBeNull();

    await docs(REPORT).update({ documentId: bad, data: completeReport('批量-补齐') });
    const result = await docs(REPORT).publish({ documentId: { $in: [good, bad] } });
    expect(result.entries).toHaveLength(2);
    expect(await published(REPORT, bad)).not.toBeNull();
  });

  it('through the Document Service with no documentId (Strapi ignores a filter there), publishes nothing', async () => {
    const bad = (await docs(REPORT).create({ data: incompleteReport(unique('无编号发布')) })).documentId;
    const result = await docs(REPORT).publish({ filters: { documentId: bad } });
    expect(result.entries).toEqual([]);
    expect(await published(REPORT, bad)).toBeNull();
    await docs(REPORT).delete({ documentId: bad });
  });

  it('cannot edit or copy through the Document Service with an operator as documentId', async () => {
    const id = await publishedReport(unique('条件修改'));
    await expect(docs(REPORT).update({ documentId: { $in: [id] }, data: changedFees(7), status: 'published' })).rejects.toThrow(
      '须指明一个文档编号',
    );
    await expect(docs(REPORT).clone({ documentId: { $in: [id] }, data: {} })).rejects.toThrow('须指明一个文档编号');
    expect((await published(REPORT, id)).proactiveTable.fees.amount).toBe(0);
  });

  it("through the admin's bulk action, refuses them all when one is incomplete", async () => {
    const good = (await docs(REPORT).create({ data: completeReport(unique('后台批量-完整')) })).documentId;
    const bad = (await docs(REPORT).create({ data: incompleteReport(unique('后台批量-未填完')) })).documentId;
    const response = await chief.request('POST', `/content-manager/collection-types/${REPORT}/actions/bulkPublish`, {
      documentIds: [good, bad],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('未填写');
    expect(await published(REPORT, good)).toBeNull();
    expect(await published(REPORT, bad)).toBeNull();
    await docs(REPORT).delete({ documentId: bad });
  });
});

describe('unpublish, edit, publish again', () => {
  const unpublish = (uid: string, id: string) =>
    chief.request('POST', `/content-manager/collection-types/${uid}/${id}/actions/unpublish`, {});

  it('a report changed while unpublished needs a new 更正说明 (admin publish, bulk publish, Document Service)', async () => {
    const id = await publishedReport(unique('撤回的报告'));
    expect((await unpublish(REPORT, id)).status).toBe(200);
    expect(await published(REPORT, id)).toBeNull();
    expect((await chief.update(REPORT, id, changedFees(3))).status).toBe(200);

    const silent = await chief.publish(REPORT, id);
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.errors[0].path).toEqual(['correctionNote']);
    const bulk = await chief.request('POST', `/content-manager/collection-types/${REPORT}/actions/bulkPublish`, { documentIds: [id] });
    expect(bulk.status).toBe(400);
    await expect(docs(REPORT).publish({ documentId: id })).rejects.toThrow('更正说明');
    expect(await published(REPORT, id)).toBeNull();

    expect((await chief.publish(REPORT, id, { correctionNote: '撤回后更正：表二收费金额更正为3万元。' })).status).toBe(200);
    expect((await published(REPORT, id)).proactiveTable.fees.amount).toBe(3);

    // Unpublished and published again unchanged: no correction, no note needed.
    expect((await unpublish(REPORT, id)).status).toBe(200);
    expect((await chief.publish(REPORT, id)).status).toBe(200);
  });

  it('a report published before records were kept gets one as it is withdrawn, one by one or several at once', async () => {
    for (const withdraw of [(id: string) => unpublish(REPORT, id), (id: string) => docs(REPORT).unpublish({ documentId: { $in: [id] } })]) {
      const id = await publishedReport(unique('记录之前发布的报告'));
      await cms.strapi.db.query(RECORD).deleteMany({ where: { targetDocumentId: id } });
      await withdraw(id);
      expect(await published(REPORT, id)).toBeNull();
      expect((await chief.update(REPORT, id, changedFees(4))).status).toBe(200);
      const silent = await chief.publish(REPORT, id);
      expect(silent.status).toBe(400);
      expect(silent.body.error.details.errors[0].path).toEqual(['correctionNote']);
    }
  });

  it('a report keeps its format version across an unpublish', async () => {
    const id = await publishedReport(unique('撤回后改年份'));
    expect((await unpublish(REPORT, id)).status).toBe(200);
    const { title: _title, ...tables2019 } = completeReport('', '2019');
    const response = await chief.update(REPORT, id, tables2019);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('已发布的年度报告不能改用另一格式版本');
  });

  it('a guide published again needs a new 修订说明, and its revision lists only what changed', async () => {
    const id = await publishedGuide(unique('撤回的指南'));
    expect((await unpublish(GUIDE, id)).status).toBe(200);
    expect((await chief.update(GUIDE, id, { replyDeadline: '15个工作日内答复。' })).status).toBe(200);

    const silent = await chief.publish(GUIDE, id);
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.errors[0].path).toEqual(['changeSummary']);
    const bulk = await chief.request('POST', `/content-manager/collection-types/${GUIDE}/actions/bulkPublish`, { documentIds: [id] });
    expect(bulk.status).toBe(400);
    await expect(docs(GUIDE).publish({ documentId: { $in: [id] } })).rejects.toThrow('修订说明');
    expect(await published(GUIDE, id)).toBeNull();
    expect(await revisionsOf(id)).toHaveLength(1);

    expect((await chief.publish(GUIDE, id, { changeSummary: '缩短答复期限' })).status).toBe(200);
    const revisions = await revisionsOf(id);
    expect(revisions.map((r: { changeSummary: string }) => r.changeSummary)).toEqual(['首次发布', '缩短答复期限']);
    expect(revisions[1].changedFields).toEqual(['replyDeadline']);
  });
});

describe("copying (the admin's 复制, the Document Service's clone)", () => {
  const cloneRoute = (id: string, body: unknown) => chief.request('POST', `/content-manager/collection-types/${REPORT}/clone/${id}`, body);

  it('checks the copy as a new draft: a copy that breaks the 勾稽关系 is refused and stores nothing', async () => {
    const id = await publishedReport(unique('复制的来源'));
    const broken = completeReport('');
    const requestTable = broken.requestTable as Record<string, Record<string, number>>;
    requestTable.newRequests = { ...requestTable.newRequests, naturalPerson: 5, total: 5 };
    const title = unique('坏的副本');
    const before = await cms.strapi.db.query(REPORT).count({});
    const response = await cloneRoute(id, { title, requestTable });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('年度报告未通过校验');
    await expect(docs(REPORT).clone({ documentId: id, data: { title, requestTable } })).rejects.toThrow('年度报告未通过校验');
    expect(await cms.strapi.db.query(REPORT).count({})).toBe(before);
    expect(await cms.strapi.db.query(AUDIT).count({ where: { action: 'clone', sourceDocumentId: id } })).toBe(0);
  });

  it('a copy in another year gets the format of that year', async () => {
    const id = await publishedReport(unique('跨年复制'));
    const copy = await docs(REPORT).clone({ documentId: id, data: completeReport(unique('2020年副本'), '2019') });
    const stored = await docs(REPORT).findOne({ documentId: copy.documentId });
    expect(stored).toMatchObject({ year: 2020, templateVersion: '2019' });
  });

  it('is audited: who copied which document into which', async () => {
    const id = await publishedReport(unique('被复制的报告'));
    const title = unique('好的副本');
    const response = await cloneRoute(id, { title, correctionNote: null });
    expect(response.status).toBe(200);
    const copyId = response.body.data.documentId;
    expect(copyId).not.toBe(id);
    const copy = await docs(REPORT).findOne({ documentId: copyId });
    expect(copy).toMatchObject({ title, templateVersion: '2021', publishedAt: null });
    const entry = await cms.strapi.db.query(AUDIT).findOne({ where: { action: 'clone', targetDocumentId: copyId } });
    expect(entry).toMatchObject({ actionLabel: '复制', sourceDocumentId: id, title, origin: '管理后台', userEmail: admin.email });
  });
});

describe('the record of what was published', () => {
  it('is private: no REST route, not in GraphQL, and nobody can write it through the Document Service', async () => {
    expect(await cms.strapi.db.query(RECORD).count({})).toBeGreaterThan(0);
    expect((await fetch(`${cms.url}/api/publication-records`, { headers: asToken() })).status).toBe(404);
    expect((await graphql(cms.url, '{ publicationRecords { documentId } }', {}, asToken())).errors?.length).toBeGreaterThan(0);
    await expect(
      docs(RECORD).create({ data: { contentType: REPORT, targetDocumentId: 'x', recordedAt: new Date(), snapshot: {} } }),
    ).rejects.toThrow('发布记录');
    const role = await cms.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const permissions = await cms.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
    expect(permissions.some((p: { action: string }) => p.action.startsWith(RECORD))).toBe(false);
  });
});
