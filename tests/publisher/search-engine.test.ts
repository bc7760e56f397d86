import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchFilterNames, searchRequestFromParams, type SearchFilterName, type SearchResponse } from '@portal/shared';
import { buildSearchIndex, searchablePages } from '../../scripts/publisher/search/build-index.ts';
import { pageUrl, readPage, searchableBytes, searchableSource } from '../../scripts/publisher/search/page.ts';
import { SearchIndex } from '../../scripts/publisher/search/query.ts';
import { documentTerms, ftsPhrase, queryPhrase } from '../../scripts/publisher/search/tokens.ts';
import { startCms, type RunningCms } from '../helpers/cms.ts';
import { buildPortal, type BuiltPortal } from '../helpers/portal.ts';

/*
 * The server search engine on the demo portal's own built pages (built with PORTAL_SEARCH=server,
 * so without Pagefind), plus one page written here in the built pages' shape with hostile text:
 * the tokeniser, the page reader, ranking, exact 文号/索引号, partial matches, filter counts,
 * excerpts and the escaping of everything a visitor types.
 */

let cms: RunningCms | undefined;
let portal: BuiltPortal | undefined;
let work: string;
let clientDir: string;
let index: SearchIndex;

const HOSTILE_ID = 'zzzzhostilepage000000000';
const HOSTILE_TITLE = '危险标题<script>alert(1)</script> & “引号” \'单\' "双"';
const HOSTILE_TEXT = `秸秆焚烧😀严禁<img src=x onerror=alert(1)> & 秸秆还田${'啊'.repeat(200)}末尾😀`;

