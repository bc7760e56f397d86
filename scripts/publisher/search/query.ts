import { inflateRawSync } from 'node:zlib';
import {
  exactIdentifier,
  queryTerms,
  SEARCH_PAGE_SIZE,
  searchFilterNames,
  type SearchRequest,
  type SearchResponse,
  type SearchResult,
} from '@portal/shared';
import { excerpt } from './excerpt.ts';
import { COLUMN_WEIGHTS, FACET_COLUMNS } from './schema.ts';
import { openDatabase, type Database, type Statement } from './sqlite.ts';
import { facetTerm, ftsPhrase, queryPhrase, type Phrase } from './tokens.ts';

/*
 * Answers a search request from a release's index, as the search page promises (shared/src/search.ts):
 * every term must match (AND), ranked by bm25 with the title weighted above the body; an exact
 * 文号 or 索引号 puts its document first (`exact: true`); when no document holds every term, the
 * documents holding the most terms come first (`match: 'partial'`); filters combine (any value of
 * one filter, all filters together) and each filter's counts are narrowed by the other filters.
 *
 * FTS5 gives the matching rows (fast: a doclist read) and their bm25 order; the filter values of
 * every document are held in memory as small integer codes, read once per index, so counting and
 * filtering many matches never joins tables row by row (which is what made a common word slow).
 */

/** Terms a partial match weighs (each is one index scan); the rest of a long query still has to match in the AND. */
const PARTIAL_TERMS_MAX = 12;

const BM25 = `bm25(fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.body}, ${COLUMN_WEIGHTS.ident}, ${COLUMN_WEIGHTS.facet})`;

type Filters = SearchRequest['filters'];

/** Every document's filter values: per filter, a code by document id (0: none), and the values by code. */
type Facets = { codes: Int32Array[]; values: string[][]; newestFirst: Int32Array };

/** The request's filters as flags by code, per filter (null: the filter is not set). */
type Wanted = Array<Uint8Array | null>;

export class SearchIndex {
  readonly file: string;
  private readonly db: Database;
  private readonly statements = new Map<string, Statement>();
  private loaded: Facets | null = null;

  constructor(file: string) {
    this.file = file;
    this.db = openDatabase(file, { readonly: true, fileMustExist: true });
    this.db.pragma('query_only = ON');
    this.db.pragma('cache_size = -32000');
    this.db.pragma('mmap_size = 268435456');
  }

  close(): void {
    this.db.close();
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 100) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private facets(): Facets {
    if (this.loaded) return this.loaded;
    const maxId = (this.prepare('SELECT max(id) FROM docs').pluck().get() as number | null) ?? 0;
    const codes = FACET_COLUMNS.map(() => new Int32Array(maxId + 1));
    const values: string[][] = FACET_COLUMNS.map(() => ['']);
    const byValue = FACET_COLUMNS.map(() => new Map<string, number>());
    const rows = this.prepare(`SELECT id, ${FACET_COLUMNS.join(', ')} FROM facets`)
      .raw()
      .iterate() as Iterable<[number, ...Array<string | null>]>;
    for (const [id, ...row] of rows)
      row.forEach((value, f) => {
        if (value === null) return;
        let code = byValue[f]!.get(value);
        if (code === undefined) {
          code = values[f]!.push(value) - 1;
          byValue[f]!.set(value, code);
        }
        codes[f]![id] = code;
      });
    const newestFirst = Int32Array.from(this.prepare('SELECT id FROM docs ORDER BY date DESC, id').pluck().all() as number[]);
    this.loaded = { codes, values, newestFirst };
    return this.loaded;
  }

  private wanted(filters: Filters): Wanted {
    const { values } = this.facets();
    return searchFilterNames.map((name, f) => {
      const chosen = filters[name];
      if (!chosen || chosen.length === 0) return null;
      const flags = new Uint8Array(values[f]!.length);
      chosen.forEach((value) => {
        const code = values[f]!.indexOf(value);
        if (code > 0) flags[code] = 1;
      });
      return flags;
    });
  }

  /** Whether a document passes every filter set. */
  private passes(id: number, wanted: Wanted): boolean {
    const { codes } = this.facets();
    for (let f = 0; f < wanted.length; f++) if (wanted[f] && !wanted[f]![codes[f]![id]!]) return false;
    return true;
  }

  /** The total passing every filter, and each filter's counts narrowed by the other filters (0 for a value not found). */
  private counts(ids: Iterable<number>, wanted: Wanted): { total: number; filters: SearchResponse['filters'] } {
    const { codes, values } = this.facets();
    const tallies = values.map((list) => new Int32Array(list.length));
    let total = 0;
    for (const id of ids) {
      let failed = -1;
      let failures = 0;
      for (let f = 0; f < wanted.length; f++)
        if (wanted[f] && !wanted[f]![codes[f]![id]!]) {
          failed = f;
          if (++failures > 1) break;
        }
      if (failures === 0) {
        total++;
        for (let f = 0; f < codes.length; f++) tallies[f]![codes[f]![id]!]!++;
      } else if (failures === 1) tallies[failed]![codes[failed]![id]!]!++;
    }
    const filters: SearchResponse['filters'] = {};
    searchFilterNames.forEach((name, f) => {
      const bucket: Record<string, number> = {};
      values[f]!.forEach((value, code) => {
        if (code > 0) bucket[value] = tallies[f]![code]!;
      });
      filters[name] = bucket;
    });
    return { total, filters };
  }

