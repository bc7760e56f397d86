import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { temporarySecrets } from '../cms.ts';
import { corpusAgencies, corpusCsv, corpusHeaders, corpusRows, distinctHanzi } from './corpus.ts';

/*
 * npm run bench:import -- [--format csv|xlsx] [--rows 10000] [--runs 3] [--batch 500] [--write]
 *
 * The catalogue import's throughput and memory: a realistic corpus (scripts/bench/corpus.ts) as
 * CSV, imported by the real CLI (npm run import:catalog, a process of its own) into a fresh SQLite
 * database holding only the corpus's agencies, `runs` times. Items/s counts the import itself (the
 * CMS's boot is reported apart); memory is the CLI process's peak RSS (getrusage maxRSS, boot
 * included). --write puts the figures into the `## 政策目录导入` section of docs/benchmarks.md and
 * leaves the rest of that file as it is.
 */

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'csv' },
    rows: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '500' },
    write: { type: 'boolean' },
    internal: { type: 'string' },
  },
});
const rootDir = path.resolve(import.meta.dirname, '../..');
const cmsDir = path.join(rootDir, 'cms');
const require = createRequire(import.meta.url);

type Strapi = { documents: (uid: string) => { create: (o: unknown) => Promise<{ documentId: string }> }; destroy: () => Promise<void> };
const strapiModule = () =>
  require(path.join(rootDir, 'node_modules/@strapi/strapi')) as {
    createStrapi: (o: Record<string, unknown>) => { load: () => Promise<Strapi> };
  };

// A child mode that makes the template database: the schema and the corpus's agencies, nothing else.
if (values.internal === 'seed') {
  const strapi = await strapiModule()
    .createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist'), autoReload: false, serveAdminPanel: false })
    .load();
  for (const [i, agency] of corpusAgencies().entries()) {
    await strapi.documents('api::agency.agency').create({
      data: {
        name: agency.name,
        shortName: agency.shortName,
        slug: `bench-${i}`,
        kind: agency.kind,
        creditCode: agency.indexPrefix,
        indexPrefix: agency.indexPrefix,
        order: i + 1,
      },
      status: 'published',
    });
  }
  await strapi.destroy();
  process.exit(0);
}

const rows = Number(values.rows);
const runs = Number(values.runs);
const batch = Number(values.batch);
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
const env = {
  ...process.env,
  ...temporarySecrets(),
  NODE_ENV: 'production',
  DEMO_CONTENT: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: 'error',
  DATABASE_CLIENT: 'sqlite',
};

