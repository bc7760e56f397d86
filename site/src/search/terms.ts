import { queryTerms } from '@portal/shared';

/*
 * The terms a partial match counts, as the static engine splits a query: the visitor's own terms
 * (queryTerms), and a run of Chinese typed without spaces (宅基地审批流程) split into its words,
 * since no document may hold the run whole while many hold its words.
 */

const han = /^\p{Script=Han}+$/u;

function words(run: string): string[] {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const all = [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
  // Single characters (的, 和, 等) match nearly everything: keep them only when nothing longer is left.
  const long = all.filter((w) => w.length > 1);
  return long.length > 0 ? long : all;
}

/** The terms of a query for a partial match; fewer than two means there is nothing to relax. */
export function partialTerms(query: string): string[] {
  const terms = queryTerms(query);
  // Terms the visitor separated are theirs; only a single unbroken run is split.
  const [only] = terms;
  if (terms.length === 1 && only && han.test(only) && only.length > 2) return [...new Set(words(only))];
  return terms;
}
