/*
 * CSV as spreadsheets save it (RFC 4180: comma, double quotes, doubled quotes inside, CRLF or LF),
 * decoded from UTF-8 (with or without BOM) or GBK, as Excel on a Chinese Windows saves "CSV".
 */

/** A cell too long to keep: only its length is kept, so a hostile 50 MB cell costs nothing further. */
export type TooLong = { tooLong: number };
export type RawCell = string | TooLong;

export type CsvResult = { ok: true; rows: RawCell[][] } | { ok: false; message: string };

/** Longest cell the parser keeps, in characters (正文 of a long regulation fits many times over). */
export const MAX_CELL_CHARS = 1_000_000;

export function isTooLong(cell: RawCell | undefined): cell is TooLong {
  return typeof cell === 'object' && cell !== null;
}

/** The text of a CSV file's bytes: UTF-8 when they are valid UTF-8 (a BOM dropped), else GBK. */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string; encoding: 'UTF-8' | 'GBK' } | { ok: false; message: string } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: Excel's "CSV" on a Chinese Windows is GBK
  }
  try {
    return { ok: true, text: new TextDecoder('gbk', { fatal: true }).decode(body), encoding: 'GBK' };
  } catch {
    return { ok: false, message: '文件既不是 UTF-8 也不是 GBK 编码的文本，无法读取；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”' };
  }
}

/** Rows of a CSV text; a quote left open or text after a closing quote is an error naming its line. */
export function parseCsv(text: string, maxCell = MAX_CELL_CHARS): CsvResult {
  const rows: RawCell[][] = [];
  let row: RawCell[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const cell = (start: number, end: number, unquote: boolean): RawCell => {
    if (end - start > maxCell) return { tooLong: end - start };
    const raw = text.slice(start, end);
    return unquote ? raw.replace(/""/g, '"') : raw;
  };
  while (i < n || row.length > 0) {
    if (i >= n) {
      rows.push(row);
      break;
    }
    let value: RawCell;
    if (text[i] === '"') {
      const startLine = line;
      const start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          return {
            ok: false,
            message: `CSV 格式错误：第 ${startLine} 行起的引号没有闭合（从该处到文件末尾都被当作一个单元格）；请检查该行的英文双引号是否成对，单元格内的引号应写作两个双引号 ""`,
          };
        }
        for (let k = j; k < q; k++) if (text.charCodeAt(k) === 10) line++;
        if (text[q + 1] === '"') {
          j = q + 2;
          continue;
        }
        value = cell(start, q, true);
        i = q + 1;
        break;
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        return {
          ok: false,
          message: `CSV 格式错误：第 ${line} 行，引号闭合后还有字符“${text.slice(i, i + 10)}”；带引号的单元格应以引号结束，单元格内的引号应写作两个双引号 ""`,
        };
      }
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      value = cell(i, j, false);
      i = j;
    }
    row.push(value);
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text[i] === ',') {
      i++;
      if (i >= n) {
        row.push('');
        rows.push(row);
        row = [];
      }
      continue;
    }
    // end of record
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
    line++;
    rows.push(row);
    row = [];
  }
  // Trailing blank lines are not rows.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return { ok: true, rows };
}
