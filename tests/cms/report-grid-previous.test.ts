import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTemplates, tableCells, type TableData } from '@portal/shared';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { adminClient, type AdminClient } from '../helpers/admin.ts';

/*
 * The report grid's admin route for the cross-year rules (R5–R7): the same agency's published
 * report of the year before, found as a save finds it (cms/src/validation/annual-report.ts), with
 * only what the rules read; for admins only; hostile parameters refused in Chinese.
 */

const UID = 'api::annual-report.annual-report';
const AGENCY = 'api::agency.agency';
const admin = { email: 'grid-route-admin@example.com', password: 'Grid-Route-12345' };
let cms: RunningCms;
let editor: AdminClient;
let agency: string;
let other: string;
let draft: string;

function zeroTables(): Record<string, TableData> {
  const out: Record<string, TableData> = {};
  for (const table of reportTemplates['2019'].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    out[table.field] = data;
  }
  return out;
}

beforeAll(async () => {
  cms = await startCms({ admin });
  editor = await adminClient(cms.url, admin);
  const made = async (name: string, slug: string) => {
    const created = await editor.create(AGENCY, { name, slug, kind: 'department' });
    await editor.publish(AGENCY, created.body.data.documentId);
    return created.body.data.documentId as string;
  };
  agency = await made('上年报告测试局', 'previous-report-bureau');
  other = await made('另一测试局', 'another-bureau');
  const tables = zeroTables();
  tables.proactiveTable!.licensing = { ...tables.proactiveTable!.licensing, previousCount: 10, change: 2 };
  const last = await editor.create(UID, {
    year: 2019,
    agency,
    title: '2019 年度报告',
    overview: [{ type: 'paragraph', children: [{ type: 'text', text: '内部文字' }] }],
    ...tables,
  });
  expect(last.status, JSON.stringify(last.body)).toBe(201);
  expect((await editor.publish(UID, last.body.data.documentId)).status).toBe(200);
  // An unpublished draft of the same year is not “last year's report”.
  await editor.create(UID, { year: 2019, agency: other, title: '未发布' });
  draft = (await editor.create(UID, { year: 2020, agency, title: '2020 年度报告' })).body.data.documentId;
});

afterAll(async () => {
  await cms?.stop();
});

const route = (query: string) => editor.request('GET', `/report-grid/previous-report?${query}`);

describe('report grid: last year’s report for R5–R7', () => {
  it('finds it through the stored draft’s agency, with only the tables the rules read', async () => {
    const response = await route(`year=2020&documentId=${draft}`);
    expect(response.status).toBe(200);
    const report = response.body.data;
    expect(Object.keys(report).sort()).toEqual(['proactiveTable', 'requestTable', 'reviewTable', 'templateVersion', 'year']);
    expect(report.year).toBe(2019);
    expect(report.templateVersion).toBe('2019');
    expect(report.proactiveTable.licensing).toMatchObject({ previousCount: 10, change: 2 });
  });

  it('follows the agency chosen in the form, as a save would', async () => {
    expect((await route(`year=2020&agency=${agency}`)).body.data.year).toBe(2019);
    // Another agency has no published 2019 report (its draft does not count).
    expect((await route(`year=2020&documentId=${draft}&agency=${other}`)).body).toEqual({ data: null });
    expect((await route(`year=2021&documentId=${draft}`)).body).toEqual({ data: null });
    expect((await route('year=2020')).body).toEqual({ data: null });
  });

  it('refuses malformed parameters in Chinese, and anyone not logged in to the admin', async () => {
    for (const query of [
      'year=abc',
      'year=2020&documentId=%27%20or%201%3D1',
      `year=2020&agency=${'a'.repeat(65)}`,
      'year[$gt]=1',
      'year=2020&documentId[$ne]=x',
    ]) {
      const response = await route(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error.message).toMatch(/参数有误/);
    }
    const anonymous = await fetch(`${cms.url}/report-grid/previous-report?year=2020&documentId=${draft}`);
    expect(anonymous.status).toBe(401);
    const api = await fetch(`${cms.url}/api/report-grid/previous-report?year=2020&documentId=${draft}`);
    expect(api.status).not.toBe(200);
  });
});
