import { parseTypedDate } from '../dates.js';

/*
 * Working days (工作日) as the State Council's yearly holiday notice makes them: Monday to Friday,
 * minus the public holidays, plus the weekend days made working days by 调休. Every deadline of
 * 条例 第三十条–第三十三条 is counted in these days. A period starts the day after its event
 * (receipt, notice): the event's own day is never day 1.
 */

/** The holidays and the 调休 working weekend days, ISO dates. */
export type HolidayCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

export const emptyCalendar: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromDay(toDay(value)) === value;
}

/** The ISO date `days` calendar days after `iso` (negative: before). */
export function addCalendarDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

export function isWorkingDay(iso: string, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.has(iso)) return true;
  if (calendar.holidays.has(iso)) return false;
  const weekday = new Date(toDay(iso) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`th working day after `iso` (n ≥ 1), skipping the days `skip` says to leave out. */
export function addWorkingDays(iso: string, n: number, calendar: HolidayCalendar, skip: (iso: string) => boolean = () => false): string {
  let day = toDay(iso);
  for (let counted = 0; counted < n;) {
    day += 1;
    const date = fromDay(day);
    if (isWorkingDay(date, calendar) && !skip(date)) counted += 1;
  }
  return fromDay(day);
}

/** Working days in (from, to]: positive when `to` is later, negative when earlier, 0 on the same day. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: HolidayCalendar,
  skip: (iso: string) => boolean = () => false,
): number {
  const [a, b] = [toDay(from), toDay(to)];
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) {
    const date = fromDay(day);
    if (isWorkingDay(date, calendar) && !skip(date)) count += 1;
  }
  return sign * count;
}

export type CalendarYear = { year: number; holidays: string; workdays: string };
export type CalendarProblem = { field: 'holidays' | 'workdays'; line: number; message: string };

const FIELD_NAMES = { holidays: '放假日期', workdays: '调休上班日期' } as const;

/**
 * One calendar year as staff type it: a line per date or range, a note after it allowed
 * ("2026-02-15 至 2026-02-23 春节", "2026-02-14 春节调休"). Every line must fall in the year;
 * a date may not be both a holiday and a working day.
 */
export function parseCalendarYear(entry: CalendarYear): { dates: Record<'holidays' | 'workdays', string[]>; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  const dates = { holidays: [] as string[], workdays: [] as string[] };
  for (const field of ['holidays', 'workdays'] as const) {
    const lines = (entry[field] ?? '').split(/\r?\n/);
    lines.forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const where = `${FIELD_NAMES[field]}第 ${index + 1} 行“${line.slice(0, 40)}”`;
      const m = /^(\S+?)(?:\s*(?:至|到|~|～|—|--)\s*(\S+?))?(?:\s+.*)?$/.exec(line);
      const first = m ? parseTypedDate(m[1]!) : undefined;
      const last = m?.[2] ? parseTypedDate(m[2]) : first;
      if (!first?.ok || !last?.ok) {
        const why = first && !first.ok ? first.message : last && !last.ok ? last.message : '';
        problems.push({
          field,
          line: index + 1,
          message: `${where}：无法识别日期。每行写一个日期或“开始日期 至 结束日期”，可在后面加说明，例如“2026-02-15 至 2026-02-23 春节”。${why}`,
        });
        return;
      }
      if (first.iso > last.iso) {
        problems.push({ field, line: index + 1, message: `${where}：结束日期早于开始日期。` });
        return;
      }
      if (Number(first.iso.slice(0, 4)) !== entry.year || Number(last.iso.slice(0, 4)) !== entry.year) {
        problems.push({ field, line: index + 1, message: `${where}：日期不在 ${entry.year} 年内，请写在该年的日历里。` });
        return;
      }
      if (toDay(last.iso) - toDay(first.iso) > 31) {
        problems.push({ field, line: index + 1, message: `${where}：一段日期超过 31 天，请检查是否写错。` });
        return;
      }
      for (let day = toDay(first.iso); day <= toDay(last.iso); day += 1) dates[field].push(fromDay(day));
    });
  }
  const holidaySet = new Set(dates.holidays);
  for (const date of dates.workdays) {
    if (holidaySet.has(date))
      problems.push({ field: 'workdays', line: 0, message: `${date} 同时写在放假日期和调休上班日期里，请只保留一处。` });
  }
  return { dates, problems };
}

/** The calendar made of every year staff have entered (years with problems contribute their good lines). */
export function buildCalendar(years: readonly CalendarYear[]): HolidayCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const year of years) {
    const { dates } = parseCalendarYear(year);
    dates.holidays.forEach((d) => holidays.add(d));
    dates.workdays.forEach((d) => workdays.add(d));
  }
  return { holidays, workdays };
}

/** Today's date in China (Asia/Shanghai), whatever the server's time zone: the day a deadline is read on. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
