import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchParamsOf, SEARCH_PAGE_SIZE, type SearchRequest, type SearchResponse } from '@portal/shared';
import { adminClient, type AdminClient } from '../helpers/admin.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openSearch, readResults, statusText, submitQuery } from '../helpers/search-page.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { freePort } from '../helpers/portal.ts';
import { reservePorts, startPublisher, type PublisherStatus, type RunningPublisher } from '../helpers/publisher.ts';

/*
 * The server search engine end to end: the real publisher started with PORTAL_SEARCH=server
 * builds the demo portal without Pagefind and indexes each release's pages; GET /search/api/
 * answers the shared SearchResponse on the portal port, on the renderer port and through the
 * shipped nginx config. A publish in the CMS reaches the next release's index by re-reading only
 * the pages that changed; a draft never does. Hostile requests get a clear answer, never a 500.
 */

const POLICY = 'api::policy-item.policy-item';
const admin = { email: 'search-admin@example.com', password: 'Test-Admin-12345' };
const secret = 'test-search-secret';
const WORK_POINTS = '临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知';
const PUBLISHED_TITLE = '关于做好2026年葡萄种植补贴发放工作的通知';
const DRAFT_TITLE = '关于紫薇花海观光项目的通知（草稿）';

type SearchStatus = PublisherStatus & {
  lastBuild: (PublisherStatus['lastBuild'] & { search?: { pages: number; indexed: number; removed: number; incremental: boolean } }) | null;
};

let cms: RunningCms;
let publisher: RunningPublisher;
let editor: AdminClient;
let nginx: RunningNginx;
let rendererPort: number;
let first: SearchStatus;

const request = (query: string, filters: SearchRequest['filters'] = {}, page = 1): SearchRequest => ({ query, filters, page });
const api = (base: string, search: SearchRequest | string, init?: RequestInit) =>
  fetch(`${base}/search/api/?${typeof search === 'string' ? search : searchParamsOf(search).toString()}`, init);
async function answer(search: SearchRequest | string, base = publisher.portalUrl): Promise<SearchResponse> {
  const response = await api(base, search);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchResponse;
}

beforeAll(async () => {
  const ports = await reservePorts();
  rendererPort = await freePort();
  process.env.PUBLISHER_WEBHOOK_URL = `http://127.0.0.1:${ports.control}/webhook`;
  process.env.PUBLISHER_SECRET = secret;
  cms = await startCms({ admin });
  publisher = await startPublisher({
    cmsUrl: cms.url,
    secret,
    ports,
    env: { PORTAL_SEARCH: 'server', RENDERER_PORT: String(rendererPort) },
  });
  editor = await adminClient(cms.url, admin);
  first = (await publisher.settled(null, 300_000)) as SearchStatus;
  if (!first.lastBuild?.ok) throw new Error(`构建失败：${first.lastBuild?.error}`);
  nginx = await startNginx({ root: path.join(publisher.dir, 'current', 'client'), rendererPort });
}, 420_000);

afterAll(async () => {
  await nginx?.stop();
  await publisher?.stop();
  await cms?.stop();
  delete process.env.PUBLISHER_WEBHOOK_URL;
  delete process.env.PUBLISHER_SECRET;
});

describe('a release built with PORTAL_SEARCH=server', () => {
  it('has a server index beside its static files, and no Pagefind index', () => {
    const release = path.join(publisher.dir, 'current');
    expect(existsSync(path.join(release, 'search.db'))).toBe(true);
    expect(existsSync(path.join(release, 'client', 'pagefind'))).toBe(false);
    expect(first.lastBuild?.search).toMatchObject({ incremental: false, removed: 0 });
    expect(first.lastBuild!.search!.indexed).toBe(first.lastBuild!.search!.pages);
    expect(first.lastBuild!.search!.pages).toBeGreaterThan(10);
  });

  it('never serves the index file itself', async () => {
    for (const pathname of ['/search.db', '/../search.db', '/%2e%2e/search.db'])
      expect((await fetch(`${publisher.portalUrl}${pathname}`)).status).toBe(404);
  });
});

