/*
 * 节假日安排: one entry a year, as the State Council's notice gives it, typed by staff (one date or
 * range a line). Every deadline of the requests is counted in working days from it.
 */
export default {
  kind: 'collectionType',
  collectionName: 'holiday_calendars',
  info: {
    singularName: 'holiday-calendar',
    pluralName: 'holiday-calendars',
    displayName: '节假日安排',
    description: '计算依申请公开答复期限的工作日：放假日期与调休上班日期（不公开）',
  },
  options: { draftAndPublish: false },
  attributes: {
    year: { type: 'integer', required: true, unique: true, min: 2019, max: 2100 },
    /** 放假日期: “2026-02-15 至 2026-02-23 春节”, a line each. */
    holidays: { type: 'text' },
    /** 调休上班日期 (weekend days worked): “2026-02-14 春节调休”. */
    workdays: { type: 'text' },
    /** 依据 (the notice's number). */
    source: { type: 'string', maxLength: 200 },
  },
};
