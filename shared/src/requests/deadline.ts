import { addWorkingDays, isIsoDate, workingDaysBetween, type HolidayCalendar } from './calendar.js';

/*
 * The reply deadline of a disclosure request (条例 第三十条–第三十三条), in working days:
 * - 20 working days from the day after receipt (第三十三条第二款; the receipt date per 第三十一条);
 * - a 补正 notice (due within 7 working days of receipt, 第三十条) stops the clock; the 20 days start
 *   again, from zero, the day after the corrected request arrives;
 * - the working days spent waiting for third parties' or other agencies' opinions (征求意见,
 *   第三十二条: they have 15 working days) are not counted (第三十三条第三款);
 * - one extension of 20 more working days (第三十三条第二款), given before the first deadline passes.
 */

export const REPLY_WORKING_DAYS = 20;
export const EXTENSION_WORKING_DAYS = 20;
export const AMENDMENT_NOTICE_WORKING_DAYS = 7;
export const CONSULTATION_WORKING_DAYS = 15;

/** The dates of a request that move its clock; ISO dates, absent or null when not (yet) happened. */
export type RequestClock = {
  receivedAt: string;
  amendmentNoticeAt?: string | null;
  amendmentReceivedAt?: string | null;
  consultationSentAt?: string | null;
  consultationAnsweredAt?: string | null;
  extendedAt?: string | null;
  repliedAt?: string | null;
};

export type ClockField = keyof RequestClock;

/** 办理中 / 等待补正 / 征求意见中 / 已答复. */
export type ClockState = 'running' | 'awaitingAmendment' | 'consulting' | 'replied';

export const clockStateLabels: Record<ClockState, string> = {
  running: '办理中',
  awaitingAmendment: '等待补正',
  consulting: '征求意见中',
  replied: '已答复',
};

export const clockFieldLabels: Record<ClockField, string> = {
  receivedAt: '收到申请日期',
  amendmentNoticeAt: '补正通知日期',
  amendmentReceivedAt: '收到补正日期',
  consultationSentAt: '征求意见日期',
  consultationAnsweredAt: '收到意见日期',
  extendedAt: '延期告知日期',
  repliedAt: '答复日期',
};

export type Deadline = {
  state: ClockState;
  /** The day the 20 working days count from (receipt, or the corrected request's arrival); null while awaiting 补正. */
  clockStart: string | null;
  /** The reply deadline; null while the clock stands still (awaiting 补正, or an opinion not yet in). */
  dueDate: string | null;
  /** The deadline had there been no extension; null while awaiting 补正. */
  dueDateWithoutExtension: string | null;
  /** Working days from `today` to the deadline (negative: overdue by that many); frozen while the clock stands still. */
  daysLeft: number | null;
  overdue: boolean;
  /** The last day for the 补正 notice (7 working days after receipt). */
  amendmentNoticeDue: string;
  /** The third parties' last day to answer (15 working days after the request for opinions). */
  consultationDue: string | null;
  extended: boolean;
  /** For a replied request: whether the reply was within the deadline. */
  repliedOnTime: boolean | null;
};

export type ClockProblem = { field: ClockField; message: string };

