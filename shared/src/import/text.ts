/*
 * Text clean-up shared by the importer's parts: what PDF extraction, HTML-to-text, PDF-to-markdown
 * converters and Word paste do to a report's lines, undone.
 */

export type Line = { no: number; raw: string; text: string };

/** A page marker a PDF leaves between pages: `— 5 —`, `- 5 -`, `第 5 页`, `第5页 共12页`, `5 / 12`. */
const pageMarker = /^(?:[—–\-－─]+\s*\d{1,4}\s*[—–\-－─]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;

export function isPageMarker(text: string): boolean {
  return pageMarker.test(text.trim());
}

const entities: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  middot: '·',
  mdash: '—',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return entities[e.toLowerCase()] ?? m;
  });
}

/** Does the text look like HTML source rather than a page saved as text? */
export function isHtml(text: string): boolean {
  return (text.slice(0, 200_000).match(/<\/?(?:table|tr|td|th|p|div|br|span|h[1-6])\b/gi)?.length ?? 0) >= 5;
}

/** HTML source as the text a browser would save: table rows one per line, cells TAB-separated. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/\r?\n/g, ' ')
      .replace(
        /<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi,
        (_, inner: string) =>
          `\t${inner
            .replace(/<[^>]*>/g, '')
            .replace(/\s+/g, ' ')
            .trim()}`,
      )
      .replace(/<\/tr\s*>/gi, '\n')
      .replace(/<br\s*\/?>|<\/(?:p|div|h[1-6]|li|table|caption)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((l) => l.replace(/^[ ]*\t/, '').replace(/^[ ]+/, ''))
    .join('\n');
}

/** Lines of a text, CRLF/CR normalised, BOM and markdown decoration stripped from `text`. */
export function splitLines(input: string): Line[] {
  let source = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (isHtml(source)) source = htmlToText(source);
  return source.split('\n').map((raw, i) => ({ no: i + 1, raw, text: cleanLine(raw) }));
}

function cleanLine(raw: string): string {
  let text = raw.replace(/[\u00A0\u2002-\u200B\u202F\u205F]/g, ' ').replace(/\u3000/g, ' ');
  // HTML and markdown converters leave line breaks inside cells and a few entities.
  text = text
    .replace(/<br\s*\/?>/gi, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  // Markdown headings and emphasis from PDF converters.
  text = text
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/__(.*?)__/g, '$1');
  // <http://…> autolinks and [text](url) links keep their visible text.
  text = text
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/\[([^\]]*)\]\((https?:[^)\s]*)\)/g, (_, t: string, u: string) => (t === u || !t ? u : t));
  // Trailing TABs are empty cells of a table row; only spaces are dropped.
  return text.replace(/[ ]+$/, '');
}

/** Half-width brackets and colons as the national form prints them (full-width). */
export function fullWidthBrackets(text: string): string {
  return text.replace(/\(/g, '（').replace(/\)/g, '）');
}

const numberingSep = /[、，,.．:：;；“”"'‘’「」『』]/g;

/**
 * A label reduced for matching: no spaces, full-width brackets, no punctuation or quotes, so
 * `1. 属于国家秘密`, `1、属于国家秘密` and `1.属于国家秘密` meet, and `本年新 制作数量` is one word.
 */
export function labelKey(text: string): string {
  return fullWidthBrackets(text).replace(/\s+/g, '').replace(/．/g, '.').replace(numberingSep, '').replace(/[—–]/g, '-');
}

/** The label without its numbering: `一、`, `（一）`, `1.` at the start. */
export function withoutNumbering(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]+|（[一二三四五六七八九十\d]+）|\d+)/, '');
}

/** Does a line end a sentence (so the next line starts a new paragraph)? */
export function endsSentence(text: string): boolean {
  return /[。！？!?；;：:…”』」）)]$/.test(text.trim()) || /^无$/.test(text.trim());
}

/** Characters OCR confuses in place names, and the right one. */
export const lookAlikes: ReadonlyArray<readonly [wrong: string, right: string]> = [
  ['沐阳', '沭阳'],
  ['盱胎', '盱眙'],
  ['毫州', '亳州'],
];

export function fixLookAlikes(text: string): { text: string; fixed: Array<readonly [string, string]> } {
  const fixed: Array<readonly [string, string]> = [];
  let out = text;
  for (const [wrong, right] of lookAlikes) {
    if (out.includes(wrong)) {
      out = out.split(wrong).join(right);
      fixed.push([wrong, right]);
    }
  }
  return { text: out, fixed };
}

/** Full-width digits, point, comma, slash and minus (Word, OCR) as ASCII, for reading numbers. */
export function asciiDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/，(?=\d{3}(?!\d))/g, ',')
    .replace(/／/g, '/')
    .replace(/[－−]/g, '-');
}

const cnDigits: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** A year written in Chinese numerals (二〇二一年) as digits (2021年). */
export function arabicYear(text: string): string {
  return text.replace(/([一二][〇零一二三四五六七八九]{3})(?=年)/g, (y) => [...y].map((c) => cnDigits[c] ?? c).join(''));
}
