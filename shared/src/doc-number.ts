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
