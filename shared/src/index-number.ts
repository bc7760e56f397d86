/*
 * 索引号: `<prefix>/<year>-<serial>`, the prefix being the agency's 索引号前缀 (usually its 统一社会信用代码),
 * the serial five digits counted per agency and year, e.g. 11370305004326100A/2021-00009
 * (docs/domain.md §6.2, the gov.cn and most local platforms' form). Unique, and fixed once the
 * document has been published: the public cites it.
 */

/** Width of the serial, zero-padded. */
export const INDEX_SERIAL_DIGITS = 5;

/**
 * The shapes accepted: a prefix of letters, digits and hyphens (credit code, 组织机构代码 such as
 * 01424668-5, region code), a slash, the year (or year and month, as 宁国 writes it), a hyphen
 * and a serial of 3 to 6 digits. Legacy numbers from other platforms keep their own width.
 */
const indexShape = /^([0-9A-Z][0-9A-Z-]*)\/(\d{4})(\d{2})?-(\d{3,6})$/;
const fullWidth = /[！-～]/g;

export type IndexNumberParts = { prefix: string; year: number; serial: number };

/** A typed 索引号 in its stored form: trimmed, no spaces, full-width characters made half-width, letters upper case. */
export function normalizeIndexNumber(text: string): string {
  return text
    .replace(fullWidth, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Prefix, year and serial of a 索引号, or null when it is not shaped like one. */
export function parseIndexNumber(text: string | null | undefined): IndexNumberParts | null {
  const match = indexShape.exec(normalizeIndexNumber(text ?? ''));
  if (!match) return null;
  return { prefix: match[1]!, year: Number(match[2]), serial: Number(match[4]) };
}

/** The 索引号 of a prefix, a year and a serial. */
export function formatIndexNumber(prefix: string, year: number, serial: number): string {
  return `${normalizeIndexNumber(prefix)}/${year}-${String(serial).padStart(INDEX_SERIAL_DIGITS, '0')}`;
}

export type IndexNumberCheck = { ok: true; value: string | null } | { ok: false; message: string };

/** A typed 索引号: the stored form, or what is wrong with it. Empty is allowed (null): it is then proposed. */
export function checkIndexNumber(text: string | null | undefined, prefix?: string | null): IndexNumberCheck {
  if (text === null || text === undefined || text.trim() === '') return { ok: true, value: null };
  const value = normalizeIndexNumber(text);
  if (parseIndexNumber(value)) return { ok: true, value };
  const example = formatIndexNumber(prefix || '11370305004326100A', 2021, 9);
  return {
    ok: false,
    message: `索引号“${text.trim()}”的格式不对，应写作“索引号前缀/年份-五位序号”，如“${example}”；留空则按发布机构的前缀自动编号`,
  };
}

/**
 * The next free 索引号 of an agency in a year: one more than the highest serial already used with
 * that prefix and year (gaps left by deleted documents are not filled, so a number once given is
 * never given to another document).
 */
export function proposeIndexNumber(prefix: string, year: number, taken: Iterable<string | null | undefined>): string {
  const wanted = normalizeIndexNumber(prefix);
  let highest = 0;
  for (const number of taken) {
    const parts = parseIndexNumber(number);
    if (parts && parts.prefix === wanted && parts.year === year) highest = Math.max(highest, parts.serial);
  }
  return formatIndexNumber(wanted, year, highest + 1);
}

/** The year a proposed 索引号 carries: the 成文日期's, else the 发布日期's, else today's (in China). */
export function indexYear(item: { writtenDate?: string | null; publishDate?: string | null }, now = new Date()): number {
  for (const date of [item.writtenDate, item.publishDate]) {
    const match = /^(\d{4})-\d{2}-\d{2}/.exec(date ?? '');
    if (match) return Number(match[1]);
  }
  return Number(chinaDate(now).slice(0, 4));
}

/** A moment's calendar day in China (Asia/Shanghai, UTC+8 all year), as YYYY-MM-DD. */
export function chinaDate(moment: Date): string {
  return new Date(moment.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A change of a published document's 索引号: refused, saying which number it keeps. */
export function indexNumberChangeIssue(published: string, next: string | null | undefined): string | null {
  if (normalizeIndexNumber(next ?? '') === normalizeIndexNumber(published)) return null;
  return `索引号发布后不可更改：本文件已以索引号“${published}”发布过（撤回后也不能改），请保留“${published}”`;
}

/** A 索引号 already given to another document. */
export function duplicateIndexNumberIssue(value: string, otherTitle: string | null | undefined): string {
  return `索引号“${value}”已被另一文件${otherTitle ? `“${otherTitle}”` : ''}使用，索引号不能重复；留空可自动编下一个号`;
}

/**
 * A 索引号 that carries another prefix than its agency's 索引号前缀 (a row filed under the wrong
 * agency, or a number copied from another agency's catalogue); null when the prefix is the agency's.
 */
export function indexNumberPrefixIssue(value: string, agencyPrefix: string, agencyName: string): string | null {
  const parts = parseIndexNumber(value);
  const wanted = normalizeIndexNumber(agencyPrefix);
  if (!parts || !wanted || parts.prefix === wanted) return null;
  return `索引号“${value}”的前缀“${parts.prefix}”不是发布机构“${agencyName}”的索引号前缀；${agencyName}的索引号应以“${wanted}/”开头，如“${formatIndexNumber(wanted, parts.year, parts.serial)}”；如该文件属另一机构，请改正发布机构`;
}
