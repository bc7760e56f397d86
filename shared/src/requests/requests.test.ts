import { describe, expect, it } from 'vitest';
import { reportTemplates } from '../report/templates.js';
import { leafRows, groupRows } from '../report/template.js';
import {
  addWorkingDays,
  buildCalendar,
  checkClock,
  computeDeadline,
  creditCodeProblem,
  emptyCalendar,
  isWorkingDay,
  newReceiptNumber,
  normalizeReceiptNumber,
  outcomeRow,
  parseCalendarYear,
  requestOutcomeKeys,
  requestOutcomes,
  residentIdProblem,
  validateApplication,
  workingDaysBetween,
} from './index.js';

// The 2026 Spring Festival as a calendar year staff would type it: 2-15…2-23 off, Saturdays 2-14 and 2-28 worked.
const spring = buildCalendar([
  { year: 2026, holidays: '2026-02-15 至 2026-02-23 春节\n2026-04-04 至 2026-04-06 清明节', workdays: '2026-02-14 春节调休\n2026-02-28' },
]);

describe('working days with a holiday calendar', () => {
  it('counts 调休 Saturdays and skips holidays', () => {
    expect(isWorkingDay('2026-02-14', spring)).toBe(true); // Saturday, worked
    expect(isWorkingDay('2026-02-16', spring)).toBe(false); // Monday, holiday
    expect(isWorkingDay('2026-02-21', emptyCalendar)).toBe(false); // Saturday
  });

  it('20 working days from receipt across the Spring Festival', () => {
    // Counted by hand: 2-11 2-12 2-13 2-14(六,调休) | 2-24 2-25 2-26 2-27 2-28(六,调休) | 3-2…3-6 | 3-9…3-13 | 3-16 = 20.
    expect(addWorkingDays('2026-02-10', 20, spring)).toBe('2026-03-16');
    // Without the calendar: 2-11…2-13, 2-16…2-20, 2-23…2-27, 3-2…3-6, 3-9, 3-10.
    expect(addWorkingDays('2026-02-10', 20, emptyCalendar)).toBe('2026-03-10');
  });

  it('working days between two dates, signed', () => {
    expect(workingDaysBetween('2026-03-26', '2026-03-30', emptyCalendar)).toBe(2);
    expect(workingDaysBetween('2026-04-01', '2026-03-30', emptyCalendar)).toBe(-2);
    expect(workingDaysBetween('2026-03-30', '2026-03-30', emptyCalendar)).toBe(0);
  });
});

describe('the calendar as staff type it', () => {
  it('reads ranges and notes, in the Chinese date forms too', () => {
    const { dates, problems } = parseCalendarYear({
      year: 2026,
      holidays: '2026年10月1日 至 2026年10月7日 国庆节\n\n# 注释\n2026/1/1',
      workdays: '2026-10-10 国庆调休',
    });
    expect(problems).toEqual([]);
    expect(dates.holidays).toHaveLength(8);
    expect(dates.workdays).toEqual(['2026-10-10']);
  });

  it('names the line of every mistake in Chinese', () => {
    const { problems } = parseCalendarYear({
      year: 2026,
      holidays: '2026-02-30\n2025-12-31\n2026-03-05 至 2026-03-01\n2026-05-01',
      workdays: '2026-05-01',
    });
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 0]);
    expect(problems[0]!.message).toMatch(/放假日期第 1 行.*2月只有 28 天/);
    expect(problems[1]!.message).toMatch(/不在 2026 年内/);
    expect(problems[2]!.message).toMatch(/结束日期早于开始日期/);
    expect(problems[3]!.message).toMatch(/同时写在放假日期和调休上班日期里/);
  });
});

