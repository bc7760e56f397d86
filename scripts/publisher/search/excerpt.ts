import type { Phrase } from './tokens.ts';

/*
 * A result's excerpt: the page text around the first match, HTML-escaped, with <mark> around each
 * match and nothing else. Cut on code points (never half a surrogate pair), every character of the
 * window kept, escaped once. The query's terms are looked for as typed; a term the text holds only
 * in pieces (its words or bigrams apart) is marked by those pieces.
 */

/** Characters of text shown before the first match, and in all. */
const BEFORE = 30;
const LENGTH = 140;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcher(needles: string[]): RegExp | null {
  const unique = [...new Set(needles.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  return unique.length ? new RegExp(unique.map(escapeRegExp).join('|'), 'giu') : null;
}

/** Moves an index off the second half of a surrogate pair. */
function onCodePoint(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

export function excerpt(text: string, terms: string[], phrases: Phrase[]): string {
  let pattern = matcher(terms);
  if (pattern && !pattern.test(text)) pattern = matcher(phrases.flatMap((p) => p.terms));
  const found: Array<[number, number]> = [];
  if (pattern) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      found.push([m.index, m.index + m[0].length]);
      if (found.length > 200) break;
    }
  }
  const first = found[0]?.[0] ?? 0;
  const start = onCodePoint(text, Math.max(0, first - BEFORE));
  let end = onCodePoint(text, Math.min(text.length, start + LENGTH));
  for (const [a, b] of found) if (a < end && b > end) end = b; // a match is never cut
  let out = '';
  let at = start;
  for (const [a, b] of found) {
    if (b <= start || a < at) continue;
    if (a >= end) break;
    out += `${escapeHtml(text.slice(at, a))}<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  return out + escapeHtml(text.slice(at, end));
}
