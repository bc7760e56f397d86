import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  applicationFields,
  buildCalendar,
  checkClock,
  chinaToday,
  computeDeadline,
  isRequestOutcome,
  newReceiptNumber,
  parseCalendarYear,
  validateApplication,
  type CalendarYear,
  type HolidayCalendar,
  type RequestClock,
} from '@portal/shared';

export const REQUEST_UID = 'api::disclosure-request.disclosure-request';
export const CALENDAR_UID = 'api::holiday-calendar.holiday-calendar';

const CLOCK_FIELDS = [
  'receivedAt',
  'amendmentNoticeAt',
  'amendmentReceivedAt',
  'consultationSentAt',
  'consultationAnsweredAt',
  'extendedAt',
  'repliedAt',
] as const;

type Row = Record<string, unknown>;

function reject(message: string, details: Array<{ path: string; message: string }>): never {
  throw new errors.ValidationError(message, {
    errors: details.map((d) => ({ path: [d.path], message: d.message, name: 'ValidationError', value: null })),
  });
}

export async function loadCalendar(strapi: Core.Strapi): Promise<HolidayCalendar> {
  const years = (await strapi.db.query(CALENDAR_UID).findMany({ select: ['year', 'holidays', 'workdays'] })) as CalendarYear[];
  return buildCalendar(years);
}

const dateOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v.slice(0, 10) : null);

export function clockOf(row: Row): RequestClock {
  return Object.fromEntries(CLOCK_FIELDS.map((f) => [f, dateOrNull(row[f])])) as RequestClock;
}

/**
 * Everything a save of a request must satisfy, on the merged record: the applicant's fields
 * (第二十九条, the same validator as the portal's form), dates in order, an outcome exactly when
 * replied. Returns the computed fields to store with it.
 */
export function checkRequest(merged: Row, calendar: HolidayCalendar): Row {
  const details: Array<{ path: string; message: string }> = [];
  const application = validateApplication(Object.fromEntries(applicationFields.map((f) => [f, merged[f] ?? undefined])));
  if (!application.ok) details.push(...application.problems.map((p) => ({ path: p.field, message: p.message })));
  const clock = clockOf(merged);
  const clockProblems = checkClock(clock, calendar);
  details.push(...clockProblems.map((p) => ({ path: p.field, message: p.message })));
  if (clock.repliedAt && !isRequestOutcome(merged.outcome))
    details.push({ path: 'outcome', message: '已填写答复日期，请选择办理结果（对应年度报告表三的行）。' });
  if (!clock.repliedAt && merged.outcome) details.push({ path: 'repliedAt', message: '已选择办理结果，请填写答复日期。' });
  const fee = merged.feeAmount;
  if (fee !== null && fee !== undefined && fee !== '' && !(Number(fee) >= 0 && Number(fee) <= 1_000_000))
    details.push({ path: 'feeAmount', message: '信息处理费应为 0—1000000 元之间的金额。' });
  if (details.length)
    reject(
      `申请未保存：${details
        .slice(0, 5)
        .map((d) => d.message)
        .join('；')}`,
      details,
    );
  const deadline = computeDeadline(clock, chinaToday(), calendar);
  // Stored as checked (trimmed, the ID upper-cased), whoever typed it.
  return { ...(application.ok ? application.application : {}), clockState: deadline.state, dueDate: deadline.dueDate };
}

/** The validation and the computed deadline of every request save, and the calendar that deadlines read. */
export function registerDisclosureRequests(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql') as
    { service: (name: string) => { shadowCRUD: (uid: string) => { disable: () => void } } } | undefined;
  graphql?.service('extension').shadowCRUD(REQUEST_UID).disable();
  graphql?.service('extension').shadowCRUD(CALENDAR_UID).disable();

  const recomputeOpen = async () => {
    const calendar = await loadCalendar(strapi);
    const open = (await strapi.db.query(REQUEST_UID).findMany({ where: { clockState: { $ne: 'replied' } } })) as Row[];
    for (const row of open) {
      const { state: clockState, dueDate } = computeDeadline(clockOf(row), chinaToday(), calendar);
      if (clockState !== row.clockState || dueDate !== dateOrNull(row.dueDate))
        await strapi.db.query(REQUEST_UID).update({ where: { id: row.id }, data: { clockState, dueDate } });
    }
  };

  strapi.documents.use(async (context, next) => {
    const params = context.params as { documentId?: string; data?: Row };
    if (context.uid === CALENDAR_UID && (context.action === 'create' || context.action === 'update')) {
      const stored = params.documentId
        ? ((await strapi.documents(CALENDAR_UID).findOne({ documentId: params.documentId } as never)) as Row | null)
        : null;
      const merged = { ...(stored ?? {}), ...(params.data ?? {}) };
      const { problems } = parseCalendarYear({
        year: Number(merged.year),
        holidays: String(merged.holidays ?? ''),
        workdays: String(merged.workdays ?? ''),
      });
      if (problems.length)
        reject(
          `节假日安排未保存：${problems
            .slice(0, 3)
            .map((p) => p.message)
            .join('；')}`,
          problems.map((p) => ({ path: p.field, message: p.message })),
        );
      const result = await next();
      await recomputeOpen();
      return result;
    }
    if (context.uid === CALENDAR_UID && context.action === 'delete') {
      const result = await next();
      await recomputeOpen();
      return result;
    }
    if (context.uid !== REQUEST_UID || (context.action !== 'create' && context.action !== 'update' && context.action !== 'clone'))
      return next();

    const stored = params.documentId
      ? ((await strapi.documents(REQUEST_UID).findOne({ documentId: params.documentId } as never)) as Row | null)
      : null;
    const data: Row = { ...(params.data ?? {}) };
    // The receipt number is the applicant's key to the status page: given once, never edited or copied.
    delete data.receiptNumber;
    delete data.clockState;
    delete data.dueDate;
    const base = context.action === 'clone' ? { ...(stored ?? {}), receiptNumber: undefined } : (stored ?? {});
    const merged = { ...base, ...data };
    const computed = checkRequest(merged, await loadCalendar(strapi));
    const receiptNumber = context.action === 'update' && stored?.receiptNumber ? stored.receiptNumber : newReceiptNumber();
    params.data = { ...data, ...computed, receiptNumber };
    return next();
  });
}

type ConfigurationService = {
  findConfiguration: (contentType: {
    uid: string;
  }) => Promise<{ settings: unknown; metadatas: Record<string, { edit?: Record<string, unknown> }>; layouts: unknown }>;
  updateConfiguration: (contentType: { uid: string }, configuration: unknown) => Promise<unknown>;
};

/** The fields the CMS writes itself are shown read-only in the edit view (after setupAdminLabels, which keeps them). */
export async function setupRequestEditView(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager').service('content-types') as ConfigurationService;
  const { settings, metadatas, layouts } = await service.findConfiguration({ uid: REQUEST_UID });
  for (const field of ['receiptNumber', 'clockState', 'dueDate']) if (metadatas[field]?.edit) metadatas[field].edit!.editable = false;
  await service.updateConfiguration({ uid: REQUEST_UID }, { settings, metadatas, layouts });
}
