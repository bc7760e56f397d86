import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { buildPortal, servePortal, type BuiltPortal, type ServedPortal } from '../helpers/portal.ts';

/*
 * The whole pipeline as the README's command runs it: a CMS holding the demo content, the portal
 * built from it over GraphQL and indexed by Pagefind, served by the Node adapter, read and searched
 * in a real Chromium.
 */

let cms: RunningCms;
let portal: BuiltPortal;
let served: ServedPortal;

beforeAll(async () => {
  cms = await startCms();
  portal = await buildPortal(cms.url);
  served = await servePortal(portal);
});

afterAll(async () => {
  await served?.stop();
  portal?.remove();
  await cms?.stop();
});

const page = async (pathname: string) => {
  const response = await fetch(`${served.url}${pathname}`);
  return { status: response.status, html: await response.text() };
};

/** Cell texts of one table, row by row, as a screen reader or parser would read them. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()),
  );
}

describe('the portal built from the CMS', () => {
  it('renders the 敬仲镇 2020 report with its three tables in the 2019 layout', async () => {
    const { status, html } = await page('/reports/jingzhong/2020/');
    expect(status).toBe(200);
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('临淄区敬仲镇人民政府2020年政府信息公开工作年度报告');
    expect(html).toContain('2020年共收到和处理政府信息公开申请0件');
    expect(html).toContain('国办公开办函〔2019〕60号');

    const proactive = tableRows(html, 'table-proactiveTable');
    expect(proactive.map((r) => r[0])).toEqual(expect.arrayContaining(['第二十条第（九）项', '政府集中采购', '其他对外管理服务事项']));
    expect(proactive.find((r) => r[0] === '行政许可')).toEqual(['行政许可', '0', '0', '0']);

    const requests = tableRows(html, 'table-requestTable');
    // 3 header rows, 23 data rows (2019 layout), 7 figures each, all 0 as the report says.
    expect(requests).toHaveLength(26);
    expect(requests[0]![0]).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(requests[2]).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(requests[3]).toEqual(['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0']);
    expect(requests.at(-1)).toEqual(['四、结转下年度继续办理', '0', '0', '0', '0', '0', '0', '0']);
    expect(html).toContain('<th scope="rowgroup" rowspan="20">三、本年度办理结果</th>');
    expect(html).toContain('<th scope="rowgroup" rowspan="8">（三）不予公开</th>');

    const reviews = tableRows(html, 'table-reviewTable');
    expect(reviews[0]).toEqual(['行政复议', '行政诉讼']);
    expect(reviews.at(-1)).toEqual(Array(15).fill('0'));
    expect(html).toContain('<th scope="colgroup" colspan="10">行政诉讼</th>');
  });

  it('renders a 2021-format report, 不适用 distinct from 0', async () => {
    const { html } = await page('/reports/education/2021/');
    const proactive = tableRows(html, 'table-proactiveTable');
    expect(proactive.find((r) => r[0] === '规章')).toEqual(['规章', '/', '/', '/']);
    expect(proactive.find((r) => r[0] === '行政规范性文件')).toEqual(['行政规范性文件', '3', '1', '12']);
    expect(proactive.map((r) => r[0])).not.toContain('第二十条第（九）项');
    const requests = tableRows(html, 'table-requestTable');
    expect(requests).toHaveLength(3 + 25);
    expect(requests.find((r) => r[0] === '（七）总计')).toEqual(['（七）总计', '8', '2', '0', '0', '0', '0', '10']);
  });

  it('shows a policy with its metadata, its validity and its interpretations', async () => {
    const { html: list } = await page('/policies/');
    const href = /href="(\/policies\/[^"]+\/)">临淄区农村宅基地管理办法（试行）</.exec(list)?.[1];
    expect(href).toBeDefined();
    const { html } = await page(href!);
    for (const [label, value] of [
      ['索引号', '11370305004326100A/2019-00008'],
      ['文号', '临政发〔2019〕8号'],
      ['发布机构', '临淄区人民政府'],
      ['成文日期', '2019年3月20日'],
      ['主题分类', '国土资源、能源\\土地'],
      ['有效性', '废止'],
      ['废止日期', '2021年6月30日'],
    ]) {
      expect(html).toContain(`<th scope="row">${label}</th><td>${value}</td>`);
    }
    expect(html).toContain('本文件废止（2021年6月30日起）');

    const workPoints = /href="(\/policies\/[^"]+\/)">临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知</.exec(list)![1]!;
    const policy = await page(workPoints);
    expect(policy.html).toContain('<td>临政办发〔2021〕17号</td>');
    const interpretation = /href="(\/interpretations\/[^"]+\/)">图解：临淄区2021年政务公开工作要点</.exec(policy.html)?.[1];
    expect(interpretation).toBeDefined();
    // …and back from the interpretation to its policy.
    expect((await page(interpretation!)).html).toContain(`href="${workPoints}"`);
  });

  it('shows each agency’s disclosure guide with its contact fields', async () => {
    const { status, html } = await page('/agencies/jingzhong/guide/');
    expect(status).toBe(200);
    expect(html).toContain('临淄区敬仲镇人民政府政府信息公开指南');
    expect(html).toContain('更新于 <time datetime="2020-12-23">2020年12月23日</time>');
    for (const [label, value] of [
      ['受理机构', '敬仲镇党政办公室（政务公开办公室）'],
      ['联系电话', '0533-0000206（演示号码）'],
      ['传真号码', '无'],
      ['电子邮箱', 'jingzhong-gk@example.cn'],
    ]) {
      expect(html).toContain(`<th scope="row">${label}</th><td>${value}</td>`);
    }
    expect(html).toMatch(/<th scope="row">办公时间<\/th><td>周一至周五/);
  });

  it('publishes no draft anywhere, and no client script but search', () => {
    const files = readdirSync(portal.clientDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.html'))
      .map((f) => path.join(f.parentPath, f.name));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      expect(html).not.toContain('征求意见稿');
      expect(html).not.toContain('补充解读（草稿）');
      expect(html).not.toContain('修订草稿，未发布');
      if (!file.endsWith(path.join('search', 'index.html'))) expect(html, file).not.toMatch(/<script/);
    }
  });

  it('answers an unknown address with the 404 page', async () => {
    const { status, html } = await page('/policies/no-such-document/');
    expect(status).toBe(404);
    expect(html).toContain('页面未找到');
  });
});

describe('searching the portal in Chromium', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Types a query into the search page as a visitor would and returns the result links in order. */
  async function search(query: string): Promise<Array<{ href: string; title: string }>> {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(`${served.url}/search/`);
      await tab.locator('pagefind-input input').fill(query);
      const results = tab.locator('pagefind-results a');
      await results.first().waitFor({ timeout: 15_000 });
      return await results.evaluateAll((links) =>
        links.map((a) => ({ href: new URL((a as HTMLAnchorElement).href).pathname, title: a.textContent?.trim() ?? '' })),
      );
    } finally {
      await tab.close();
    }
  }

  it('finds the 敬仲镇 2020 report when searching 敬仲镇', async () => {
    const results = await search('敬仲镇');
    expect(results[0]).toEqual({ href: '/reports/jingzhong/2020/', title: '临淄区敬仲镇人民政府2020年政府信息公开工作年度报告' });
  });

  it('finds the disclosure guides when searching 政府信息公开指南', async () => {
    const pages = (await search('政府信息公开指南')).map((r) => r.href);
    expect(pages.slice(0, 8)).toEqual(expect.arrayContaining(['/agencies/jingzhong/guide/', '/agencies/education/guide/']));
  });

  it('finds a policy first by its document number', async () => {
    const results = await search('临政办发〔2021〕17号');
    expect(results[0]?.title).toBe('临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知');
  });

  it('starts the search from the header’s search box on any page', async () => {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(`${served.url}/policies/`);
      await tab.getByRole('searchbox', { name: '搜索本站' }).fill('敬仲镇');
      await tab.getByRole('button', { name: '搜索' }).click();
      await tab.waitForURL(/\/search\/\?q=/);
      await tab.locator('pagefind-results a').first().waitFor({ timeout: 15_000 });
      expect(await tab.locator('pagefind-results a').first().textContent()).toContain('敬仲镇');
    } finally {
      await tab.close();
    }
  });
});
