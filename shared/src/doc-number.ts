/*
 * 文号 (发文字号): 代字, year in 〔〕 and serial, e.g. 临政办发〔2021〕17号 (docs/domain.md §6.2). People
 * type the year's brackets in many ways ([ ], ( ), （ ）, 【 】, ［ ］); the official form uses the
 * hexagonal 〔〕, so every variant is mapped to it before comparing or searching.
 */

/** A 文号 read into its parts; `null` when the text is not shaped like one. */
export type DocNumberParts = { prefix: string; year: number; serial: number };

const OPEN = '[\\[(（【［〔]';
const CLOSE = '[\\])）】］〕]';
const yearInBrackets = new RegExp(`${OPEN}\\s*(\\d{4})\\s*${CLOSE}`, 'g');
const docNumberShape = /^(.+?)〔(\d{4})〕第?(\d+)号$/;

/** The text with every bracketed four-digit year written 〔yyyy〕, as official documents print it. */
export function normalizeDocNumber(text: string): string {
  return text.replace(yearInBrackets, '〔$1〕');
}

/** 代字, year and serial of a 文号 in any bracket style, or null. */
export function parseDocNumber(text: string | null | undefined): DocNumberParts | null {
  const match = docNumberShape.exec(normalizeDocNumber((text ?? '').trim()));
  if (!match) return null;
  return { prefix: match[1]!.trim(), year: Number(match[2]), serial: Number(match[3]) };
}

/** Orders 文号 as a registry does: by 代字, then year, then serial; text that is no 文号 goes last. */
export function compareDocNumbers(a: string | null | undefined, b: string | null | undefined): number {
  const pa = parseDocNumber(a);
  const pb = parseDocNumber(b);
  if (!pa || !pb) return (pa ? -1 : pb ? 1 : 0) || (a ?? '').localeCompare(b ?? '', 'zh-CN');
  return pa.prefix.localeCompare(pb.prefix, 'zh-CN') || pa.year - pb.year || pa.serial - pb.serial;
}

const quotes = /["'“”‘’「」『』《》]/g;

/**
 * A visitor's query made fit for the search index: quotes dropped (Pagefind finds nothing for a
 * quoted phrase holding 〔〕) and a 文号's brackets in the official form, so every way of typing a
 * document number finds it.
 */
export function normalizeSearchQuery(query: string): string {
  return normalizeDocNumber(query.replace(quotes, ' ')).replace(/\s+/g, ' ').trim();
}

/** A 命令（令）'s number has no year: 中华人民共和国国务院令第708号. */
const decreeShape = /^\S.*令第\d+号$/;
const fullWidthDigits = /[０-９]/g;

/** What a 文号 check gives: the value to store (official form), a notice when it differs from what was typed, or an error. */
export type DocNumberCheck = { ok: true; value: string | null; notice?: string } | { ok: false; message: string };

/**
 * A typed 文号 in its stored form: trimmed, spaces dropped, full-width digits made half-width and
 * the year's brackets written 〔〕. Refuses text that is no 文号 at all, saying how one is written.
 */
export function checkDocNumber(text: string | null | undefined): DocNumberCheck {
  if (text === null || text === undefined || text.trim() === '') return { ok: true, value: null };
  const typed = text.trim();
  const value = normalizeDocNumber(typed.replace(/\s+/g, '').replace(fullWidthDigits, (d) => String(d.charCodeAt(0) - 0xff10)));
  if (!parseDocNumber(value) && !decreeShape.test(value)) {
    return {
      ok: false,
      message: `文号“${typed}”的格式不对，应写作“发文机关代字〔年份〕序号号”，如“临政办发〔2021〕17号”（命令写作“……令第N号”）`,
    };
  }
  return value === typed
    ? { ok: true, value }
    : { ok: true, value, notice: `文号已按规范写法保存为“${value}”（年份用六角括号〔〕，原输入为“${typed}”）` };
}
