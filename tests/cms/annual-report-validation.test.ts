import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTemplates, tableCells, type TableData, type TemplateVersion } from '@portal/shared';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { FIXTURE, fixtureContent } from '../fixtures/content.ts';
import { adminClient, type AdminClient } from '../helpers/admin.ts';

/*
 * The 勾稽关系 enforced where editors save: in the CMS, through the admin's own API. Errors reject
 * the save and store nothing; warnings are stored for the editor; publishing asks for the whole
 * form; a published report is corrected only with a recorded reason.
 */

const UID = 'api::annual-report.annual-report';
const admin = { email: 'validator-admin@example.com', password: 'Test-Admin-12345' };
let cms: RunningCms;
let editor: AdminClient;
let quietAgency: string;

/** A complete, consistent set of tables: every cell 0. */
function zeroTables(version: TemplateVersion): Record<string, TableData> {
  const out: Record<string, TableData> = {};
  for (const table of reportTemplates[version].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    out[table.field] = data;
  }
  return out;
}

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const count = () => cms.strapi.db.query(UID).count({});

beforeAll(async () => {
  cms = await startCms({ admin, content: fixtureContent });
  editor = await adminClient(cms.url, admin);
  quietAgency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: FIXTURE.quietAgency } })).documentId;
});

afterAll(async () => {
  await cms?.stop();
});

