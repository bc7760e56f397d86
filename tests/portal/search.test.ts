import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SEARCH_PAGE_SIZE } from '@portal/shared';
import { launchBrowser } from '../helpers/browser.ts';
import type { RunningCms } from '../helpers/cms.ts';
import { usePortal } from '../helpers/portal-suite.ts';
import { answered, openSearch, readResults, searchFor, settled, statusText, submitQuery } from '../helpers/search-page.ts';

/*
 * Searching the demo portal in Chromium as a visitor does: 文号 typed every way people type them,
 * an exact 文号 or 索引号 first, short Chinese words, a query no document holds whole, the result
 * entries (title first and largest, excerpts that start where the text starts), the filters and
 * their counts, a page of results at a time, the address as the page's state (shared links, back
 * and forward), hostile queries, and the header's search box (with the `/` shortcut) on every page.
 */

const BROAD = '秸秆';
const BROAD_COUNT = SEARCH_PAGE_SIZE + 4;
const EXCERPT_TITLE = '凤凰山湿地保护区管理办法';
const EXCERPT_BODY = '鸿雁湖湿地周边禁止新建排污口';
const NEW_DOC = { title: '临淄区城乡环境综合整治实施方案', docNumber: '临政发〔2022〕88号' };
let newIndexNumber = '';

function paragraph(text: string) {
  return [{ type: 'paragraph', children: [{ type: 'text', text }] }];
}

/** The documents these tests need besides the demo's: many on one word, one for excerpts, one new 文号. */
async function addDocuments(cms: RunningCms): Promise<void> {
  const agency = await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'linzi' } });
  const policies = cms.strapi.documents('api::policy-item.policy-item');
  const base = { agency: agency.documentId, topic: '综合政务\\其他', genre: '通知', validity: 'valid' };
  for (let i = 1; i <= BROAD_COUNT; i++) {
    await policies.create({
      data: {
        ...base,
        title: `关于做好第${i}批${BROAD}综合利用试点的通知`,
        publishDate: `2022-05-${String((i % 28) + 1).padStart(2, '0')}`,
        body: paragraph(`第${i}批试点镇街要落实${BROAD}禁烧和综合利用责任，按期报送进展。`),
      },
      status: 'published',
    });
  }
  await policies.create({
    data: {
      ...base,
      title: EXCERPT_TITLE,
      publishDate: '2022-06-01',
      body: paragraph(`${EXCERPT_BODY}，已有排污口限期整改。保护区内开展巡护和监测。`),
    },
    status: 'published',
  });
  const created = await policies.create({
    data: { ...base, ...NEW_DOC, publishDate: '2022-06-02', body: paragraph('各镇街结合实际，开展城乡环境综合整治。') },
    status: 'published',
  });
  newIndexNumber = created.indexNumber;
}

