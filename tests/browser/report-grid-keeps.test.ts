import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { reportTemplates, tableCells, type TableData, type TemplateVersion } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * The report grid when a save goes wrong, in the real admin panel: a refused save keeps every
 * typed value and shows the findings at the cells; the server's message goes once the table is
 * fixed; R7 (checked against the same agency's report of the year before) shows while typing; and
 * the full-screen mode shows 表三 whole at 1366 px, its row labels and headers pinned.
 */

const UID = 'api::annual-report.annual-report';
const AGENCY = 'api::agency.agency';
const credentials = { email: 'grid-keeper@example.com', password: 'Grid-Keeper-2026' };

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let client: AdminClient;
let draft: string;

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

beforeAll(async () => {
  await ensureAdminBuild();
  [cms, browser] = await Promise.all([startCmsWithAdmin({ admin: credentials }), launchBrowser()]);
  page = await browser.context.newPage();
  client = await adminClient(cms.url, credentials);
  const agency = await client.create(AGENCY, { name: '表格测试局', slug: 'grid-test-bureau', kind: 'department' });
  expect(agency.status, JSON.stringify(agency.body)).toBe(201);
  const agencyId = agency.body.data.documentId as string;
  // A published report keeps its relation only to a published agency.
  expect((await client.publish(AGENCY, agencyId)).status).toBe(200);
  // Last year's report, published: 行政许可 上一年项目数量 10, 本年增/减 +2, so this year's must read 12 (R7).
  const tables = zeroTables('2019');
  tables.proactiveTable!.licensing = { ...tables.proactiveTable!.licensing, previousCount: 10, change: 2 };
  const last = await client.create(UID, { year: 2019, agency: agencyId, title: '2019 年度报告', ...tables });
  expect(last.status, JSON.stringify(last.body)).toBe(201);
  const published = await client.publish(UID, last.body.data.documentId);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const current = await client.create(UID, { year: 2020, agency: agencyId, title: '2020 年度报告' });
  expect(current.status, JSON.stringify(current.body)).toBe(201);
  draft = current.body.data.documentId;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

const grid = (field: string) => page.locator(`[data-report-grid="${field}"]`);
const cell = (field: string, row: string, column: string): Locator =>
  grid(field).locator(`input[data-row="${row}"][data-column="${column}"]`);
const findings = (field: string) => grid(field).locator('[data-testid="report-grid-findings"] li');
const serverError = (field: string) => grid(field).locator('[data-testid="report-grid-server-error"]');
const save = () => page.getByRole('button', { name: /^(保存|Save)$/ }).first();

/** The typed figures of 表三, one total wrong (5 + 2 ≠ 9; a row is checked once filled in). */
const typed: Array<[string, string, string]> = [
  ['newRequests', 'naturalPerson', '5'],
  ['newRequests', 'commercial', '2'],
  ['newRequests', 'research', '0'],
  ['newRequests', 'socialWelfare', '0'],
  ['newRequests', 'legalService', '0'],
  ['newRequests', 'otherOrg', '0'],
  ['newRequests', 'total', '9'],
  ['carriedOver', 'naturalPerson', '0'],
  ['carriedOver', 'total', '0'],
];

describe('年度报告表格：保存未通过时不丢失输入', () => {
  it('logs in and opens this year’s draft', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await logInToAdmin(page, cms.url, credentials);
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${UID}/${draft}`);
    await expect.poll(() => cell('requestTable', 'newRequests', 'total').count(), { timeout: 30_000 }).toBe(1);
  });

  it('checks R7 against last year’s report while typing, before any save', async () => {
    await expect
      .poll(() => grid('proactiveTable').locator('[data-testid="report-grid-previous"]').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('loaded');
    await cell('proactiveTable', 'licensing', 'previousCount').fill('11');
    const r7 = findings('proactiveTable').filter({ hasText: '应为 12' });
    await expect.poll(() => r7.count()).toBe(1);
    expect(await r7.getAttribute('data-rule')).toBe('R7');
    expect(await r7.textContent()).toContain('上年报告的上一年项目数量加本年增/减');
    expect(await cell('proactiveTable', 'licensing', 'previousCount').getAttribute('aria-invalid')).toBe('true');
    await cell('proactiveTable', 'licensing', 'previousCount').fill('12');
    await expect.poll(() => r7.count()).toBe(0);
    // R5 (a warning): 二、上年结转 is last year's 四、结转下年度继续办理, 0 there.
    await cell('requestTable', 'carriedOver', 'naturalPerson').fill('3');
    const r5 = findings('requestTable').filter({ hasText: '应为 0' });
    await expect.poll(() => r5.count()).toBe(1);
    expect(await r5.getAttribute('data-rule')).toBe('R5');
    await cell('requestTable', 'carriedOver', 'naturalPerson').fill('');
    await expect.poll(() => r5.count()).toBe(0);
  });

  it('keeps every typed value when the save is refused, the finding shown at its cell', async () => {
    await cell('proactiveTable', 'licensing', 'change').fill('-1');
    for (const [row, column, value] of typed) await cell('requestTable', row, column).fill(value);
    const documentPath = `/content-manager/collection-types/${UID}/${draft}`;
    const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith(documentPath));
    const refetched = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname.endsWith(documentPath));
    await save().click();
    expect((await refused).status()).toBe(400);
    // The admin puts the stored document back after a refused save and refetches it: wait for both.
    await refetched;
    await expect.poll(() => serverError('requestTable').count(), { timeout: 15_000 }).toBe(1);
    const shown = () => Promise.all(typed.map(([row, column]) => cell('requestTable', row, column).inputValue()));
    await page.waitForTimeout(1000);
    expect(await shown()).toEqual(typed.map(([, , value]) => value));
    expect(await cell('proactiveTable', 'licensing', 'previousCount').inputValue()).toBe('12');
    expect(await cell('proactiveTable', 'licensing', 'change').inputValue()).toBe('-1');
    expect(await cell('requestTable', 'newRequests', 'total').getAttribute('aria-invalid')).toBe('true');
    expect(await findings('requestTable').filter({ hasText: '表三 一、本年新收政府信息公开申请数量 · 总计：应为 7' }).count()).toBe(1);
    // Nothing was stored.
    const stored = await client.request('GET', `/content-manager/collection-types/${UID}/${draft}`);
    expect(stored.body.data.requestTable ?? null).toBeNull();
  });

  it('drops the server’s message once the table is fixed, and saves', async () => {
    await cell('requestTable', 'newRequests', 'total').fill('7');
    await expect.poll(() => findings('requestTable').count()).toBe(0);
    await expect.poll(() => serverError('requestTable').count()).toBe(0);
    expect(await grid('requestTable').locator('[data-testid="report-grid-findings"]').textContent()).toContain('未发现问题');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith(`/${draft}`));
    await save().click();
    expect((await saved).status()).toBe(200);
    const stored = await client.request('GET', `/content-manager/collection-types/${UID}/${draft}`);
    expect(stored.body.data.requestTable).toEqual({
      newRequests: { naturalPerson: 5, commercial: 2, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 7 },
      carriedOver: { naturalPerson: 0, total: 0 },
    });
    expect(stored.body.data.proactiveTable).toEqual({ licensing: { previousCount: 12, change: -1 } });
  });

  it('shows 表三 whole in full-screen mode at 1366 px, row labels on at most three lines', async () => {
    await grid('requestTable').getByRole('button', { name: '全屏编辑' }).click();
    const dialog = page.getByRole('dialog', { name: /表三.*全屏编辑/ });
    await expect.poll(() => dialog.count()).toBe(1);
    // No sideways scrolling at this width: 总计 is on screen with the labels.
    const scroller = dialog.locator('table[data-field="requestTable"]').locator('xpath=..');
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const total = dialog.locator('input[data-row="carriedForward"][data-column="total"]');
    await total.scrollIntoViewIfNeeded();
    const totalBox = (await total.boundingBox())!;
    expect(totalBox.x + totalBox.width).toBeLessThanOrEqual(1366);
    const label = dialog.locator('th.row', { hasText: '四、结转下年度继续办理' });
    const labelBox = (await label.boundingBox())!;
    expect(labelBox.x).toBeGreaterThanOrEqual(0);
    expect(labelBox.x + labelBox.width).toBeLessThan(totalBox.x);
    // Every row's own label (not the merged group labels) on one to three lines.
    const lines = await dialog.locator('th.row[rowspan="1"]').evaluateAll((cells) =>
      cells.map((c) => {
        const style = getComputedStyle(c);
        const inner = c.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        return { text: c.textContent, lines: Math.round(inner / parseFloat(style.lineHeight)) };
      }),
    );
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => l.lines > 3)).toEqual([]);
    // Typing in full-screen mode is typing in the form.
    await dialog.locator('input[data-row="disclosed"][data-column="naturalPerson"]').fill('4');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await cell('requestTable', 'disclosed', 'naturalPerson').inputValue()).toBe('4');
  });

  it('pins the row labels while the columns scroll, and the headers while the rows do', async () => {
    await page.setViewportSize({ width: 700, height: 600 });
    await grid('requestTable').getByRole('button', { name: '全屏编辑' }).click();
    const dialog = page.getByRole('dialog', { name: /表三.*全屏编辑/ });
    const scroller = dialog.locator('table[data-field="requestTable"]').locator('xpath=..');
    const label = dialog.locator('th.row', { hasText: '一、本年新收政府信息公开申请数量' });
    const header = dialog.locator('th.column', { hasText: '自然人' });
    const before = { label: (await label.boundingBox())!, header: (await header.boundingBox())! };
    const room = await scroller.evaluate((el) => ({ x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight }));
    expect(room.x).toBeGreaterThan(100);
    expect(room.y).toBeGreaterThan(100);
    await scroller.evaluate((el) => el.scrollTo({ left: 200, top: 200 }));
    // Pinned at the scroller's edge: within the table's 1 px border of where they were.
    await expect.poll(async () => Math.abs((await header.boundingBox())!.y - before.header.y)).toBeLessThanOrEqual(2);
    expect(Math.abs((await label.boundingBox())!.x - before.label.x)).toBeLessThanOrEqual(2);
    // The data cells did move under them.
    expect((await dialog.locator('input[data-row="carriedForward"][data-column="total"]').boundingBox())!.x).toBeLessThan(700);
    await dialog.getByRole('button', { name: /退出全屏/ }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
