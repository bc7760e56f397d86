import { SEARCH_PAGE_SIZE, searchParamsOf, type SearchRequest, type SearchResponse } from '@portal/shared';
import { SearchError, type SearchEngine } from './engine.ts';

/*
 * The server engine's adapter: GET /search/api/?<the request's URL parameters> answers the shared
 * SearchResponse as JSON. The page never loads the static index in this mode.
 */

export const SEARCH_API_PATH = '/search/api/';

function isResponse(value: unknown): value is SearchResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.total === 'number' &&
    Array.isArray(v.results) &&
    (v.match === 'all' || v.match === 'partial' || v.match === 'none') &&
    v.results.every((r: unknown) => typeof r === 'object' && r !== null && typeof (r as { url?: unknown }).url === 'string')
  );
}

export function serverEngine(apiPath = SEARCH_API_PATH): SearchEngine {
  return {
    async search(request: SearchRequest): Promise<SearchResponse> {
      let response: Response;
      try {
        response = await fetch(`${apiPath}?${searchParamsOf(request)}`, { headers: { accept: 'application/json' } });
      } catch {
        throw new SearchError('无法连接检索服务，请检查网络后重试。');
      }
      if (!response.ok) throw new SearchError(`检索服务暂时无法响应（状态 ${response.status}），请稍后重试。`);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (!isResponse(body)) throw new SearchError('检索服务返回的结果格式不正确，请稍后重试。');
      return {
        query: typeof body.query === 'string' ? body.query : request.query,
        total: body.total,
        page: typeof body.page === 'number' ? body.page : request.page,
        pageSize: typeof body.pageSize === 'number' && body.pageSize > 0 ? body.pageSize : SEARCH_PAGE_SIZE,
        match: body.match,
        results: body.results.slice(0, SEARCH_PAGE_SIZE * 5),
        filters: typeof body.filters === 'object' && body.filters !== null ? body.filters : {},
      };
    },
  };
}
