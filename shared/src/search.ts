/*
 * The portal's search as the public sees it, declared once for every engine behind the one search
 * page: the static Pagefind index (small portals, the default) and the server engine (large
 * portals). Both take the same query, apply the same filters, put an exact 文号 or 索引号 first,
 * fall back to the best partial matches when no document holds every term, and answer in the shape
 * below, a page of results at a time.
 */
import { normalizeSearchQuery, parseDocNumber } from './doc-number.js';
import { normalizeIndexNumber, parseIndexNumber } from './index-number.js';

/** The filters a visitor can set, by their Chinese names (also the URL parameters). */
export const searchFilterNames = ['类型', '发布机构', '年份', '有效性'] as const;
export type SearchFilterName = (typeof searchFilterNames)[number];

/** The meta shown under a result's title, in this order. */
export const searchMetaNames = ['类型', '发布机构', '日期', '文号', '索引号', '有效性'] as const;
export type SearchMetaName = (typeof searchMetaNames)[number];

/** Results drawn at a time. */
export const SEARCH_PAGE_SIZE = 20;

/** The longest query read; anything after is dropped (a query is words, not a document). */
export const SEARCH_QUERY_MAX = 100;

/** What the search page asks: the normalised query, the filters set (values of each, any of which matches) and the page. */
export type SearchRequest = {
  query: string;
  filters: Partial<Record<SearchFilterName, string[]>>;
  page: number;
};

/** One result: `excerpt` is page text, HTML-escaped, with `<mark>` around the matched terms and nothing else. */
export type SearchResult = {
  url: string;
  title: string;
  excerpt: string;
  meta: Partial<Record<SearchMetaName, string>>;
  /** Set when the query is this document's 文号 or 索引号: it is listed first. */
  exact?: true;
};

/**
 * An engine's answer. `match` says how the results relate to the query: `all` every term is in
 * each result, `partial` no document holds every term and these are the best partial matches
 * (most terms first), `none` nothing at all. `filters` counts the matching documents for each
 * value of each filter, narrowed by the other filters set.
 */
export type SearchResponse = {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  match: 'all' | 'partial' | 'none';
  results: SearchResult[];
  filters: Partial<Record<SearchFilterName, Record<string, number>>>;
};

/** The kind of identifier a query is, when it is one in full. */
export type ExactIdentifier = { kind: '文号' | '索引号'; value: string };

/** A query that is a whole 文号 (any bracket style) or 索引号, in its stored form; otherwise null. */
export function exactIdentifier(query: string): ExactIdentifier | null {
  const text = normalizeSearchQuery(query).replace(/\s+/g, '');
  if (!text) return null;
  if (parseIndexNumber(text)) return { kind: '索引号', value: normalizeIndexNumber(text) };
  if (parseDocNumber(text)) return { kind: '文号', value: text };
  return null;
}

/**
 * The terms of a query, as the visitor separated them (spaces and punctuation), normalised and
 * without repeats. An engine may split a term further (Chinese words, bigrams); a term is the unit
 * a partial match counts.
 */
export function queryTerms(query: string): string[] {
  const normalised = normalizeSearchQuery(query.slice(0, SEARCH_QUERY_MAX));
  if (exactIdentifier(normalised)) return [normalised.replace(/\s+/g, '')];
  const terms = normalised.split(/[\s,，。;；、:：!！?？]+/).filter((term) => term.length > 0);
  return [...new Set(terms)];
}

/** A search request read from the page's URL parameters (`q`, `page`, and one parameter per filter, repeatable). */
export function searchRequestFromParams(params: URLSearchParams): SearchRequest {
  const query = normalizeSearchQuery((params.get('q') ?? '').slice(0, SEARCH_QUERY_MAX));
  const filters: SearchRequest['filters'] = {};
  for (const name of searchFilterNames) {
    const values = [...new Set(params.getAll(name).map((value) => value.trim().slice(0, SEARCH_QUERY_MAX)))].filter(Boolean);
    if (values.length > 0) filters[name] = values.slice(0, 20);
  }
  const page = Number(params.get('page'));
  return { query, filters, page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1 };
}

/** The URL parameters of a search request, in a stable order, so a shared link reproduces the page. */
export function searchParamsOf(request: SearchRequest): URLSearchParams {
  const params = new URLSearchParams();
  if (request.query) params.set('q', request.query);
  for (const name of searchFilterNames) for (const value of request.filters[name] ?? []) params.append(name, value);
  if (request.page > 1) params.set('page', String(request.page));
  return params;
}
