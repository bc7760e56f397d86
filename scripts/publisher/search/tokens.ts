/*
 * The one tokeniser of the server search engine, for documents and queries alike: runs of CJK
 * characters become overlapping two-character terms (bigrams, as Lucene's CJKAnalyzer), with the
 * run's last character also as a term of its own; runs of other letters and digits (ASCII words,
 * numbers) are whole words, lowercased. Text goes to SQLite as these terms separated by spaces,
 * under FTS5's `ascii` tokenizer, which splits on the spaces only and so keeps every term as is.
 *
 * A query term is a phrase of its terms: the document must hold them in a row. Its last CJK run
 * drops the run-final character (the document's run may go on) and, when it is one character
 * alone, is a prefix (年 finds 年度); every other run is tokenised exactly as in a document, so
 * that what is next to what matches.
 */

import { createHash } from 'node:crypto';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;
/** A word longer than this is cut: no real word is, and the index should not store one. */
const WORD_MAX = 40;

type Run = { cjk: boolean; chars: string[] };

function runs(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const char of text.normalize('NFKC').toLowerCase()) {
    const cjk = CJK.test(char);
    if (!cjk && !WORD.test(char)) {
      current = null;
      continue;
    }
    if (!current || current.cjk !== cjk) {
      current = { cjk, chars: [] };
      out.push(current);
    }
    current.chars.push(char);
  }
  return out;
}

function runTerms(run: Run, last: boolean): string[] {
  const { chars } = run;
  if (!run.cjk) return [chars.slice(0, WORD_MAX).join('')];
  if (chars.length === 1) return [chars[0]!];
  const terms: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
  if (!last) terms.push(chars[chars.length - 1]!);
  return terms;
}

/** A document's terms, in order. */
export function documentTerms(text: string): string[] {
  return runs(text).flatMap((run) => runTerms(run, false));
}

/** The text FTS5 stores for a document's column: its terms separated by spaces. */
export function indexedText(text: string): string {
  return documentTerms(text).join(' ');
}

/** A query term as a phrase: its terms in order, and whether the last is a prefix. */
export type Phrase = { terms: string[]; prefix: boolean };

export function queryPhrase(term: string): Phrase | null {
  const all = runs(term);
  if (all.length === 0) return null;
  const terms = all.flatMap((run, i) => runTerms(run, i === all.length - 1));
  const last = all[all.length - 1]!;
  return { terms, prefix: last.cjk && last.chars.length === 1 };
}

/**
 * A phrase in FTS5 query syntax. Every term is quoted (a term holds only letters and digits, but
 * a quote would be doubled all the same), so nothing a visitor types is ever read as an operator,
 * a column name or a wildcard.
 */
export function ftsPhrase(phrase: Phrase): string {
  const quoted = phrase.terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' + ');
  return phrase.prefix ? `${quoted} *` : quoted;
}

/**
 * A filter value as one indexed term of the `facet` column (filter number and a hash of the value:
 * letters and digits only), so that filters narrow the FTS5 match itself and ranking never has to
 * look at documents the filters leave out.
 */
export function facetTerm(filter: number, value: string): string {
  return `f${filter}x${createHash('sha1').update(value).digest('hex').slice(0, 16)}`;
}
