/**
 * npm run import:reports -- [--json] FILE…
 *
 * Reads annual reports as text (PDF-extracted, HTML saved as text, markdown, Word paste) and
 * prints, per file, what the importer recovered: cells read / derived / uncertain / missing,
 * flags and 勾稽关系 findings; `--json` prints one JSON array. It only reads: nothing is stored
 * (`--save` is not built yet and says so). Exit code 1 when any file could not be read.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

const rootDir = path.resolve(import.meta.dirname, '..');
const MAX_BYTES = 10 * 1024 * 1024;

/** shared/ is compiled to dist/; (re)build it when a source file is newer than the build. */
function ensureShared(): void {
  const dist = path.join(rootDir, 'shared', 'dist', 'index.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
    }, 0);
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest(path.join(rootDir, 'shared', 'src'))) return;
  const tsc = spawnSync(process.execPath, [path.join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'shared'], { cwd: rootDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (tsc.status !== 0) {
    console.error('shared/ 编译失败，无法导入');
    process.exit(2);
  }
}

type Read = { ok: true; text: string } | { ok: false; message: string };

/** The file as UTF-8 text, or why it cannot be read as an annual report. */
function readText(file: string): Read {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { ok: false, message: `“${file}”是文件夹，不是文件` };
    size = st.size;
  } catch {
    return { ok: false, message: `找不到文件“${file}”` };
  }
  if (size === 0) return { ok: false, message: `“${file}”是空文件，没有可导入的内容` };
  if (size > MAX_BYTES) {
    return { ok: false, message: `“${file}”有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 10 MB 的上限；年度报告的文本一般不足 1 MB，请确认选对了文件` };
  }
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
    return { ok: false, message: code === 'EACCES' || code === 'EPERM' ? `没有读取“${file}”的权限` : `无法读取“${file}”（${code ?? '未知错误'}）` };
  }
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    return { ok: false, message: `“${file}”是 UTF-16 编码，请另存为 UTF-8 文本后再导入` };
  }
  const sample = buffer.subarray(0, 8192);
  const control = sample.filter((b) => b === 0 || (b < 8 && b !== 0) || (b > 13 && b < 27)).length;
  if (sample.includes(0) || control > sample.length / 100) {
    const kind = buffer.subarray(0, 5).toString('latin1') === '%PDF-' ? 'PDF 文件' : buffer[0] === 0x50 && buffer[1] === 0x4b ? 'Word/压缩文件' : '二进制文件';
    return { ok: false, message: `“${file}”是${kind}，不是文本；请先把报告转为文本（复制粘贴或另存为 .txt，UTF-8 编码）再导入` };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buffer) };
  } catch {
    let gbk = false;
    try {
      const text = new TextDecoder('gbk', { fatal: true }).decode(buffer);
      gbk = /[\u4e00-\u9fff]/.test(text);
    } catch {
      gbk = false;
    }
    return {
      ok: false,
      message: gbk
        ? `“${file}”不是 UTF-8 编码（看来是 GBK/GB18030）；请另存为 UTF-8 后再导入，例如：iconv -f GBK -t UTF-8 原文件 > 新文件`
        : `“${file}”不是 UTF-8 编码的文本，无法读取；请另存为 UTF-8 文本后再导入`,
    };
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  if (args.includes('--save')) {
    console.error('--save（导入为草稿）尚未实现：本命令只读取并报告，不写入任何内容');
    return 2;
  }
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length) {
    console.error(`不认识的选项：${unknown.join(' ')}。用法：npm run import:reports -- [--json] 文件…`);
    return 2;
  }
  const files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) {
    console.error('用法：npm run import:reports -- [--json] 文件…（年度报告的文本：PDF 提取的文本、网页另存的文本、markdown、Word 粘贴的文本）');
    return 2;
  }
  ensureShared();
  const shared = (await import('@portal/shared')) as typeof import('../shared/src/index.ts');
  const results: unknown[] = [];
  let failed = 0;
  for (const file of files) {
    const read = readText(file);
    if (!read.ok) {
      failed++;
      if (json) results.push({ file, error: read.message });
      else console.error(`✗ ${read.message}`);
      continue;
    }
    try {
      const report = shared.importAnnualReport(read.text, { fileName: path.basename(file) });
      const report2 = { ...report, file };
      if (!report.templateVersion) failed++;
      if (json) results.push(report2);
      else console.log(shared.formatImportReport(report2) + '\n');
    } catch (error) {
      failed++;
      const message = `“${file}”导入时出错：${error instanceof Error ? error.message : String(error)}`;
      if (json) results.push({ file, error: message });
      else console.error(`✗ ${message}`);
    }
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  return failed ? 1 : 0;
}

process.exitCode = await main();