function hostilePage(): string {
  const e = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!DOCTYPE html><html lang="zh-CN"><head><title>x</title></head><body><main id="main" class="wrap" tabindex="-1" data-pagefind-body><div hidden><span data-pagefind-filter="类型:政策文件"></span><span data-pagefind-filter="发布机构:测试机关"></span><span data-pagefind-filter="年份:2026"></span><span data-pagefind-meta="类型:政策文件"></span><span data-pagefind-meta="文号:测政发〔2026〕1号"></span></div><article class="document"><h1>${e(HOSTILE_TITLE)}</h1><script>var 秸秆脚本 = 1;</script><p data-pagefind-ignore>秸秆忽略段落</p><div class="rich-text"><p>${e(HOSTILE_TEXT)}</p></div></article></main></body></html>`;
}

const search = (query: string, filters: Record<string, string | string[]> = {}, page?: number): SearchResponse => {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  for (const [name, values] of Object.entries(filters)) for (const value of [values].flat()) params.append(name, value);
  if (page) params.set('page', String(page));
  return index.search(searchRequestFromParams(params));
};

const titles = (response: SearchResponse) => response.results.map((r) => r.title);
/** The excerpt's text as the visitor reads it: <mark> dropped, entities decoded. */
const plain = (excerpt: string) =>
  excerpt
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  process.env.PORTAL_SEARCH = 'server';
  try {
    cms = await startCms();
    portal = await buildPortal(cms.url);
  } finally {
    delete process.env.PORTAL_SEARCH;
  }
  work = mkdtempSync(path.join(tmpdir(), 'portal-search-'));
  clientDir = path.join(work, 'client');
  cpSync(portal.clientDir, clientDir, { recursive: true });
  mkdirSync(path.join(clientDir, 'policies', HOSTILE_ID));
  writeFileSync(path.join(clientDir, 'policies', HOSTILE_ID, 'index.html'), hostilePage());
  buildSearchIndex({ clientDir, dbFile: path.join(work, 'search.db') });
  index = new SearchIndex(path.join(work, 'search.db'));
});

afterAll(async () => {
  index?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  portal?.remove();
  await cms?.stop();
});

describe('the tokeniser (documents and queries alike)', () => {
  it('makes CJK bigrams with the run’s last character, and whole ASCII words and numbers', () => {
    expect(documentTerms('临政办发〔2021〕17号')).toEqual(['临政', '政办', '办发', '发', '2021', '17', '号']);
    expect(documentTerms('Atom订阅 ２０２１年')).toEqual(['atom', '订阅', '阅', '2021', '年']);
  });

  it('reads a query term as a phrase: the last run open on the right, one character a prefix', () => {
    expect(queryPhrase('政务公开')).toEqual({ terms: ['政务', '务公', '公开'], prefix: false });
    expect(queryPhrase('年')).toEqual({ terms: ['年'], prefix: true });
    expect(queryPhrase('办发2021')).toEqual({ terms: ['办发', '发', '2021'], prefix: false });
    expect(queryPhrase('〔〕()')).toBeNull();
  });

  it('quotes every term, so FTS5 operators, columns and wildcards are plain words', () => {
    const phrase = queryPhrase('NEAR(a"OR"b*)col:x^AND');
    expect(ftsPhrase(phrase!)).toBe('"near" + "a" + "or" + "b" + "col" + "x" + "and"');
  });
});

describe('reading the built pages', () => {
  it('indexes exactly the pages Pagefind would: the searchable ones, each with its data-pagefind-body', () => {
    const files = searchablePages(clientDir);
    const searchable = files.filter((file) => searchableSource(readFileSync(path.join(clientDir, file), 'utf8')) !== null);
    expect(searchable.length).toBeGreaterThan(10);
    // The incremental pass finds the same part in the file's bytes, without decoding it.
    for (const file of files) {
      const bytes = readFileSync(path.join(clientDir, file));
      expect(searchableBytes(bytes)?.toString('utf8') ?? null, file).toBe(searchableSource(bytes.toString('utf8')));
    }
    expect(search('', { 类型: ['政策文件', '政策解读', '年度报告', '公开指南', '机构'] }).total).toBe(searchable.length);
    // Lists and the search page carry no body marker and are not in the glob.
    expect(files).not.toContain('policies/index.html');
    expect(files).not.toContain('search/index.html');
  });

  it('reads title, meta (with the 索引号 from the metadata table), filters and text of a policy page', () => {
    const file = searchablePages(clientDir).find((f) =>
      readFileSync(path.join(clientDir, f), 'utf8').includes('临政办发〔2021〕17号</p>'),
    )!;
    const page = readPage(pageUrl(file), searchableSource(readFileSync(path.join(clientDir, file), 'utf8'))!);
    expect(page.title).toBe('临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知');
    expect(page.meta).toMatchObject({ 类型: '政策文件', 发布机构: '临淄区人民政府办公室', 文号: '临政办发〔2021〕17号', 有效性: '有效' });
    expect(page.meta.索引号).toMatch(/^\d{11}[0-9A-Z]{7}\/2021-\d{5}$/);
    expect(page.filters).toEqual({ 类型: '政策文件', 发布机构: '临淄区人民政府办公室', 年份: '2021', 有效性: '有效' });
    expect(page.docNumber).toBe('临政办发〔2021〕17号');
    expect(page.url).toMatch(/^\/policies\/[a-z0-9]{24}\/$/);
    expect(page.text.startsWith(page.title)).toBe(true);
  });

  it('leaves out scripts and data-pagefind-ignore parts, decodes entities once', () => {
    expect(search('秸秆脚本').total).toBe(0);
    expect(search('秸秆忽略段落').total).toBe(0);
    const [hit] = search('秸秆焚烧').results;
    expect(hit?.title).toBe(HOSTILE_TITLE);
  });
});

describe('ranking and matching', () => {
  it('ranks a title match above body matches (bm25, title weighted)', () => {
    expect(titles(search('招生'))[0]).toBe('临淄区教育和体育局关于做好2021年义务教育招生工作的通知');
    expect(titles(search('宅基地')).slice(0, 2).sort()).toEqual(['临淄区农村宅基地管理办法', '临淄区农村宅基地管理办法（试行）']);
  });

  it('requires every term (AND)', () => {
    const both = search('宅基地 试行');
    expect(both.match).toBe('all');
    for (const result of both.results) expect(plain(result.excerpt) + result.title).toMatch(/宅基地|试行/);
    expect(both.total).toBeLessThan(search('宅基地').total + search('试行').total);
    expect(both.total).toBeLessThanOrEqual(Math.min(search('宅基地').total, search('试行').total));
  });

  it('puts the document of an exact 文号 first, however the brackets are typed, marked exact', () => {
    for (const typed of ['临政办发〔2021〕17号', '临政办发[2021]17号', '临政办发（2021）17号', '"临政办发(2021)17号"']) {
      const response = search(typed);
      expect(response.results[0]).toMatchObject({ title: '临淄区人民政府办公室关于印发临淄区2021年政务公开工作要点的通知', exact: true });
      expect(response.results.filter((r) => r.exact)).toHaveLength(1);
      expect(response.match).toBe('all');
    }
  });

  it('puts the document of an exact 索引号 first', () => {
    const first = search('临政办发〔2021〕17号').results[0]!;
    const response = search(first.meta.索引号!);
    expect(response.results[0]).toMatchObject({ url: first.url, exact: true });
  });

  it('falls back to the best partial matches when no document holds every term', () => {
    const response = search('宅基地 量子纠缠 不存在的词');
    expect(response.match).toBe('partial');
    expect(response.total).toBe(search('宅基地').total);
    expect(titles(response).slice(0, 2).sort()).toEqual(['临淄区农村宅基地管理办法', '临淄区农村宅基地管理办法（试行）']);
    // Most terms first: what each result holds, from searches for each term alone, never increases.
    const terms = ['宅基地', '试行', '招生', '量子纠缠'];
    const holders = terms.map((term) => new Set(search(term).results.map((r) => r.url)));
    const two = search(terms.join(' '));
    expect(two.match).toBe('partial');
    const held = two.results.map((r) => holders.filter((set) => set.has(r.url)).length);
    expect(held[0]).toBeGreaterThanOrEqual(2);
    expect(held).toEqual([...held].sort((a, b) => b - a));
    expect(Math.min(...held)).toBeLessThan(held[0]!);
    expect(search('量子纠缠 元宇宙').match).toBe('none');
  });

  it('finds a one-character query inside longer words (年 in 年度)', () => {
    expect(search('年').total).toBeGreaterThan(search('年度').total);
  });
});

describe('filters', () => {
  it('combines filters (any value of one, all filters together) and counts each filter narrowed by the others', () => {
    const filters = { 类型: ['政策文件'], 年份: ['2021', '2019'] };
    const response = search('年', filters);
    expect(response.total).toBeGreaterThan(0);
    for (const result of response.results) expect(result.meta.类型).toBe('政策文件');
    // Each count is what choosing that value (instead of the filter's own values) would find.
    for (const name of searchFilterNames) {
      for (const [value, count] of Object.entries(response.filters[name] ?? {})) {
        const narrowed = { ...filters, [name]: [value] } as Partial<Record<SearchFilterName, string[]>>;
        expect(search('年', narrowed).total, `${name}=${value}`).toBe(count);
      }
    }
    expect(response.filters.类型?.政策解读).toBeGreaterThan(0); // not narrowed by 类型 itself
  });

  it('lists a filter’s documents without words, newest first, and pages by 20', () => {
    const all = search('', { 类型: '政策文件' });
    expect(all.match).toBe('all');
    expect(all.results.every((r) => r.meta.类型 === '政策文件')).toBe(true);
    expect(search('').match).toBe('none');
    const common = search('政府');
    expect(common.pageSize).toBe(20);
    expect(common.results.length).toBe(Math.min(20, common.total));
    if (common.total > 20) expect(search('政府', {}, 2).results[0]?.url).not.toBe(common.results[0]?.url);
    expect(search('政府', {}, 1000).results).toEqual([]);
  });
});

describe('excerpts and escaping', () => {
  it('escapes the page text, marks the matched terms, loses no character', () => {
    const [hit] = search('秸秆 还田').results;
    expect(hit).toBeDefined();
    expect(hit!.excerpt).toContain('<mark>秸秆</mark>');
    expect(hit!.excerpt).toContain('<mark>还田</mark>');
    expect(hit!.excerpt).toContain('&lt;img src=x onerror=alert(1)&gt; &amp;');
    expect(hit!.excerpt.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    // Nothing but escaped page text: unescaped, it is a piece of the page, whole code points.
    const text = plain(hit!.excerpt);
    expect(`${HOSTILE_TITLE} ${HOSTILE_TEXT}`).toContain(text);
    expect(text.isWellFormed()).toBe(true);
    expect(hit!.title).toBe(HOSTILE_TITLE);
  });

  it('cuts long text on whole code points around the first match', () => {
    const [hit] = search('末尾').results;
    const text = plain(hit!.excerpt);
    expect(text.endsWith('末尾😀')).toBe(true);
    expect(text.isWellFormed()).toBe(true);
  });

  it('answers FTS5 syntax, operators and odd characters as words, never as an error', () => {
    for (const query of [
      '"',
      '""',
      'NEAR(秸秆 还田)',
      '秸秆*',
      'title:秸秆',
      'body:x',
      '秸秆 AND OR NOT',
      '^秸秆',
      '秸秆 -还田',
      '(((',
      '\ud800秸秆\udfff',
      '\u0000',
      "'; DROP TABLE docs; --",
      'a'.repeat(5000),
    ]) {
      const response = search(query);
      expect(['all', 'partial', 'none']).toContain(response.match);
    }
    expect(search('title:秸秆').results[0]?.title).toBe(HOSTILE_TITLE);
    expect(search('NEAR( 秸秆').results[0]?.title).toBe(HOSTILE_TITLE);
    expect(existsSync(path.join(work, 'search.db'))).toBe(true);
  });
});
