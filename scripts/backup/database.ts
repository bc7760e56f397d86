import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BackupError } from './tar.ts';

/*
 * The CMS's database as the backup sees it: the same DATABASE_* settings Strapi reads
 * (cms/config/database.ts; the environment first, then cms/.env), a consistent snapshot of it,
 * and the row counts the manifest records and the restore checks.
 */

export const rootDir = path.resolve(import.meta.dirname, '../..');
export const cmsDir = path.join(rootDir, 'cms');
const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));

export type SqliteConfig = { client: 'sqlite'; filename: string };
export type PostgresConfig = {
  client: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  schema: string;
  ssl: boolean;
};
export type DatabaseConfig = SqliteConfig | PostgresConfig;

/** An installed package's version. */
export function packageVersion(pkg: string): string {
  for (const base of [path.join(rootDir, 'node_modules'), path.join(cmsDir, 'node_modules')]) {
    const file = path.join(base, pkg, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version);
  }
  return 'unknown';
}

/** The environment the CMS would see: its process environment over the values in its .env file. */
export function cmsEnvironment(envFile: string): Record<string, string | undefined> {
  const fromFile: Record<string, string> = {};
  if (existsSync(envFile)) {
    for (const line of readFileSync(envFile, 'utf8').split(/\r?\n/)) {
      const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (!match) continue;
      const raw = match[2]!;
      fromFile[match[1]!] = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
    }
  }
  return { ...fromFile, ...process.env };
}

export function databaseConfig(env: Record<string, string | undefined>): DatabaseConfig {
  const client = env.DATABASE_CLIENT || 'sqlite';
  if (client === 'sqlite') return { client, filename: path.resolve(cmsDir, env.DATABASE_FILENAME || 'data/portal.db') };
  if (client === 'postgres') {
    return {
      client,
      host: env.DATABASE_HOST || '127.0.0.1',
      port: Number(env.DATABASE_PORT || 5432),
      database: env.DATABASE_NAME || 'portal',
      user: env.DATABASE_USERNAME || 'portal',
      password: env.DATABASE_PASSWORD || '',
      schema: env.DATABASE_SCHEMA || 'public',
      ssl: ['true', '1'].includes(String(env.DATABASE_SSL)),
    };
  }
  throw new BackupError(`不支持的数据库类型 DATABASE_CLIENT=${client}：备份与恢复只支持 sqlite 和 postgres`);
}

export const describeDatabase = (config: DatabaseConfig) =>
  config.client === 'sqlite'
    ? `SQLite 数据库 ${config.filename}`
    : `PostgreSQL 数据库 ${config.user}@${config.host}:${config.port}/${config.database}（模式 ${config.schema}）`;

/** Rows per table; for tables with draft and publish, drafts and published rows apart. */
export type Counts = { tables: Record<string, number>; drafts: Record<string, { drafts: number; published: number }> };

