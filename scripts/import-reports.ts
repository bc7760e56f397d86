/**
 * npm run import:reports -- [--json] [--save [--archive]] FILE…
 *
 * Reads annual reports as text (PDF-extracted, HTML saved as text, markdown, Word paste) and
 * prints, per file, what the importer recovered: cells read / derived / uncertain / missing,
 * flags and 勾稽关系 findings; `--json` prints one JSON array. It only reads, unless `--save`:
 * then each readable report becomes a draft in the CMS (one per agency and year; a report with
 * 勾稽关系 errors only with `--archive`, 原样归档). Exit code 1 when any file could not be read
 * or saved.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureSharedBuild, loadCmsInProcess } from './cms.ts';

type Read = { ok: true; text: string } | { ok: false; message: string };
type Shared = typeof import('../shared/src/index.ts');

/** The file as UTF-8 text, or why it cannot be read as an annual report (shared/src/import/decode.ts). */
function readText(shared: Shared, file: string): Read {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { ok: false, message: `“${file}”是文件夹，不是文件` };
    size = st.size;
  } catch {
    return { ok: false, message: `找不到文件“${file}”` };
  }
  // Refused by its size before it is read: a huge file never enters memory.
  const tooBig = shared.sizeProblem(size, file);
  if (tooBig) return { ok: false, message: tooBig };
  const buffer = Buffer.alloc(size);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, size, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message: code === 'EACCES' || code === 'EPERM' ? `没有读取“${file}”的权限` : `无法读取“${file}”（${code ?? '未知错误'}）`,
    };
  }
  return shared.decodeReportText(buffer, file);
}

const USAGE =
  '用法：npm run import:reports -- [--json] [--save [--archive]] 文件…（年度报告的文本：PDF 提取的文本、网页另存的文本、markdown、Word 粘贴的文本）';

type SaveOutcome = import('../cms/src/import/annual-reports.ts').SaveOutcome;
type ImportedReport = import('../shared/src/index.ts').ImportedReport;

/**
 * `--save`: the CMS booted in this process on its own database (cms/.env, DATABASE_*), each report
 * saved as a draft through cms/src/import/annual-reports.ts, then the CMS stopped again.
 */
async function saveReports(reports: ImportedReport[], archive: boolean): Promise<SaveOutcome[]> {
  const { strapi, module } = await loadCmsInProcess<typeof import('../cms/src/import/annual-reports.ts')>('import/annual-reports.js');
  const { saveImportedReport } = module;
  const outcomes: SaveOutcome[] = [];
  try {
    for (const report of reports) outcomes.push(await saveImportedReport(strapi as never, report, { archive }));
  } finally {
    await strapi.destroy();
  }
  return outcomes;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const save = args.includes('--save');
  const archive = args.includes('--archive');
  const unknown = args.filter((a) => a.startsWith('--') && !['--json', '--save', '--archive'].includes(a));
  if (unknown.length) {
    console.error(`不认识的选项：${unknown.join(' ')}。${USAGE}`);
    return 2;
  }
  if (archive && !save) {
    console.error(`--archive（原样归档）只能与 --save 一起使用：不加 --save 时本命令只读取并报告，不写入任何内容。${USAGE}`);
    return 2;
  }
  const files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) {
    console.error(USAGE);
    return 2;
  }
  ensureSharedBuild();
  const shared = (await import('@portal/shared')) as Shared;
  const results: Array<Record<string, unknown>> = [];
  const readable: ImportedReport[] = [];
  let failed = 0;
  for (const file of files) {
    const read = readText(shared, file);
    if (!read.ok) {
      failed++;
      if (json) results.push({ file, error: read.message });
      else console.error(`✗ ${read.message}`);
      continue;
    }
    try {
      const report = { ...shared.importAnnualReport(read.text, { fileName: path.basename(file) }), file };
      if (!report.templateVersion) failed++;
      else readable.push(report);
      if (json) results.push(report);
      else console.log(shared.formatImportReport(report) + '\n');
    } catch (error) {
      failed++;
      const message = `“${file}”导入时出错：${error instanceof Error ? error.message : String(error)}`;
      if (json) results.push({ file, error: message });
      else console.error(`✗ ${message}`);
    }
  }
  if (save && readable.length > 0) {
    const outcomes = await saveReports(readable, archive);
    for (const outcome of outcomes) {
      if (outcome.status === 'refused') failed++;
      const result = results.find((r) => r.file === outcome.file);
      if (json && result) result.saved = outcome;
      else if (!json)
        (outcome.status === 'refused' ? console.error : console.log)(`${outcome.status === 'refused' ? '✗' : '✓'} ${outcome.message}`);
    }
    if (!json) {
      const done = outcomes.filter((o) => o.status !== 'refused');
      console.log(
        `共 ${files.length} 个文件：新建草稿 ${done.filter((o) => o.status === 'created').length} 份，更新草稿 ${done.filter((o) => o.status === 'updated').length} 份，未导入 ${files.length - done.length} 份。`,
      );
    }
  } else if (save && !json) {
    console.log(`共 ${files.length} 个文件：没有可导入的报告，未写入任何内容。`);
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  return failed ? 1 : 0;
}

process.exitCode = await main();
