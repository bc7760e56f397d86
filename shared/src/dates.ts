/*
 * Dates as officials type them: 2021-06-30, 2021/6/30, 2021.6.30, 20210630, 2021年6月30日 and
 * 二〇二一年六月三十日, with full-width digits too. Stored as Strapi's date type stores them
 * (ISO `YYYY-MM-DD`); printed as documents print them (2021年6月30日).
 */

/** China Standard Time, the portal's and the editors' clock (no daylight saving): as an ISO offset and in milliseconds. */
export const CHINA_UTC_OFFSET = '+08:00';
export const CHINA_UTC_OFFSET_MS = 8 * 3600 * 1000;

export type ParsedDate = { ok: true; iso: string } | { ok: false; message: string };

const EXAMPLES = '请写作 2021-06-30 或 2021年6月30日';
const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二一 → 2021 (digit by digit); 三十一 → 31, 十二 → 12, 六 → 6. */
function chineseNumber(text: string, digitByDigit: boolean): number | undefined {
  if (digitByDigit) {
    let n = 0;
    for (const ch of text) {
      const d = CHINESE_DIGITS[ch];
      if (d === undefined) return undefined;
      n = n * 10 + d;
    }
    return text.length > 0 ? n : undefined;
  }
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return undefined;
  const [, tens, ten, units] = m;
  if (!ten) return tens && units ? undefined : CHINESE_DIGITS[(tens ?? units)!];
  return (tens ? CHINESE_DIGITS[tens]! : 1) * 10 + (units ? CHINESE_DIGITS[units]! : 0);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function checked(year: number, month: number, day: number, typed: string): ParsedDate {
  if (year < 1900 || year > 2100) return { ok: false, message: `“${typed}”的年份 ${year} 不在 1900—2100 之间。${EXAMPLES}` };
  if (month < 1 || month > 12) return { ok: false, message: `“${typed}”的月份 ${month} 不存在，月份为 1—12。${EXAMPLES}` };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return { ok: false, message: `“${typed}”不是有效日期：${year}年${month}月只有 ${days} 天。` };
  return { ok: true, iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** The ISO date for what was typed, or a message in Chinese saying what is wrong and how to write it. */
export function parseTypedDate(typed: string): ParsedDate {
  const text = typed
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–／．]/g, (c) => ({ '－': '-', '—': '-', '–': '-', '／': '/', '．': '.' })[c]!)
    .replace(/\s+/g, '');
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[3]), Number(m[4]), typed.trim());
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), typed.trim());
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(text);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), typed.trim());
  m = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]?$/.exec(text);
  if (m) {
    const [year, month, day] = [chineseNumber(m[1]!, true), chineseNumber(m[2]!, false), chineseNumber(m[3]!, false)];
    if (year !== undefined && month !== undefined && day !== undefined) return checked(year, month, day, typed.trim());
  }
  return { ok: false, message: `无法识别日期“${typed.trim()}”。${EXAMPLES}。` };
}

/** 2021-06-30 → 2021年6月30日 (as a document prints its date); '' for what is not an ISO date. */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}