const portal = usePortal({ beforeBuild: addDocuments });
let browser: { context: BrowserContext; close: () => Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A tab that fails the test on any console error or uncaught exception, and on a script a query ran. */
async function withTab<T>(use: (tab: Page) => Promise<T>, { strict = true } = {}): Promise<T> {
  const tab = await browser.context.newPage();
  const problems: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  tab.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  try {
    const result = await use(tab);
    expect(await tab.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    if (strict) expect(problems).toEqual([]);
    return result;
  } finally {
    await tab.close();
  }
}

const search = (tab: Page, query: string) => searchFor(tab, portal.url(), query);
const titles = async (tab: Page) => (await readResults(tab)).map((r) => r.title);

const WORK_POINTS = '临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知';

describe('searching by 文号 and 索引号', () => {
  for (const typed of [
    '临政办发〔2021〕17号',
    '临政办发[2021]17号',
    '临政办发(2021)17号',
    '临政办发（2021）17号',
    '"临政办发〔2021〕17号"',
    '“临政办发[2021]17号”',
  ]) {
    it(`finds the policy first, marked as the exact match, when typed as ${typed}`, async () => {
      const [first] = await withTab((tab) => search(tab, typed));
      expect(first?.title).toBe(WORK_POINTS);
      expect(first?.exact).toBe('文号完全匹配');
    });
  }

  it('puts a new document first for its exact 文号 and 索引号, above the agency page that lists it', async () => {
    await withTab(async (tab) => {
      for (const [query, mark] of [
        [NEW_DOC.docNumber, '文号完全匹配'],
        ['临政发[2022]88号', '文号完全匹配'],
        [newIndexNumber, '索引号完全匹配'],
      ] as const) {
        const results = await search(tab, query);
        expect(results[0], query).toMatchObject({ title: NEW_DOC.title, exact: mark });
        // Once only, and the agency's page (which lists its documents) never above it.
        expect(
          results.filter((r) => r.title === NEW_DOC.title),
          query,
        ).toHaveLength(1);
        expect(
          results.findIndex((r) => r.href === '/agencies/linzi/'),
          query,
        ).not.toBe(0);
      }
      // The agency page does not hold its documents' list for search: the 文号 alone does not find it.
      expect((await search(tab, NEW_DOC.docNumber)).map((r) => r.href)).not.toContain('/agencies/linzi/');
    });
  });
});

describe('search results', () => {
  it('shows each result’s title, then 类型, 发布机构, date, 文号, 索引号 and 有效性', async () => {
    const [first] = await withTab((tab) => search(tab, '临政办发〔2021〕17号'));
    expect(first).toMatchObject({
      title: WORK_POINTS,
      meta: '政策文件发布机构：临淄区人民政府办公室日期：2021年4月15日文号：临政办发〔2021〕17号索引号：11370305004326118B/2021-00017有效性：有效',
    });
  });

  it('draws the title first and larger than the meta line and the excerpt', async () => {
    await withTab(async (tab) => {
      await search(tab, '宅基地');
      const sizes = await tab
        .locator('.search-result')
        .first()
        .evaluate((item) => {
          const size = (selector: string) => parseFloat(getComputedStyle(item.querySelector(selector)!).fontSize);
          return {
            first: item.firstElementChild?.className,
            title: size('.search-result-title a'),
            meta: size('.result-meta'),
            excerpt: size('.search-result-excerpt'),
          };
        });
      expect(sizes.first).toBe('search-result-title');
      expect(sizes.title).toBeGreaterThan(sizes.meta);
      expect(sizes.title).toBeGreaterThan(sizes.excerpt);
    });
  });

  it('keeps the first characters of the text in the excerpt', async () => {
    await withTab(async (tab) => {
      // The page's text starts with its title: a word in it gives an excerpt from the very start.
      const [byTitle] = await search(tab, '湿地保护区');
      expect(byTitle?.title).toBe(EXCERPT_TITLE);
      expect(byTitle?.excerpt.startsWith(EXCERPT_TITLE)).toBe(true);
      // A word of the body's first sentence: the excerpt holds that sentence from its start.
      const [byBody] = await search(tab, '排污口');
      expect(byBody?.title).toBe(EXCERPT_TITLE);
      expect(byBody?.excerpt).toContain(EXCERPT_BODY);
    });
  });

  it('finds documents by a two-character word', async () => {
    await withTab(async (tab) => {
      expect((await search(tab, '招生'))[0]?.title).toBe('临淄区教育和体育局关于做好2021年义务教育招生工作的通知');
      const land = (await search(tab, '土地')).slice(0, 2).map((r) => r.title);
      expect(land.sort()).toEqual(['临淄区农村宅基地管理办法', '临淄区农村宅基地管理办法（试行）']);
    });
  });

  it('offers the best partial matches, in Chinese, when no document holds every word', async () => {
    await withTab(async (tab) => {
      // 宅基地 and 审批 are in the two 宅基地 documents, 招生 only in the enrolment notice: none holds all three.
      const results = await search(tab, '宅基地审批招生');
      expect(await statusText(tab)).toContain('没有同时包含全部词语的结果，以下是包含部分词语的结果');
      const shown = results.map((r) => r.title);
      const enrolment = shown.indexOf('临淄区教育和体育局关于做好2021年义务教育招生工作的通知');
      expect(enrolment).toBeGreaterThan(0);
      // Documents holding two of the words come before the one holding one.
      expect(shown.indexOf('临淄区农村宅基地管理办法')).toBeLessThan(enrolment);
      // The issue's own example: 流程 is in no 宅基地 document, yet they are offered.
      await submitQuery(tab, '宅基地审批流程');
      expect(await statusText(tab)).toContain('没有同时包含全部词语的结果');
      expect(await titles(tab)).toContain('临淄区农村宅基地管理办法');
    });
  });
});

describe('a page of results at a time', () => {
  it('draws one page for a broad query, with pages to go on, and loads the next page on request', async () => {
    await withTab(async (tab) => {
      const first = await search(tab, BROAD);
      expect(first).toHaveLength(SEARCH_PAGE_SIZE);
      expect(await statusText(tab)).toContain(`找到 ${BROAD_COUNT} 条结果，第 1 / 2 页`);
      const nodes = await tab.locator('[data-search-results]').evaluate((el) => el.querySelectorAll('*').length);
      expect(nodes).toBeLessThan(SEARCH_PAGE_SIZE * 20);
      await answered(tab, () => tab.locator('.search-pages').getByRole('link', { name: '下一页' }).click());
      expect(new URL(tab.url()).searchParams.get('page')).toBe('2');
      const second = await readResults(tab);
      expect(second).toHaveLength(BROAD_COUNT - SEARCH_PAGE_SIZE);
      expect(second.filter((r) => first.some((f) => f.href === r.href))).toEqual([]);
    });
  });
});

describe('the address is the search', () => {
  it('puts the query, filters and page in the URL, and a shared URL shows the same results', async () => {
    const shared = await withTab(async (tab) => {
      await search(tab, BROAD);
      await answered(tab, () => tab.locator('.search-filter label', { hasText: '2022年' }).click());
      await answered(tab, () => tab.locator('.search-pages').getByRole('link', { name: '第 2 页' }).click());
      const params = new URL(tab.url()).searchParams;
      expect([params.get('q'), params.getAll('年份'), params.get('page')]).toEqual([BROAD, ['2022'], '2']);
      return { url: tab.url(), titles: await titles(tab), status: await statusText(tab) };
    });
    await withTab(async (tab) => {
      await openSearch(tab, shared.url);
      expect(await titles(tab)).toEqual(shared.titles);
      expect(await statusText(tab)).toBe(shared.status);
      expect(await tab.inputValue('#search-q')).toBe(BROAD);
      expect(await tab.locator('.search-filter input:checked').evaluateAll((b) => b.map((x) => (x as HTMLInputElement).value))).toEqual([
        '2022',
      ]);
    });
  });

  it('writes the address while typing, and back and forward step through the searches', async () => {
    await withTab(async (tab) => {
      await openSearch(tab, `${portal.url()}/search/`);
      // Typing alone (no Enter) searches after a pause and updates the address in place.
      await answered(tab, () => tab.locator('#search-q').fill('宅基地'));
      expect(new URL(tab.url()).searchParams.get('q')).toBe('宅基地');
      const land = await titles(tab);
      await submitQuery(tab, '招生');
      const enrolment = await titles(tab);
      expect(enrolment).not.toEqual(land);
      await answered(tab, () => tab.goBack());
      expect(await titles(tab)).toEqual(land);
      expect(await tab.inputValue('#search-q')).toBe('宅基地');
      await answered(tab, () => tab.goForward());
      expect(await titles(tab)).toEqual(enrolment);
      expect(await tab.inputValue('#search-q')).toBe('招生');
    });
  });
});

describe('filters', () => {
  it('shows each filter with counts that narrow as filters are set, and keeps them in the URL', async () => {
    await withTab(async (tab) => {
      await search(tab, '宅基地');
      const groups = await tab.locator('.search-filter legend').allTextContents();
      expect(groups).toEqual(['类型', '发布机构', '年份', '有效性']);
      const years = () => tab.locator('.search-filter', { hasText: '年份' }).locator('label').allTextContents();
      expect((await years()).sort()).toEqual(['2019年（1）', '2021年（1）']);
      await answered(tab, () => tab.locator('.search-filter label', { hasText: '废止' }).click());
      expect(await titles(tab)).toEqual(['临淄区农村宅基地管理办法（试行）']);
      expect(new URL(tab.url()).searchParams.getAll('有效性')).toEqual(['废止']);
      // Other groups count what is left; the group set still offers its other values to add.
      expect(await years()).toEqual(['2019年（1）']);
      const validity = await tab.locator('.search-filter', { hasText: '有效性' }).locator('label').allTextContents();
      expect(validity.sort()).toEqual(['废止（1）', '有效（1）']);
    });
  });

  it('offers to relax the filters when nothing is left', async () => {
    await withTab(async (tab) => {
      await search(tab, '宅基地');
      await answered(tab, () => tab.locator('.search-filter label', { hasText: '废止' }).click());
      // 废止 and 招生 together: nothing. The page offers to drop the filter, and dropping it finds the notice.
      await submitQuery(tab, '招生');
      const notice = tab.locator('#search-notice');
      expect(await notice.textContent()).toContain('在当前筛选条件下没有找到结果');
      await answered(tab, () => notice.getByRole('button', { name: '取消“有效性：废止”' }).click());
      expect((await titles(tab))[0]).toBe('临淄区教育和体育局关于做好2021年义务教育招生工作的通知');
      expect(await notice.isHidden()).toBe(true);
      expect(await tab.locator('.search-filter input:checked').count()).toBe(0);
    });
  });

  it('suggests browsing the library when a query finds nothing', async () => {
    await withTab(async (tab) => {
      await search(tab, '火星飞船');
      const notice = tab.locator('#search-notice');
      expect(await notice.getByRole('link', { name: '政策文件库' }).count()).toBe(1);
      expect(await notice.textContent()).toContain('没有找到');
    });
  });
});

describe('hostile queries', () => {
  const hostile = [
    '宅基地'.repeat(1700),
    '<img src=x onerror="window.__xss=1">',
    '"><script>window.__xss=2</script>',
    '" OR 1=1 --',
    '.*+?^${}()|[]\\',
    '((((((((((a',
    '*:* AND NOT -',
    '\u0000\u200B\uFEFF',
  ];
  it('never runs script, never throws, and answers each in Chinese (typed or in the address)', async () => {
    await withTab(async (tab) => {
      for (const query of hostile) {
        await search(tab, query);
        const status = await statusText(tab);
        expect(status, query.slice(0, 20)).toMatch(/[\u4e00-\u9fff]/);
        expect(status).not.toContain('正在搜索');
        expect(await tab.locator('[data-search] script, [data-search] img').count()).toBe(0);
        // A URL of 5,000 Chinese characters is longer than servers accept: the long one goes in as 5,000 letters.
        await openSearch(tab, `${portal.url()}/search/?q=${encodeURIComponent(query.length > 1000 ? 'x'.repeat(5000) : query)}`);
        expect(await statusText(tab)).toMatch(/[\u4e00-\u9fff]/);
      }
      // A 5,000-character query is cut to its first 100 characters, and the page says so.
      await openSearch(tab, `${portal.url()}/search/?q=${'x'.repeat(5000)}`);
      expect(await tab.locator('#search-notice').textContent()).toContain('只按前 100 个字搜索');
      // A page that is no number, and filters no document has: the first page, nothing found, said in Chinese.
      await openSearch(tab, `${portal.url()}/search/?q=宅基地&page=-1e9`);
      expect(await titles(tab)).toContain('临淄区农村宅基地管理办法');
      await openSearch(tab, `${portal.url()}/search/?q=宅基地&发布机构=${encodeURIComponent('<b>无此机构</b>')}`);
      expect(await tab.locator('#search-notice').textContent()).toContain('取消“发布机构：<b>无此机构</b>”');
      // Lone surrogates (half an emoji, as a paste can leave) typed into the box. (In an address they are
      // bytes no UTF-8 decoder accepts, and the server refuses the request before any page.)
      await openSearch(tab, `${portal.url()}/search/`);
      await answered(tab, () =>
        tab.evaluate(() => {
          const input = document.querySelector<HTMLInputElement>('#search-q')!;
          input.value = '\uD800宅基地\uDFFF';
          input.form!.requestSubmit();
        }),
      );
      expect(await titles(tab)).toContain('临淄区农村宅基地管理办法');
      expect(await statusText(tab)).toMatch(/[\u4e00-\u9fff]/);
    });
  });
});

describe('the header search box', () => {
  it('is on every page type, and `/` focuses it', async () => {
    const pages = [
      '/',
      '/policies/',
      '/policies/agency/linzi/',
      '/reports/jingzhong/2020/',
      '/agencies/jingzhong/guide/',
      '/no-such-page/',
    ];
    await withTab(
      async (tab) => {
        for (const pathname of pages) {
          await tab.goto(`${portal.url()}${pathname}`);
          await tab.keyboard.press('/');
          expect(await tab.evaluate(() => document.activeElement?.id), pathname).toBe('site-search-q');
        }
        // Typing `/` inside a field types it rather than jumping.
        await tab.keyboard.type('临政办发/');
        expect(await tab.inputValue('#site-search-q')).toBe('临政办发/');
        // The 404 page is one of them: its status is a console message, not a fault.
      },
      { strict: false },
    );
  });

  it('hands a 文号 typed with square brackets to the search page, which fills its box and finds it first', async () => {
    await withTab(async (tab) => {
      await tab.goto(`${portal.url()}/agencies/`);
      await tab.keyboard.press('/');
      await tab.keyboard.type('临政办发[2021]17号');
      await tab.keyboard.press('Enter');
      await tab.waitForURL(/\/search\/\?q=/);
      await settled(tab);
      expect(await tab.inputValue('#search-q')).toBe('临政办发〔2021〕17号');
      expect((await readResults(tab))[0]?.title).toBe(WORK_POINTS);
    });
  });
});
