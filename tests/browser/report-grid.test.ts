import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { adminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * The annual report grid editor (report-grid plugin) in the real admin panel: log in through the
 * login form, open a new annual report, set the year, fill 表三 with the keyboard and a pasted
 * block, watch the computed total and the live findings, save, and read back what was stored.
 */

const UID = 'api::annual-report.annual-report';
const credentials = { email: 'grid-editor@example.com', password: 'Grid-Editor-2026' };

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t = Date.now();
  try {
    return await work();
  } finally {
    timings[label] = Date.now() - t;
  }
}

beforeAll(async () => {
  await timed('admin build (if needed)', ensureAdminBuild);
  [cms, browser] = await timed('cms start + chromium', () => Promise.all([startCmsWithAdmin({ admin: credentials }), launchBrowser()]));
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
  console.log('report-grid timings (ms):', timings);
});

const grid = () => page.locator('[data-report-grid="requestTable"]');
const cell = (row: string, column: string): Locator => grid().locator(`input[data-row="${row}"][data-column="${column}"]`);
const computedIn = (row: string, column: string): Locator =>
  grid().locator(`td:has(input[data-row="${row}"][data-column="${column}"]) button[data-computed]`);
const findings = () => grid().locator('[data-testid="report-grid-findings"] li');
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.dataset.row}/${el.dataset.column}` : '';
  });

describe('年度报告表格编辑器（管理后台）', () => {
  it('logs in through the admin login form', async () => {
    await timed('login', async () => {
      await logInToAdmin(page, cms.url, credentials);
    });
  });

  it('draws 表三 in the 2021 form once the year is set', async () => {
    await timed('open form', async () => {
      await page.goto(`${cms.url}/admin/content-manager/collection-types/${UID}/create`);
      await expect.poll(() => grid().locator('[data-testid="report-grid-no-year"]').count(), { timeout: 30_000 }).toBe(1);
      await page.locator('input[name="year"]').fill('2021');
    });
    const table = grid().locator('table[data-field="requestTable"]');
    await expect.poll(() => table.count()).toBe(1);
    // The 2021 form: 25 data rows × 7 columns, merged headers, 三(六) split into three rows.
    expect(await table.locator('input[data-row]').count()).toBe(25 * 7);
    expect(await cell('otherUnpaidFee', 'total').count()).toBe(1);
    expect(await table.locator('th[colspan="5"]', { hasText: '法人或其他组织' }).count()).toBe(1);
    expect(await table.locator('th[rowspan="22"]', { hasText: '三、本年度办理结果' }).count()).toBe(1);
    expect(await cell('newRequests', 'naturalPerson').getAttribute('inputmode')).toBe('numeric');
    // 表二 and 表四 are drawn by the same field.
    expect(await page.locator('[data-report-grid="proactiveTable"] input[data-row]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-report-grid="reviewTable"] input[data-row]').count()).toBe(15);
  });

  it('moves like a spreadsheet and computes the total as figures are typed', async () => {
    await cell('newRequests', 'naturalPerson').click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('carriedOver/naturalPerson');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('newRequests/commercial');
    await page.keyboard.type('2');
    await expect.poll(() => computedIn('newRequests', 'total').textContent()).toBe('＝7');

    // A block pasted from Excel fills the row from the focused cell on.
    await cell('newRequests', 'research').focus();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '0\t1\t0\t0\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(await cell('newRequests', 'socialWelfare').inputValue()).toBe('1');
    expect(await cell('newRequests', 'otherOrg').inputValue()).toBe('0');
    await expect.poll(() => computedIn('newRequests', 'total').textContent()).toBe('＝8');
  });

  it('shows a finding beside the cells while the row does not add up, and clears it once fixed', async () => {
    expect(await findings().count()).toBe(0);
    await cell('newRequests', 'total').fill('9');
    await expect.poll(() => findings().filter({ hasText: '应为 8' }).count()).toBe(1);
    const finding = findings().filter({ hasText: '应为 8' });
    expect(await finding.getAttribute('data-rule')).toBe('R2');
    expect(await finding.textContent()).toContain('表三 一、本年新收政府信息公开申请数量 · 总计：应为 8（各类申请人之和），实为 9');
    expect(await cell('newRequests', 'total').getAttribute('aria-invalid')).toBe('true');

    // “=” in a total cell takes the computed value.
    await cell('newRequests', 'total').focus();
    await page.keyboard.press('=');
    await expect.poll(() => cell('newRequests', 'total').inputValue()).toBe('8');
    await expect.poll(() => findings().count()).toBe(0);
    expect(await cell('newRequests', 'total').getAttribute('aria-invalid')).toBeNull();
    expect(await computedIn('newRequests', 'total').isDisabled()).toBe(true);

    // Text that is not a number is reported at once; “/” marks 不适用.
    await cell('carriedOver', 'naturalPerson').fill('abc');
    await expect.poll(() => findings().filter({ hasText: '不是数字' }).count()).toBe(1);
    await cell('carriedOver', 'naturalPerson').fill('/');
    await expect.poll(() => findings().count()).toBe(0);
  });

  it('saves the same JSON shape as before', async () => {
    await timed('save', async () => {
      // The admin follows the browser's language: 保存 in Chinese, Save otherwise.
      await page
        .getByRole('button', { name: /^(保存|Save)$/ })
        .first()
        .click();
      await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
    });
    const client = await adminClient(cms.url, credentials);
    const list = await client.request('GET', `/content-manager/collection-types/${UID}`);
    expect(list.status).toBe(200);
    const [report] = list.body.results as Array<{ documentId: string }>;
    const stored = await client.request('GET', `/content-manager/collection-types/${UID}/${report!.documentId}`);
    expect(stored.body.data.year).toBe(2021);
    expect(stored.body.data.templateVersion).toBe('2021');
    expect(stored.body.data.requestTable).toEqual({
      newRequests: { naturalPerson: 5, commercial: 2, research: 0, socialWelfare: 1, legalService: 0, otherOrg: 0, total: 8 },
      carriedOver: { naturalPerson: null },
    });
  });
  it('stores the unit a 2019 report printed its 采购总金额 in (元 unless chosen), shown in the header', async () => {
    const proactive = page.locator('[data-report-grid="proactiveTable"]');
    const key = 'proactiveTable.procurement.totalAmount';
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${UID}/create`);
    await expect.poll(() => proactive.locator('[data-testid="report-grid-no-year"]').count(), { timeout: 30_000 }).toBe(1);
    await page.locator('input[name="year"]').fill('2019');
    await expect.poll(() => proactive.locator('th', { hasText: '采购总金额（单位：元）' }).count()).toBe(1);
    await proactive.locator(`[data-unit-for="${key}"] select`).selectOption('万元');
    await expect.poll(() => proactive.locator('th', { hasText: '采购总金额（单位：万元）' }).count()).toBe(1);
    await proactive.locator('input[data-row="procurement"][data-column="totalAmount"]').fill('25.1');
    await page
      .getByRole('button', { name: /^(保存|Save)$/ })
      .first()
      .click();
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
    const client = await adminClient(cms.url, credentials);
    const list = await client.request('GET', `/content-manager/collection-types/${UID}?filters[year][$eq]=2019`);
    const [report] = list.body.results as Array<{ documentId: string }>;
    const stored = await client.request('GET', `/content-manager/collection-types/${UID}/${report!.documentId}`);
    expect(stored.body.data.moneyUnits).toEqual({ [key]: '万元' });
    expect(stored.body.data.proactiveTable).toEqual({ procurement: { totalAmount: 25.1 } });
  });
});
