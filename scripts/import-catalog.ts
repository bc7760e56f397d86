import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCmsInProcess } from './cms.ts';

/*
 * npm run import:catalog -- FILE [--attachments DIR] [--dry-run] [--batch 500] [--draft] [--json]
 *
 * Checks a catalogue (CSV or XLSX with the Chinese headers of the import template) and, unless
 * --dry-run, imports it into the CMS's database (the one cms/.env or DATABASE_* name) through the
 * CMS's bulk write path (cms/src/import/catalog.ts), running the CMS in this process. Progress goes
 * to stderr: a bar redrawn in place on a terminal, one line a committed batch otherwise (logs, CI).
 * --json prints the outcome as one JSON object on stdout (for scripts and the benchmark).
 */

const usage = '用法：npm run import:catalog -- 文件.csv|文件.xlsx [--attachments 附件文件夹] [--dry-run] [--batch 500] [--draft] [--json]';

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      attachments: { type: 'string' },
      'dry-run': { type: 'boolean' },
      batch: { type: 'string' },
      draft: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
  process.exit(2);
}
const file = args.positionals[0];
if (args.values.help || !file || args.positionals.length > 1) {
  console.error(usage);
  process.exit(args.values.help ? 0 : 2);
}
const batch = args.values.batch === undefined ? 500 : Number(args.values.batch);
if (!Number.isInteger(batch) || batch < 1 || batch > 5000) {
  console.error(`--batch 应为 1 至 5000 的整数，收到“${args.values.batch}”`);
  process.exit(2);
}

const started = Date.now();
const { strapi, module } = await loadCmsInProcess<typeof import('../cms/src/import/catalog.ts')>('import/catalog.js');
const { importCatalog } = module;

let lastDraw = 0;
const interactive = Boolean(process.stderr.isTTY);
const importStarted = Date.now();
const report = await importCatalog(strapi as never, {
  file: path.resolve(file),
  attachmentsDir: args.values.attachments ? path.resolve(args.values.attachments) : undefined,
  dryRun: args.values['dry-run'],
  batchSize: batch,
  draft: args.values.draft,
  origin: '目录导入（命令行）',
  onProgress({ done, total, created, updated }) {
    const now = Date.now();
    // A terminal's bar is redrawn at most five times a second; a log gets every batch, each a line.
    if (interactive && now - lastDraw < 200 && done < total) return;
    lastDraw = now;
    const seconds = (now - importStarted) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const remaining = `剩余约 ${Math.ceil((total - done) / Math.max(rate, 1))} 秒`;
    if (interactive) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(
        `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}（${Math.round((done / total) * 100)}%）新建 ${created} · 更新 ${updated} · ${Math.round(rate)} 项/秒 · ${remaining}`,
      );
    } else {
      process.stderr.write(
        `已提交 ${done}/${total} 项（${Math.round((done / total) * 100)}%）：新建 ${created}、更新 ${updated}，${Math.round(rate)} 项/秒，${remaining}\n`,
      );
    }
  },
});
if (interactive && report.batches > 0) process.stderr.write('\n');
await strapi.destroy();

const errors = report.problems.filter((p) => p.severity === 'error');
const importSeconds = (Date.now() - importStarted) / 1000;
if (args.values.json) {
  // maxRSS is the peak resident set of this process (KiB on Linux), boot included.
  console.log(
    JSON.stringify({
      ...report,
      importSeconds,
      totalSeconds: (Date.now() - started) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(report.fatal ? 2 : errors.length > 0 ? 1 : 0);
}
const warnings = report.problems.filter((p) => p.severity === 'warning');
console.log(`文件：${file}${report.format ? `（${report.format}）` : ''}`);
if (report.fatal) {
  console.log(`无法导入：${report.fatal}`);
  process.exit(2);
}
for (const p of report.problems) console.log(`第 ${p.row} 行 · ${p.column} · ${p.severity === 'error' ? '错误' : '提示'}：${p.message}`);
console.log(`共 ${report.rows} 行：${report.valid} 行通过检查，${errors.length} 处错误，${warnings.length} 处提示。`);
if (errors.length > 0) {
  console.log('有错误，未导入任何内容。请按上面的说明改正后重新运行（可先加 --dry-run 只检查）。');
  process.exit(1);
}
if (report.dryRun) {
  console.log('试运行（--dry-run）：检查通过，未写入任何内容。去掉 --dry-run 即可导入。');
} else {
  const seconds = importSeconds;
  console.log(
    `已导入 ${report.created + report.updated} 项（新建 ${report.created}、更新 ${report.updated}，${report.batches} 批，${args.values.draft ? '草稿' : '已发布'}），用时 ${seconds.toFixed(1)} 秒（含启动共 ${((Date.now() - started) / 1000).toFixed(1)} 秒）。`,
  );
}
process.exit(0);
