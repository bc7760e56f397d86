import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * The inputs made for our fields, in the real admin in Chromium, on the demo content: enumerations
 * by their Chinese names (edit view and list columns), the guide's components labelled in
 * Chinese, 申请渠道 as checkboxes that store the same JSON array, 年度 without a thousands
 * separator, dates typed as 2021-06-30 or 2021年6月30日. Each change is read back over the admin
 * API: the stored shapes are those of before.
 */

const credentials = { email: 'inputs-admin@example.com', password: 'Inputs-Admin-2026' };
const POLICY = 'api::policy-item.policy-item';
const GUIDE = 'api::disclosure-guide.disclosure-guide';
const REPORT = 'api::annual-report.annual-report';

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let api: AdminClient;

const listUrl = (uid: string) => `${cms.url}/admin/content-manager/collection-types/${uid}`;

async function openRow(uid: string, text: string | RegExp): Promise<string> {
  await page.goto(listUrl(uid));
  await page.getByRole('gridcell').filter({ hasText: text }).first().click();
  await page.waitForURL((url) => /\/[a-z0-9]{20,}$/.test(url.pathname));
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

async function save(): Promise<void> {
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存').first().waitFor({ timeout: 30_000 });
}

async function stored(uid: string, documentId: string): Promise<Record<string, unknown>> {
  const response = await api.request('GET', `/content-manager/collection-types/${uid}/${documentId}`);
  expect(response.status).toBe(200);
  return response.body.data as Record<string, unknown>;
}

beforeAll(async () => {
  await ensureAdminBuild();
  [cms, browser] = await Promise.all([startCmsWithAdmin({ admin: credentials, demo: true }), launchBrowser()]);
  api = await adminClient(cms.url, credentials);
  page = await browser.context.newPage();
  await logInToAdmin(page, cms.url, credentials);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('为字段定制的输入控件', () => {
  it('shows enumerations by their Chinese names in the list columns and the edit view', async () => {
    await page.goto(listUrl(POLICY));
    await page.getByRole('gridcell').first().waitFor();
    const cells = await page.getByRole('gridcell').allInnerTexts();
    expect(cells).toContain('有效');
    expect(cells.some((text) => ['valid', 'expired', 'repealed', 'revised'].includes(text.trim()))).toBe(false);

    await openRow(POLICY, '临淄区农村宅基地管理办法');
    const validity = page.getByRole('combobox', { name: /有效性/ });
    expect((await validity.innerText()).trim()).toMatch(/^(有效|失效|废止|已修订)$/);
    await validity.click();
    expect((await page.getByRole('option').allInnerTexts()).map((t) => t.trim())).toEqual(
      expect.arrayContaining(['有效', '失效', '废止', '已修订']),
    );
    await page.keyboard.press('Escape');
    const method = page.getByRole('combobox', { name: /公开方式/ });
    expect((await method.innerText()).trim()).toBe('主动公开');
  });

  it('takes dates typed as 2021-06-30 and 2021年6月30日, and says what is wrong with others', async () => {
    const documentId = await openRow(POLICY, '敬仲镇2021年农田水利工程建设实施方案');
    const written = page.locator('input[name="writtenDate"]');
    const effective = page.locator('input[name="effectiveDate"]');
    await written.fill('2021年6月30日');
    await expect.poll(() => page.getByText('即 2021年6月30日').count()).toBeGreaterThan(0);
    await written.blur();
    expect(await written.inputValue()).toBe('2021-06-30');

    await effective.fill('2021-02-30');
    await expect.poll(() => page.getByText('“2021-02-30”不是有效日期：2021年2月只有 28 天。').count()).toBe(1);
    expect(await effective.getAttribute('aria-invalid')).toBe('true');
    await effective.fill('2021-07-01');
    await expect.poll(() => page.getByText(/不是有效日期/).count()).toBe(0);

    await save();
    const data = await stored(POLICY, documentId);
    expect(data.writtenDate).toBe('2021-06-30');
    expect(data.effectiveDate).toBe('2021-07-01');
  });

  it('labels the guide’s component fields in Chinese and edits 申请渠道 as checkboxes storing the same JSON array', async () => {
    const documentId = await openRow(GUIDE, /敬仲镇/);
    await page.locator('[data-choice-list="applyChannels"]').waitFor();
    const labels = (await page.locator('label').allInnerTexts()).map((text) => text.replace(/\*$/, '').trim());
    expect(labels).toEqual(
      expect.arrayContaining(['名称', '地址', '办公时间', '传真', '网上申请地址', '投诉举报受理机关', '复议机关', '申请渠道']),
    );
    for (const raw of ['onlineFormUrl', 'complaintTo', 'reviewBody', 'hours', 'fax', 'name', 'address']) expect(labels).not.toContain(raw);

    const channels = page.locator('[data-choice-list="applyChannels"]');
    expect(await channels.getByRole('checkbox', { name: '网上申请' }).getAttribute('aria-checked')).toBe('true');
    expect(await channels.getByRole('checkbox', { name: '当面申请' }).getAttribute('aria-checked')).toBe('true');
    expect(await channels.getByRole('checkbox', { name: '传真申请' }).getAttribute('aria-checked')).toBe('false');
    await channels.getByRole('checkbox', { name: '传真申请' }).click();
    await channels.getByRole('checkbox', { name: '当面申请' }).click();
    // No JSON editor for these lists.
    expect(await page.locator('[data-choice-list="applyChannels"] .cm-editor').count()).toBe(0);
    await save();
    expect((await stored(GUIDE, documentId)).applyChannels).toEqual(['online', 'post', 'fax']);
  });

  it('shows 年度 without a thousands separator, in the list and the edit view', async () => {
    await page.goto(listUrl(REPORT));
    await page.getByRole('gridcell').first().waitFor();
    const cells = (await page.getByRole('gridcell').allInnerTexts()).map((t) => t.trim());
    expect(cells).toContain('2020');
    expect(cells.some((text) => /^\d,\d{3}$/.test(text))).toBe(false);
    const documentId = await openRow(REPORT, /2020/);
    const year = page.locator('input[name="year"]');
    expect(await year.inputValue()).toBe('2020');
    await year.fill('二〇二〇');
    await expect.poll(() => page.getByText('“二〇二〇”不是整数，请只填数字，如 2021。').count()).toBe(1);
    // Full-width digits are the same year: the form is back to the stored value, nothing to save.
    await year.fill('２０２０');
    await expect.poll(() => page.getByText(/不是整数/).count()).toBe(0);
    // The form compares with the stored value a render after the input settles.
    await expect.poll(() => page.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    expect((await stored(REPORT, documentId)).year).toBe(2020);
  });
});
