import {
  exactIdentifier,
  queryTerms,
  SEARCH_PAGE_SIZE,
  searchFilterNames,
  type SearchFilterName,
  type SearchRequest,
  type SearchResponse,
  type SearchResult,
} from '@portal/shared';
import { COLUMN_WEIGHTS, FACET_COLUMNS } from './schema.ts';
import { openDatabase, type Database, type Statement } from './sqlite.ts';
import { ftsPhrase, queryPhrase, type Phrase } from './tokens.ts';
import { excerpt } from './excerpt.ts';
import { inflateRawSync } from 'node:zlib';

/*
 * Answers a search request from a release's index, as the search page promises (shared/src/search.ts):
 * every term must match (AND), ranked by bm25 with the title weighted above the body; an exact
 * 文号 or 索引号 puts its document first (`exact: true`); when no document holds every term, the
 * documents holding the most terms come first (`match: 'partial'`); filters combine (any value of
 * one filter, all filters together) and each filter's counts are narrowed by the other filters.
 */

/** Terms a partial match weighs (each is one index scan); the rest of a long query still has to match in the AND. */
const PARTIAL_TERMS_MAX = 12;

const BM25 = `bm25(fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.body}, ${COLUMN_WEIGHTS.ident})`;

type Facets = [string | null, string | null, string | null, string | null];
/** A combination of filter values and how many matching documents have it. */
type Cell = { values: Facets; count: number };

type Filters = SearchRequest['filters'];

function passes(values: Facets, filters: Filters, except?: SearchFilterName): boolean {
  return searchFilterNames.every((name, i) => {
    if (name === except) return true;
    const wanted = filters[name];
    return !wanted || wanted.length === 0 || (values[i] !== null && wanted.includes(values[i]!));
  });
}

function filterSql(filters: Filters, alias = 'f'): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  searchFilterNames.forEach((name, i) => {
    const wanted = filters[name];
    if (!wanted || wanted.length === 0) return;
    clauses.push(`${alias}.${FACET_COLUMNS[i]} IN (${wanted.map(() => '?').join(', ')})`);
    params.push(...wanted);
  });
  return { sql: clauses.length ? ` AND ${clauses.join(' AND ')}` : '', params };
}

export class SearchIndex {
  private readonly db: Database;
  private readonly statements = new Map<string, Statement>();
  private allValues: Array<string[]> | null = null;

  readonly file: string;

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
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Every value each filter has in the index (so a count of 0 still names the value). */
  private values(): Array<string[]> {
    this.allValues ??= FACET_COLUMNS.map(
      (column) =>
        this.prepare(`SELECT DISTINCT ${column} FROM facets WHERE ${column} IS NOT NULL ORDER BY ${column}`).pluck().all() as string[],
    );
    return this.allValues;
  }

  private cells(sql: string, params: unknown[]): Cell[] {
    return (
      this.prepare(sql)
        .raw()
        .all(...params) as Array<[string | null, string | null, string | null, string | null, number]>
    ).map(([a, b, c, d, count]) => ({ values: [a, b, c, d], count }));
  }

  private counts(cells: Cell[], filters: Filters): { total: number; filters: SearchResponse['filters'] } {
    const values = this.values();
    const counts: SearchResponse['filters'] = {};
    searchFilterNames.forEach((name, i) => {
      const bucket: Record<string, number> = {};
      for (const value of values[i]!) bucket[value] = 0;
      for (const cell of cells) {
        const value = cell.values[i] ?? null;
        if (value !== null && passes(cell.values, filters, name)) bucket[value] = (bucket[value] ?? 0) + cell.count;
      }
      counts[name] = bucket;
    });
    const total = cells.reduce((sum, cell) => sum + (passes(cell.values, filters) ? cell.count : 0), 0);
    return { total, filters: counts };
  }