  private results(ids: number[], phrases: Phrase[], terms: string[], exact: Set<number>): SearchResult[] {
    const read = this.prepare(`SELECT d.url, d.title, d.meta, t.text FROM docs d JOIN texts t ON t.id = d.id WHERE d.id = ?`);
    return ids.flatMap((id) => {
      const row = read.get(id) as { url: string; title: string; meta: string; text: Buffer } | undefined;
      if (!row) return [];
      const result: SearchResult = {
        url: row.url,
        title: row.title,
        excerpt: excerpt(inflateRawSync(row.text).toString('utf8'), terms, phrases),
        meta: JSON.parse(row.meta) as SearchResult['meta'],
      };
      if (exact.has(id)) result.exact = true;
      return [result];
    });
  }

  /** Ids matching an FTS5 query and the filters, best bm25 first: the `count` from `offset`, leaving out `skip` (a few exact documents). */
  private ranked(match: string, filters: Filters, skip: Set<number>, offset: number, count: number): number[] {
    if (count <= 0) return [];
    // The filters as terms of the facet column: any value of a filter, every filter set.
    const narrowed = searchFilterNames.flatMap((name, f) => {
      const chosen = filters[name];
      return chosen && chosen.length ? [`{facet} : (${chosen.map((value) => `"${facetTerm(f, value)}"`).join(' OR ')})`] : [];
    });
    const query = this.prepare(`SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY ${BM25}, rowid LIMIT ? OFFSET ?`).pluck();
    const full = [`(${match})`, ...narrowed].join(' AND ');
    if (skip.size === 0) return query.all(full, count, offset) as number[];
    // Skipped documents may rank anywhere: read from the top so that pages neither overlap nor leave a gap.
    return (query.all(full, offset + count + skip.size, 0) as number[]).filter((id) => !skip.has(id)).slice(offset, offset + count);
  }

  search(request: SearchRequest): SearchResponse {
    const page = request.page;
    const offset = (page - 1) * SEARCH_PAGE_SIZE;
    const terms = queryTerms(request.query);
    const phrases = terms.map((term) => queryPhrase(term)).filter((phrase): phrase is Phrase => phrase !== null);
    const base = { query: request.query, page, pageSize: SEARCH_PAGE_SIZE };
    const wanted = this.wanted(request.filters);
    const { newestFirst } = this.facets();

    if (phrases.length === 0) {
      // No words: the filters alone list documents (newest first); no filter, no result.
      const { total, filters } = this.counts(newestFirst, wanted);
      if (wanted.every((w) => w === null)) return { ...base, total: 0, match: 'none', results: [], filters };
      const ids: number[] = [];
      let seen = 0;
      for (const id of newestFirst) {
        if (!this.passes(id, wanted) || seen++ < offset) continue;
        ids.push(id);
        if (ids.length >= SEARCH_PAGE_SIZE) break;
      }
      return { ...base, total, match: total > 0 ? 'all' : 'none', results: this.results(ids, [], [], new Set()), filters };
    }

    const all = phrases.map((phrase) => `(${ftsPhrase(phrase)})`).join(' AND ');
    const matched = new Set(this.prepare('SELECT rowid FROM fts WHERE fts MATCH ?').pluck().all(all) as number[]);
    const identifier = exactIdentifier(request.query);
    const exactIds = identifier
      ? (this.prepare(`SELECT id FROM docs WHERE ${identifier.kind === '文号' ? 'doc_number' : 'index_number'} = ? ORDER BY id`)
          .pluck()
          .all(identifier.value) as number[])
      : [];
    // An exact document is counted even if its text somehow lacks the terms.
    for (const id of exactIds) matched.add(id);

    if (matched.size > 0) {
      const { total, filters } = this.counts(matched, wanted);
      const exactShown = exactIds.filter((id) => this.passes(id, wanted));
      const fromExact = exactShown.slice(offset, offset + SEARCH_PAGE_SIZE);
      const ranked = this.ranked(
        all,
        request.filters,
        new Set(exactShown),
        Math.max(0, offset - exactShown.length),
        SEARCH_PAGE_SIZE - fromExact.length,
      );
      return {
        ...base,
        total,
        match: total > 0 ? 'all' : 'none',
        results: this.results([...fromExact, ...ranked], phrases, terms, new Set(exactShown)),
        filters,
      };
    }

    // No document holds every term: the ones holding most of them, best ranked first among equals.
    const weighed = phrases.slice(0, PARTIAL_TERMS_MAX);
    if (weighed.length < 2) return { ...base, match: 'none', results: [], ...this.counts([], wanted) };
    const held = new Map<number, number>();
    for (const phrase of weighed)
      for (const id of this.prepare('SELECT rowid FROM fts WHERE fts MATCH ?').pluck().all(ftsPhrase(phrase)) as number[])
        held.set(id, (held.get(id) ?? 0) + 1);
    const { total, filters } = this.counts(held.keys(), wanted);
    const any = weighed.map((phrase) => `(${ftsPhrase(phrase)})`).join(' OR ');
    const order = new Map<number, number>();
    (this.prepare(`SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY ${BM25}, rowid`).pluck().all(any) as number[]).forEach((id, i) =>
      order.set(id, i),
    );
    const ids = [...held.keys()]
      .filter((id) => this.passes(id, wanted))
      .sort((a, b) => held.get(b)! - held.get(a)! || order.get(a)! - order.get(b)!)
      .slice(offset, offset + SEARCH_PAGE_SIZE);
    return { ...base, total, match: total > 0 ? 'partial' : 'none', results: this.results(ids, phrases, terms, new Set()), filters };
  }
}
