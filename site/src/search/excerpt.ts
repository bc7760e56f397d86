/*
 * The excerpt under a result, cut from Pagefind's page text so that it starts where a phrase
 * starts. Pagefind centres its excerpt on the middle of the equally dense windows, which for
 * Chinese (one or two characters a word) starts it a word or two into the text: a title match
 * at the start of a page showed "县农村宅基地管理办法" for "某县农村宅基地管理办法". Here the
 * window is the earliest of the densest, moved back to the start of its phrase.
 */

export type ExcerptSource = {
  raw_content?: string;
  locations?: number[];
  weighted_locations?: Array<{ location: number; balanced_score: number }>;
};

/** Words a phrase may reach back before the densest window, to start at its beginning. */
const REACH_BACK = 12;
const phraseEnd = /(?:[。！？；，、：.!?;,:]|\s)\s*$/u;

export function excerptOf(source: ExcerptSource, length: number, ellipsis = '…'): string | undefined {
  const content = source.raw_content;
  if (content === undefined) return undefined;
  const zws = content.includes('\u200B');
  const words = zws ? content.split('\u200B') : content.split(/[^\S\uFEFF]+/);
  const joiner = zws ? '' : ' ';
  const scores: number[] = new Array<number>(words.length).fill(0);
  for (const { location, balanced_score } of source.weighted_locations ?? []) {
    if (location >= 0 && location < words.length) scores[location] = (scores[location] ?? 0) + balanced_score;
  }
  const size = Math.min(length, words.length);
  let start = 0;
  let densest = 0;
  if (words.length > size) {
    let sum = scores.slice(0, size).reduce((a, b) => a + b, 0);
    let best = sum;
    for (let s = 1; s + size <= words.length; s++) {
      sum += (scores[s + size - 1] ?? 0) - (scores[s - 1] ?? 0);
      if (sum > best) [best, start] = [sum, s];
    }
    densest = start;
    // Back to the start of the phrase the window opens in (or of the text, when that is near).
    let back = start;
    while (back > 0 && start - back < REACH_BACK && !phraseEnd.test(words[back - 1] ?? '')) back--;
    if (back === 0 || phraseEnd.test(words[back - 1] ?? '')) start = back;
  }
  // Moved back, the excerpt keeps the densest window's end too, so no match it held is cut off.
  const end = Math.min(words.length, Math.max(start, densest) + size);
  const marked = new Set(source.locations ?? []);
  const shown = words.slice(start, end).map((word, i) => (marked.has(start + i) && word ? `<mark>${word}</mark>` : word));
  const text = shown.join(joiner).trim();
  return `${start > 0 ? ellipsis : ''}${text}${end < words.length ? ellipsis : ''}`;
}
