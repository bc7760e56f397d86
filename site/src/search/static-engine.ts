import {
  exactIdentifier,
  SEARCH_PAGE_SIZE,
  searchFilterNames,
  searchMetaNames,
  type SearchRequest,
  type SearchResponse,
  type SearchResult,
} from '@portal/shared';
import { SearchError, type SearchEngine } from './engine.ts';
import { shardOf, shardUrl, type IdentifierEntry, type IdentifierShard } from './identifiers.ts';
import { excerptOf, type ExcerptSource } from './excerpt.ts';
import { partialTerms } from './terms.ts';

/*
 * The static engine: Pagefind's JS API over the index written at build time. A search asks
 * Pagefind for the ranked ids (cheap) and loads the data of only the page shown. An exact 文号 or
 * 索引号 is looked up in its shard of the identifier lookup and listed first; a query no document
 * holds whole falls back to its terms, ranked by how many of them a document holds.
 */

type PagefindFilters = Record<string, { any: string[] }>;
type PagefindData = ExcerptSource & { url: string; excerpt: string; meta: Record<string, string | undefined> };
type PagefindHit = { id: string; score: number; data: () => Promise<PagefindData> };
type PagefindAnswer = { results: PagefindHit[]; filters: Record<string, Record<string, number>> };
type Pagefind = {
  options: (options: Record<string, unknown>) => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (term: string | null, options?: { filters?: PagefindFilters }) => Promise<PagefindAnswer | null>;
};

type Counts = SearchResponse['filters'];
type Ranked = { hits: PagefindHit[]; counts: Counts };

/** Words in an excerpt (Chinese words are one to three characters). */
const EXCERPT_WORDS = 40;

export type StaticEngineOptions = { bundlePath: string; identifierShards: number };

export function staticEngine({ bundlePath, identifierShards }: StaticEngineOptions): SearchEngine {
  let loading: Promise<Pagefind> | undefined;
  const pagefind = () => {
    loading ??= (async () => {
      const url = `${bundlePath}pagefind.js`;
      const module = (await import(/* @vite-ignore */ url)) as Pagefind;
      // On the page's own thread: the worker is another copy of the engine to download (43 KB), for a
      // search that takes a few hundred milliseconds at 10,000 pages.
      await module.options({ excerptLength: EXCERPT_WORDS, noWorker: true });
      return module;
    })().catch((error: unknown) => {
      loading = undefined;
      throw new SearchError(`无法加载搜索索引，请检查网络后刷新页面重试。（${error instanceof Error ? error.message : String(error)}）`);
    });
    return loading;
  };

  // Pagefind counts filter values only once their index is loaded (one file per filter, ~22 KB each
  // at 10,000 pages): a first search without filters is answered without it, the counts follow.
  let filterIndex: Promise<unknown> | undefined;
  const loadFilters = async () => {
    const api = await pagefind();
    filterIndex ??= api.filters();
    await filterIndex;
  };

  async function find(term: string | null, filters: SearchRequest['filters']): Promise<Ranked> {
    const api = await pagefind();
    if (filterIndex || Object.values(filters).some((values) => (values?.length ?? 0) > 0)) await loadFilters();
    const answer = await api.search(term, { filters: pagefindFilters(filters) });
    if (!answer) throw new SearchError('搜索被中断，请重试。');
    const counts: Counts = {};
    if (!filterIndex) return { hits: answer.results, counts };
    for (const name of searchFilterNames) counts[name] = answer.filters[name] ?? {};
    // A group's own values are counted as if it were not set: they widen within the group (any of them matches).
    for (const name of searchFilterNames) {
      if (!filters[name]?.length) continue;
      const others = await api.search(term, { filters: pagefindFilters({ ...filters, [name]: [] }) });
      counts[name] = others?.filters[name] ?? {};
    }
    return { hits: answer.results, counts };
  }

  async function exactEntries(query: string, filters: SearchRequest['filters']): Promise<IdentifierEntry[]> {
    const identifier = exactIdentifier(query);
    if (!identifier) return [];
    let shard: IdentifierShard;
    try {
      const response = await fetch(shardUrl(shardOf(identifier.value, identifierShards)));
      if (!response.ok) return [];
      shard = (await response.json()) as IdentifierShard;
    } catch {
      return [];
    }
    const entries = Object.hasOwn(shard, identifier.value) ? (shard[identifier.value] ?? []) : [];
    return entries.filter((entry) =>
      searchFilterNames.every((name) => {
        const wanted = filters[name];
        return !wanted?.length || wanted.includes(entry.filters[name] ?? '');
      }),
    );
  }

  return {
    countsLater: loadFilters,
    async search(request: SearchRequest): Promise<SearchResponse> {
      const term = request.query || null;
      const [exact, full] = await Promise.all([
        term ? exactEntries(term, request.filters) : Promise.resolve([]),
        find(term, request.filters),
      ]);
      let ranked = full;
      let match: SearchResponse['match'] = full.hits.length > 0 || exact.length > 0 ? 'all' : 'none';
      if (match === 'none' && term) {
        const partial = await partialMatch(term, request.filters, find);
        if (partial.hits.length > 0) {
          ranked = partial;
          match = 'partial';
        }
      }
      const exactResults: SearchResult[] = exact.map((entry) => ({
        url: entry.url,
        title: entry.title,
        excerpt: '',
        meta: entry.meta,
        exact: true,
      }));
      const results = await pageOf(ranked.hits, exactResults, request.page);
      return {
        query: request.query,
        total: Math.max(ranked.hits.length, exactResults.length),
        page: request.page,
        pageSize: SEARCH_PAGE_SIZE,
        match,
        results,
        filters: ranked.counts,
      };
    },
  };
}

