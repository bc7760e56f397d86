import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jingzhong2020 } from '../../cms/src/demo/jingzhong-2020.ts';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * The admin's 导入年度报告 page in Chromium: from the menu, upload the seed, read its import report
 * in Chinese, create the draft, and find it in the CMS cell for cell; no terminal involved.
 */

const credentials = { email: 'report-import-admin@example.com', password: 'Import-Admin-2026' };
const REPORT = 'api::annual-report.annual-report';
const seed = path.join(import.meta.dirname, '..', 'import', 'fixtures', 'jingzhong-2020-annual-report.txt');

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let api: AdminClient;

beforeAll(async () => {
  await ensureAdminBuild();
  [cms, browser] = await Promise.all([startCmsWithAdmin({ admin: credentials, demo: false }), launchBrowser()]);
  api = await adminClient(cms.url, credentials);
  const agency = await api.create('api::agency.agency', {
    name: '临淄区敬仲镇人民政府',
    shortName: '敬仲镇',
    slug: 'jingzhong',
    kind: 'town',
  });
  expect(agency.status).toBe(201);
  page = await browser.context.newPage();
  await logInToAdmin(page, cms.url, credentials);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('导入年度报告 in the admin', () => {
  it('upload, read the import report, create the draft', async () => {
    await page.getByRole('link', { name: '导入年度报告' }).click();
    await page.getByRole('heading', { name: '导入年度报告' }).waitFor();
    await page.locator('#report-import-files').setInputFiles(seed);
    await page.getByRole('button', { name: '读取并检查' }).click();

    const report = page.locator('[data-import-report]');
    await report.waitFor({ timeout: 30_000 });
    const text = await report.innerText();
    expect(text).toContain('机构：临淄区敬仲镇人民政府　年度：2020　格式：2019 年格式');
    expect(text).toContain('单元格：共 198 个；读取 65，推出 133，待定 0，缺失 0');
    expect(text).toMatch(/第 \d+ 行/);
    await expect(page.getByText('勾稽关系错误 0 处', { exact: false }).count()).resolves.toBeGreaterThan(0);
    // Nothing is stored by reading.
    expect((await api.request('GET', `/content-manager/collection-types/${REPORT}`)).body.results).toHaveLength(0);

    await page.getByRole('button', { name: '创建草稿' }).click();
    await page.locator('[data-import-outcomes]').getByText('已新建草稿', { exact: false }).waitFor({ timeout: 30_000 });

    const list = await api.request('GET', `/content-manager/collection-types/${REPORT}`);
    expect(list.body.results).toHaveLength(1);
    const draft = (await api.request('GET', `/content-manager/collection-types/${REPORT}/${list.body.results[0].documentId}`)).body.data;
    expect(draft).toMatchObject({ year: 2020, templateVersion: '2019', title: jingzhong2020.title, publishedAt: null });
    expect(draft.proactiveTable).toEqual(jingzhong2020.proactiveTable);
    expect(draft.requestTable).toEqual(jingzhong2020.requestTable);
    expect(draft.reviewTable).toEqual(jingzhong2020.reviewTable);
  });

  it('an inconsistent report: refused unless 原样归档 is ticked; then the edit view shows the kept findings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-import-'));
    try {
      const file = path.join(dir, '敬仲镇2020-原版.txt');
      writeFileSync(
        file,
        readFileSync(seed, 'utf8').replace('一、本年新收政府信息公开申请数量\t\t0\t0', '一、本年新收政府信息公开申请数量\t\t1\t0'),
      );
      await page.goto(`${cms.url}/admin/report-import`);
      await page.locator('#report-import-files').setInputFiles(file);
      await page.getByRole('button', { name: '读取并检查' }).click();
      await page.getByText('勾稽关系错误 2 处', { exact: false }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: '创建草稿' }).click();
      await page
        .locator('[data-import-outcomes]')
        .getByText('原报告有 2 处勾稽关系不一致，未导入', { exact: false })
        .waitFor({ timeout: 30_000 });

      await page.getByRole('checkbox', { name: /原样归档/ }).click();
      await page.getByRole('button', { name: '创建草稿' }).click();
      await page.locator('[data-import-outcomes]').getByText('原样归档，保留 2 处不一致', { exact: false }).waitFor({ timeout: 30_000 });

      const [listed] = (await api.request('GET', `/content-manager/collection-types/${REPORT}`)).body.results;
      await page.goto(`${cms.url}/admin/content-manager/collection-types/${REPORT}/${listed.documentId}`);
      const panel = page.locator('[data-archive-panel]');
      await panel.waitFor({ timeout: 30_000 });
      expect(await panel.innerText()).toContain('表三 一、本年新收政府信息公开申请数量 · 总计：应为 1（各类申请人之和），实为 0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
