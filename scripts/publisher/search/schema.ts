import type { Database } from './sqlite.ts';

/*
 * The search index of a release: one SQLite file (<release>/search.db, beside client/, so it is
 * never served as a file). `docs` holds what a result shows and the page's content hash, `facets`
 * the filter values (a narrow table, so counting the filters of many matches reads little),
 * `texts` the page text excerpts are cut from (deflated: a third of the size), and `fts` the FTS5 index of the tokenised title,
 * body and identifiers (文号, 索引号), contentless: the text is stored once, in `texts`.
 */

/** Bumped when the layout changes: an index of another version is rebuilt, never copied forward. */
export const SCHEMA_VERSION = '2';

/** The filter columns of `facets`, in the order of shared searchFilterNames (类型, 发布机构, 年份, 有效性). */
export const FACET_COLUMNS = ['type', 'agency', 'year', 'validity'] as const;

/** bm25 weights of the fts columns: a title match counts far above a body match, an identifier between; filter terms not at all. */
export const COLUMN_WEIGHTS = { title: 10, body: 1, ident: 5, facet: 0 } as const;

export function createSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS docs (
      id INTEGER PRIMARY KEY,
      url TEXT NOT NULL UNIQUE,
      hash TEXT NOT NULL,
      gen INTEGER NOT NULL,
      title TEXT NOT NULL,
      meta TEXT NOT NULL,
      date TEXT NOT NULL,
      doc_number TEXT NOT NULL,
      index_number TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS docs_doc_number ON docs(doc_number) WHERE doc_number <> '';
    CREATE INDEX IF NOT EXISTS docs_index_number ON docs(index_number) WHERE index_number <> '';
    CREATE TABLE IF NOT EXISTS facets (id INTEGER PRIMARY KEY, type TEXT, agency TEXT, year TEXT, validity TEXT);
    CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, text BLOB NOT NULL);
    CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, ident, facet, tokenize = 'ascii', content = '', contentless_delete = 1);
  `);
  db.prepare(`INSERT OR IGNORE INTO info (key, value) VALUES ('schema', ?)`).run(SCHEMA_VERSION);
}

export function schemaVersion(db: Database): string | null {
  try {
    const row = db.prepare(`SELECT value FROM info WHERE key = 'schema'`).get() as { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null;
  }
}
