import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * A refused save of an annual report keeps every field typed before it, not only the grid's
 * tables (issue 10): the title and a text section typed, a 勾稽关系 error made, 保存 refused with
 * the Chinese error, and the typed text is still in the form, unsaved. (Strapi's edit view rolls
 * its optimistic update back on a refused save; cms/src/admin/keep-typed-values.ts puts the
 * typed values back.)
 */

const UID = 'api::annual-report.annual-report';
const AGENCY = 'api::agency.agency';
const credentials = { email: 'keep-fields@example.com', password: 'Keep-Fields-2026' };
const TITLE = '临淄区表格测试局2020年政府信息公开工作年度报告（修改稿）';
const SECTION = '本年度本局坚持以公开为常态、不公开为例外，主动公开政府信息一百二十条。';

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let client: AdminClient;
let draft: string;

beforeAll(async () => {
  await ensureAdminBuild();
  [cms, browser] = await Promise.all([startCmsWithAdmin({ admin: credentials }), launchBrowser()]);
  page = await browser.context.newPage();
  client = await adminClient(cms.url, credentials);
  const agency = await client.create(AGENCY, { name: '字段保留测试局', slug: 'keep-fields-bureau', kind: 'department' });
  expect(agency.status, JSON.stringify(agency.body)).toBe(201);
  const current = await client.create(UID, { year: 2020, agency: agency.body.data.documentId, title: '2020 年度报告' });
  expect(current.status, JSON.stringify(current.body)).toBe(201);
  draft = current.body.data.documentId;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

const cell = (row: string, column: string) =>
  page.locator(`[data-report-grid="requestTable"] input[data-row="${row}"][data-column="${column}"]`);
const title = () => page.locator('input[name="title"]');
const section = () => page.locator('[contenteditable="true"]').first();

describe('年度报告：保存未通过时，标题和正文也不丢失', () => {
  it('keeps the typed title and text section after a refused save, with the Chinese error', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await logInToAdmin(page, cms.url, credentials);
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${UID}/${draft}`);
    await expect.poll(() => cell('newRequests', 'total').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => title().inputValue(), { timeout: 15_000 }).toBe('2020 年度报告');

    await title().fill(TITLE);
    await section().click();
    await page.keyboard.type(SECTION);
    // 5 + 2 ≠ 9: a 勾稽关系 error the server refuses (a row of 表三 is checked once filled in).
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
    for (const [row, column, value] of typed) await cell(row, column).fill(value);

    const documentPath = `/content-manager/collection-types/${UID}/${draft}`;
    const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith(documentPath));
    const refetched = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname.endsWith(documentPath));
    await page
      .getByRole('button', { name: /^(保存|Save)$/ })
      .first()
      .click();
    const answer = await refused;
    expect(answer.status()).toBe(400);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain('年度报告未通过校验');
    await refetched;
    const serverError = page.locator('[data-report-grid="requestTable"] [data-testid="report-grid-server-error"]');
    await expect.poll(() => serverError.count(), { timeout: 15_000 }).toBe(1);
    expect(await serverError.textContent()).toMatch(/保存未通过|应为 7/);
    await page.waitForTimeout(1000);

    expect(await title().inputValue()).toBe(TITLE);
    expect(await section().textContent()).toContain(SECTION);
    expect(await cell('newRequests', 'total').inputValue()).toBe('9');
    // Nothing was stored.
    const stored = await client.request('GET', documentPath);
    expect(stored.body.data.title).toBe('2020 年度报告');
  });
});
