import { describe, expect, it } from 'vitest';
import { exactIdentifier } from '@portal/shared';
import { excerptOf } from '../../site/src/search/excerpt.ts';
import { shardCount, shardName, shardOf } from '../../site/src/search/identifiers.ts';
import { partialTerms } from '../../site/src/search/terms.ts';

/*
 * The search client's pure parts, without a browser: where an excerpt starts, how the exact-
 * identifier lookup is sharded, and how a query is split for a partial match.
 */

/** Pagefind's page text for Chinese: words joined by zero-width spaces. */
const zws = (...words: string[]) => words.join('\u200B');

describe('excerpts', () => {
  const title = ['临', '淄', '区', '农村', '宅', '基地', '管理', '办法', '. '];
  const body = Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? '。' : `词${i}`));

  it('start at the start of the text when the match is near it (Pagefind centred it two words in)', () => {
    const excerpt = excerptOf(
      { raw_content: zws(...title, ...body), locations: [5], weighted_locations: [{ location: 5, balanced_score: 25_000 }] },
      40,
    );
    expect(excerpt?.startsWith('临淄区农村宅<mark>基地</mark>管理办法. ')).toBe(true);
    expect(excerpt?.endsWith('…')).toBe(true);
  });

  it('start at the start of a phrase in the middle of a text, marked as cut', () => {
    const words = [...title, ...body];
    const at = title.length + 35;
    const excerpt = excerptOf(
      { raw_content: zws(...words), locations: [at], weighted_locations: [{ location: at, balanced_score: 1 }] },
      10,
    )!;
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt).toContain(`<mark>${words[at]}</mark>`);
    // The word before the excerpt ends a phrase (。).
    const starts = words.flatMap((word, k) => (k > 0 && words[k - 1] === '。' && excerpt.startsWith(`…${word}`) ? [k] : []));
    expect(starts).toHaveLength(1);
  });

  it('keep a short text whole', () => {
    expect(excerptOf({ raw_content: zws('通知', '全文'), locations: [0], weighted_locations: [] }, 40)).toBe('<mark>通知</mark>全文');
  });
});

describe('the exact-identifier lookup', () => {
  it('puts an identifier in the same shard in every run, within range', () => {
    const value = exactIdentifier('临政办发[2021]17号')!.value;
    expect(value).toBe('临政办发〔2021〕17号');
    expect(shardOf(value, 1024)).toBe(shardOf('临政办发〔2021〕17号', 1024));
    expect(Number.parseInt(shardOf(value, 1024), 16)).toBeLessThan(1024);
    expect(shardName(5, 1024)).toBe('005');
  });

  it('keeps shards small as the portal grows: ~32 identifiers a file at 10k and at 100k documents', () => {
    // Two identifiers (文号 and 索引号) a document.
    expect(shardCount(20_000)).toBe(1024);
    expect(shardCount(200_000)).toBe(8192);
    const ids = Array.from({ length: 20_000 }, (_, i) => `11370305004326100A/2021-${String(i).padStart(5, '0')}`);
    const sizes = new Map<string, number>();
    for (const id of ids) sizes.set(shardOf(id, 1024), (sizes.get(shardOf(id, 1024)) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThan(64);
  });
});

describe('partial-match terms', () => {
  it('split a run of Chinese typed without spaces into its words', () => {
    expect(partialTerms('宅基地审批流程')).toEqual(['基地', '审批', '流程']);
    expect(partialTerms('宅基地 招生')).toEqual(['宅基地', '招生']);
    expect(partialTerms('招生')).toEqual(['招生']);
  });
});
