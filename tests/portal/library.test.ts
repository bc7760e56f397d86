import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogNodes, genres, topicClasses } from '@portal/shared';
import { launchBrowser } from '../helpers/browser.ts';
import type { RunningCms } from '../helpers/cms.ts';
import { graphql } from '../helpers/graphql.ts';
import { linkTo, usePortal, withoutCareModeScript } from '../helpers/portal-suite.ts';
import { dangerousMarkup } from '../helpers/xss.ts';

/*
 * The policy library (政策文件库) as a visitor without JavaScript uses it, the notice on a document
 * no longer in force, and what the portal offers machines: feeds, the catalogue as JSON, the
 * sitemap and robots.txt. The demo content is joined by 25 notices of 闻韶街道 so that a listing
 * runs to two pages and the two sort orders differ.
 */

const EXTRA = 25;

/** 闻韶街道's notices: written on day i of 2022 but published in reverse order, so sorting by 成文日期 and by 发布日期 disagree. */
async function addWenshaoNotices(cms: RunningCms): Promise<void> {
  const wenshao = await cms.strapi.documents('api::agency.agency').findFirst({ filters: { slug: 'wenshao' } });
  const day = (n: number) => `2022-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  for (let i = 0; i < EXTRA; i++) {
    await cms.strapi.documents('api::policy-item.policy-item').create({
      data: {
        indexNumber: `11370305004326409E/2022-${String(i + 1).padStart(5, '0')}`,
        title: `闻韶街道社区服务通知第${i + 1}号`,
        docNumber: `闻办发〔2022〕${i + 1}号`,
        agency: wenshao.documentId,
        writtenDate: day(i),
        publishDate: day(60 - i),
        topic: '城乡建设、环境保护\\城市规划',
        genre: '通知',
        validity: 'valid',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: '演示用的社区服务通知。' }] }],
      },
      status: 'published',
    });
  }
}

const portal = usePortal({ beforeBuild: addWenshaoNotices });

/** Titles of the documents listed on a library page, in order. */
function listedTitles(html: string): string[] {
  const list = /<ul class="doc-list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>\s*<a href="\/policies\/[^"]+\/">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

/** A facet link's count as the page prints it: label（n）. */
function facetCount(html: string, label: string): number | undefined {
  const nav = /<nav class="facets"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const match = new RegExp(`>${label.replace(/[\\()]/g, '\\$&')}<span class="count">（(\\d+)）</span>`).exec(nav);
  return match ? Number(match[1]) : undefined;
}

describe('the policy library, without JavaScript', () => {
  it('lists every published policy, newest first, 20 a page, with the facets and their counts', async () => {
    const { status, body } = await portal.fetchPage('/policies/');
    expect(status).toBe(200);
    expect(body).toContain(`共 ${6 + EXTRA} 件，按发布日期从新到旧排列，第 1 / 2 页`);
    expect(listedTitles(body)).toHaveLength(20);
    expect(body).not.toContain('征求意见稿');
    for (const [label, count] of [
      ['临淄区人民政府', 2],
      ['临淄区闻韶街道办事处', EXTRA],
      ['国土资源、能源', 2],
      ['土地', 2],
      ['城乡建设、环境保护', EXTRA],
      ['2022年', EXTRA],
      ['2019年', 1],
      ['有效', 4 + EXTRA],
      ['失效', 1],
      ['废止', 1],
      ['通知', 6 + EXTRA],
    ] as const) {
      expect(facetCount(body, label), label).toBe(count);
    }

    const second = await portal.fetchPage('/policies/page/2/');
    expect(second.status).toBe(200);
    const all = [...listedTitles(body), ...listedTitles(second.body)];
    expect(all).toHaveLength(6 + EXTRA);
    expect(new Set(all).size).toBe(6 + EXTRA);
    expect(second.body).toContain('rel="prev"');
  });

  it('gives each facet value a static page of its own, in both sort orders', async () => {
    const agency = await portal.fetchPage('/policies/agency/linzi/');
    expect(listedTitles(agency.body)).toEqual(['临淄区农村宅基地管理办法', '临淄区农村宅基地管理办法（试行）']);
    expect(agency.body).toContain('aria-current="page">临淄区人民政府<span class="count">（2）</span>');
    // …with the other facets counted within this agency (a year it never published in is not offered)…
    expect(facetCount(agency.body, '2019年')).toBe(1);
    expect(facetCount(agency.body, '2021年')).toBe(1);
    expect(facetCount(agency.body, '2020年')).toBeUndefined();
    expect(facetCount(agency.body, '废止')).toBe(1);
    // …and the other agencies over the whole library, each leading to its own listing.
    expect(facetCount(agency.body, '临淄区闻韶街道办事处')).toBe(EXTRA);
    expect(linkTo(agency.body, `临淄区闻韶街道办事处（${EXTRA}）`)).toBe('/policies/agency/wenshao/');

    expect(listedTitles((await portal.fetchPage('/policies/topic/5/')).body)).toHaveLength(2);
    expect(listedTitles((await portal.fetchPage('/policies/topic/5-1/')).body)).toHaveLength(2);
    expect(listedTitles((await portal.fetchPage('/policies/year/2020/')).body)).toEqual(['敬仲镇社会救助工作实施细则']);
    expect(listedTitles((await portal.fetchPage('/policies/validity/expired/')).body)).toEqual([
      '临淄区教育和体育局关于做好2021年义务教育招生工作的通知',
    ]);
    expect(listedTitles((await portal.fetchPage('/policies/genre/8/')).body)).toHaveLength(20);

    const byPublished = listedTitles((await portal.fetchPage('/policies/agency/wenshao/')).body);
    const byWritten = listedTitles((await portal.fetchPage('/policies/agency/wenshao/written/')).body);
    expect(byPublished[0]).toBe('闻韶街道社区服务通知第1号');
    expect(byWritten[0]).toBe(`闻韶街道社区服务通知第${EXTRA}号`);
    expect((await portal.fetchPage('/policies/agency/wenshao/written/page/2/')).status).toBe(200);
  });

  it('leads a newcomer from the home page to a policy in three clicks by agency, topic, year or 文号', async () => {
    const home = (await portal.fetchPage('/')).body;
    const library = linkTo(home, '政策文件')!;
    expect(library).toBe('/policies/');
    const libraryPage = (await portal.fetchPage(library)).body;
    const target = '临淄区农村宅基地管理办法（试行）';
    for (const facet of ['临淄区人民政府（2）', '国土资源、能源（2）', '土地（2）', '2019年（1）', '废止（1）']) {
      const facetHref = linkTo(libraryPage, facet);
      expect(facetHref, facet).toBeDefined();
      const policyHref = linkTo((await portal.fetchPage(facetHref!)).body, target);
      expect(policyHref, facet).toBeDefined();
      expect((await portal.fetchPage(policyHref!)).body).toContain('<th scope="row">文号</th><td>临政发〔2019〕8号</td>');
    }
    const byNumber = (await portal.fetchPage(linkTo(libraryPage, '按文号查找')!)).body;
    const row = /<tr><th scope="row">临政发〔2019〕8号<\/th><td><a href="([^"]+)">/.exec(byNumber);
    expect(row?.[1]).toBe(linkTo(byNumber, target));
    // The 文号 index is ordered as a registry: 临政发〔2019〕8号 before 临政发〔2021〕9号.
    expect(byNumber.indexOf('临政发〔2019〕8号')).toBeLessThan(byNumber.indexOf('临政发〔2021〕9号'));
  });

  it('needs no script to browse: no page but search has any script besides the care-mode toggle', async () => {
    const root = portal.built().clientDir;
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.html'));
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const html = readFileSync(path.join(file.parentPath, file.name), 'utf8');
      expect(html, file.parentPath).toContain('<script src="/care-mode.js"></script>');
      if (!file.parentPath.endsWith(`${path.sep}search`)) expect(withoutCareModeScript(html), file.parentPath).not.toMatch(/<script/i);
    }
  });
});

describe('a document no longer in force', () => {
  it('says since when and links to the document that replaced it, which links back', async () => {
    const library = (await portal.fetchPage('/policies/agency/linzi/')).body;
    const old = (await portal.fetchPage(linkTo(library, '临淄区农村宅基地管理办法（试行）')!)).body;
    expect(old).toContain('本文件废止（2021年6月30日起），仅供查阅，不再作为执行依据。');
    const banner = /<div class="validity-banner"[\s\S]*?<\/div>/.exec(old)?.[0] ?? '';
    const current = linkTo(banner, '临淄区农村宅基地管理办法');
    expect(current).toBe(linkTo(library, '临淄区农村宅基地管理办法'));
    expect(banner).toContain('（临政发〔2021〕9号），2021年6月30日发布');

    const replacement = (await portal.fetchPage(current!)).body;
    expect(replacement).not.toContain('validity-banner');
    expect(replacement).toMatch(/本文件替代：<a href="\/policies\/[^"]+\/">临淄区农村宅基地管理办法（试行）<\/a>（临政发〔2019〕8号）/);
  });

  it('keeps the notice without a link when nothing replaced it', async () => {
    const library = (await portal.fetchPage('/policies/validity/expired/')).body;
    const expired = (await portal.fetchPage(linkTo(library, '临淄区教育和体育局关于做好2021年义务教育招生工作的通知')!)).body;
    expect(expired).toContain('本文件失效（2021年12月31日起）');
    expect(expired).not.toContain('现行文件：');
  });
});

describe('feeds and open data', () => {
  const entries = (xml: string) =>
    [...xml.matchAll(/<entry>[\s\S]*?<title>([^<]+)<\/title>[\s\S]*?<link rel="alternate" type="text\/html" href="([^"]+)"/g)].map((m) => ({
      title: m[1]!,
      href: m[2]!,
    }));

  it('offers an Atom feed of policies, site-wide and per agency, linked from the pages', async () => {
    const feed = await portal.fetchPage('/feeds/policies.xml');
    // A static host types the file by its extension: application/xml (the page's <link> says Atom).
    expect(feed.type).toMatch(/^application\/(atom\+)?xml/);
    expect(feed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    const all = entries(feed.body);
    expect(all).toHaveLength(6 + EXTRA);
    expect(all[0]!.title).toBe('闻韶街道社区服务通知第1号');
    expect(feed.body).toContain('文号：临政办发〔2021〕17号；发布机构：临淄区人民政府办公室；有效性：有效');
    expect(feed.body).not.toContain('征求意见稿');

    const agency = await portal.fetchPage('/feeds/agencies/jingzhong.xml');
    expect(entries(agency.body).map((e) => e.title)).toEqual(['敬仲镇2021年农田水利工程建设实施方案', '敬仲镇社会救助工作实施细则']);
    expect(new URL(entries(agency.body)[0]!.href).pathname).toMatch(/^\/policies\/[^/]+\/$/);

    const home = (await portal.fetchPage('/')).body;
    expect(home).toContain('<link rel="alternate" type="application/atom+xml" href="/feeds/policies.xml" title="政策文件（全站）">');
    expect((await portal.fetchPage('/agencies/jingzhong/')).body).toContain('href="/feeds/agencies/jingzhong.xml"');
  });

  it('publishes the catalogue as JSON with the catalogue’s fields', async () => {
    const response = await portal.fetchPage('/open-data/catalog.json');
    expect(response.type).toContain('application/json');
    const catalog = JSON.parse(response.body) as { 条目数: number; 条目: Array<Record<string, string | null>> };
    expect(catalog.条目数).toBe(6 + EXTRA);
    const item = catalog.条目.find((e) => e.文号 === '临政发〔2019〕8号');
    expect(item).toMatchObject({
      索引号: '11370305004326100A/2019-00008',
      标题: '临淄区农村宅基地管理办法（试行）',
      成文日期: '2019-03-20',
      发布日期: '2019-03-28',
      有效性: '废止',
    });
    const page = await portal.fetchPage(new URL(item!.URL!).pathname);
    expect(page.body).toContain('<h1>临淄区农村宅基地管理办法（试行）</h1>');
  });

  it('lists every page in sitemap.xml and points robots.txt at it', async () => {
    const sitemap = (await portal.fetchPage('/sitemap.xml')).body;
    const listed = new Set([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname));
    const root = portal.built().clientDir;
    const pages = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name === 'index.html')
      .map((f) => `/${path.relative(root, f.parentPath).split(path.sep).join('/')}/`.replace(/^\/\/$/, '/'));
    expect(pages.length).toBeGreaterThan(40);
    expect([...listed].sort()).toEqual(pages.sort());
    expect(listed).toContain('/policies/agency/wenshao/written/page/2/');

    const robots = await portal.fetchPage('/robots.txt');
    expect(robots.body).toMatch(/^User-agent: \*\nAllow: \/\n\nSitemap: http[^\n]+\/sitemap\.xml\n$/);
  });

  it('answers an unknown address with a 404 page that offers the way on', async () => {
    const { status, body } = await portal.fetchPage('/policies/agency/no-such-agency/');
    expect(status).toBe(404);
    for (const text of ['搜索全站', '浏览政策文件', '返回首页']) expect(linkTo(body, text), text).toBeDefined();
    expect(body).toContain('id="site-search-q"');
  });
});

describe('an agency’s key figures as a chart', () => {
  it('is an SVG drawn at build time, labelled, with the same numbers as the table and no script', async () => {
    const { body } = await portal.fetchPage('/agencies/education/');
    const figure = /<figure class="chart">([\s\S]*?)<\/figure>/.exec(body)?.[1] ?? '';
    expect(figure).toContain('role="img" aria-label="临淄区教育和体育局历年政府信息公开主要数据柱状图"');
    const svg = /<svg[\s\S]*<\/svg>/.exec(figure)?.[0] ?? '';
    expect(svg).not.toMatch(/<script|\son[a-z]+=/i);
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    // The bars' labels: 新收申请 10, 予以公开 6, 部分公开 1, 行政复议 1, 行政诉讼 0 (2021), as in the table.
    expect(labels).toEqual(expect.arrayContaining(['新收申请', '予以公开', '2021年', '10', '6', '1', '0']));
    expect(body).toContain('<table class="report-table key-figures">');
  });
});

/*
 * 组合筛选 (/policies/filter/, on demand from the release's own content): the facets combine, each
 * facet's counts are those of the documents matching the other facets set, a keyword finds 标题,
 * 文号 (typed with any brackets) and 内容概述, 20 a page, and nothing in the address can break it.
 * The oracle is the CMS itself: every published item read over public GraphQL, counted here by
 * brute force, value by value.
 */

type CmsItem = {
  title: string;
  docNumber: string | null;
  publishDate: string;
  validity: string;
  topic: string | null;
  genre: string | null;
  catalogNode: string | null;
  agency: { slug: string } | null;
};

async function publishedItems(): Promise<CmsItem[]> {
  const items: CmsItem[] = [];
  for (let page = 1; ; page++) {
    const { data, errors } = await graphql<{ policyItems_connection: { nodes: CmsItem[]; pageInfo: { pageCount: number } } }>(
      portal.cms().url,
      `
        query ($page: Int!) {
          policyItems_connection(pagination: { page: $page, pageSize: 100 }) {
            nodes {
              title
              docNumber
              publishDate
              validity
              topic
              genre
              catalogNode
              agency {
                slug
              }
            }
            pageInfo {
              pageCount
            }
          }
        }
      `,
      { page },
    );
    expect(errors).toBeUndefined();
    items.push(...data!.policyItems_connection.nodes);
    if (page >= data!.policyItems_connection.pageInfo.pageCount) return items;
  }
}

/** The facet values an item has, as the combined view's addresses name them (vocabulary positions from 1). */
function oracleValues(item: CmsItem): Record<string, string[]> {
  const [main, sub] = (item.topic ?? '').split('\\');
  const cls = topicClasses.findIndex((c) => c.name === main);
  const child = cls < 0 || !sub ? -1 : topicClasses[cls]!.children.indexOf(sub);
  const node = (catalogNodes as readonly string[]).indexOf(item.catalogNode ?? '');
  return {
    agency: item.agency ? [item.agency.slug] : [],
    topic: cls < 0 ? [] : child < 0 ? [`${cls + 1}`] : [`${cls + 1}`, `${cls + 1}-${child + 1}`],
    year: [item.publishDate.slice(0, 4)],
    validity: [item.validity],
    genre: item.genre && genres.includes(item.genre as never) ? [String(genres.indexOf(item.genre as never) + 1)] : [],
    category: [String((node < 0 ? catalogNodes.indexOf('其他') : node) + 1)],
  };
}

const FACETS = ['agency', 'topic', 'year', 'validity', 'genre', 'category'] as const;

/** For each facet, each value's count among the items matching every other facet set: one value at a time. */
function oracleCounts(items: CmsItem[], set: Record<string, string>): Record<string, Map<string, number>> {
  const counts: Record<string, Map<string, number>> = {};
  for (const facet of FACETS) {
    counts[facet] = new Map();
    const others = Object.entries(set).filter(([key]) => key !== facet);
    const candidates = [...new Set(items.flatMap((item) => oracleValues(item)[facet]!))];
    for (const value of candidates) {
      const n = items.filter((item) => {
        const values = oracleValues(item);
        return values[facet]!.includes(value) && others.every(([key, want]) => values[key]!.includes(want));
      }).length;
      if (n > 0) counts[facet]!.set(value, n);
    }
  }
  return counts;
}

/** The counts a combined view prints, per facet: each value's id (read from its link) and count. */
function shownCounts(html: string): Record<string, Map<string, number>> {
  const counts: Record<string, Map<string, number>> = {};
  for (const facet of FACETS) {
    counts[facet] = new Map();
    const section = new RegExp(`<section aria-labelledby="facet-${facet}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
    for (const [, href, n] of section.matchAll(/<a href="([^"]+)"[^>]*>[^<]*<span class="count">（(\d+)）<\/span>/g)) {
      const id = new URLSearchParams(href!.replace(/&amp;/g, '&').split('?')[1]).get(facet)!;
      counts[facet]!.set(id, Number(n));
    }
  }
  return counts;
}

