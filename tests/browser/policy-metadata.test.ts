import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { ensureAdminBuild, logInToAdmin, startCmsWithAdmin, type RunningAdminCms } from '../helpers/cms-admin.ts';

/*
 * An editor creates a policy item with every field in the real admin, in Chromium, without a
 * manual: 主题分类 picked in two levels, 体裁 and 信息类别 chosen from their lists, a 文号 typed
 * with [] shown and saved with 〔〕 (and said so), the 索引号 left empty and numbered from the
 * agency's prefix; once published, the 索引号 can no longer be edited.
 */

const credentials = { email: 'metadata-editor@example.com', password: 'Metadata-Admin-2026' };
const POLICY = 'api::policy-item.policy-item';
const PREFIX = '11370305004326118B'; // 临淄区人民政府办公室 in the demo content

let cms: RunningAdminCms;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let api: AdminClient;

const topicLevel = (n: 1 | 2) => page.locator('[data-topic-picker="topic"] [role="combobox"]').nth(n - 1);

async function choose(combobox: string | RegExp | ReturnType<typeof topicLevel>, option: string): Promise<void> {
  await (typeof combobox === 'object' && !(combobox instanceof RegExp) ? combobox : page.getByRole('combobox', { name: combobox })).click();
  await page.getByRole('option', { name: option, exact: true }).click();
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

describe('政策文件的元数据', () => {
  let documentId: string;

  it('is entered with pickers and lists, the 文号 shown in its official form', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${POLICY}/create`);
    await page.locator('input[name="title"]').waitFor();
    await page.locator('input[name="title"]').fill('临淄区林业有害生物防治工作方案');

    // 文号 typed with square brackets: the hint says how it will be stored.
    await page.locator('input[name="docNumber"]').fill('临政办发[2026]8号');
    await page.getByText('保存时将按规范写作“临政办发〔2026〕8号”').waitFor();

    // 主题分类: a class alone asks for its second level; then the second level completes it.
    await choose(topicLevel(1), '农业、林业、水利');
    await page.getByText('请再选“农业、林业、水利”下的二级分类').waitFor();
    await topicLevel(2).click();
    expect((await page.getByRole('option').allInnerTexts()).map((t) => t.trim())).toEqual([
      '（请选择）',
      '农业、畜牧业、渔业',
      '林业',
      '水利',
      '其他',
    ]);
    await page.getByRole('option', { name: '林业', exact: true }).click();

    await choose(/^体裁/, '通知');
    await choose(/^信息类别/, '政策文件');
    await page.getByRole('combobox', { name: /发布机构/ }).click();
    await page
      .getByRole('option', { name: /临淄区人民政府办公室/ })
      .first()
      .click();

    await page.locator('input[name="writtenDate"]').fill('2026-03-02');
    await page.locator('input[name="publishDate"]').fill('2026年3月5日');
    await page.locator('input[name="effectiveDate"]').fill('2026-04-01');
    await page.locator('textarea[name="summary"]').fill('明确林业有害生物监测、防治和检疫的任务分工。');
    await page.locator('input[name="keywords"]').fill('林业 有害生物 防治');
    const body = page.locator('[contenteditable="true"]').first();
    await body.click();
    await page.keyboard.type('各镇人民政府、街道办事处：现将工作方案印发给你们，请认真贯彻执行。');

    // 索引号 left empty: the hint says it will be numbered.
    await page.getByText(/留空则保存时按发布机构的索引号前缀自动编号/).waitFor();

    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
    documentId = new URL(page.url()).pathname.split('/').at(-1)!;

    // The save says what it normalised, in Chinese.
    await page
      .getByText('文号已按规范写法保存为“临政办发〔2026〕8号”（年份用六角括号〔〕，原输入为“临政办发[2026]8号”）')
      .first()
      .waitFor({ timeout: 15_000 });
    await page
      .getByText(new RegExp(`索引号已按发布机构的索引号前缀自动编为“${PREFIX}/2026-\\d{5}”`))
      .first()
      .waitFor({ timeout: 15_000 });

    const stored = (await api.request('GET', `/content-manager/collection-types/${POLICY}/${documentId}`)).body.data;
    expect(stored).toMatchObject({
      title: '临淄区林业有害生物防治工作方案',
      docNumber: '临政办发〔2026〕8号',
      topic: '农业、林业、水利\\林业',
      genre: '通知',
      catalogNode: '政策文件',
      writtenDate: '2026-03-02',
      publishDate: '2026-03-05',
      effectiveDate: '2026-04-01',
      keywords: '林业 有害生物 防治',
    });
    expect(stored.indexNumber).toMatch(new RegExp(`^${PREFIX}/2026-\\d{5}$`));
    const agency = await api.request('GET', `/content-manager/relations/${POLICY}/${documentId}/agency`);
    expect(agency.body.results.map((a: { name: string }) => a.name)).toEqual(['临淄区人民政府办公室']);
    // The edit view shows what was stored.
    await expect.poll(() => page.locator('input[name="docNumber"]').inputValue(), { timeout: 20_000 }).toBe('临政办发〔2026〕8号');
    await expect.poll(() => page.locator('input[name="indexNumber"]').inputValue(), { timeout: 20_000 }).toBe(stored.indexNumber);
  });

  it('offers only the vocabulary for 体裁 and 信息类别', async () => {
    await page.getByRole('combobox', { name: /^体裁/ }).click();
    const genres = (await page.getByRole('option').allInnerTexts()).map((t) => t.trim());
    expect(genres).toEqual(expect.arrayContaining(['决定', '命令（令）', '通知', '纪要']));
    expect(genres).toHaveLength(16); // （不填） and the 15 文种
    await page.keyboard.press('Escape');
  });

  it('locks the 索引号 once published', async () => {
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect
      .poll(async () => (await api.request('GET', `/content-manager/collection-types/${POLICY}/${documentId}`)).body.data.status, {
        timeout: 30_000,
      })
      .toBe('published');
    const index = page.locator('input[name="indexNumber"]');
    await expect.poll(() => index.isDisabled(), { timeout: 20_000 }).toBe(true);
    await page.getByText('已发布，索引号不可更改（撤回后也不能改）').waitFor();
  });
});
