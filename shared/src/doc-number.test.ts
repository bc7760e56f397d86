/*
 * 文号 in the ways people type them: every bracket style and quoting reads as the official form.
 */
import { describe, expect, it } from 'vitest';
import { compareDocNumbers, normalizeSearchQuery, parseDocNumber } from './doc-number.js';

const official = '临政办发〔2021〕17号';

describe('a 文号 typed by a visitor', () => {
  for (const typed of [
    '临政办发〔2021〕17号',
    '临政办发[2021]17号',
    '临政办发(2021)17号',
    '临政办发（2021）17号',
    '临政办发【2021】17号',
    '临政办发［ 2021 ］17号',
  ]) {
    it(`${typed} searches as ${official}`, () => {
      expect(normalizeSearchQuery(typed)).toBe(official);
      expect(parseDocNumber(typed)).toEqual({ prefix: '临政办发', year: 2021, serial: 17 });
    });
  }

  it('loses its quotes, whatever their kind', () => {
    for (const quoted of [`"${official}"`, `“${official}”`, `「${official}」`, `'临政办发[2021]17号'`])
      expect(normalizeSearchQuery(quoted)).toBe(official);
  });

  it('leaves other queries alone but for spacing', () => {
    expect(normalizeSearchQuery('  宅基地   管理 ')).toBe('宅基地 管理');
    expect(normalizeSearchQuery('(试行)')).toBe('(试行)');
  });

  it('is not read as one when it has no year in brackets', () => {
    expect(parseDocNumber('临政办发2021年17号')).toBeNull();
    expect(parseDocNumber(null)).toBeNull();
  });
});

describe('ordering 文号', () => {
  it('sorts by 代字, then year, then serial number (not as text)', () => {
    const sorted = ['临政发〔2021〕10号', '临政发〔2021〕9号', '临政发〔2019〕8号', '无文号'].sort(compareDocNumbers);
    expect(sorted).toEqual(['临政发〔2019〕8号', '临政发〔2021〕9号', '临政发〔2021〕10号', '无文号']);
  });
});
