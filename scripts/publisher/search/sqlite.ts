import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * better-sqlite3, the CMS's own SQLite driver (its bundled SQLite has FTS5), loaded from the CMS
 * workspace as scripts/backup/database.ts does, typed by the little the search engine uses.
 */

export type Statement = {
  run: (...params: unknown[]) => { changes: number; lastInsertRowid: number | bigint };
  get: (...params: unknown[]) => unknown;
  all: (...params: unknown[]) => unknown[];
  raw: (toggle?: boolean) => Statement;
  pluck: (toggle?: boolean) => Statement;
  iterate: (...params: unknown[]) => IterableIterator<unknown>;
};

export type Database = {
  prepare: (sql: string) => Statement;
  exec: (sql: string) => void;
  pragma: (source: string, options?: { simple?: boolean }) => unknown;
  transaction: <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;
  close: () => void;
  readonly open: boolean;
};

type DatabaseConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => Database;

const requireFromCms = createRequire(path.resolve(import.meta.dirname, '../../../cms/package.json'));

export function openDatabase(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Database {
  const Sqlite = requireFromCms('better-sqlite3') as DatabaseConstructor;
  return new Sqlite(file, options);
}
