import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';
import { graphql } from '../helpers/graphql.ts';
import { csv, HEADERS, row } from '../import/catalog-fixtures.ts';

/*
 * 导入政策目录 in the real admin panel, in Chromium: the menu link, a dry run whose report names the
 * wrong cell in Chinese (and the import stays shut), then the corrected file checked and imported
 * with its summary, and the items public over GraphQL.
 */

const credentials = { email: 'catalog-admin@example.com', password: 'Catalog-Admin-2026' };

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  await ensureAdminBuild();
  [cms, browser] = await Promise.all([startCmsWithAdmin({ admin: credentials, demo: true }), launchBrowser()]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

const item = (n: number, fields: Record<string, string> = {}) =>
  row({
    索引号: `11370305004326206C/2028-${String(n).padStart(5, '0')}`,
    标题: `敬仲镇浏览器导入第 ${n} 项`,
    发布机构: '敬仲镇',
    发布日期: '2028-05-01',
    信息类别: '工作动态',
    ...fields,
  });

describe('导入政策目录 in the admin panel', () => {
  it('dry run shows the report; the corrected file is imported with a summary', async () => {
    const page = await browser.context.newPage();
    await logInToAdmin(page, cms.url, credentials);

    await page.getByRole('link', { name: '导入政策目录' }).click();
    await page.getByRole('heading', { name: '导入政策目录' }).waitFor();

    const wrong = csv([HEADERS, item(1), item(2, { 信息类别: '工作动向' })]);
    await page.locator('input[name="file"]').setInputFiles({ name: '敬仲镇目录.csv', mimeType: 'text/csv', buffer: Buffer.from(wrong) });
    await page.getByRole('button', { name: '试运行（只检查，不写入）' }).click();
    await page
      .getByTestId('catalog-check-summary')
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n页面内容：${await page.locator('body').innerText()}`);
      });
    const table = page.locator('table');
    await expect
      .poll(() => table.innerText())
      .toMatch(/第 3 行\s+信息类别\s+错误\s+信息类别“工作动向”不在公开目录中，应为以下之一：.*；最接近的是“工作动态”/);
    expect(await page.getByTestId('catalog-check-summary').innerText()).toContain('共 2 行：1 行通过检查，1 处错误');
    expect(await page.getByRole('button', { name: '导入并发布' }).isDisabled()).toBe(true);

    await page
      .locator('input[name="file"]')
      .setInputFiles({ name: '敬仲镇目录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv([HEADERS, item(1), item(2)])) });
    await page.getByRole('button', { name: '试运行（只检查，不写入）' }).click();
    await expect.poll(() => page.getByTestId('catalog-check-summary').innerText()).toContain('检查通过，可以导入。');
    await page.getByRole('button', { name: '导入并发布' }).click();
    const summary = page.getByTestId('catalog-import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.innerText()).toBe('导入完成：新建 2 项，更新 0 项，拒绝 0 行（均已发布）。');
    expect(await page.getByTestId('catalog-import-progress').innerText()).toBe('已导入 2/2 项（新建 2、更新 0）');

    const text = await page.locator('main').innerText();
    expect(text.match(/[A-Za-z]{2,}/g)?.filter((w) => !['CSV', 'XLSX', 'csv', 'xlsx', 'UTF'].includes(w)) ?? []).toEqual([]);

    const { data } = await graphql(
      cms.url,
      '{ policyItems(filters: { indexNumber: { startsWith: "11370305004326206C/2028-" } }, sort: "indexNumber") { title agency { name } } }',
    );
    expect(data.policyItems).toEqual([
      { title: '敬仲镇浏览器导入第 1 项', agency: { name: '临淄区敬仲镇人民政府' } },
      { title: '敬仲镇浏览器导入第 2 项', agency: { name: '临淄区敬仲镇人民政府' } },
    ]);
    await page.close();
  });
});
