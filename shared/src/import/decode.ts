/*
 * The bytes of a file an official hands in (upload or command line) as UTF-8 text, or a Chinese
 * message saying why it cannot be read as an annual report: binary (PDF, Word), UTF-16, GBK, too
 * large. One home for the CLI (`npm run import:reports`) and the admin's 导入年度报告 page.
 */

/** Larger than any annual report's text (they are well under 1 MB). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

/** Why a file of this size is not read at all (empty, or larger than any report), if it is not. */
export function sizeProblem(size: number, name: string): string | undefined {
  if (size === 0) return `“${name}”是空文件，没有可导入的内容`;
  if (size > IMPORT_MAX_BYTES)
    return `“${name}”有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 10 MB 的上限；年度报告的文本一般不足 1 MB，请确认选对了文件`;
  return undefined;
}

export function decodeReportText(bytes: Uint8Array, name: string): DecodedText {
  const size = sizeProblem(bytes.length, name);
  if (size) return { ok: false, message: size };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: `“${name}”是 UTF-16 编码，请另存为 UTF-8 文本后再导入` };
  }
  const sample = bytes.subarray(0, 8192);
  const control = sample.filter((b) => (b > 0 && b < 8) || (b > 13 && b < 27)).length;
  if (sample.includes(0) || control > sample.length / 100) {
    const head = String.fromCharCode(...bytes.subarray(0, 5));
    const kind = head === '%PDF-' ? 'PDF 文件' : bytes[0] === 0x50 && bytes[1] === 0x4b ? 'Word/压缩文件' : '二进制文件';
    return { ok: false, message: `“${name}”是${kind}，不是文本；请先把报告转为文本（复制粘贴或另存为 .txt，UTF-8 编码）再导入` };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    let gbk: boolean;
    try {
      gbk = /[\u4e00-\u9fff]/.test(new TextDecoder('gbk', { fatal: true }).decode(bytes));
    } catch {
      gbk = false;
    }
    return {
      ok: false,
      message: gbk
        ? `“${name}”不是 UTF-8 编码（看来是 GBK/GB18030）；请另存为 UTF-8 后再导入，例如：iconv -f GBK -t UTF-8 原文件 > 新文件`
        : `“${name}”不是 UTF-8 编码的文本，无法读取；请另存为 UTF-8 文本后再导入`,
    };
  }
}