  private results(ids: number[], phrases: Phrase[], terms: string[], exact: Set<number>): SearchResult[] {
    if (ids.length === 0) return [];
    const rows = this.prepare(
      `SELECT d.id, d.url, d.title, d.meta, t.text FROM docs d JOIN texts t ON t.id = d.id WHERE d.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as Array<{ id: number; url: string; title: string; meta: string; text: Buffer }>;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
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

  search(request: SearchRequest): SearchResponse {
    const page = request.page;
    const offset = (page - 1) * SEARCH_PAGE_SIZE;
    const terms = queryTerms(request.query);
    const phrases = terms.map((term) => queryPhrase(term)).filter((phrase): phrase is Phrase => phrase !== null);
    const base = { query: request.query, page, pageSize: SEARCH_PAGE_SIZE };
    const where = filterSql(request.filters);
    const facetColumns = FACET_COLUMNS.map((c) => `f.${c}`).join(', ');

    if (phrases.length === 0) {
      // No words: the filters alone list documents (newest first); no filter, no result.
      const cells = this.cells(`SELECT ${facetColumns}, count(*) FROM facets f GROUP BY 1, 2, 3, 4`, []);
      const { total, filters } = this.counts(cells, request.filters);
      if (where.params.length === 0) return { ...base, total: 0, match: 'none', results: [], filters };
      const ids = this.prepare(
        `SELECT f.id FROM facets f JOIN docs d ON d.id = f.id WHERE 1${where.sql} ORDER BY d.date DESC, d.id LIMIT ? OFFSET ?`,
      )
        .pluck()
        .all(...where.params, SEARCH_PAGE_SIZE, offset) as number[];
      return { ...base, total, match: total > 0 ? 'all' : 'none', results: this.results(ids, [], [], new Set()), filters };
    }

    const all = phrases.map((phrase) => `(${ftsPhrase(phrase)})`).join(' AND ');
    const identifier = exactIdentifier(request.query);
    const exactIds = identifier
      ? (this.prepare(`SELECT id FROM docs WHERE ${identifier.kind === '文号' ? 'doc_number' : 'index_number'} = ? ORDER BY id`)
          .pluck()
          .all(identifier.value) as number[])
      : [];
    const cells = this.cells(
      `SELECT ${facetColumns}, count(*) FROM fts JOIN facets f ON f.id = fts.rowid WHERE fts MATCH ? GROUP BY 1, 2, 3, 4`,
      [all],
    );
    // An exact document is counted even if its text somehow lacks the terms.
    for (const id of exactIds) {
      if (this.prepare(`SELECT 1 FROM fts WHERE fts MATCH ? AND rowid = ?`).get(all, id)) continue;
      cells.push(...this.cells(`SELECT ${facetColumns}, 1 FROM facets f WHERE f.id = ?`, [id]));
    }

    if (cells.length > 0) {
      const { total, filters } = this.counts(cells, request.filters);
      const exactShown = exactIds.length
        ? (this.prepare(`SELECT f.id FROM facets f WHERE f.id IN (SELECT value FROM json_each(?))${where.sql} ORDER BY f.id`)
            .pluck()
            .all(JSON.stringify(exactIds), ...where.params) as number[])
        : [];
      const fromExact = exactShown.slice(offset, offset + SEARCH_PAGE_SIZE);
      const rankedOffset = Math.max(0, offset - exactShown.length);
      const rankedLimit = SEARCH_PAGE_SIZE - fromExact.length;
      const ranked =
        rankedLimit > 0
          ? (this.prepare(
              `SELECT fts.rowid FROM fts JOIN facets f ON f.id = fts.rowid WHERE fts MATCH ?${where.sql}
               AND fts.rowid NOT IN (SELECT value FROM json_each(?)) ORDER BY ${BM25}, fts.rowid LIMIT ? OFFSET ?`,
            )
              .pluck()
              .all(all, ...where.params, JSON.stringify(exactShown), rankedLimit, rankedOffset) as number[])
          : [];
      const ids = [...fromExact, ...ranked];
      return {
        ...base,
        total,
        match: total > 0 ? 'all' : 'none',
        results: this.results(ids, phrases, terms, new Set(exactShown)),
        filters,
      };
    }

    // No document holds every term: the ones holding most of them, best ranked first among equals.
    const weighed = phrases.slice(0, PARTIAL_TERMS_MAX);
    if (weighed.length < 2) {
      const { filters } = this.counts([], request.filters);
      return { ...base, total: 0, match: 'none', results: [], filters };
    }
    const holders = weighed.map(
      (phrase) => new Set(this.prepare(`SELECT rowid FROM fts WHERE fts MATCH ?`).pluck().all(ftsPhrase(phrase)) as number[]),
    );
    const any = weighed.map((phrase) => `(${ftsPhrase(phrase)})`).join(' OR ');
    const rows = this.prepare(`SELECT fts.rowid, ${BM25}, ${facetColumns} FROM fts JOIN facets f ON f.id = fts.rowid WHERE fts MATCH ?`)
      .raw()
      .all(any) as Array<[number, number, string | null, string | null, string | null, string | null]>;
    const candidates = rows.map(([id, score, a, b, c, d]) => ({
      id,
      score,
      held: holders.reduce((n, set) => n + (set.has(id) ? 1 : 0), 0),
      values: [a, b, c, d] as Facets,
    }));
    const { total, filters } = this.counts(
      candidates.map((c) => ({ values: c.values, count: 1 })),
      request.filters,
    );
    const ids = candidates
      .filter((c) => passes(c.values, request.filters))
      .sort((a, b) => b.held - a.held || a.score - b.score || a.id - b.id)
      .slice(offset, offset + SEARCH_PAGE_SIZE)
      .map((c) => c.id);
    return {
      ...base,
      total,
      match: total > 0 ? 'partial' : 'none',
      results: this.results(ids, phrases, terms, new Set()),
      filters,
    };
  }
}
