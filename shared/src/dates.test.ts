/*
 * Dates typed in the admin's date fields: every common way of writing 2021年6月30日 is read as
 * 2021-06-30; impossible dates get a message that says why.
 */
import { describe, expect, it } from 'vitest';
import { chineseDate, parseTypedDate } from './dates.js';

describe('a date typed by an editor', () => {
  for (const typed of [
    '2021-06-30',
    '2021-6-30',
    '2021/6/30',
    '2021.06.30',
    '20210630',
    '2021年6月30日',
    '2021年06月30日',
    '2021 年 6 月 30 日',
    '２０２１年６月３０日',
    '二〇二一年六月三十日',
    '2021年6月30号',
    ' 2021－06－30 ',
  ]) {
    it(`${JSON.stringify(typed)} reads as 2021-06-30`, () => {
      expect(parseTypedDate(typed)).toEqual({ ok: true, iso: '2021-06-30' });
    });
  }

  it('reads the Chinese numerals of months and days', () => {
    expect(parseTypedDate('二〇二〇年十二月二十三日')).toEqual({ ok: true, iso: '2020-12-23' });
    expect(parseTypedDate('二〇二一年一月十日')).toEqual({ ok: true, iso: '2021-01-10' });
    expect(parseTypedDate('二〇二一年十一月三十一日')).toMatchObject({ ok: false });
  });

  it('refuses dates that do not exist, saying why', () => {
    expect(parseTypedDate('2021-02-29')).toEqual({ ok: false, message: '“2021-02-29”不是有效日期：2021年2月只有 28 天。' });
    expect(parseTypedDate('2020-02-29')).toEqual({ ok: true, iso: '2020-02-29' });
    expect(parseTypedDate('2021-13-01')).toMatchObject({ ok: false, message: expect.stringContaining('月份 13 不存在') });
    expect(parseTypedDate('0021-01-01')).toMatchObject({ ok: false, message: expect.stringContaining('1900—2100') });
  });

  it('refuses what is not a date, with the forms it accepts', () => {
    for (const typed of ['abc', '2021-06', '30/06/2021', '2021-06-30T00:00', '<script>', 'x'.repeat(10_000)]) {
      const parsed = parseTypedDate(typed);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('请写作 2021-06-30 或 2021年6月30日');
    }
  });

  it('prints an ISO date as documents print it', () => {
    expect(chineseDate('2021-06-30')).toBe('2021年6月30日');
    expect(chineseDate('2021-01-05')).toBe('2021年1月5日');
    expect(chineseDate(null)).toBe('');
  });
});