/** Dates out of order or missing their predecessor, each with the field and a Chinese message. */
export function checkClock(clock: RequestClock, calendar: HolidayCalendar): ClockProblem[] {
  const problems: ClockProblem[] = [];
  const label = (f: ClockField) => clockFieldLabels[f];
  for (const field of Object.keys(clockFieldLabels) as ClockField[]) {
    const value = clock[field];
    if (value !== undefined && value !== null && value !== '' && !isIsoDate(value))
      problems.push({ field, message: `${label(field)}“${String(value)}”不是有效日期，请写作 2026-03-02。` });
  }
  if (!isIsoDate(clock.receivedAt)) {
    if (!problems.some((p) => p.field === 'receivedAt'))
      problems.push({
        field: 'receivedAt',
        message: '请填写收到申请日期（条例第三十一条：当面提交为提交之日，邮寄为签收之日，网上提交为双方确认之日）。',
      });
    return problems;
  }
  if (problems.length) return problems;
  const after = (field: ClockField, earlier: ClockField, why = '') => {
    const [a, b] = [clock[field], clock[earlier]];
    if (!a) return;
    if (!b) problems.push({ field, message: `填写了${label(field)}，但没有${label(earlier)}：请先填写${label(earlier)}。` });
    else if (a < b) problems.push({ field, message: `${label(field)} ${a} 早于${label(earlier)} ${b}，请检查。${why}` });
  };
  after('amendmentNoticeAt', 'receivedAt');
  after('amendmentReceivedAt', 'amendmentNoticeAt');
  const start = clock.amendmentNoticeAt ? clock.amendmentReceivedAt : clock.receivedAt;
  after('consultationSentAt', 'receivedAt');
  if (clock.consultationSentAt && clock.amendmentNoticeAt && !clock.amendmentReceivedAt)
    problems.push({ field: 'consultationSentAt', message: '申请尚在等待补正，不能同时征求意见：请先填写收到补正日期。' });
  if (clock.consultationSentAt && start && clock.consultationSentAt < start)
    problems.push({
      field: 'consultationSentAt',
      message: `征求意见日期 ${clock.consultationSentAt} 早于答复期限的起算日 ${start}，请检查。`,
    });
  after('consultationAnsweredAt', 'consultationSentAt');
  after('extendedAt', 'receivedAt');
  if (clock.extendedAt && clock.amendmentNoticeAt && !clock.amendmentReceivedAt)
    problems.push({ field: 'extendedAt', message: '申请尚在等待补正，答复期限尚未起算，不能延期。' });
  after('repliedAt', 'receivedAt');
  if (problems.length === 0 && clock.extendedAt && start) {
    const first = computeDeadline({ ...clock, extendedAt: null, repliedAt: null }, clock.extendedAt, calendar);
    if (first.dueDateWithoutExtension && clock.extendedAt > first.dueDateWithoutExtension)
      problems.push({
        field: 'extendedAt',
        message: `延期告知日期 ${clock.extendedAt} 晚于原答复期限 ${first.dueDateWithoutExtension}：延期须在期限届满前告知申请人（条例第三十三条）。`,
      });
  }
  return problems;
}

/** Where the request stands on `today` (ISO date). Assumes `checkClock` found nothing. */
export function computeDeadline(clock: RequestClock, today: string, calendar: HolidayCalendar): Deadline {
  const amendmentNoticeDue = addWorkingDays(clock.receivedAt, AMENDMENT_NOTICE_WORKING_DAYS, calendar);
  const consultationDue = clock.consultationSentAt ? addWorkingDays(clock.consultationSentAt, CONSULTATION_WORKING_DAYS, calendar) : null;
  const extended = Boolean(clock.extendedAt);
  const replied = Boolean(clock.repliedAt);
  const base = { amendmentNoticeDue, consultationDue, extended };
  const clockStart = clock.amendmentNoticeAt ? (clock.amendmentReceivedAt ?? null) : clock.receivedAt;

  if (!clockStart) {
    return {
      ...base,
      state: replied ? 'replied' : 'awaitingAmendment',
      clockStart: null,
      dueDate: null,
      dueDateWithoutExtension: null,
      daysLeft: null,
      overdue: false,
      repliedOnTime: replied ? true : null,
    };
  }
  // An opinion not yet in stops the clock from the day after the request for it; a reply ends the wait.
  const sent = clock.consultationSentAt ?? null;
  const answered = clock.consultationAnsweredAt ?? (replied ? clock.repliedAt! : null);
  const open = sent !== null && answered === null;
  const excluded = (date: string) => sent !== null && date > sent && (answered === null || date <= answered);
  const limit = REPLY_WORKING_DAYS + (extended ? EXTENSION_WORKING_DAYS : 0);

  if (open) {
    const used = workingDaysBetween(clockStart, sent, calendar);
    return {
      ...base,
      state: 'consulting',
      clockStart,
      dueDate: null,
      dueDateWithoutExtension: null,
      daysLeft: limit - used,
      overdue: limit - used < 0,
      repliedOnTime: null,
    };
  }
  const dueDate = addWorkingDays(clockStart, limit, calendar, excluded);
  const dueDateWithoutExtension = addWorkingDays(clockStart, REPLY_WORKING_DAYS, calendar, excluded);
  if (replied)
    return {
      ...base,
      state: 'replied',
      clockStart,
      dueDate,
      dueDateWithoutExtension,
      daysLeft: null,
      overdue: false,
      repliedOnTime: clock.repliedAt! <= dueDate,
    };
  const daysLeft = workingDaysBetween(today, dueDate, calendar);
  return {
    ...base,
    state: 'running',
    clockStart,
    dueDate,
    dueDateWithoutExtension,
    daysLeft,
    overdue: today > dueDate,
    repliedOnTime: null,
  };
}
