import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCmsProcess, temporarySecrets } from '../cms.ts';
import { startPostgres, type RunningPostgres } from '../postgres.ts';
import { fetchAll } from '../../site/src/loaders/client.ts';
import { PolicyItemsDocument, PolicyItemStampsDocument } from '../../site/src/graphql/generated/operations.ts';
import { corpusAgencies, corpusCsv, corpusRows } from './corpus.ts';

/*
 * npm run bench:graphql -- [--rows 10000] [--runs 3] [--db sqlite,postgres] [--write]
 *
 * How long the portal's build takes to read the policy items from the CMS, on SQLite and on
 * PostgreSQL: the corpus (scripts/bench/corpus.ts) imported by the real bulk importer into a fresh
 * database of each kind, a `strapi start` on it, then, `runs` times, the two reads a build makes
 * with the portal's own queries and client (site/src/graphql/, site/src/loaders/client.ts): the
 * stamps of every item (what an incremental build reads) and every item in full (a first build or
 * a changed selection). The CMS's memory is its resident set at idle after boot and its peak
 * (VmHWM) after the reads. --write replaces only the `## GraphQL 读取` section of docs/benchmarks.md.
 */

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    db: { type: 'string', default: 'sqlite,postgres' },
    write: { type: 'boolean' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const kinds = values.db.split(',').map((kind) => kind.trim());
for (const kind of kinds) if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`--db 只能是 sqlite 或 postgres，实际为“${kind}”`);
if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(runs) || runs < 1) throw new Error('--rows 和 --runs 应为正整数');

const rootDir = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-graphql-'));
const secrets = temporarySecrets();
const baseEnv = {
  ...process.env,
  ...secrets,
  NODE_ENV: 'production',
  DEMO_CONTENT: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: 'error',
};

function run(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, args, { cwd: rootDir, env: { ...baseEnv, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0]!)} 失败（退出码 ${code}）：${stderr.slice(-2000)}`)),
    ),
  );
}

/** Resident set and its peak of a process, in MB, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Figures = {
  kind: string;
  importSeconds: number;
  idleMb: number;
  peakMb: number;
  stamps: number[];
  full: number[];
  count: number;
  load: string;
};

async function measure(kind: 'sqlite' | 'postgres', csvFile: string): Promise<Figures> {
  let postgres: RunningPostgres | undefined;
  const dbEnv: Record<string, string> =
    kind === 'sqlite'
      ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(work, 'cms.db') }
      : (postgres = await startPostgres()).env;
  try {
    // The corpus's agencies, through the Document Service (catalog-import.ts's seed mode), then the items in bulk.
    await run([path.join(rootDir, 'scripts/bench/catalog-import.ts'), '--internal', 'seed'], dbEnv);
    const started = performance.now();
    await run([path.join(rootDir, 'scripts/import-catalog.ts'), csvFile, '--batch', '500'], dbEnv);
    const importSeconds = (performance.now() - started) / 1000;

    const cms = await startCmsProcess({ env: { ...baseEnv, ...dbEnv } });
    try {
      process.env.CMS_URL = cms.url;
      await new Promise((r) => setTimeout(r, 2000));
      const idleMb = memoryOf(cms.child.pid!).rss;
      const loads: number[] = [os.loadavg()[0]!];
      const stamps: number[] = [];
      const full: number[] = [];
      let count = 0;
      for (let n = 1; n <= runs; n++) {
        let t = performance.now();
        const ids = await fetchAll(PolicyItemStampsDocument, '政策文件版本', undefined, 500);
        stamps.push((performance.now() - t) / 1000);
        t = performance.now();
        const items = await fetchAll(PolicyItemsDocument, '政策文件', undefined, 100);
        full.push((performance.now() - t) / 1000);
        count = items.length;
        if (ids.length !== rows || items.length !== rows) throw new Error(`读到 ${ids.length} / ${items.length} 项，应为 ${rows}`);
        loads.push(os.loadavg()[0]!);
        console.error(`› ${kind} 第 ${n} 次：版本号 ${stamps.at(-1)!.toFixed(1)} 秒，全文 ${full.at(-1)!.toFixed(1)} 秒`);
      }
      const peakMb = memoryOf(cms.child.pid!).peak;
      return {
        kind,
        importSeconds,
        idleMb,
        peakMb,
        stamps,
        full,
        count,
        load: `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
      };
    } finally {
      await cms.stop();
    }
  } finally {
    await postgres?.stop();
  }
}

try {
  const csvFile = path.join(work, 'corpus.csv');
  const out = createWriteStream(csvFile);
  for (const chunk of corpusCsv(corpusRows(rows))) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');

  const results: Figures[] = [];
  for (const kind of kinds as Array<'sqlite' | 'postgres'>) results.push(await measure(kind, csvFile));

  const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} s`;
  const lines = [
    '## GraphQL 读取（SQLite 与 PostgreSQL）',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC，${os.cpus()[0]?.model ?? '未知 CPU'}，${os.cpus().length} 核，内存 ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB，Node ${process.version}。`,
    `命令：\`npm run bench:graphql -- --rows ${rows} --runs ${runs} --db ${kinds.join(',')}\`。语料：scripts/bench/corpus.ts 的 ${rows} 项政策文件（正文约 1,600 字，${corpusAgencies().length} 个机构），由 \`npm run import:catalog\` 批量导入新库；读取用门户自己的查询和客户端（site/src/graphql/policy-items.graphql，site/src/loaders/client.ts），匿名 GraphQL over HTTP，版本号每页 500 项、全文每页 100 项，与构建相同。每次运行时的负载（1 分钟平均）已注明：机器与其他任务共用时数字偏大。`,
    '',
    '| 数据库 | 项数 | 导入用时 | 读取全部版本号（中位数，范围） | 读取全部全文（中位数，范围） | 每项 | CMS 空闲内存 | CMS 读取后峰值内存 | 负载 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL 15'} | ${r.count} | ${r.importSeconds.toFixed(0)} s | **${median(r.stamps).toFixed(1)} s**（${range(r.stamps)}） | **${median(r.full).toFixed(1)} s**（${range(r.full)}） | ${((median(r.full) * 1000) / r.count).toFixed(1)} ms | ${r.idleMb.toFixed(0)} MB | ${r.peakMb.toFixed(0)} MB | ${r.load} |`,
    ),
    '',
  ];
  const section = lines.join('\n');
  console.log(section);
  if (values.write) {
    const file = path.join(rootDir, 'docs/benchmarks.md');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    const start = text.indexOf('## GraphQL 读取');
    const next = start < 0 ? -1 : text.indexOf('\n## ', start + 1);
    const updated =
      start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next + 1)}`;
    writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