describe('GET /search/api/', () => {
  it('answers the shared SearchResponse as JSON with a short cache time', async () => {
    const response = await api(publisher.portalUrl, request('临政办发[2021]17号'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const body = (await response.json()) as SearchResponse;
    expect(Object.keys(body).sort()).toEqual(['filters', 'match', 'page', 'pageSize', 'query', 'results', 'total']);
    expect(body).toMatchObject({ query: '临政办发〔2021〕17号', page: 1, pageSize: SEARCH_PAGE_SIZE, match: 'all' });
    expect(body.results[0]).toMatchObject({ title: WORK_POINTS, exact: true, meta: { 文号: '临政办发〔2021〕17号', 类型: '政策文件' } });
    expect(body.results[0]!.url).toMatch(/^\/policies\/[a-z0-9]{24}\/$/);
    expect(body.results[0]!.excerpt).toContain('<mark>临政办发〔2021〕17号</mark>');
    for (const result of body.results)
      expect(Object.keys(result).every((k) => ['url', 'title', 'excerpt', 'meta', 'exact'].includes(k))).toBe(true);
    // The result's page is the one served.
    expect((await fetch(`${publisher.portalUrl}${body.results[0]!.url}`)).status).toBe(200);
  });

  it('falls back to partial matches, and narrows each filter’s counts by the others', async () => {
    const partial = await answer(request('宅基地 量子纠缠'));
    expect(partial.match).toBe('partial');
    expect(partial.results.map((r) => r.title)).toContain('临淄区农村宅基地管理办法');

    const filters = { 类型: ['政策文件'], 年份: ['2021'] };
    const narrowed = await answer(request('年', filters));
    expect(narrowed.results.every((r) => r.meta.类型 === '政策文件')).toBe(true);
    expect(narrowed.filters.类型!.政策解读).toBeGreaterThan(0);
    for (const [value, count] of Object.entries(narrowed.filters.发布机构 ?? {}))
      expect((await answer(request('年', { ...filters, 发布机构: [value] }))).total, value).toBe(count);
    for (const [value, count] of Object.entries(narrowed.filters.类型 ?? {}))
      expect((await answer(request('年', { ...filters, 类型: [value] }))).total, value).toBe(count);
  });

  it('answers the same on the renderer port nginx proxies to, and through nginx', async () => {
    const query = request('政务公开', { 类型: ['政策文件'] });
    const direct = await answer(query);
    expect(await answer(query, `http://127.0.0.1:${rendererPort}`)).toEqual(direct);
    const viaNginx = await api(nginx.url, query);
    expect(viaNginx.status).toBe(200);
    expect(viaNginx.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(viaNginx.headers.get('cache-control')).toBe('public, max-age=30');
    expect(viaNginx.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await viaNginx.json()).toEqual(direct);
  });
});

describe('the search page on the real server engine', () => {
  it('draws the engine’s answers: exact 文号 first, partial matches, a shared URL, and never loads Pagefind', async () => {
    const browser = await launchBrowser();
    const tab = await browser.context.newPage();
    const loaded: string[] = [];
    const problems: string[] = [];
    tab.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    tab.on('pageerror', (error) => problems.push(error.message));
    try {
      await openSearch(tab, `${publisher.portalUrl}/search/?q=${encodeURIComponent('临政办发[2021]17号')}`);
      const results = await readResults(tab);
      expect(results[0]).toMatchObject({ title: WORK_POINTS, exact: '文号完全匹配' });
      expect(results[0]!.href).toMatch(/^\/policies\/[a-z0-9]{24}\/$/);

      await submitQuery(tab, '宅基地 量子纠缠');
      expect(await statusText(tab)).toContain('没有同时包含全部词语的结果，以下是包含部分词语的结果');
      expect((await readResults(tab)).map((r) => r.title)).toContain('临淄区农村宅基地管理办法');
      expect(new URL(tab.url()).searchParams.get('q')).toBe('宅基地 量子纠缠');

      expect(loaded.some((p) => p.startsWith('/search/api/'))).toBe(true);
      expect(loaded.filter((p) => p.startsWith('/pagefind/') || p.startsWith('/search/ids/'))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await tab.close();
      await browser.close();
    }
  });
});

describe('hostile requests', () => {
  const leaks = /\/work|\/var\/|node_modules|\bat \w+ \(|sqlite|fts5|SQL|Error:/i;

  it('reads FTS5 syntax, operators, lone surrogates and absurd pages as words or defaults', async () => {
    const cases = [
      'q=%22',
      'q=NEAR(%E5%AE%85%E5%9F%BA%E5%9C%B0%20x)',
      'q=*',
      'q=title%3A%E5%AE%85%E5%9F%BA%E5%9C%B0',
      'q=AND%20OR%20NOT',
      'q=%5E%E5%AE%85',
      'q=%ED%A0%80%E5%AE%85',
      'q=%F0%9F%98',
      'q=%',
      `q=${'a'.repeat(5000)}`,
      'q=%E5%AE%85&page=1e9',
      'q=%E5%AE%85&page=-1',
      'q=%E5%AE%85&%E7%B1%BB%E5%9E%8B=%00',
      `q=x&${Array.from({ length: 150 }, (_, i) => `a${i}=1`).join('&')}`,
    ];
    for (const params of cases) {
      const response = await api(publisher.portalUrl, params);
      expect(response.status, params.slice(0, 40)).toBe(200);
      const body = (await response.json()) as SearchResponse;
      expect(['all', 'partial', 'none']).toContain(body.match);
      expect(body.page).toBe(1);
    }
    expect((await answer('q=title%3A%E5%AE%85%E5%9F%BA%E5%9C%B0')).results.map((r) => r.title)).toContain('临淄区农村宅基地管理办法');
  });

  it('refuses other methods, long URLs and 1,000 repeated filters in Chinese; the process lives', async () => {
    const post = await api(publisher.portalUrl, 'q=x', { method: 'POST', body: 'q=x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(((await post.json()) as { error: string }).error).toMatch(/只接受 GET/);

    // Longer than the API reads: a JSON refusal in Chinese.
    const long = await api(publisher.portalUrl, `q=${'x'.repeat(10_000)}`);
    expect(long.status).toBe(414);
    const text = await long.text();
    expect(JSON.parse(text).error).toMatch(/搜索地址过长/);
    expect(text).not.toMatch(leaks);
    // Beyond what Node reads as a request line (16 KB: 1,000 repeated filters, 5,000 Chinese
    // characters): refused before any handler, in Chinese, and the server lives on.
    const repeated = Array.from({ length: 1000 }, () => `%E7%B1%BB%E5%9E%8B=${encodeURIComponent('政策文件')}`).join('&');
    for (const params of [repeated, `q=${encodeURIComponent('宅'.repeat(5000))}`]) {
      const response = await api(publisher.portalUrl, params);
      expect(response.status).toBe(431);
      expect(await response.text()).toMatch(/请求头过大/);
    }
    expect((await api(publisher.portalUrl, request('宅基地'))).status).toBe(200);
    expect((await publisher.status()).state).toBe('ok');
  });

  it('leaks no stack or path, and unknown API paths are a JSON 404', async () => {
    const unknown = await fetch(`${publisher.portalUrl}/search/api/x`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toMatch(leaks);
    for (const params of ['q=%22%29%28*', 'q=%ED%A0%80', `q=${'NEAR('.repeat(20)}`])
      expect(await (await api(publisher.portalUrl, params)).text()).not.toMatch(leaks);
  });
});

describe('publishing', () => {
  it('puts a published document into the next release’s index by re-reading only the changed pages; a draft never', async () => {
    const agency = (await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'jingzhong' } })).documentId;
    const base = { publishDate: '2026-11-20', validity: 'valid', agency };
    const draft = await editor.create(POLICY, {
      ...base,
      title: DRAFT_TITLE,
      docNumber: '敬政发〔2026〕43号',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: '紫薇花海观光项目草稿正文。' }] }],
    });
    expect(draft.status).toBe(201);
    const created = await editor.create(POLICY, {
      ...base,
      title: PUBLISHED_TITLE,
      docNumber: '敬政发〔2026〕44号',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: '各村：现就做好葡萄种植补贴发放工作通知如下。' }] }],
    });
    expect(created.status).toBe(201);
    const before = (await publisher.status()).lastBuild!.id;
    expect((await editor.publish(POLICY, created.body.data.documentId)).status).toBe(200);
    const done = (await publisher.settled(before)) as SearchStatus;
    expect(done.lastBuild?.ok).toBe(true);

    const stats = done.lastBuild!.search!;
    expect(stats.incremental).toBe(true);
    expect(stats.pages).toBe(first.lastBuild!.search!.pages + 1);
    // The new page and the few that list it (its agency's page), not the whole portal.
    expect(stats.indexed).toBeGreaterThanOrEqual(1);
    expect(stats.indexed).toBeLessThanOrEqual(3);
    expect(stats.removed).toBe(0);

    const found = await answer(request('葡萄种植补贴'));
    expect(found.results[0]?.title).toBe(PUBLISHED_TITLE);
    expect((await answer(request('敬政发〔2026〕44号'))).results[0]).toMatchObject({ title: PUBLISHED_TITLE, exact: true });
    for (const query of ['紫薇花海', DRAFT_TITLE, '敬政发〔2026〕43号']) {
      const none = await answer(request(query));
      expect(none.results.map((r) => r.title)).not.toContain(DRAFT_TITLE);
    }
    expect((await answer(request('紫薇花海'))).total).toBe(0);
  });

  it('takes an unpublished document out of the next index', async () => {
    const found = await answer(request('葡萄种植补贴'));
    const documentId = found.results[0]!.url.split('/')[2]!;
    const before = (await publisher.status()).lastBuild!.id;
    const response = await editor.request('POST', `/content-manager/collection-types/${POLICY}/${documentId}/actions/unpublish`, {});
    expect(response.status).toBe(200);
    const done = (await publisher.settled(before)) as SearchStatus;
    expect(done.lastBuild!.search).toMatchObject({ incremental: true, removed: 1 });
    expect(done.lastBuild!.search!.indexed).toBeLessThanOrEqual(3);
    expect((await answer(request('葡萄种植补贴'))).total).toBe(0);
  });
});
