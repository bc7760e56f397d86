/** Dates as catalogues write them: 2021-06-30, 2021/6/30, 2021.6.30, 2021年6月30日, 20210630. */

export type DateResult = { ok: true; value: string } | { ok: false; message: string };

const shapes = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, /^(\d{4})(\d{2})(\d{2})$/];

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date (YYYY-MM-DD) of a catalogue cell, or what is wrong with it in Chinese. */
export function parseCatalogDate(text: string): DateResult {
  const value = text.trim().replace(/\s+/g, '');
  const match = shapes.map((s) => s.exec(value)).find(Boolean);
  if (!match) return { ok: false, message: `“${text}”不是日期；应写作 YYYY-MM-DD，如 2021-06-30` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1949 || year > 2100) return { ok: false, message: `“${text}”的年份 ${year} 不合理；应写作 YYYY-MM-DD，如 2021-06-30` };
  if (month < 1 || month > 12) return { ok: false, message: `“${text}”的月份 ${month} 不存在；月份应为 1 至 12` };
  const last = daysIn(year, month);
  if (day < 1 || day > last) {
    return { ok: false, message: `“${text}”不存在：${year} 年 ${month} 月只有 ${last} 天；应为 ${year}-${pad(month)}-01 至 ${year}-${pad(month)}-${pad(last)} 之间的日期` };
  }
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}