const filterPath = (params: Record<string, string>) => `/policies/filter/?${new URLSearchParams(params)}`;
const resultCount = (html: string) => Number(/共 (\d+) 件/.exec(html)?.[1]);

describe('the combined view (组合筛选), on demand from the release', () => {
  it('combines 发布机构, 年份, 有效性, 主题分类, 体裁 and 信息类别, with counts that narrow as the CMS’s own data says', async () => {
    const items = await publishedItems();
    expect(items).toHaveLength(6 + EXTRA);
    const combinations: Array<Record<string, string>> = [
      {},
      { validity: 'valid' },
      { year: '2021', validity: 'valid' },
      { agency: 'linzi', year: '2021', validity: 'valid' },
      { agency: 'linzi', validity: 'repealed' },
      { topic: '5', year: '2019' },
      { topic: '5-1', agency: 'linzi', genre: '8' },
      { category: '2', year: '2021' },
      { agency: 'wenshao', year: '2022', validity: 'valid', topic: '10-1', genre: '8' },
      { agency: 'wenshao', category: '2' },
      { agency: 'jingzhong', validity: 'expired' },
    ];
    for (const set of combinations) {
      const where = JSON.stringify(set);
      const { status, body } = await portal.fetchPage(filterPath(set));
      expect(status, where).toBe(200);
      const matching = items.filter((item) => Object.entries(set).every(([key, want]) => oracleValues(item)[key]!.includes(want)));
      expect(resultCount(body), where).toBe(matching.length);
      const shown = shownCounts(body);
      const expected = oracleCounts(items, set);
      for (const facet of FACETS) expect([...shown[facet]!].sort(), `${where} ${facet}`).toEqual([...expected[facet]!].sort());
    }
    // Counts narrow: 有效 alone is every valid item; with 2021 and 临淄区人民政府 it is one.
    expect(resultCount((await portal.fetchPage(filterPath({ validity: 'valid' }))).body)).toBe(4 + EXTRA);
    const narrowed = (await portal.fetchPage(filterPath({ agency: 'linzi', year: '2021', validity: 'valid' }))).body;
    expect(listedTitles(narrowed)).toEqual(['临淄区农村宅基地管理办法']);
    expect(narrowed).toContain('发布机构：临淄区人民政府');
    // The facet already chosen keeps its siblings' counts (another agency is one click away), marked current.
    expect(shownCounts(narrowed).agency.get('linzi')).toBe(1);
    expect(narrowed).toMatch(/aria-current="page">临淄区人民政府<span class="count">（1）<\/span>/);
  });

  it('is reached from the static listings, which link a value of another facet to the combination', async () => {
    const agency = (await portal.fetchPage('/policies/agency/linzi/')).body;
    const year = linkTo(agency, '2021年（1）')?.replace(/&amp;/g, '&');
    expect(year).toBe('/policies/filter/?agency=linzi&year=2021');
    const combined = (await portal.fetchPage(year!)).body;
    expect(listedTitles(combined)).toEqual(['临淄区农村宅基地管理办法']);
    expect(linkTo(agency, '组合筛选')).toBe('/policies/filter/?agency=linzi');
    expect((await portal.fetchPage('/policies/')).body).toContain('<form method="get" action="/policies/filter/"');
  });

  it('finds a document by a keyword in its 标题, 文号 (any brackets, full-width digits, spaces) or 内容概述', async () => {
    const target = '临淄区农村宅基地管理办法（试行）';
    for (const q of [
      '宅基地管理办法（试行）',
      '临政发〔2019〕8号',
      '临政发[2019]8号',
      '临政发(2019)8号',
      '临政发（2019）8号',
      '临政发【2019】8号',
      '临政发［２０１９］８号',
      '临政发 〔2019〕 8号',
      '“临政发〔2019〕8号”',
      '已于2021年6月30日废止',
    ]) {
      const { status, body } = await portal.fetchPage(filterPath({ q }));
      expect(status, q).toBe(200);
      expect(listedTitles(body), q).toEqual([target]);
    }
    // Words must all be there; a keyword combines with the facets and narrows their counts.
    expect(listedTitles((await portal.fetchPage(filterPath({ q: '宅基地 废止' }))).body)).toEqual([target]);
    const withFacet = (await portal.fetchPage(filterPath({ q: '宅基地', validity: 'valid' }))).body;
    expect(listedTitles(withFacet)).toEqual(['临淄区农村宅基地管理办法']);
    expect(shownCounts(withFacet).validity).toEqual(
      new Map([
        ['valid', 1],
        ['repealed', 1],
      ]),
    );
    // The box shows the keyword back and keeps the facets set, so the next search stays within them.
    expect(withFacet).toContain('value="宅基地"');
    expect(withFacet).toContain('<input type="hidden" name="validity" value="valid">');
    const none = (await portal.fetchPage(filterPath({ q: '不存在的关键词' }))).body;
    expect(resultCount(none)).toBe(0);
    expect(none).toContain('没有符合条件的政策文件');
  });

  it('shows only published content: no draft, and a published item’s unpublished edit is not searched', async () => {
    for (const q of ['征求意见稿', '临政发〔2022〕1号', '修订草稿']) {
      const body = (await portal.fetchPage(filterPath({ q }))).body;
      expect(resultCount(body), q).toBe(0);
      expect(body).not.toContain('征求意见稿</a>');
    }
    expect(listedTitles((await portal.fetchPage(filterPath({ q: '敬仲镇社会救助工作实施细则' }))).body)).toEqual([
      '敬仲镇社会救助工作实施细则',
    ]);
  });

  it('pages 20 at a time, newest 发布日期 first, keeping the combination in every page link', async () => {
    const first = (await portal.fetchPage(filterPath({ agency: 'wenshao', validity: 'valid' }))).body;
    expect(first).toContain(`共 ${EXTRA} 件，按发布日期从新到旧排列，第 1 / 2 页`);
    expect(listedTitles(first)).toHaveLength(20);
    expect(listedTitles(first)[0]).toBe('闻韶街道社区服务通知第1号');
    const next = /<a href="([^"]+)" rel="next">/.exec(first)![1]!.replace(/&amp;/g, '&');
    expect(next).toBe('/policies/filter/?agency=wenshao&validity=valid&page=2');
    const second = (await portal.fetchPage(next)).body;
    expect(listedTitles(second)).toHaveLength(EXTRA - 20);
    expect(new Set([...listedTitles(first), ...listedTitles(second)]).size).toBe(EXTRA);
  });

  it('answers hostile addresses with a Chinese notice or an empty result, escaped, never a 500, and keeps serving', async () => {
    const payloads = ['<script>window.__xss=1</script>', '"><img src=x onerror="window.__xss=2">'];
    const hostile: Array<{ query: string; status?: number; says?: string }> = [
      { query: `q=${'x'.repeat(5000)}`, says: '关键词最长 100 个字，已按前 100 个字查找。' },
      { query: `q=${encodeURIComponent('宅'.repeat(1500))}`, says: '关键词最长 100 个字' },
      { query: 'agency=no-such-agency', says: '发布机构“no-such-agency”不在可选范围内，已忽略这一条件' },
      { query: 'topic=99-99&year=1899&validity=bogus&genre=0&category=abc', says: '年份“1899”不在可选范围内' },
      { query: Array.from({ length: 1000 }, () => 'agency=linzi').join('&'), says: '共 2 件' },
      { query: 'page=-1', says: '页码“-1”无效（应为从 1 起的整数），已显示第 1 页。' },
      { query: 'page=1e9', says: '页码“1e9”无效' },
      { query: 'page=1000000000', says: '共 2 页，没有第 1000000000 页，已显示第 2 页。' },
      // A lone surrogate as a browser sends it (U+FFFD), and control characters.
      { query: 'q=%EF%BF%BD&agency=%EF%BF%BD', says: '发布机构“\ufffd”不在可选范围内' },
      { query: 'q=%00%01%1b%7f', says: `共 ${6 + EXTRA} 件` },
      // Not UTF-8 at all (a lone surrogate's bytes, a cut sequence, a bare %): the Node adapter
      // refuses the address before any page runs (nginx words it in Chinese: tests/nginx/library.test.ts).
      { query: 'q=%ED%A0%80%ED%B0%80', status: 400 },
      { query: 'q=%E0%A4%A&agency=%&page=%zz', status: 400 },
      ...payloads.map((payload) => ({
        query: [...FACETS, 'q', 'page', payload].map((key) => `${key}=${encodeURIComponent(payload)}`).join('&'),
        says: '不在可选范围内',
      })),
    ];
    for (const { query, says, status = 200 } of hostile) {
      const response = await fetch(`${portal.url()}/policies/filter/?${query}`);
      const body = await response.text();
      const where = query.slice(0, 80);
      expect(response.status, where).toBe(status);
      if (says) expect(body, where).toContain(says);
      // Inside a quoted attribute nothing is markup (Astro escapes the quote): read the page without the box's value.
      expect(dangerousMarkup(withoutCareModeScript(body).replace(/ value="[^"]*"/g, ' value=""')), where).toEqual([]);
      expect(body, where).not.toMatch(/\bat [\w.<>]+ \(|node_modules|Error:/);
    }
    // An address beyond what any server reads whole: refused by the HTTP layer itself, not a 500.
    const huge = await fetch(`${portal.url()}/policies/filter/?q=${encodeURIComponent('宅'.repeat(5000))}`);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const post = await fetch(`${portal.url()}/policies/filter/`, { method: 'POST', body: 'q=1' });
    expect(post.status).toBe(405);
    expect(await post.text()).toContain('只接受 GET');
    // …and the server is still there.
    expect(resultCount((await portal.fetchPage(filterPath({ agency: 'linzi' }))).body)).toBe(2);
  });
});

describe('the library in a browser', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  afterAll(async () => browser?.close());

  it('on a phone (360 × 740) folds the facets behind one button, so the first document is on the first screen', async () => {
    browser = await launchBrowser({ javaScript: false });
    const tab = await browser.context.newPage();
    await tab.setViewportSize({ width: 360, height: 740 });
    for (const pathname of ['/policies/', '/policies/agency/wenshao/', filterPath({ validity: 'valid', year: '2022' })]) {
      await tab.goto(`${portal.url()}${pathname}`);
      const first = await tab.locator('.doc-list li').first().boundingBox();
      expect(first, pathname).not.toBeNull();
      expect(first!.y, pathname).toBeGreaterThanOrEqual(0);
      expect(first!.y + Math.min(first!.height, 40), pathname).toBeLessThanOrEqual(740);
      expect(await tab.locator('.facets').isVisible(), pathname).toBe(false);
      expect(await tab.locator('body').evaluate((b) => b.scrollWidth), pathname).toBeLessThanOrEqual(360);
    }
    // One press (no script) opens them; a facet link then combines with what is chosen.
    await tab.locator('.facets-fold > summary').click();
    await expect.poll(() => tab.locator('.facets').isVisible()).toBe(true);
    await tab
      .locator('#facet-agency + ul')
      .getByRole('link', { name: /临淄区闻韶街道办事处/ })
      .click();
    expect(new URL(tab.url()).searchParams.get('agency')).toBe('wenshao');
    expect(await tab.locator('#library-count').textContent()).toContain(`共 ${EXTRA} 件`);
  });

  it('on a desktop shows the facets beside the list with no button, and the keyword box works without script', async () => {
    const tab = await browser.context.newPage();
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.goto(`${portal.url()}/policies/agency/linzi/`);
    expect(await tab.locator('.facets').isVisible()).toBe(true);
    expect(await tab.locator('.facets-fold > summary').isVisible()).toBe(false);
    await tab.locator('#library-q').fill('临政发[2019]8号');
    await tab.locator('#library-q').press('Enter');
    await tab.waitForURL(/\/policies\/filter\//);
    const url = new URL(tab.url());
    expect(url.searchParams.get('agency')).toBe('linzi');
    expect(await tab.locator('.doc-list li a').allTextContents()).toEqual(['临淄区农村宅基地管理办法（试行）']);
  });

  it('runs nothing from the address, with script enabled', async () => {
    const scripted = await launchBrowser();
    try {
      const tab = await scripted.context.newPage();
      const payload = '"><img src=x onerror="window.__xss=2"><script>window.__xss=1</script>';
      await tab.goto(
        `${portal.url()}/policies/filter/?${[...FACETS, 'q', 'page'].map((k) => `${k}=${encodeURIComponent(payload)}`).join('&')}`,
      );
      expect(await tab.locator('.library-notices').textContent()).toContain('不在可选范围内');
      expect(await tab.evaluate(() => (window as unknown as Record<string, unknown>).__xss)).toBeUndefined();
    } finally {
      await scripted.close();
    }
  });
});