describe('the reply deadline (条例 第三十条–第三十三条)', () => {
  it('20 working days from the day after receipt; days left and overdue', () => {
    const clock = { receivedAt: '2026-03-02' };
    const on = computeDeadline(clock, '2026-03-26', emptyCalendar);
    expect(on).toMatchObject({
      state: 'running',
      clockStart: '2026-03-02',
      dueDate: '2026-03-30',
      daysLeft: 2,
      overdue: false,
      amendmentNoticeDue: '2026-03-11',
    });
    expect(computeDeadline(clock, '2026-03-30', emptyCalendar)).toMatchObject({ daysLeft: 0, overdue: false });
    expect(computeDeadline(clock, '2026-04-01', emptyCalendar)).toMatchObject({ daysLeft: -2, overdue: true });
  });

  it('补正 stops the clock; it starts again from zero when the corrected request arrives', () => {
    const waiting = computeDeadline({ receivedAt: '2026-03-02', amendmentNoticeAt: '2026-03-05' }, '2026-03-10', emptyCalendar);
    expect(waiting).toMatchObject({ state: 'awaitingAmendment', dueDate: null, daysLeft: null, overdue: false });
    // 3-23…3-27, 3-30…4-3, 4-6…4-10, 4-13…4-17.
    const resumed = computeDeadline(
      { receivedAt: '2026-03-02', amendmentNoticeAt: '2026-03-05', amendmentReceivedAt: '2026-03-20' },
      '2026-03-20',
      emptyCalendar,
    );
    expect(resumed).toMatchObject({ state: 'running', clockStart: '2026-03-20', dueDate: '2026-04-17', daysLeft: 20 });
  });

  it('days waiting for third parties do not count; while waiting the clock stands still', () => {
    const open = computeDeadline({ receivedAt: '2026-03-02', consultationSentAt: '2026-03-04' }, '2026-04-20', emptyCalendar);
    // 3-3 and 3-4 used: 18 left however long the third party takes; its own deadline is 15 working days.
    expect(open).toMatchObject({ state: 'consulting', dueDate: null, daysLeft: 18, overdue: false, consultationDue: '2026-03-25' });
    // Answered 3-11: 3-5, 3-6, 3-9, 3-10, 3-11 are not counted, so 3-30 moves 5 working days to 4-6.
    const closed = computeDeadline(
      { receivedAt: '2026-03-02', consultationSentAt: '2026-03-04', consultationAnsweredAt: '2026-03-11' },
      '2026-03-12',
      emptyCalendar,
    );
    expect(closed).toMatchObject({ state: 'running', dueDate: '2026-04-06' });
  });

  it('one extension of 20 working days, given before the first deadline', () => {
    const extended = computeDeadline({ receivedAt: '2026-03-02', extendedAt: '2026-03-25' }, '2026-03-26', emptyCalendar);
    // 3-30 + 20: 3-31, 4-1…4-3, 4-6…4-10, 4-13…4-17, 4-20…4-24, 4-27.
    expect(extended).toMatchObject({ dueDate: '2026-04-27', dueDateWithoutExtension: '2026-03-30', extended: true });
    expect(checkClock({ receivedAt: '2026-03-02', extendedAt: '2026-03-25' }, emptyCalendar)).toEqual([]);
    const late = checkClock({ receivedAt: '2026-03-02', extendedAt: '2026-03-31' }, emptyCalendar);
    expect(late).toEqual([{ field: 'extendedAt', message: expect.stringMatching(/晚于原答复期限 2026-03-30/) }]);
  });

  it('a reply ends the clock and says whether it was on time', () => {
    expect(computeDeadline({ receivedAt: '2026-03-02', repliedAt: '2026-03-30' }, '2026-05-01', emptyCalendar)).toMatchObject({
      state: 'replied',
      daysLeft: null,
      repliedOnTime: true,
    });
    expect(computeDeadline({ receivedAt: '2026-03-02', repliedAt: '2026-03-31' }, '2026-05-01', emptyCalendar)).toMatchObject({
      repliedOnTime: false,
    });
  });

  it('refuses dates out of order, with the field and a Chinese message', () => {
    expect(checkClock({ receivedAt: '' }, emptyCalendar)[0]).toMatchObject({
      field: 'receivedAt',
      message: expect.stringMatching(/请填写收到申请日期/),
    });
    expect(checkClock({ receivedAt: '2026-03-02', repliedAt: '2026-03-01' }, emptyCalendar)).toEqual([
      { field: 'repliedAt', message: expect.stringMatching(/早于收到申请日期/) },
    ]);
    expect(checkClock({ receivedAt: '2026-03-02', amendmentReceivedAt: '2026-03-09' }, emptyCalendar)[0]!.message).toMatch(
      /没有补正通知日期/,
    );
    expect(checkClock({ receivedAt: '2026-13-02' }, emptyCalendar)[0]!.message).toMatch(/不是有效日期/);
  });
});

