/*
 * 索引号: the stored form of what an editor types, the proposal from the agency's prefix, and the
 * messages of the rules a database answers (taken, published).
 */
import { describe, expect, it } from 'vitest';
import { chinaDate, checkIndexNumber, indexNumberChangeIssue, indexYear, parseIndexNumber, proposeIndexNumber } from './index-number.js';

const prefix = '11370305004326100A';

describe('a typed 索引号', () => {
  it('is stored without spaces, half-width and upper case', () => {
    expect(checkIndexNumber(' １１370305004326100a／2021－00009 ')).toEqual({ ok: true, value: `${prefix}/2021-00009` });
  });

  it('keeps the forms other platforms use', () => {
    for (const number of ['000014349/2018-00222', '01424668-5/2021-00063', '11341702486344515H/202110-00013', '6107280000/2024-001005']) {
      expect(checkIndexNumber(number)).toEqual({ ok: true, value: number });
    }
  });

  it('is refused when it is no 索引号, with the form that would be right', () => {
    for (const typed of ['2021-17', '临政办发〔2021〕17号', `${prefix}/21-9`, `${prefix}/2021-9`]) {
      const checked = checkIndexNumber(typed, prefix);
      expect(checked.ok).toBe(false);
      expect(!checked.ok && checked.message).toContain(`如“${prefix}/2021-00009”`);
    }
  });

  it('may be empty (it is then proposed)', () => {
    expect(checkIndexNumber('  ')).toEqual({ ok: true, value: null });
    expect(parseIndexNumber(`${prefix}/2021-00009`)).toEqual({ prefix, year: 2021, serial: 9 });
  });
});

describe('proposing a 索引号', () => {
  it('takes the next serial of the agency and year, five digits', () => {
    const taken = [`${prefix}/2021-00009`, `${prefix}/2021-00017`, `${prefix}/2022-00030`, `11370305004326206C/2021-00050`, null, '乱写的'];
    expect(proposeIndexNumber(prefix, 2021, taken)).toBe(`${prefix}/2021-00018`);
    expect(proposeIndexNumber(prefix, 2023, taken)).toBe(`${prefix}/2023-00001`);
  });

  it('uses the 成文日期’s year, else the 发布日期’s, else today’s in China', () => {
    expect(indexYear({ writtenDate: '2021-04-12', publishDate: '2022-01-01' })).toBe(2021);
    expect(indexYear({ publishDate: '2022-01-01' })).toBe(2022);
    expect(indexYear({}, new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(chinaDate(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
  });
});

describe('a published 索引号', () => {
  it('may not change, and the message names the number it keeps', () => {
    expect(indexNumberChangeIssue(`${prefix}/2021-00009`, `${prefix}/2021-00009`)).toBeNull();
    expect(indexNumberChangeIssue(`${prefix}/2021-00009`, `${prefix}/2021-00010`)).toContain(`请保留“${prefix}/2021-00009”`);
  });
});
