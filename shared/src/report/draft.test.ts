import { describe, expect, it } from 'vitest';
import { draftAnnualReport, type PolicyRecord } from './draft.js';
import { validateReport, type ReportFigures } from './validate.js';
import type { RequestRecord } from '../requests/annual.js';

// A year of one agency's requests, each annotated with where 2025's table 三 counts it.
const requests: RequestRecord[] = [
  { applicantKind: 'naturalPerson', receivedAt: '2024-11-20', repliedAt: '2025-01-10', outcome: 'disclosed' }, // 二 + （一）
  { applicantKind: 'commercial', receivedAt: '2024-12-30' }, // 二 + 四
  { applicantKind: 'naturalPerson', receivedAt: '2024-06-01', repliedAt: '2024-07-01', outcome: 'disclosed' }, // not in 2025
  { applicantKind: 'research', receivedAt: '2025-03-01', repliedAt: '2025-03-20', outcome: 'withheldStateSecret' }, // 一 + （三）1
  { applicantKind: 'naturalPerson', receivedAt: '2025-05-05', repliedAt: '2025-06-01', outcome: 'otherUnpaidFee' }, // 一 + （六）2
  { applicantKind: 'legalService', receivedAt: '2025-12-20', repliedAt: '2026-01-05', outcome: 'partiallyDisclosed' }, // 一 + 四
  { applicantKind: 'naturalPerson', receivedAt: '2026-01-02' }, // not in 2025
  { applicantKind: 'otherOrg', receivedAt: '2025-02-02' }, // 一 + 四
];

const policies: PolicyRecord[] = [
  { documentClass: 'normativeDocument', writtenDate: '2025-03-01', publishDate: '2025-03-05', validity: 'valid' }, // 制发, 有效
  {
    documentClass: 'normativeDocument',
    writtenDate: '2023-01-01',
    publishDate: '2023-01-05',
    validity: 'repealed',
    invalidDate: '2025-08-01',
  }, // 废止
  { documentClass: 'normativeDocument', writtenDate: '2024-12-28', publishDate: '2025-01-04', validity: 'valid' }, // 有效 (written 2024)
  { documentClass: 'normativeDocument', writtenDate: '2025-11-01', publishDate: '2026-01-03', validity: 'valid' }, // 制发, 有效
  { documentClass: 'regulation', writtenDate: '2020-05-01', publishDate: '2020-05-02', validity: 'valid' }, // 规章 有效
  { documentClass: null, writtenDate: '2025-04-01', publishDate: '2025-04-01', validity: 'valid' }, // not counted
];

const zeros = { naturalPerson: 0, commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0, total: 0 };
const row = (cells: Partial<typeof zeros>) => ({ ...zeros, ...cells });

describe('生成年报草稿', () => {
  it('counts table 三 from the request records, every cell', () => {
    const { requestTable, templateVersion } = draftAnnualReport({ year: 2025, requests, policies });
    expect(templateVersion).toBe('2021');
    const expected: Record<string, ReturnType<typeof row>> = {
      newRequests: row({ naturalPerson: 1, research: 1, legalService: 1, otherOrg: 1, total: 4 }),
      carriedOver: row({ naturalPerson: 1, commercial: 1, total: 2 }),
      disclosed: row({ naturalPerson: 1, total: 1 }),
      withheldStateSecret: row({ research: 1, total: 1 }),
      otherUnpaidFee: row({ naturalPerson: 1, total: 1 }),
      handledTotal: row({ naturalPerson: 2, research: 1, total: 3 }),
      carriedForward: row({ commercial: 1, legalService: 1, otherOrg: 1, total: 3 }),
    };
    for (const [key, cells] of Object.entries(requestTable!)) expect(cells, key).toEqual(expected[key] ?? zeros);
    expect(Object.keys(requestTable!)).toHaveLength(25);
  });

  it('counts table 二’s 规章 and 规范性文件 rows from the policy items', () => {
    expect(draftAnnualReport({ year: 2025, requests, policies }).proactiveTable).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 1 },
      normativeDocuments: { issued: 2, repealed: 1, inForce: 3 },
    });
    // 2020 in the 2019 format: 新制作 by 成文日期, 新公开 by 发布日期, 总数 published by the year's end.
    expect(draftAnnualReport({ year: 2020, requests: [], policies }).proactiveTable).toEqual({
      rules: { newlyMade: 1, newlyPublished: 1, totalPublished: 1 },
      normativeDocuments: { newlyMade: 0, newlyPublished: 0, totalPublished: 0 },
    });
  });

  it('passes the rules it can: R1–R3 hold on the counted table', () => {
    const draft = draftAnnualReport({ year: 2025, requests, policies });
    expect(validateReport(draft as ReportFigures).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('takes what last year’s report fixes (R6) and says where records and last year disagree (R5)', () => {
    const previous: ReportFigures = {
      year: 2024,
      templateVersion: '2021',
      proactiveTable: { rules: { issued: 0, repealed: 0, inForce: 1 }, normativeDocuments: { issued: 1, repealed: 0, inForce: 5 } },
      requestTable: { carriedForward: row({ naturalPerson: 2, commercial: 1, total: 3 }) },
      reviewTable: {},
    };
    const draft = draftAnnualReport({ year: 2025, requests, policies, previous });
    expect(draft.proactiveTable!.normativeDocuments).toEqual({ issued: 2, repealed: 1, inForce: 6 });
    expect(draft.proactiveTable!.rules!.inForce).toBe(1);
    expect(draft.requestTable!.carriedOver).toEqual(row({ naturalPerson: 1, commercial: 1, total: 2 }));
    expect(draft.notes).toEqual([
      'R5：按申请记录统计的上年结转（自然人）为 1，2024 年度报告的结转下年度为 2，请核对申请记录。',
      'R5：按申请记录统计的上年结转（总计）为 2，2024 年度报告的结转下年度为 3，请核对申请记录。',
    ]);
  });

  it('in the 2019 format: 其他处理 in one row, and 上一年项目数量 from last year’s report (R7)', () => {
    const previous: ReportFigures = {
      year: 2019,
      templateVersion: '2019',
      proactiveTable: { licensing: { previousCount: 10, change: -2, decisions: 4 } },
      requestTable: {},
      reviewTable: {},
    };
    const draft = draftAnnualReport({
      year: 2020,
      requests: [{ applicantKind: 'socialWelfare', receivedAt: '2020-02-03', repliedAt: '2020-03-01', outcome: 'otherNoCorrection' }],
      policies: [],
      previous,
    });
    expect(draft.requestTable!.otherHandling).toEqual(row({ socialWelfare: 1, total: 1 }));
    expect(draft.requestTable!.otherNoCorrection).toBeUndefined();
    expect(draft.proactiveTable!.licensing).toEqual({ previousCount: 8 });
  });
});
