import { copyFileSync, existsSync, globSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { searchFilterNames } from '@portal/shared';
import { SEARCHABLE_PAGES } from '../../../site/src/integrations/pagefind.ts';
import { pageUrl, readPage, searchableBytes, sourceHash, type PageRecord } from './page.ts';
import { createSchema, schemaVersion, SCHEMA_VERSION } from './schema.ts';
import { openDatabase, type Database } from './sqlite.ts';
import { facetTerm, indexedText } from './tokens.ts';

/*
 * Builds a release's search index from its own built pages (the pages Pagefind would index,
 * SEARCHABLE_PAGES). Built pages are public by construction: a draft or private record never
 * has one. Incremental: given the previous release's index, the new one starts as a copy of it
 * and only pages whose searchable part changed (content hash) are read again; pages that are gone
 * are deleted. Pages are handled a batch at a time, so memory stays bounded however large the
 * portal grows.
 */

export type IndexStats = {
  /** Searchable pages in the release. */
  pages: number;
  /** Pages read and (re)indexed: all of them on a full build, the changed ones on an incremental one. */
  indexed: number;
  unchanged: number;
  removed: number;
  /** Whether the index started from the previous release's. */
  incremental: boolean;
  ms: number;
};

const BATCH = 500;

/** Searchable pages of a built client folder, as paths relative to it, in a stable order. */
export function searchablePages(clientDir: string): string[] {
  return globSync(SEARCHABLE_PAGES, { cwd: clientDir }).sort();
}

function statements(db: Database) {
  return {
    find: db.prepare('SELECT id, hash FROM docs WHERE url = ?'),
    insertDoc: db.prepare(
      'INSERT INTO docs (url, hash, gen, title, meta, date, doc_number, index_number) VALUES (@url, @hash, @gen, @title, @meta, @date, @docNumber, @indexNumber)',
    ),
    updateDoc: db.prepare(
      'UPDATE docs SET hash = @hash, gen = @gen, title = @title, meta = @meta, date = @date, doc_number = @docNumber, index_number = @indexNumber WHERE id = @id',
    ),
    facets: db.prepare('INSERT OR REPLACE INTO facets (id, type, agency, year, validity) VALUES (?, ?, ?, ?, ?)'),
    text: db.prepare('INSERT OR REPLACE INTO texts (id, text) VALUES (?, ?)'),
    ids: db.prepare('SELECT id FROM docs').pluck(),
    ftsDelete: db.prepare('DELETE FROM fts WHERE rowid = ?'),
    ftsInsert: db.prepare('INSERT INTO fts (rowid, title, body, ident, facet) VALUES (?, ?, ?, ?, ?)'),
    deleteDoc: db.prepare('DELETE FROM docs WHERE id = ?'),
    deleteFacets: db.prepare('DELETE FROM facets WHERE id = ?'),
    deleteText: db.prepare('DELETE FROM texts WHERE id = ?'),
  };
}

function store(s: ReturnType<typeof statements>, gen: number, hash: string, page: PageRecord, existing: number | null): number {
  const row = {
    url: page.url,
    hash,
    gen,
    title: page.title,
    meta: JSON.stringify(page.meta),
    date: page.date,
    docNumber: page.docNumber,
    indexNumber: page.indexNumber,
  };
  let id: number;
  if (existing === null) id = Number(s.insertDoc.run(row).lastInsertRowid);
  else {
    id = existing;
    s.updateDoc.run({ ...row, id });
    s.ftsDelete.run(id);
  }
  s.facets.run(id, ...searchFilterNames.map((name) => page.filters[name] ?? null));
  s.text.run(id, deflateRawSync(page.text));
  const facets = searchFilterNames.flatMap((name, f) => (page.filters[name] ? [facetTerm(f, page.filters[name])] : []));
  s.ftsInsert.run(
    id,
    indexedText(page.title),
    indexedText(page.text),
    indexedText(`${page.docNumber} ${page.indexNumber}`),
    facets.join(' '),
  );
  return id;
}

function usable(file: string): boolean {
  if (!existsSync(file)) return false;
  let db: Database | undefined;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
    return schemaVersion(db) === SCHEMA_VERSION;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** Indexes `clientDir`'s searchable pages into `dbFile`, starting from `previous` (the last release's index) when it is usable. */
export function buildSearchIndex(options: { clientDir: string; dbFile: string; previous?: string | null }): IndexStats {
  const started = performance.now();
  rmSync(options.dbFile, { force: true });
  const incremental = Boolean(options.previous && usable(options.previous));
  if (incremental) copyFileSync(options.previous!, options.dbFile);
  const db = openDatabase(options.dbFile);
  try {
    // A crash mid-build fails the release, which is never switched in: no journal needed.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -32000');
    createSchema(db);
    const s = statements(db);
    const gen = ((db.prepare('SELECT max(gen) FROM docs').pluck().get() as number | null) ?? 0) + 1;
    const files = searchablePages(options.clientDir);
    const stats: IndexStats = { pages: 0, indexed: 0, unchanged: 0, removed: 0, incremental, ms: 0 };
    // The documents still there (a few bytes each: bounded by the page count, not the text).
    const seen = new Set<number>();
    const batch = db.transaction((chunk: string[]) => {
      for (const file of chunk) {
        const source = searchableBytes(readFileSync(path.join(options.clientDir, file)));
        if (source === null) continue;
        stats.pages++;
        const url = pageUrl(file);
        const hash = sourceHash(source);
        const found = s.find.get(url) as { id: number; hash: string } | undefined;
        if (found && found.hash === hash) {
          seen.add(found.id);
          stats.unchanged++;
          continue;
        }
        seen.add(store(s, gen, hash, readPage(url, source.toString('utf8')), found?.id ?? null));
        stats.indexed++;
      }
    });
    for (let i = 0; i < files.length; i += BATCH) batch(files.slice(i, i + BATCH));
    db.transaction(() => {
      for (const id of (s.ids.all() as number[]).filter((id) => !seen.has(id))) {
        s.ftsDelete.run(id);
        s.deleteFacets.run(id);
        s.deleteText.run(id);
        s.deleteDoc.run(id);
        stats.removed++;
      }
    })();
    // A full build merges its segments into one (fastest to query); an update leaves that to FTS5's automerge.
    if (!incremental) db.exec(`INSERT INTO fts (fts) VALUES ('optimize')`);
    stats.ms = Math.round(performance.now() - started);
    return stats;
  } finally {
    db.close();
  }
}
