import type { SearchRequest, SearchResponse } from '@portal/shared';

/*
 * What the search page asks of an engine: one request in, one page of the shared SearchResponse
 * out. Two adapters: `static` (Pagefind in the browser, static-engine.ts) and `server` (the
 * portal's search API, server-engine.ts), chosen at build time (PORTAL_SEARCH).
 */

export const searchEngineKinds = ['static', 'server'] as const;
export type SearchEngineKind = (typeof searchEngineKinds)[number];

export type SearchEngine = {
  search: (request: SearchRequest) => Promise<SearchResponse>;
  /**
   * Set when the engine answers a first search before its filter counts are loaded (`filters` is
   * then empty): resolves once they are, and the page asks again for the counts.
   */
  countsLater?: () => Promise<void>;
};

/** A failure the page shows as it is: its message is Chinese and says what to do. */
export class SearchError extends Error {
  override name = 'SearchError';
}
