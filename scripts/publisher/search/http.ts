import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { searchParamsOf, searchRequestFromParams, type SearchResponse } from '@portal/shared';
import { SearchIndex } from './query.ts';

/*
 * GET /search/api/?<searchParamsOf(request)> → a SearchResponse as JSON, from the current
 * release's index. Every request is hostile until read: only GET and HEAD, a bounded URL, the
 * parameters read by the shared searchRequestFromParams (query cut to 100 characters, at most 20
 * values a filter, page 1–1000), and the words reach FTS5 only as quoted terms. Whatever goes
 * wrong answers in Chinese, with no stack, path or SQL.
 */

export const SEARCH_API_PATH = '/search/api/';
/** Longer URLs are refused (414): a query is at most 100 characters and a few filters. */
export const SEARCH_URL_MAX = 8192;

/** Lone surrogates (which no URL decoding should give, but a string can hold) made U+FFFD. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDFFF]/gu, '\ufffd');

export function isSearchApi(url: string | undefined): boolean {
  return url !== undefined && (url === '/search/api' || url.startsWith('/search/api/') || url.startsWith('/search/api?'));
}

/** The index file of a release folder. */
export const searchIndexFile = (releaseDir: string) => `${releaseDir}/search.db`;

/** Answers kept per release: an index never changes once built, so a repeated query (a popular word) is answered from memory. */
const CACHED_ANSWERS = 500;

export class SearchService {
  private open: SearchIndex | null = null;
  private readonly answers = new Map<string, SearchResponse>();
  private readonly indexFile: () => string | null;

  /** `indexFile` names the current release's index (null before the first release). */
  constructor(indexFile: () => string | null) {
    this.indexFile = indexFile;
  }

  private index(file: string): SearchIndex {
    if (this.open?.file !== file) {
      // better-sqlite3 is synchronous: no query of the old index is under way while this runs.
      this.open?.close();
      this.open = null;
      this.answers.clear();
      this.open = new SearchIndex(file);
    }
    return this.open;
  }

  close(): void {
    this.open?.close();
    this.open = null;
  }

  /** Answers one request to /search/api/. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const head = req.method === 'HEAD';
    const send = (status: number, body: SearchResponse | { error: string }, extra: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
        'cache-control': status === 200 ? 'public, max-age=30' : 'no-store',
        'x-content-type-options': 'nosniff',
        ...extra,
      });
      res.end(head ? undefined : text);
    };
    if (req.method !== 'GET' && !head)
      return send(405, { error: `搜索接口只接受 GET 请求，收到的是 ${String(req.method).slice(0, 20)}。` }, { allow: 'GET, HEAD' });
    const url = req.url ?? '/';
    if (url.length > SEARCH_URL_MAX)
      return send(414, { error: `搜索地址过长（${url.length} 个字符，最多 ${SEARCH_URL_MAX} 个）：请缩短关键词或减少筛选条件。` });
    let parsed: URL;
    try {
      parsed = new URL(url, 'http://portal');
    } catch {
      return send(400, { error: '搜索地址无法解析：请检查链接是否完整、未被改动。' });
    }
    if (parsed.pathname !== SEARCH_API_PATH) return send(404, { error: `未知的搜索接口地址：应为 ${SEARCH_API_PATH}` });
    const params = new URLSearchParams();
    for (const [name, value] of parsed.searchParams) params.append(wellFormed(name), wellFormed(value));
    const request = searchRequestFromParams(params);
    const file = this.indexFile();
    if (!file) return send(503, { error: '门户正在首次构建，搜索暂不可用，请稍后重试。' }, { 'retry-after': '5' });
    if (!existsSync(file)) return send(404, { error: '本门户未启用服务端搜索（构建时未设置 PORTAL_SEARCH=server）。' });
    let response: SearchResponse;
    try {
      const index = this.index(file);
      const key = searchParamsOf(request).toString();
      const cached = this.answers.get(key);
      if (cached) {
        // Most recently used last: the oldest answer is the first to go.
        this.answers.delete(key);
        response = cached;
      } else response = index.search(request);
      this.answers.set(key, response);
      if (this.answers.size > CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    } catch (error) {
      console.error(`✖ 搜索接口：查询 ${JSON.stringify(request.query)} 出错：${(error as Error).message}`);
      return send(503, { error: '搜索暂时不可用，请稍后重试。' }, { 'retry-after': '5' });
    }
    send(200, response);
  }
}
