import type { Core } from '@strapi/strapi';
import { addCalendarDays, chinaToday } from '@portal/shared';
import { CALENDAR_UID, REQUEST_UID } from './middleware';

/*
 * Demo: the holiday arrangements of 2025 and 2026 and a handful of requests to 敬仲镇 in every
 * state, dated from today so that the queue always shows one due soon, one overdue, one waiting
 * for 补正 and one replied. Names, ID numbers and addresses are invented.
 */

const CALENDARS = [
  {
    year: 2025,
    source: '国办发明电〔2024〕12号（演示数据，使用前请与通知原文核对）',
    holidays: [
      '2025-01-01 元旦',
      '2025-01-28 至 2025-02-04 春节',
      '2025-04-04 至 2025-04-06 清明节',
      '2025-05-01 至 2025-05-05 劳动节',
      '2025-05-31 至 2025-06-02 端午节',
      '2025-10-01 至 2025-10-08 国庆节、中秋节',
    ].join('\n'),
    workdays: [
      '2025-01-26 春节调休',
      '2025-02-08 春节调休',
      '2025-04-27 劳动节调休',
      '2025-09-28 国庆节调休',
      '2025-10-11 国庆节调休',
    ].join('\n'),
  },
  {
    year: 2026,
    source: '国办发明电〔2025〕7号（演示数据，使用前请与通知原文核对）',
    holidays: [
      '2026-01-01 至 2026-01-03 元旦',
      '2026-02-15 至 2026-02-23 春节',
      '2026-04-04 至 2026-04-06 清明节',
      '2026-05-01 至 2026-05-05 劳动节',
      '2026-06-19 至 2026-06-21 端午节',
      '2026-09-25 至 2026-09-27 中秋节',
      '2026-10-01 至 2026-10-07 国庆节',
    ].join('\n'),
    workdays: [
      '2026-01-04 元旦调休',
      '2026-02-14 春节调休',
      '2026-02-28 春节调休',
      '2026-05-09 劳动节调休',
      '2026-09-20 国庆节调休',
      '2026-10-10 国庆节调休',
    ].join('\n'),
  },
];

const person = {
  applicantKind: 'naturalPerson',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  informationFormat: 'paper',
  deliveryMethod: 'post',
  address: '山东省淄博市临淄区敬仲镇某村（演示地址）',
  phone: '13912340000',
};

export async function loadDemoRequests(strapi: Core.Strapi, agency: string): Promise<void> {
  for (const calendar of CALENDARS) await strapi.db.query(CALENDAR_UID).create({ data: calendar });
  const day = (offset: number) => addCalendarDays(chinaToday(), offset);
  const requests = [
    { ...person, applicantName: '张某某（演示）', channel: 'online', sought: '本镇2025年度农村低保资金发放明细', receivedAt: day(-3) },
    { ...person, applicantName: '李某某（演示）', channel: 'letter', sought: '某村2024年土地征收补偿方案', receivedAt: day(-45) },
    {
      ...person,
      applicantName: '王某某（演示）',
      channel: 'walkIn',
      sought: '“那份关于道路的文件”',
      receivedAt: day(-10),
      amendmentNoticeAt: day(-8),
    },
    {
      applicantKind: 'commercial',
      applicantName: '淄博某某农业有限公司（演示）',
      idType: 'creditCode',
      idNumber: '91350100M000100Y43',
      contactPerson: '赵某（演示）',
      email: 'demo@example.cn',
      informationFormat: 'electronic',
      deliveryMethod: 'email',
      channel: 'online',
      sought: '本镇2025年农田水利工程招标公告及中标结果',
      receivedAt: day(-60),
      repliedAt: day(-40),
      outcome: 'disclosed',
    },
  ];
  for (const data of requests) {
    try {
      await strapi.documents(REQUEST_UID).create({ data: { ...data, agency } } as never);
    } catch (error) {
      // Demo data must never stop a start; a date that falls badly against the calendar is skipped.
      strapi.log.warn(`演示申请未载入：${(error as Error).message}`);
    }
  }
}
