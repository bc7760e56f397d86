import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { decodeCsv, MAX_CELL_CHARS, parseCsv, type CatalogTable, type SheetCell } from '@portal/shared';

/*
 * Reads a catalogue file (CSV or XLSX) into a table of cells, refusing what would hurt the process:
 * files too big, zip bombs, broken CSV. Every refusal is a Chinese message.
 */

export type ReadResult = { ok: true; table: CatalogTable; format: string } | { ok: false; message: string };

/** Largest catalogue file read, in bytes: 10,000 items with long bodies are ~60 MB of XLSX XML. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Most bytes an XLSX may unpack to, and the highest compression ratio of a part over 1 MB. */
const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
const MAX_RATIO = 100;
const MAX_PARTS = 2_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Why an XLSX (a zip) must not be unpacked, from its central directory alone: too many parts, too
 * much unpacked data, or a part compressed far beyond what a spreadsheet compresses to.
 */
export function zipProblem(bytes: Buffer): string | undefined {
  const from = Math.max(0, bytes.length - 65_557);
  let end = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return '文件不是有效的 XLSX（找不到 zip 目录）；请用 Excel 或 WPS 另存为 .xlsx 后再导入';
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return 'XLSX 使用了 ZIP64 格式（超大文件），不予导入；请拆分为多个较小的文件';
  if (count > MAX_PARTS) return `XLSX 含 ${count} 个内部文件，超过上限 ${MAX_PARTS}，疑似异常文件，不予导入`;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50)
      return '文件不是有效的 XLSX（zip 目录损坏）；请用 Excel 或 WPS 另存为 .xlsx 后再导入';
    const packed = bytes.readUInt32LE(at + 20);
    const unpacked = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (unpacked === 0xffffffff || packed === 0xffffffff) return 'XLSX 使用了 ZIP64 格式（超大文件），不予导入；请拆分为多个较小的文件';
    if (unpacked > 1024 * 1024 && unpacked / Math.max(packed, 1) > MAX_RATIO) {
      return `XLSX 内部文件“${name}”压缩比异常（${mb(packed)} 解压后 ${mb(unpacked)}），疑似“压缩炸弹”，不予导入`;
    }
    total += unpacked;
    if (total > MAX_UNPACKED_BYTES) return `XLSX 解压后超过 ${mb(MAX_UNPACKED_BYTES)}，不予导入；请拆分为多个较小的文件`;
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellOf(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const v = value as { formula?: string; sharedFormula?: string };
      return { formula: v.formula ?? v.sharedFormula ?? '' };
    }
    if ('richText' in value) return cellOf(value.richText.map((r) => r.text).join(''));
    if ('hyperlink' in value) return cellOf((value as { text?: unknown }).text as string);
    if ('error' in value) return String(value.error);
    return '';
  }
  const text = String(value);
  return text.length > MAX_CELL_CHARS ? { tooLong: text.length } : text;
}

async function readXlsx(bytes: Buffer): Promise<ReadResult> {
  const problem = zipProblem(bytes);
  if (problem) return { ok: false, message: problem };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return {
      ok: false,
      message: `XLSX 无法读取（${error instanceof Error ? error.message.slice(0, 200) : '格式错误'}）；请用 Excel 或 WPS 另存为 .xlsx 后再导入`,
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: 'XLSX 中没有工作表' };
  const width = sheet.columnCount;
  const rows: SheetCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    rows.push(cells);
  }
  const [headers = [], ...body] = rows;
  return { ok: true, table: { headers, rows: body }, format: 'XLSX' };
}

/** The table of a .csv or .xlsx file, or why it cannot be read. */
export async function readCatalogFile(file: string): Promise<ReadResult> {
  const name = path.basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { ok: false, message: `找不到文件“${file}”` };
  }
  if (size > MAX_FILE_BYTES)
    return { ok: false, message: `文件“${name}”有 ${mb(size)}，超过上限 ${mb(MAX_FILE_BYTES)}；请拆分为多个文件分批导入` };
  const ext = path.extname(file).toLowerCase();
  const bytes = await readFile(file);
  if (ext === '.xlsx' || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return readXlsx(bytes);
  if (ext === '.xls') return { ok: false, message: `“${name}”是旧版 Excel（.xls）格式，不支持；请另存为 .xlsx 或 CSV UTF-8 后再导入` };
  if (bytes.includes(0))
    return {
      ok: false,
      message: `“${name}”不是文本文件（含二进制内容），不是 CSV；请用 Excel 或 WPS 另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入`,
    };
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return decoded;
  // A web page saved (or renamed) as .csv: say so, rather than report its markup as missing columns.
  if (/^\s*<(?:!doctype|html|head|body|\?xml|script|table|div|meta)\b/i.test(decoded.text.slice(0, 1000))) {
    return {
      ok: false,
      message: `“${name}”的内容是 HTML 网页或 XML，不是 CSV；请在 Excel 或 WPS 中打开目录表格，另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入`,
    };
  }
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return parsed;
  const [headers = [], ...rows] = parsed.rows;
  return { ok: true, table: { headers, rows }, format: `CSV（${decoded.encoding}）` };
}
