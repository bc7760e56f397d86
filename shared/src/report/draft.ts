import { countRequestTable, type RequestRecord } from '../requests/annual.js';
import type { PolicyDocumentClass } from '../vocabularies.js';
import { sumRules } from './rules.js';
import { reportTemplates, templateVersionForYear } from './templates.js';
import { ruleInstances, type ReportFigures } from './validate.js';
import { columnName, type TableData, type TableField, type TemplateVersion } from './template.js';

/*
 * “生成年报草稿”: the figures of an agency's annual report that its records already hold, for the
 * editor to review and complete (docs/requests.md):
 * - table 三 counted from the request records (requests/annual.ts);
 * - table 二's 规章 and 规范性文件 rows counted from its published policy items by 文件类别:
 *   2021 format: 本年制发 = 成文日期 (else 发布日期) in the year, 本年废止 = 废止/失效 with the
 *   废止日期 in the year, 现行有效 = issued by the year's end and not 废止/失效 by then;
 *   2019 format: 本年新制作 = 成文日期 in the year, 本年新公开 = 发布日期 in the year,
 *   对外公开总数 = published by the year's end;
 * - the figures the previous year's report fixes, read from the cross-year rules themselves
 *   (R6 现行有效件数, R7 上一年项目数量); R5 (上年结转) is compared, not overwritten, because the
 *   counts keep R1 true and the editor must see where the records and last year's report differ.
 * Every other cell is left unfilled.
 */

export type PolicyRecord = {
  documentClass?: PolicyDocumentClass | null;
  writtenDate?: string | null;
  publishDate: string;
  validity: string;
  invalidDate?: string | null;
};

export type DraftFigures = Pick<ReportFigures, 'year' | 'templateVersion' | 'proactiveTable' | 'requestTable' | 'reviewTable'> & {
  /** For the editor, in Chinese: where a figure came from or where records and last year disagree. */
  notes: string[];
};

const ROWS: Record<PolicyDocumentClass, string> = { regulation: 'rules', normativeDocument: 'normativeDocuments' };
const ENDED = new Set(['repealed', 'expired']);

export function countPolicyRows(policies: readonly PolicyRecord[], year: number, version: TemplateVersion): TableData {
  const [first, last] = [`${year}-01-01`, `${year}-12-31`];
  const inYear = (d: string | null | undefined) => !!d && d >= first && d <= last;
  const table: TableData = {};
  for (const [documentClass, row] of Object.entries(ROWS)) {
    const items = policies.filter((p) => p.documentClass === documentClass);
    const made = (p: PolicyRecord) => p.writtenDate ?? p.publishDate;
    const endedBy = (p: PolicyRecord, day: string) => ENDED.has(p.validity) && (!p.invalidDate || p.invalidDate <= day);
    table[row] =
      version === '2021'
        ? {
            issued: items.filter((p) => inYear(made(p))).length,
            repealed: items.filter((p) => ENDED.has(p.validity) && inYear(p.invalidDate)).length,
            inForce: items.filter((p) => made(p) <= last && !endedBy(p, last)).length,
          }
        : {
            newlyMade: items.filter((p) => inYear(p.writtenDate)).length,
            newlyPublished: items.filter((p) => inYear(p.publishDate)).length,
            totalPublished: items.filter((p) => p.publishDate <= last).length,
          };
  }
  return table;
}

const FIXED_BY_PREVIOUS = new Set(['R6', 'R7']);

export function draftAnnualReport(input: {
  year: number;
  requests: readonly RequestRecord[];
  policies: readonly PolicyRecord[];
  previous?: ReportFigures | null;
}): DraftFigures {
  const { year, requests, policies } = input;
  const templateVersion = templateVersionForYear(year);
  if (!templateVersion) throw new Error(`${year} 年没有适用的年度报告格式（最早为 2019 年）`);
  const previous = input.previous && input.previous.year === year - 1 ? input.previous : null;
  const draft: DraftFigures = {
    year,
    templateVersion,
    proactiveTable: countPolicyRows(policies, year, templateVersion),
    requestTable: countRequestTable(requests, year, templateVersion),
    reviewTable: {},
    notes: [],
  };
  const template = reportTemplates[templateVersion];
  const tables: Record<TableField, TableData> = {
    proactiveTable: draft.proactiveTable!,
    requestTable: draft.requestTable!,
    reviewTable: draft.reviewTable!,
  };
  if (!previous) {
    draft.notes.push(
      `没有 ${year - 1} 年度的已发布报告：上年结转按申请记录统计，现行有效件数按政策文件统计，“上一年项目数量”等须手工填写。`,
    );
    return draft;
  }
  for (const rule of sumRules) {
    if (rule.versions && !rule.versions.includes(templateVersion)) continue;
    if (rule.previousVersions && !rule.previousVersions.includes(previous.templateVersion)) continue;
    const table = template.tables.find((t) => t.field === rule.table)!;
    for (const instance of ruleInstances(rule, table)) {
      if (!instance.terms.some((t) => t.from === 'previous')) continue;
      const values = instance.terms.map((t) => (t.from ? previous[rule.table] : tables[rule.table])?.[t.row]?.[t.column]);
      if (values.some((v) => typeof v !== 'number')) continue;
      const expected = instance.terms.reduce((sum, t, i) => sum + t.sign * (values[i] as number), 0);
      const { row, column } = instance.target;
      const current = tables[rule.table][row]?.[column];
      if (FIXED_BY_PREVIOUS.has(rule.id)) {
        (tables[rule.table][row] ??= {})[column] = expected;
      } else if (current !== expected) {
        draft.notes.push(
          `${rule.id}：按申请记录统计的上年结转（${columnName(table, column)}）为 ${String(current)}，${year - 1} 年度报告的结转下年度为 ${expected}，请核对申请记录。`,
        );
      }
    }
  }
  return draft;
}