/** Tables whose rows make an installation "not empty": content, media and administrators. */
export function contentTables(): string[] {
  const apiDir = path.join(cmsDir, 'src', 'api');
  const tables = ['admin_users', 'files'];
  for (const api of existsSync(apiDir) ? readdirSync(apiDir) : []) {
    const typesDir = path.join(apiDir, api, 'content-types');
    for (const type of existsSync(typesDir) ? readdirSync(typesDir) : []) {
      for (const file of ['schema.ts', 'schema.json']) {
        const schema = path.join(typesDir, type, file);
        const name = existsSync(schema)
          ? /collectionName["']?\s*:\s*['"]([a-z0-9_]+)['"]/.exec(readFileSync(schema, 'utf8'))?.[1]
          : undefined;
        if (name) tables.push(name);
      }
    }
  }
  return tables;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ---------------------------------------------------------------- SQLite (better-sqlite3, Strapi's own driver)

type SqliteStatement = {
  all: (...params: unknown[]) => Array<Record<string, unknown>>;
  get: (...params: unknown[]) => Record<string, unknown> | undefined;
};
export type SqliteDb = {
  prepare: (sql: string) => SqliteStatement;
  pragma: (sql: string, options?: { simple?: boolean }) => unknown;
  backup: (destination: string, options?: { progress?: () => number }) => Promise<unknown>;
  close: () => void;
};
type SqliteConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => SqliteDb;

export function openSqlite(file: string, readonly = true): SqliteDb {
  const Database = requireFromCms('better-sqlite3') as SqliteConstructor;
  try {
    return new Database(file, { readonly, fileMustExist: true, timeout: 10_000 });
  } catch (error) {
    throw new BackupError(`无法打开 SQLite 数据库 ${file}：${(error as Error).message}`);
  }
}

export function sqliteCounts(db: SqliteDb): Counts {
  const counts: Counts = { tables: {}, drafts: {} };
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => String(r.name));
  for (const table of tables) {
    counts.tables[table] = Number(db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get()!.n);
    const columns = db
      .prepare(`PRAGMA table_info(${quote(table)})`)
      .all()
      .map((r) => String(r.name));
    if (columns.includes('published_at') && columns.includes('document_id')) {
      const row = db
        .prepare(`SELECT sum(published_at IS NULL) AS drafts, sum(published_at IS NOT NULL) AS published FROM ${quote(table)}`)
        .get()!;
      counts.drafts[table] = { drafts: Number(row.drafts ?? 0), published: Number(row.published ?? 0) };
    }
  }
  return counts;
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API (what
 * better-sqlite3's `.backup()` calls): the CMS may keep writing meanwhile.
 */
export async function sqliteSnapshot(config: SqliteConfig, destination: string): Promise<{ counts: Counts; version: string }> {
  if (!existsSync(config.filename))
    throw new BackupError(`找不到 SQLite 数据库 ${config.filename}：请检查 DATABASE_FILENAME（相对于 cms/）`);
  const live = openSqlite(config.filename);
  try {
    // All pages in one step, under one read lock: a step-wise copy starts again whenever the CMS
    // writes in between, and under steady writes might never finish. Writers wait meanwhile
    // (Strapi's busy timeout), only for as long as the copy takes.
    await live.backup(destination, { progress: () => 0x7fffffff });
  } catch (error) {
    throw new BackupError(`复制 SQLite 数据库失败：${(error as Error).message}`);
  } finally {
    live.close();
  }
  const copy = openSqlite(destination, false);
  try {
    // A self-contained file: no WAL beside it.
    copy.pragma('journal_mode = DELETE');
    checkSqliteIntegrity(copy, destination);
    return { counts: sqliteCounts(copy), version: String(copy.prepare('SELECT sqlite_version() AS v').get()!.v) };
  } finally {
    copy.close();
  }
}

export function checkSqliteIntegrity(db: SqliteDb, where: string): void {
  let result: unknown;
  try {
    result = db.pragma('integrity_check', { simple: true });
  } catch (error) {
    throw new BackupError(`SQLite 数据库 ${where} 已损坏：${(error as Error).message}`);
  }
  if (result !== 'ok') throw new BackupError(`SQLite 数据库 ${where} 未通过完整性检查：${String(result).slice(0, 300)}`);
}

/** Whether the SQLite database holds content, media or administrators (a missing file is empty). */
export function sqliteHasData(file: string): string[] {
  if (!existsSync(file)) return [];
  const db = openSqlite(file);
  try {
    const existing = new Set(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => String(r.name)),
    );
    return contentTables().filter((t) => existing.has(t) && Number(db.prepare(`SELECT count(*) AS n FROM ${quote(t)}`).get()!.n) > 0);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- PostgreSQL (pg_dump / pg_restore, counts through pg)

type PgClient = {
  connect: () => Promise<void>;
  query: (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;
  end: () => Promise<void>;
};
type PgModule = { Client: new (options: Record<string, unknown>) => PgClient };

export async function pgConnect(config: PostgresConfig): Promise<PgClient> {
  const pg = requireFromCms('pg') as PgModule;
  const client = new pg.Client({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    ssl: config.ssl ? { rejectUnauthorized: true } : false,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`无法连接 ${describeDatabase(config)}：${(error as Error).message}`);
  }
  return client;
}

export async function pgCounts(client: PgClient, schema: string): Promise<Counts> {
  const counts: Counts = { tables: {}, drafts: {} };
  const tables = (
    await client.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
      [schema],
    )
  ).rows.map((r) => String(r.table_name));
  for (const table of tables) {
    const name = `${quote(schema)}.${quote(table)}`;
    counts.tables[table] = Number((await client.query(`SELECT count(*) AS n FROM ${name}`)).rows[0]!.n);
    const columns = (
      await client.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', [schema, table])
    ).rows.map((r) => String(r.column_name));
    if (columns.includes('published_at') && columns.includes('document_id')) {
      const row = (
        await client.query(
          `SELECT count(*) FILTER (WHERE published_at IS NULL) AS drafts, count(*) FILTER (WHERE published_at IS NOT NULL) AS published FROM ${name}`,
        )
      ).rows[0]!;
      counts.drafts[table] = { drafts: Number(row.drafts), published: Number(row.published) };
    }
  }
  return counts;
}

export async function pgHasData(config: PostgresConfig): Promise<string[]> {
  const client = await pgConnect(config);
  try {
    const existing = new Set(
      (await client.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [config.schema])).rows.map((r) =>
        String(r.table_name),
      ),
    );
    const found: string[] = [];
    for (const table of contentTables().filter((t) => existing.has(t))) {
      if (Number((await client.query(`SELECT count(*) AS n FROM ${quote(config.schema)}.${quote(table)}`)).rows[0]!.n) > 0)
        found.push(table);
    }
    return found;
  } finally {
    await client.end();
  }
}

/** Where pg_dump and pg_restore are: PG_BIN, else the newest Debian PostgreSQL, else PATH. */
export function pgBinary(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? path.join(root, versions[0], 'bin', name) : name;
}

function pgEnv(config: PostgresConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGHOST: config.host,
    PGPORT: String(config.port),
    PGDATABASE: config.database,
    PGUSER: config.user,
    PGPASSWORD: config.password,
    PGSSLMODE: config.ssl ? 'verify-full' : 'disable',
  };
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(new BackupError(`无法运行 ${command}：${error.message}（请安装 PostgreSQL 客户端，或用 PG_BIN 指定其 bin 目录）`)),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${path.basename(command)} 失败（退出码 ${code}）：${stderr.trim().slice(-2000)}`)),
    );
  });
}

/**
 * pg_dump (custom format) of the CMS's schema, from the same snapshot the counts are taken in:
 * a repeatable-read transaction exports its snapshot and pg_dump reads through it.
 */
export async function pgSnapshot(config: PostgresConfig, destination: string): Promise<{ counts: Counts; version: string }> {
  const client = await pgConnect(config);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = String((await client.query('SELECT pg_export_snapshot() AS s')).rows[0]!.s);
    const version = String((await client.query('SHOW server_version')).rows[0]!.server_version);
    const counts = await pgCounts(client, config.schema);
    await runTool(
      pgBinary('pg_dump'),
      ['--format=custom', '--no-owner', '--no-privileges', `--schema=${config.schema}`, `--snapshot=${snapshot}`, `--file=${destination}`],
      pgEnv(config),
    );
    await client.query('COMMIT');
    return { counts, version };
  } finally {
    await client.end();
  }
}

/** pg_restore in one transaction: on any error nothing of the archive stays in the database. */
export async function pgRestore(config: PostgresConfig, dump: string): Promise<void> {
  await runTool(
    pgBinary('pg_restore'),
    [
      '--single-transaction',
      '--exit-on-error',
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      `--dbname=${config.database}`,
      dump,
    ],
    pgEnv(config),
  );
}

export async function pgCurrentCounts(config: PostgresConfig): Promise<Counts> {
  const client = await pgConnect(config);
  try {
    return await pgCounts(client, config.schema);
  } finally {
    await client.end();
  }
}

/** Differences between two sets of counts, in words. */
export function compareCounts(expected: Counts, actual: Counts): string[] {
  const problems: string[] = [];
  for (const [table, n] of Object.entries(expected.tables)) {
    if (actual.tables[table] === undefined) problems.push(`表 ${table} 缺失（应有 ${n} 行）`);
    else if (actual.tables[table] !== n) problems.push(`表 ${table} 有 ${actual.tables[table]} 行，备份时为 ${n} 行`);
  }
  for (const table of Object.keys(actual.tables)) if (expected.tables[table] === undefined) problems.push(`多出了备份中没有的表 ${table}`);
  for (const [table, want] of Object.entries(expected.drafts)) {
    const got = actual.drafts[table];
    if (!got || got.drafts !== want.drafts || got.published !== want.published)
      problems.push(`表 ${table} 草稿/已发布为 ${got?.drafts ?? '?'}/${got?.published ?? '?'}，备份时为 ${want.drafts}/${want.published}`);
  }
  return problems;
}