describe('the applicant', () => {
  const valid = {
    applicantKind: 'naturalPerson',
    applicantName: '张三',
    idType: 'residentId',
    idNumber: '11010519491231002x',
    phone: '0533-1234567',
    sought: '2025年本镇农村低保资金发放明细',
    informationFormat: 'paper',
    deliveryMethod: 'post',
    address: '山东省淄博市临淄区某路 1 号',
  };

  it('checks the resident ID (GB 11643) and the credit code (GB 32100) with their check characters', () => {
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
    expect(residentIdProblem('110105194912310021')).toMatch(/校验位不符/);
    expect(residentIdProblem('110105194902300020')).toMatch(/不是有效日期/);
    expect(residentIdProblem('1101051949')).toMatch(/应为 18 位/);
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/校验位不符/);
    expect(creditCodeProblem('91350100M00O100Y43')).toMatch(/不含 I、O、S、V、Z/);
  });

  it('accepts a complete application, upper-casing the ID', () => {
    const result = validateApplication(valid);
    expect(result.ok && result.application.idNumber).toBe('11010519491231002X');
  });

  it('refuses hostile input field by field, in Chinese, without cutting anything', () => {
    const result = validateApplication({
      ...valid,
      address: 'x'.repeat(201),
      sought: '',
      idNumber: '110105194912310021',
      email: 'a@b',
      phone: 'call me',
      applicantName: '<script>alert(1)</script>',
      purpose: 'a\u202Eb',
      applicantKind: '__proto__',
      informationFormat: ['paper'],
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['address', 'applicantName', 'sought', 'email', 'phone', 'purpose', 'applicantKind', 'informationFormat']),
    );
    expect(result.ok || result.problems.find((p) => p.field === 'address')!.message).toMatch(/最多 200 个字，现有 201 个字/);
    expect(result.ok || result.problems.find((p) => p.field === 'applicantName')!.message).toMatch(/不能包含 HTML 标记或脚本/);
    if (!result.ok) for (const p of result.problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('asks organisations for a credit code and a contact person, and a way to deliver', () => {
    const result = validateApplication({
      ...valid,
      applicantKind: 'legalService',
      idType: 'residentId',
      deliveryMethod: 'email',
      address: '',
    });
    const messages = result.ok ? [] : result.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/统一社会信用代码证书/);
    expect(messages).toMatch(/请填写联系人/);
    expect(messages).toMatch(/请填写电子邮箱/);
  });
});

describe('outcomes are the rows of table 三', () => {
  it('one outcome per leaf row of 三、本年度办理结果 in the 2021 form, without the total', () => {
    const table = reportTemplates['2021'].tables.find((t) => t.field === 'requestTable')!;
    expect(requestOutcomeKeys).toEqual(
      groupRows(table, 'outcomes')
        .map((r) => r.key)
        .filter((k) => k !== 'handledTotal'),
    );
    expect(requestOutcomeKeys).toHaveLength(21);
    expect(requestOutcomes.withheldStateSecret).toBe('（三）不予公开 1.属于国家秘密');
  });

  it('a 2019-format report counts the three 其他处理 outcomes in its single row', () => {
    const rows2019 = leafRows(reportTemplates['2019'].tables.find((t) => t.field === 'requestTable')!.blocks[0]!.rows).map((r) => r.key);
    for (const key of requestOutcomeKeys) expect(rows2019).toContain(outcomeRow(key, '2019'));
    expect(outcomeRow('otherUnpaidFee', '2019')).toBe('otherHandling');
    expect(outcomeRow('otherUnpaidFee', '2021')).toBe('otherUnpaidFee');
  });
});

describe('receipt numbers', () => {
  it('are random, 80 bits, and read back however typed', () => {
    const a = newReceiptNumber();
    expect(a).toMatch(/^YSQ(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(newReceiptNumber()).not.toBe(a);
    expect(normalizeReceiptNumber(a.toLowerCase().replace(/-/g, ' '))).toBe(a);
    expect(normalizeReceiptNumber('YSQ-0000-1111-2222-333O')).toBe('YSQ-0000-1111-2222-3330');
    expect(normalizeReceiptNumber('1 OR 1=1')).toBeUndefined();
    expect(normalizeReceiptNumber('YSQ-UUUU-1111-2222-3333')).toBeUndefined();
    expect(normalizeReceiptNumber(42)).toBeUndefined();
  });
});
