import { open } from 'node:fs/promises';
import path from 'node:path';

/*
 * What the media library accepts, decided by the file's content and not only by its name: a file
 * is taken only when its extension is on the list below AND its first bytes are what that
 * extension promises. Anything a browser could run from the CMS's origin (HTML, SVG, XML, scripts,
 * executables) is refused, whatever it is called.
 */

type Kind = 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'zip' | 'ole' | 'text';

const KIND_LABEL: Record<Kind, string> = {
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
  pdf: 'PDF 文档',
  zip: 'ZIP 格式（DOCX、XLSX、OFD 或压缩包）',
  ole: '旧版 Office 文档（DOC、XLS）',
  text: '纯文本',
};

/** Extension → the content it must have. */
const ALLOWED: Record<string, Kind> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.gif': 'gif',
  '.webp': 'webp',
  '.pdf': 'pdf',
  '.docx': 'zip',
  '.xlsx': 'zip',
  '.ofd': 'zip',
  '.zip': 'zip',
  '.doc': 'ole',
  '.xls': 'ole',
  '.txt': 'text',
  '.csv': 'text',
};

export const ALLOWED_TYPES_TEXT =
  '图片（PNG、JPEG、GIF、WebP）、PDF、Word/Excel 文档（DOC、DOCX、XLS、XLSX）、OFD、ZIP 压缩包、TXT/CSV 文本';

/** Image and PDF types a browser may show inline; everything else is served as a download. */
export const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

const ACTIVE =
  /^\.(html?|xhtml|shtml|svgz?|xml|xsl|xslt|js|mjs|cjs|jsx|ts|vbs|hta|swf|exe|dll|com|bat|cmd|sh|bash|ps1|msi|jar|apk|php\d?|phtml|py|pl|rb|cgi|elf|so|bin|app|scr|lnk)$/i;

type Detected = Kind | 'markup' | 'executable' | 'script' | 'binary';

const DETECTED_LABEL: Record<Exclude<Detected, Kind>, string> = {
  markup: 'HTML/SVG/XML 网页或脚本',
  executable: '可执行程序',
  script: '脚本（以 #! 开头）',
  binary: '无法识别的二进制数据',
};

const startsWith = (buf: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

// Tags and declarations a browser treats as a document or script when it sniffs text.
const MARKUP =
  /<\s*(!doctype|html|head|body|script|iframe|frame|svg|object|embed|meta|link|style|base|form|img|video|audio|math|\?xml|xml|xsl|!\[cdata\[|!--)/i;

/** What the first bytes of a file are. Exported for the tests. */
export function detectKind(head: Buffer): Detected {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(head, ascii('MZ'))) return 'executable';
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ]) {
    if (startsWith(head, magic)) return 'executable';
  }
  let text = head;
  if (startsWith(text, [0xef, 0xbb, 0xbf])) text = text.subarray(3);
  if (startsWith(text, ascii('#!'))) return 'script';
  // UTF-16 text (Notepad's "Unicode") carries NUL bytes: read it as such rather than as binary.
  const utf16 = startsWith(text, [0xff, 0xfe]) || startsWith(text, [0xfe, 0xff]);
  if (!utf16 && text.includes(0)) return 'binary';
  const decoded = utf16
    ? Buffer.from(text.subarray(2))
        .toString(startsWith(text, [0xff, 0xfe]) ? 'utf16le' : 'latin1')
        .replace(/\0/g, '')
    : text.toString('latin1');
  if (MARKUP.test(decoded)) return 'markup';
  return 'text';
}

export type UploadedFile = { filepath?: string; path?: string; originalFilename?: string | null; name?: string; size?: number };

const HEAD_BYTES = 64 * 1024;

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The reason a file may not be uploaded, in Chinese, or null when it may. */
export async function refusalOf(file: UploadedFile): Promise<string | null> {
  const name = file.originalFilename || file.name || '（无文件名）';
  const ext = path.extname(name).toLowerCase();
  const expected = ALLOWED[ext];
  if (!expected) {
    const why = ACTIVE.test(ext)
      ? 'HTML、SVG、XML 网页、脚本和可执行程序在浏览器或电脑上可能运行代码，媒体库不接收这类文件'
      : ext
        ? `不支持扩展名 ${ext}`
        : '文件名没有扩展名，无法判断类型';
    return `文件「${name}」不能上传：${why}。可上传的类型：${ALLOWED_TYPES_TEXT}。`;
  }
  const location = file.filepath ?? file.path;
  if (!location) return `文件「${name}」不能上传：读不到文件内容，请重新选择文件后再上传。`;
  const head = await readHead(location);
  if (head.length === 0) return `文件「${name}」是空文件，不能上传。`;
  const detected = detectKind(head);
  if (detected === expected) return null;
  const what = detected in KIND_LABEL ? KIND_LABEL[detected as Kind] : DETECTED_LABEL[detected as Exclude<Detected, Kind>];
  return `文件「${name}」不能上传：内容是${what}，与扩展名 ${ext}（应为${KIND_LABEL[expected]}）不符。请上传真正的${KIND_LABEL[expected]}，或换成允许的类型：${ALLOWED_TYPES_TEXT}。`;
}