describe('saving a report in the admin', () => {
  it('rejects a column that does not add up, naming the cell, and stores nothing', async () => {
    const tables = zeroTables('2021');
    tables.requestTable!.newRequests = { ...tables.requestTable!.newRequests, naturalPerson: 5, total: 5 };
    tables.requestTable!.disclosed = { ...tables.requestTable!.disclosed, naturalPerson: 4, total: 4 };
    tables.requestTable!.handledTotal = { ...tables.requestTable!.handledTotal, naturalPerson: 4, total: 4 };
    tables.requestTable!.carriedForward = { ...tables.requestTable!.carriedForward, naturalPerson: 0, total: 0 };
    // R1 fails in two columns (5 + 0 ≠ 4 + 0); R3 holds.
    const before = await count();
    const response = await editor.create(UID, { year: 2021, agency: quietAgency, title: '测试报告', ...tables });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      '表三 四、结转下年度继续办理 · 自然人：应为 1（第一项加第二项之和减去第三项（七）总计），实为 0',
    );
    const details = response.body.error.details.errors;
    expect(details.map((e: { path: string[] }) => e.path)).toEqual([['requestTable'], ['requestTable']]);
    expect(details[1].message).toContain('表三 四、结转下年度继续办理 · 总计');
    expect(await count()).toBe(before);
  });

  it('rejects a malformed figure, even in a draft', async () => {
    const tables = zeroTables('2019');
    tables.reviewTable!.cases = { ...tables.reviewTable!.cases, reviewMaintained: -1 };
    const response = await editor.create(UID, { year: 2020, agency: quietAgency, ...tables });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('表四 行政复议 结果维持：应为非负整数，实为 -1');
  });

  it('saves a report with warnings only, sets its format from its year, and lets the editor read the warnings', async () => {
    const tables = zeroTables('2019');
    const created = await editor.create(UID, {
      year: 2020,
      agency: quietAgency,
      title: '闻韶街道2020年政府信息公开工作年度报告（测试）',
      overviewOnRequest: paragraph('2020年共收到政府信息公开申请3件。'),
      ...tables,
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const read = await editor.request('GET', `/content-manager/collection-types/${UID}/${documentId}`);
    expect(read.body.data.templateVersion).toBe('2019');
    expect(read.body.data.findings).toEqual([
      expect.objectContaining({
        rule: 'R9',
        severity: 'warning',
        message: '表三 一、本年新收政府信息公开申请数量 · 总计：应为 3（正文所述收到申请件数：“收到政府信息公开申请3件”），实为 0',
      }),
    ]);
  });
});

describe('amounts with their unit', () => {
  it('stores a 2019 采购总金额 as the report printed it (3802895.90元), and a 2021 fee with six decimals', async () => {
    const tables = zeroTables('2019');
    tables.proactiveTable!.procurement = { projectCount: 3, totalAmount: 3802895.9 };
    const units = { 'proactiveTable.procurement.totalAmount': '元' };
    const created = await editor.create(UID, { year: 2019, agency: quietAgency, title: '单位测试', moneyUnits: units, ...tables });
    expect(created.status).toBe(201);
    const stored = await cms.strapi.documents(UID).findOne({ documentId: created.body.data.documentId, status: 'draft' });
    expect(stored.moneyUnits).toEqual(units);
    expect(stored.proactiveTable.procurement.totalAmount).toBe(3802895.9);

    const fees = zeroTables('2021');
    fees.proactiveTable!.fees = { amount: 24252.311082 };
    expect((await editor.create(UID, { year: 2022, agency: quietAgency, title: '收费测试', ...fees })).status).toBe(201);
  });

  it('refuses a unit that is neither 元 nor 万元, or one against the form, naming the cell', async () => {
    const before = await count();
    const wrong = await editor.create(UID, {
      year: 2019,
      agency: quietAgency,
      moneyUnits: { 'proactiveTable.procurement.totalAmount': '千元' },
      ...zeroTables('2019'),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('表二 政府集中采购 · 采购总金额：金额单位应为“元”或“万元”，实为 “千元”');
    const against = await editor.create(UID, {
      year: 2022,
      agency: quietAgency,
      moneyUnits: { 'proactiveTable.fees.amount': '元' },
      ...zeroTables('2021'),
    });
    expect(against.status).toBe(400);
    expect(against.body.error.message).toContain('格式规定的单位为万元，不能改为元');
    expect(await count()).toBe(before);
  });
});

let agencies = 0;
/** A 2021 report published by the editor, fees 1.25 万元, of an agency of its own (one report a year each): its documentId. */
async function publishedReport(): Promise<string> {
  const own = await cms.strapi.documents('api::agency.agency').create({
    data: { name: `年报测试机构${++agencies}`, slug: `report-test-${agencies}`, kind: 'department', requireReview: false },
    status: 'published',
  });
  const tables = zeroTables('2021');
  tables.proactiveTable!.fees = { amount: 1.25 };
  const created = await editor.create(UID, { year: 2021, agency: own.documentId, title: `年报测试${agencies}`, ...tables });
  expect(created.status).toBe(201);
  expect((await editor.publish(UID, created.body.data.documentId)).status).toBe(200);
  return created.body.data.documentId;
}

describe('publishing a report', () => {
  it('asks for every cell of the form', async () => {
    const tables = zeroTables('2021');
    delete tables.proactiveTable!.fees;
    const created = await editor.create(UID, { year: 2021, agency: quietAgency, title: '闻韶街道2021年报告（测试）', ...tables });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const published = await editor.publish(UID, documentId);
    expect(published.status).toBe(400);
    expect(published.body.error.message).toContain('表二 行政事业性收费 · 本年收费金额（单位：万元）：未填写');
    expect(await cms.strapi.documents(UID).findOne({ documentId, status: 'published' })).toBeNull();

    const filled = await editor.update(UID, documentId, { proactiveTable: { ...tables.proactiveTable, fees: { amount: 1.25 } } });
    expect(filled.status).toBe(200);
    expect((await editor.publish(UID, documentId)).status).toBe(200);
  });

  it('keeps the format version once published', async () => {
    const documentId = await publishedReport();
    const response = await editor.update(UID, documentId, { year: 2020 });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('已发布的年度报告不能改用另一格式版本');
  });

  it('republishes a changed report only with a new 更正说明', async () => {
    const documentId = await publishedReport();
    const tables = zeroTables('2021');
    tables.proactiveTable!.fees = { amount: 1.5 };
    expect((await editor.update(UID, documentId, { proactiveTable: tables.proactiveTable })).status).toBe(200);
    const silent = await editor.publish(UID, documentId);
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.errors[0].path).toEqual(['correctionNote']);
    const stillPublished = await cms.strapi.documents(UID).findOne({ documentId, status: 'published' });
    expect(stillPublished.proactiveTable.fees.amount).toBe(1.25);

    await editor.update(UID, documentId, { correctionNote: '2022年3月1日更正：表二行政事业性收费金额由1.25万元更正为1.5万元。' });
    expect((await editor.publish(UID, documentId)).status).toBe(200);
    const corrected = await cms.strapi.documents(UID).findOne({ documentId, status: 'published' });
    expect(corrected.proactiveTable.fees.amount).toBe(1.5);
    expect(corrected.correctionNote).toContain('更正');
  });
});
