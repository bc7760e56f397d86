import { describe, expect, it } from 'vitest';
import { ARCHIVE_NOTICE_LEAD, reportTemplates, tableCells, type TableData } from '@portal/shared';
import { usePortal } from '../helpers/portal-suite.ts';

/*
 * 原样归档 on the portal: a report archived as published, inconsistencies kept, shows a short
 * notice naming the cells as the validator names them, and its open data carries the flag and the
 * findings; a report that is not archived shows none.
 */

const REPORT = 'api::annual-report.annual-report';

/** A 2021 report as a county printed it: （七）总计 leaves out the one application under （六）3.其他. */
function printedInconsistent(): Record<string, unknown> {
  const out: Record<string, unknown> = {
    year: 2021,
    title: '临淄区稷下街道办事处2021年政府信息公开工作年度报告',
    publishDate: '2022-01-20',
    archivedAsPublished: true,
  };
  for (const table of reportTemplates['2021'].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    out[table.field] = data;
  }
  const request = out.requestTable as TableData;
  for (const row of ['otherHandlingOther', 'newRequests', 'carriedForward']) request[row] = { ...request[row], naturalPerson: 1, total: 1 };
  return out;
}

const suite = usePortal({
  async beforeBuild(cms) {
    const agency = await cms.strapi
      .documents('api::agency.agency')
      .create({ data: { name: '临淄区稷下街道办事处', slug: 'jixia', kind: 'town' }, status: 'published' });
    // In the CMS process, as the importer's --archive does.
    await cms.strapi.documents(REPORT).create({ data: { ...printedInconsistent(), agency: agency.documentId }, status: 'published' });
  },
});

describe('an archived report on the portal', () => {
  it('shows the notice naming each inconsistent cell', async () => {
    const page = await suite.fetchPage('/reports/jixia/2021/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('原样归档说明');
    expect(page.body).toContain(ARCHIVE_NOTICE_LEAD);
    expect(page.body).toContain('<li>表三 （七）总计 · 总计：应为 1（各处理结果之和），实为 0</li>');
    expect(page.body).toContain('<li>表三 （七）总计 · 自然人：应为 1（各处理结果之和），实为 0</li>');
    // As printed: the table shows the figures that do not add up.
    expect(page.body).toMatch(/原样归档说明[\s\S]*一、总体情况/);
  });

  it('its open data carries the flag and the findings', async () => {
    const json = JSON.parse((await suite.fetchPage('/reports/jixia/2021.json')).body) as {
      archivedAsPublished: boolean;
      archivedFindings: Array<{ cell: string }>;
    };
    expect(json.archivedAsPublished).toBe(true);
    expect(json.archivedFindings.map((f) => f.cell).sort()).toEqual(['表三 （七）总计 · 总计', '表三 （七）总计 · 自然人'].sort());
    const year = JSON.parse((await suite.fetchPage('/open-data/annual-reports/2021.json')).body) as {
      reports: Array<{ agency: { slug: string }; archivedAsPublished: boolean }>;
    };
    expect(year.reports.find((r) => r.agency.slug === 'jixia')?.archivedAsPublished).toBe(true);
    expect(year.reports.filter((r) => r.agency.slug !== 'jixia').every((r) => r.archivedAsPublished === false)).toBe(true);
  });

  it('a report that is not archived shows no notice', async () => {
    const page = await suite.fetchPage('/reports/jingzhong/2020/');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('原样归档说明');
    expect(page.body).not.toContain('原报告数据存在以下不一致');
  });
});