function pagefindFilters(filters: SearchRequest['filters']): PagefindFilters {
  const out: PagefindFilters = {};
  for (const name of searchFilterNames) {
    const values = filters[name];
    if (values?.length) out[name] = { any: values };
  }
  return out;
}

/** Each term searched alone; documents ranked by how many terms they hold, then by Pagefind's score. */
async function partialMatch(
  query: string,
  filters: SearchRequest['filters'],
  find: (term: string, filters: SearchRequest['filters']) => Promise<Ranked>,
): Promise<Ranked> {
  const terms = partialTerms(query);
  if (terms.length < 2) return { hits: [], counts: {} };
  const byId = new Map<string, { hit: PagefindHit; terms: number; score: number }>();
  const counts: Counts = {};
  for (const term of terms) {
    const { hits, counts: termCounts } = await find(term, filters);
    for (const hit of hits) {
      const seen = byId.get(hit.id);
      if (seen) {
        seen.terms += 1;
        seen.score += hit.score;
      } else byId.set(hit.id, { hit, terms: 1, score: hit.score });
    }
    // A document holding several terms is in several term searches: the largest count is the closest
    // a static index can tell without loading every document's data (a lower bound, never an overcount).
    for (const name of searchFilterNames) {
      const source = termCounts[name];
      if (!source) continue;
      const into = (counts[name] ??= {});
      for (const [value, count] of Object.entries(source)) into[value] = Math.max(into[value] ?? 0, count);
    }
  }
  const hits = [...byId.values()].sort((a, b) => b.terms - a.terms || b.score - a.score).map((entry) => entry.hit);
  return { hits, counts };
}

/** The page's results: the exact matches first (page 1), then Pagefind's hits, each page's data loaded alone. */
async function pageOf(hits: PagefindHit[], exact: SearchResult[], page: number): Promise<SearchResult[]> {
  const first = page === 1 ? exact : [];
  const skip = Math.max(0, (page - 1) * SEARCH_PAGE_SIZE - exact.length);
  const wanted = SEARCH_PAGE_SIZE - first.length;
  // One more per exact match: the exact document is usually among the hits too, and is shown once.
  const window = hits.slice(skip, skip + wanted + exact.length);
  const exactUrls = new Set(exact.map((result) => result.url));
  const loaded = await Promise.all(window.map((hit) => hit.data()));
  const rest = loaded
    .filter((data) => !exactUrls.has(data.url))
    .slice(0, wanted)
    .map(resultOf);
  return [...first, ...rest];
}

function resultOf(data: PagefindData): SearchResult {
  const meta: SearchResult['meta'] = {};
  for (const name of searchMetaNames) {
    const value = data.meta[name];
    if (value) meta[name] = value;
  }
  return { url: data.url, title: data.meta.title || data.url, excerpt: excerptOf(data, EXCERPT_WORDS) ?? data.excerpt, meta };
}
