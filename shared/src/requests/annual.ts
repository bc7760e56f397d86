import { applicantKinds, type ApplicantKind } from './applicant.js';
import { outcomeRow } from './outcomes.js';
import { requestTableRowKeys } from './table.js';
import type { TableData, TemplateVersion } from '../report/template.js';

/*
 * Table 三 of an agency's annual report, counted from its request records (docs/requests.md):
 * - 一、本年新收: received in the year;
 * - 二、上年结转: received before the year and not replied before it;
 * - 三、本年度办理结果: replied in the year, in the row of its outcome (a 2019 report counts the
 *   three 其他处理 outcomes in its single row), with （七）总计 their sum;
 * - 四、结转下年度继续办理: received by the year's end and not replied by then.
 * Each in its applicant column, and 总计 the sum of the six. 一 + 二 = 三（七） + 四 (R1) holds by
 * construction: every request counted in 一 or 二 is either replied in the year or carried on.
 */

export type RequestRecord = { applicantKind: string; receivedAt: string; repliedAt?: string | null; outcome?: string | null };

const KINDS = Object.keys(applicantKinds) as ApplicantKind[];

export function countRequestTable(requests: readonly RequestRecord[], year: number, version: TemplateVersion): TableData {
  const [first, last] = [`${year}-01-01`, `${year}-12-31`];
  const table: TableData = Object.fromEntries(
    requestTableRowKeys(version).map((row) => [row, Object.fromEntries([...KINDS, 'total'].map((c) => [c, 0]))]),
  );
  const add = (row: string, kind: string) => {
    table[row]![kind] = (table[row]![kind] ?? 0) + 1;
    table[row]!.total = (table[row]!.total ?? 0) + 1;
  };
  for (const request of requests) {
    if (!KINDS.includes(request.applicantKind as ApplicantKind)) continue;
    const kind = request.applicantKind;
    const replied = request.repliedAt ?? null;
    if (request.receivedAt > last) continue;
    if (request.receivedAt >= first) add('newRequests', kind);
    else if (!replied || replied >= first) add('carriedOver', kind);
    else continue;
    if (replied && replied <= last && request.outcome) {
      add(outcomeRow(request.outcome, version), kind);
      add('handledTotal', kind);
    } else add('carriedForward', kind);
  }
  return table;
}
