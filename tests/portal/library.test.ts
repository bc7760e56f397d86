import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningCms } from '../helpers/cms.ts';
import { linkTo, usePortal, withoutCareModeScript } from '../helpers/portal-suite.ts';

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
    // …with links to every other facet, counted over the whole library.
    expect(facetCount(agency.body, '2020年')).toBe(1);

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
