import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Route } from 'playwright-core';
import { searchRequestFromParams, type SearchResponse } from '@portal/shared';
import { demoSiteEnv } from '../../scripts/demo-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { buildPortal, servePortal, type BuiltPortal, type ServedPortal } from '../helpers/portal.ts';
import { answered, openSearch, readResults, statusText } from '../helpers/search-page.ts';

/*
 * The search page built for the server engine (PORTAL_SEARCH=server): it asks GET /search/api/
 * with the request's URL parameters, draws the shared SearchResponse it gets, and never loads the
 * static index. Here the answers are played by the browser's request routing, so the page can be
 * shown what a real engine never sends (markup in every field, a failure, a malformed answer):
 * the client must stay safe anyway. The page on the real engine: tests/publisher/search-server.test.ts.
 */

let cms: RunningCms | undefined;
let built: BuiltPortal | undefined;
let served: ServedPortal | undefined;
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  cms = await startCms();
  built = await buildPortal(cms.url, { site: { ...demoSiteEnv, PORTAL_SEARCH: 'server' } });
  served = await servePortal(built);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  built?.remove();
  await cms?.stop();
});

const hostileTitle = '<img src=x onerror="window.__xss=1">标题';

function answer(params: URLSearchParams): SearchResponse {
  const request = searchRequestFromParams(params);
  if (request.query === '宅基地审批流程')
    return {
      query: request.query,
      total: 1,
      page: 1,
      pageSize: 20,
      match: 'partial',
      results: [{ url: '/policies/a/', title: '临淄区农村宅基地管理办法', excerpt: '<mark>宅基地</mark>审批', meta: { 类型: '政策文件' } }],
      filters: { 类型: { 政策文件: 1 } },
    };
  return {
    query: request.query,
    total: 45,
    page: request.page,
    pageSize: 20,
    match: 'all',
    results: [
      {
        url: '/policies/exact/',
        title: '临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知',
        excerpt: '',
        meta: { 类型: '政策文件', 文号: '临政办发〔2021〕17号' },
        exact: true,
      },
      {
        url: '/policies/b/',
        title: hostileTitle,
        excerpt: '前文<mark>临政办发</mark><img src=x onerror="window.__xss=2"><script>window.__xss=3</script>后文',
        meta: { 类型: '政策文件', 发布机构: '<b>机构</b>' },
      },
    ],
    filters: { 发布机构: { 临淄区人民政府办公室: 30, '<b>机构</b>': 15 }, 年份: { '2021': 45 } },
  };
}

describe('the search page on the server engine', () => {
  it('is built for it: no exact-identifier lookup files, the page names its engine', async () => {
    expect(existsSync(path.join(built!.clientDir, 'search', 'ids'))).toBe(false);
    const html = await (await fetch(`${served!.url}/search/`)).text();
    expect(html).toContain('data-engine="server"');
  });

  it('asks /search/api/ with the request’s parameters, draws the answer safely, and never loads /pagefind/', async () => {
    const tab = await browser.context.newPage();
    const asked: string[] = [];
    const loaded: string[] = [];
    const problems: string[] = [];
    tab.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await tab.route('**/search/api/**', (route: Route) => {
      const url = new URL(route.request().url());
      asked.push(url.search);
      return route.fulfill({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(answer(url.searchParams)) });
    });
    try {
      await openSearch(tab, `${served!.url}/search/?q=${encodeURIComponent('临政办发[2021]17号')}&年份=2021&page=2`);
      // The query normalised, the filter and the page, in the shared order.
      expect(asked).toEqual([
        `?${new URLSearchParams([
          ['q', '临政办发〔2021〕17号'],
          ['年份', '2021'],
          ['page', '2'],
        ])}`,
      ]);
      const results = await readResults(tab);
      expect(results.map((r) => r.exact)).toEqual(['文号完全匹配', '']);
      expect(results[1]?.title).toBe(hostileTitle);
      expect(results[1]?.excerpt).toBe('前文临政办发后文');
      expect(await tab.locator('.search-result-excerpt mark').allTextContents()).toEqual(['临政办发']);
      expect(await tab.locator('[data-search] img, [data-search] script').count()).toBe(0);
      expect(await statusText(tab)).toBe('找到 45 条结果，第 2 / 3 页');
      expect(await tab.locator('.search-filter label').allTextContents()).toEqual([
        '临淄区人民政府办公室（30）',
        '<b>机构</b>（15）',
        '2021年（45）',
      ]);

      await answered(tab, async () => {
        await tab.locator('#search-q').fill('宅基地审批流程');
        await tab.locator('#search-q').press('Enter');
      });
      expect(await statusText(tab)).toContain('没有同时包含全部词语的结果，以下是包含部分词语的结果');

      expect(loaded.filter((p) => p.startsWith('/pagefind/') || p.startsWith('/search/ids/'))).toEqual([]);
      expect(await tab.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('says in Chinese when the server engine fails or answers nonsense', async () => {
    const tab = await browser.context.newPage();
    try {
      await tab.route('**/search/api/**', (route: Route) => route.fulfill({ status: 503, body: 'busy' }));
      await openSearch(tab, `${served!.url}/search/?q=宅基地`);
      expect(await tab.locator('#search-notice').textContent()).toContain('检索服务暂时无法响应（状态 503）');
      await tab.unroute('**/search/api/**');
      await tab.route('**/search/api/**', (route: Route) => route.fulfill({ contentType: 'application/json', body: '{"results":"x"}' }));
      await openSearch(tab, `${served!.url}/search/?q=宅基地`);
      expect(await tab.locator('#search-notice').textContent()).toContain('检索服务返回的结果格式不正确');
    } finally {
      await tab.close();
    }
  });
});
