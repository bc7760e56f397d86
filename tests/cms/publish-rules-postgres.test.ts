import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTemplates, tableCells, type TableData } from '@portal/shared';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';

/*
 * Unpublish → publish on PostgreSQL, where the last published version is read back from a JSON
 * snapshot whose object keys jsonb has reordered: unchanged content must still compare equal.
 * (Every path of the rules is in publish-rules.test.ts, on SQLite.)
 */

const REPORT = 'api::annual-report.annual-report';
const GUIDE = 'api::disclosure-guide.disclosure-guide';
let pg: RunningPostgres;
let cms: RunningCms;

beforeAll(async () => {
  pg = await startPostgres();
  cms = await startCms({ database: pg.env, demo: false });
});

afterAll(async () => {
  await cms?.stop();
  await pg?.stop();
});

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text, bold: true }] }];

function completeReport(): Record<string, unknown> {
  const out: Record<string, unknown> = { year: 2021, title: 'PostgreSQL上的报告', overview: paragraph('总体情况。') };
  for (const table of reportTemplates['2021'].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    out[table.field] = data;
  }
  return out;
}

describe('unpublish, then publish again, on PostgreSQL', () => {
  it('a guide’s revision lists only the field that changed', async () => {
    const guides = cms.strapi.documents(GUIDE);
    const office = {
      name: '办公室',
      address: '测试路1号',
      hours: '工作日',
      phone: '0533-0000000',
      fax: '0533-0000001',
      email: 'gk@example.cn',
    };
    const { documentId } = await guides.create({
      data: { orgName: 'PostgreSQL上的指南', revisedAt: '2026-11-01', office, fees: '不收费。' },
      status: 'published',
    });
    await guides.unpublish({ documentId });
    await guides.update({ documentId, data: { replyDeadline: '15个工作日内答复。', changeSummary: '缩短答复期限' } });
    await guides.publish({ documentId });
    const revisions = await cms.strapi.db
      .query('api::guide-revision.guide-revision')
      .findMany({ where: { guideDocumentId: documentId }, orderBy: [{ id: 'asc' }] });
    expect(revisions.map((r: { changedFields: string[] }) => r.changedFields)[1]).toEqual(['replyDeadline']);
  });

  it('an unchanged report needs no 更正说明; a changed one does', async () => {
    const reports = cms.strapi.documents(REPORT);
    const { documentId } = await reports.create({ data: completeReport(), status: 'published' });
    await reports.unpublish({ documentId });
    await reports.publish({ documentId });
    await reports.unpublish({ documentId });
    const report = completeReport();
    await reports.update({ documentId, data: { proactiveTable: { ...(report.proactiveTable as TableData), fees: { amount: 1 } } } });
    await expect(reports.publish({ documentId })).rejects.toThrow('更正说明');
  });

  it('an archived (原样归档) report keeps its findings across unpublish and publish, with no 更正说明', async () => {
    const reports = cms.strapi.documents(REPORT);
    const report = completeReport();
    const request = report.requestTable as TableData;
    for (const row of ['otherHandlingOther', 'newRequests', 'carriedForward'])
      request[row] = { ...request[row], naturalPerson: 1, total: 1 };
    const { documentId } = await reports.create({
      data: { ...report, title: 'PostgreSQL上的原样归档报告', archivedAsPublished: true },
      status: 'published',
    });
    await reports.unpublish({ documentId });
    await reports.publish({ documentId });
    const published = await reports.findOne({ documentId, status: 'published' });
    expect(published.archivedAsPublished).toBe(true);
    expect(published.archivedFindings.map((f: { cell: string }) => f.cell).sort()).toEqual(
      ['表三 （七）总计 · 总计', '表三 （七）总计 · 自然人'].sort(),
    );
  });
});
