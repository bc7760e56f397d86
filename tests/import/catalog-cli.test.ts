import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporarySecrets } from '../../scripts/cms.ts';
import { corpusCsv, corpusRows, type CorpusAgency } from '../../scripts/bench/corpus.ts';
import { agencies } from '../../cms/src/demo/content.ts';
import { startCms } from '../helpers/cms.ts';

/*
 * `npm run import:catalog` run as an editor runs it, a process of its own on a real CMS database (a
 * temporary SQLite made by a first start with the demo content): a line a batch on a pipe, the
 * summary, and a run killed (SIGKILL) part-way: what it leaves is whole batches only, each row with
 * its agency link, and running the file again ends with every row present once.
 */

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean },
) => {
  prepare: (sql: string) => {
    all: (...args: unknown[]) => Array<Record<string, unknown>>;
    get: (...args: unknown[]) => Record<string, unknown>;
  };
  close: () => void;
};

const dir = mkdtempSync(path.join(tmpdir(), 'catalog-cli-'));
const db = path.join(dir, 'test.db');
const demoAgencies: CorpusAgency[] = agencies.map((a) => ({
  name: a.name,
  shortName: a.shortName ?? a.name,
  indexPrefix: a.creditCode,
  docPrefix: '临政办发',
  kind: a.kind,
}));
const env = {
  ...process.env,
  ...temporarySecrets(),
  NODE_ENV: 'production',
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: db,
  DEMO_CONTENT: 'false',
  LOG_LEVEL: 'error',
};

function csvFile(name: string, rows: number, firstSerial: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, [...corpusCsv(corpusRows(rows, { agencies: demoAgencies, firstSerial, seed: firstSerial }))].join(''));
  return file;
}

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** The CLI as a child process; `killAfter` batch lines on stderr, it is killed with SIGKILL. */
function cli(args: string[], killAfter?: number): Promise<Run> {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'import-catalog.ts'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (killAfter !== undefined && (stderr.match(/^已提交 /gm) ?? []).length >= killAfter) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Rows of the imported items whose 索引号 carry the serial range's marker, by 索引号. */
function stored(pattern: string) {
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn
      .prepare(
        `SELECT p.index_number AS n, count(*) AS c, sum(l.id IS NULL) AS unlinked FROM policy_items p LEFT JOIN policy_items_agency_lnk l ON l.policy_item_id = p.id WHERE p.index_number LIKE ? GROUP BY p.index_number`,
      )
      .all(pattern);
    return rows as Array<{ n: string; c: number; unlinked: number }>;
  } finally {
    conn.close();
  }
}

beforeAll(async () => {
  // A first start makes the schema, the roles and the demo agencies; then the CMS is stopped and the CLI has the database.
  const cms = await startCms({ demo: true, dataDir: dir });
  await cms.stop();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run import:catalog', () => {
  it('checks with --dry-run, then imports, a line a batch on a pipe and a Chinese summary', async () => {
    const file = csvFile('小目录.csv', 120, 70001);
    const dry = await cli([file, '--dry-run', '--batch', '50']);
    expect(dry.stdout).toContain('共 120 行：120 行通过检查，0 处错误');
    expect(dry.stdout).toContain('试运行（--dry-run）：检查通过，未写入任何内容。');
    expect(dry.code).toBe(0);
    expect(stored('%/20__-7____')).toEqual([]);

    const run = await cli([file, '--batch', '50']);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/^已提交 \d+\/120 项.*$/gm)).toEqual([
      expect.stringMatching(/^已提交 50\/120 项（42%）：新建 50、更新 0，\d+ 项\/秒，剩余约 \d+ 秒$/),
      expect.stringMatching(/^已提交 100\/120 项（83%）：新建 100、更新 0/),
      expect.stringMatching(/^已提交 120\/120 项（100%）：新建 120、更新 0/),
    ]);
    expect(run.stdout).toMatch(/已导入 120 项（新建 120、更新 0，3 批，已发布）/);
    const rows = stored('%/20__-7____');
    expect(rows).toHaveLength(120);
    expect(rows.every((r) => r.c === 2 && r.unlinked === 0)).toBe(true);
  }, 180_000);

  it('on a terminal, a progress bar redrawn in place', async () => {
    const file = csvFile('终端.csv', 120, 60001);
    // `script` gives the CLI a pseudo-terminal, as an editor's shell does.
    const command = [process.execPath, path.join(root, 'scripts', 'import-catalog.ts'), file, '--batch', '40']
      .map((a) => `'${a}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(output).toMatch(/\r\[█{30}\] 120\/120（100%）新建 120 · 更新 0 · \d+ 项\/秒/);
    expect(output).not.toMatch(/^已提交 /m);
    expect(stored('%/20__-6____')).toHaveLength(120);
  }, 180_000);

  it('killed part-way (SIGKILL) it leaves whole batches only; run again, every row is there once', async () => {
    const file = csvFile('大目录.csv', 1500, 80001);
    const killed = await cli([file, '--batch', '100'], 3);
    expect(killed.signal).toBe('SIGKILL');
    const left = stored('%/20__-8____');
    // Committed batches are whole (100 items each, both versions, linked); the one cut off left nothing.
    expect(left.length % 100).toBe(0);
    expect(left.length).toBeGreaterThanOrEqual(300);
    expect(left.length).toBeLessThan(1500);
    expect(left.every((r) => r.c === 2 && r.unlinked === 0)).toBe(true);

    const resumed = await cli([file, '--batch', '100', '--json']);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout.trim().split('\n').pop()!) as { created: number; updated: number; maxRssMb: number };
    expect(report).toMatchObject({ created: 1500 - left.length, updated: left.length });
    const all = stored('%/20__-8____');
    expect(all).toHaveLength(1500);
    expect(all.every((r) => r.c === 2 && r.unlinked === 0)).toBe(true);
  }, 300_000);
});