function run(args: string[], extraEnv: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: rootDir, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

try {
  const format = values.format === 'xlsx' ? 'xlsx' : 'csv';
  const csvFile = path.join(work, `corpus.${format}`);
  if (format === 'csv') {
    const out = createWriteStream(csvFile);
    for (const chunk of corpusCsv(corpusRows(rows))) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  } else {
    // The workbook written row by row (exceljs's streaming writer, the CMS's own dependency).
    const ExcelJS = createRequire(path.join(cmsDir, 'package.json'))('exceljs') as {
      stream: {
        xlsx: {
          WorkbookWriter: new (o: { filename: string; useSharedStrings: boolean }) => {
            addWorksheet: (name: string) => { addRow: (cells: string[]) => { commit: () => void }; commit: () => void };
            commit: () => Promise<void>;
          };
        };
      };
    };
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: csvFile, useSharedStrings: false });
    const sheet = workbook.addWorksheet('目录');
    sheet.addRow([...corpusHeaders]).commit();
    for (const row of corpusRows(rows)) sheet.addRow(corpusHeaders.map((h) => row[h] ?? '')).commit();
    sheet.commit();
    await workbook.commit();
  }
  const sample = [...corpusRows(Math.min(rows, 2000))];
  const hanzi = distinctHanzi(sample.flatMap((r) => Object.values(r)));
  const bodyChars = Math.round(sample.reduce((n, r) => n + [...r.正文!].length, 0) / sample.length);
  const csvMb = readFileSync(csvFile).length / 1024 / 1024;
  console.error(
    `› 语料：${rows} 行，${csvMb.toFixed(1)} MB ${format.toUpperCase()}，正文平均 ${bodyChars} 字，前 ${sample.length} 行含 ${hanzi} 个不同汉字`,
  );

  const template = path.join(work, 'template.db');
  const seeded = await run([import.meta.filename, '--internal', 'seed'], { DATABASE_FILENAME: template });
  if (seeded.code !== 0) throw new Error(`机构库生成失败：\n${seeded.stderr}`);

  const results: Array<{ itemsPerSecond: number; importSeconds: number; totalSeconds: number; maxRssMb: number; load: number[] }> = [];
  for (let n = 1; n <= runs; n++) {
    const db = path.join(work, `run-${n}.db`);
    copyFileSync(template, db);
    const load = os.loadavg();
    const result = await run([path.join(rootDir, 'scripts', 'import-catalog.ts'), csvFile, '--json', '--batch', String(batch)], {
      DATABASE_FILENAME: db,
    });
    if (result.code !== 0)
      throw new Error(`第 ${n} 次导入失败（退出码 ${result.code}）：\n${result.stdout.slice(0, 2000)}\n${result.stderr.slice(-2000)}`);
    const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as {
      created: number;
      importSeconds: number;
      totalSeconds: number;
      maxRssMb: number;
    };
    if (report.created !== rows) throw new Error(`第 ${n} 次导入只新建了 ${report.created} 项，应为 ${rows}`);
    const figures = {
      itemsPerSecond: rows / report.importSeconds,
      importSeconds: report.importSeconds,
      totalSeconds: report.totalSeconds,
      maxRssMb: report.maxRssMb,
      load: [...load, ...os.loadavg()],
    };
    results.push(figures);
    console.error(
      `› 第 ${n} 次：${figures.itemsPerSecond.toFixed(0)} 项/秒（导入 ${report.importSeconds.toFixed(1)} 秒，含启动 ${report.totalSeconds.toFixed(1)} 秒），峰值内存 ${report.maxRssMb.toFixed(0)} MB，负载 ${load.map((l) => l.toFixed(2)).join(' / ')}`,
    );
    rmSync(db, { force: true });
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rate = results.map((r) => r.itemsPerSecond);
  const rss = results.map((r) => r.maxRssMb);
  const cpu = os.cpus()[0]?.model ?? '未知 CPU';
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const section = [
    '## 政策目录导入',
    '',
    `${date} UTC，${cpu}，${os.cpus().length} 核，内存 ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB，Node ${process.version}，SQLite；`,
    `命令：\`npm run bench:import -- --rows ${rows} --runs ${runs} --batch ${batch}\`（每次一个新的 SQLite 库，只含语料的 ${corpusAgencies().length} 个机构；导入由 \`npm run import:catalog -- 文件 --json\` 单独一个进程完成）。`,
    '',
    `语料（scripts/bench/corpus.ts）：${rows} 行 CSV（${csvMb.toFixed(1)} MB），正文平均 ${bodyChars} 字、由公文短语库逐句组合，前 ${sample.length} 行含 ${hanzi} 个不同汉字；${corpusAgencies().length} 个机构，2015—2026 年，约 8% 废止或失效，主题分类、信息类别、体裁取自 shared 词表。`,
    '',
    '| 指标 | 中位数 | 范围 |',
    '| --- | --- | --- |',
    `| 导入速度（项/秒，不含启动） | ${median(rate).toFixed(0)} | ${Math.min(...rate).toFixed(0)}—${Math.max(...rate).toFixed(0)} |`,
    `| 导入进程峰值内存（MB，含启动） | ${median(rss).toFixed(0)} | ${Math.min(...rss).toFixed(0)}—${Math.max(...rss).toFixed(0)} |`,
    `| 导入用时（秒） | ${median(results.map((r) => r.importSeconds)).toFixed(1)} | ${Math.min(...results.map((r) => r.importSeconds)).toFixed(1)}—${Math.max(...results.map((r) => r.importSeconds)).toFixed(1)} |`,
    `| 含启动总用时（秒） | ${median(results.map((r) => r.totalSeconds)).toFixed(1)} | ${Math.min(...results.map((r) => r.totalSeconds)).toFixed(1)}—${Math.max(...results.map((r) => r.totalSeconds)).toFixed(1)} |`,
    '',
    `运行前后的 1 分钟负载：${results.map((r, i) => `第 ${i + 1} 次 ${r.load[0]!.toFixed(2)} → ${r.load[3]!.toFixed(2)}`).join('，')}（本机由多个任务共用，${os.cpus().length} 核）。目标：≥ 300 项/秒、< 1 GB。`,
    '',
  ].join('\n');
  console.log(section);
  if (values.write) {
    const file = path.join(rootDir, 'docs', 'benchmarks.md');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('## 政策目录导入');
    let next: string;
    if (start < 0) next = `${text.trimEnd()}\n\n${section}`;
    else {
      const end = text.indexOf('\n## ', start + 1);
      next = `${text.slice(0, start)}${section}${end < 0 ? '' : `\n${text.slice(end + 1)}`}`;
    }
    writeFileSync(file, next);
    console.error('› 已写入 docs/benchmarks.md 的“政策目录导入”一节');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
