import { blocksText } from '../richtext.js';
import { sumRules, textRules, type RuleId, type Severity, type SumRule, type Term } from './rules.js';
import { reportTemplates } from './templates.js';
import {
  groupRows,
  leafColumns,
  leafRows,
  tableCells,
  type CellKind,
  type CellValue,
  type ColumnNode,
  type TableData,
  type TableField,
  type TableTemplate,
  type TemplateVersion,
} from './template.js';

/*
 * Checks an annual report against its template's rules (rules.ts). Pure: the CMS middleware, the
 * admin grid and the tests all call this one function.
 */

/** The parts of a report the rules read. */
export type ReportFigures = {
  year: number;
  templateVersion: TemplateVersion;
  proactiveTable?: TableData | null;
  requestTable?: TableData | null;
  reviewTable?: TableData | null;
  /** Sections of 一、总体情况 (blocks rich text), for R9. */
  overviewTexts?: readonly unknown[];
};

export type CellAddress = { row: string; column: string; from?: 'previous' };

export type Finding = {
  rule: RuleId;
  severity: Severity;
  table: TableField;
  /** The cell the finding is about. */
  row: string;
  column: string;
  expected?: number;
  actual?: unknown;
  /** Every cell the rule read: changing any of them may change the finding. */
  cells: CellAddress[];
  /** In Chinese, naming table, row, column, expected and actual value. */
  message: string;
};

export type ValidateOptions = {
  /** The same agency's report of the year before, for the cross-year rules (R5–R7). */
  previous?: ReportFigures | null;
  /** Every cell must be filled in (publishing). Drafts may be incomplete. */
  complete?: boolean;
};

// ── Labels ──────────────────────────────────────────────────────────────────────────────────

type Labels = { table: string; row: (key: string) => string; column: (key: string) => string };

function columnPaths(columns: readonly ColumnNode[], path: string[] = []): Array<{ key: string; path: string[] }> {
  return columns.flatMap((c) =>
    c.children?.length ? columnPaths(c.children, [...path, c.label]) : [{ key: c.key!, path: [...path, c.label] }],
  );
}

/** Row and column labels as an official names them: the leaf label, or its path where leaves repeat. */
function labelsOf(table: TableTemplate): Labels {
  const rows = new Map(table.blocks.flatMap((b) => leafRows(b.rows).map((r) => [r.key!, r.label] as const)));
  const paths = table.blocks.flatMap((b) => columnPaths(b.columns));
  const leafCount = new Map<string, Set<string>>();
  for (const p of paths) (leafCount.get(p.path.at(-1)!) ?? leafCount.set(p.path.at(-1)!, new Set()).get(p.path.at(-1)!)!).add(p.key);
  const columns = new Map<string, string>();
  for (const p of paths) {
    const leaf = p.path.at(-1)!;
    // 表四's 总计 appears three times: name it with its groups (行政复议 总计). The top group of 表三
    // (申请人情况) spans everything and names nothing.
    const unique = leafCount.get(leaf)!.size === 1;
    columns.set(p.key, unique ? leaf : p.path.filter((l) => l !== '申请人情况').join(' '));
  }
  return { table: `表${table.number}`, row: (k) => rows.get(k) ?? k, column: (k) => columns.get(k) ?? k };
}

function cellName(labels: Labels, table: TableTemplate, row: string, column: string): string {
  const rowHeaders = table.blocks.every((b) => b.rowHeaders !== false);
  return rowHeaders ? `${labels.table} ${labels.row(row)} · ${labels.column(column)}` : `${labels.table} ${labels.column(column)}`;
}

function show(value: unknown): string {
  if (value === undefined) return '未填';
  if (value === null) return '不适用';
  if (typeof value === 'number') return String(Number(value.toFixed(6)));
  return `“${String(value)}”`;
}

// ── R8: what a cell may hold ───────────────────────────────────────────────────────────────

function cellProblem(value: unknown, kind: CellKind, complete: boolean): string | undefined {
  if (value === undefined) return complete ? '未填写（不适用的单元格请标记为“/”）' : undefined;
  if (value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `应为数字，实为 ${show(value)}`;
  if (kind === 'count' && !(Number.isInteger(value) && value >= 0)) return `应为非负整数，实为 ${show(value)}`;
  if (kind === 'signedCount' && !Number.isInteger(value)) return `应为整数（减少用负数），实为 ${show(value)}`;
  if (kind === 'money' && !(value >= 0 && Number(value.toFixed(4)) === value)) {
    return `应为不小于 0、最多四位小数的金额（万元），实为 ${show(value)}`;
  }
  return undefined;
}

function checkCells(table: TableTemplate, data: TableData, labels: Labels, complete: boolean): Finding[] {
  const findings: Finding[] = [];
  const r8 = (row: string, column: string, actual: unknown, message: string) =>
    findings.push({ rule: 'R8', severity: 'error', table: table.field, row, column, actual, cells: [{ row, column }], message });
  const known = new Set<string>();
  for (const { row, column, kind } of tableCells(table)) {
    known.add(`${row}\u0000${column}`);
    const value = data[row]?.[column];
    const problem = cellProblem(value, kind, complete);
    if (problem) r8(row, column, value, `${cellName(labels, table, row, column)}：${problem}`);
  }
  for (const [row, columns] of Object.entries(data)) {
    for (const column of Object.keys(columns ?? {})) {
      if (!known.has(`${row}\u0000${column}`)) {
        r8(row, column, columns[column], `${labels.table}：单元格 ${row}.${column} 不属于本报告所用的格式，请按格式重新填写`);
      }
    }
  }
  return findings;
}

// ── Sum rules ─────────────────────────────────────────────────────────────────────────────

type Instance = { target: CellAddress; terms: Array<CellAddress & { sign: 1 | -1 }> };

function termsOf(rule: SumRule, table: TableTemplate): readonly Term[] {
  if (Array.isArray(rule.terms)) return rule.terms;
  const { group, except } = rule.terms as { group: string; except: readonly string[] };
  return groupRows(table, group)
    .map((r) => r.key!)
    .filter((key) => !except.includes(key))
    .map((row) => ({ row }));
}

/** The checks a rule makes on a table: one per row or per column it applies to. */
export function ruleInstances(rule: SumRule, table: TableTemplate): Instance[] {
  const terms = termsOf(rule, table);
  const out: Instance[] = [];
  for (const block of table.blocks) {
    const rows = leafRows(block.rows).map((r) => r.key!);
    const columns = leafColumns(block.columns).map((c) => c.key!);
    if (rule.each === 'row') {
      if (!columns.includes(rule.target)) continue;
      for (const row of rows.filter((r) => !rule.over || rule.over.includes(r))) {
        out.push({
          target: { row, column: rule.target },
          terms: terms.map((t) => ({ row: t.row ?? row, column: t.column!, sign: t.sign ?? 1, ...(t.from ? { from: t.from } : {}) })),
        });
      }
    } else {
      if (!rows.includes(rule.target)) continue;
      for (const column of columns.filter((c) => !rule.over || rule.over.includes(c))) {
        out.push({
          target: { row: rule.target, column },
          terms: terms.map((t) => ({ row: t.row!, column: t.column ?? column, sign: t.sign ?? 1, ...(t.from ? { from: t.from } : {}) })),
        });
      }
    }
  }
  return out;
}

function tableOf(report: ReportFigures, field: TableField): TableData {
  return report[field] ?? {};
}

function checkSums(report: ReportFigures, previous: ReportFigures | null | undefined): Finding[] {
  const template = reportTemplates[report.templateVersion];
  const findings: Finding[] = [];
  for (const rule of sumRules) {
    if (rule.versions && !rule.versions.includes(report.templateVersion)) continue;
    const table = template.tables.find((t) => t.field === rule.table);
    if (!table) continue;
    const crossYear = termsOf(rule, table).some((t) => t.from === 'previous');
    if (crossYear && (!previous || previous.year !== report.year - 1)) continue;
    if (crossYear && rule.previousVersions && !rule.previousVersions.includes(previous!.templateVersion)) continue;
    const labels = labelsOf(table);
    const read = (cell: CellAddress): unknown => tableOf(cell.from ? previous! : report, rule.table)[cell.row]?.[cell.column];

    for (const instance of ruleInstances(rule, table)) {
      const cells = [instance.target, ...instance.terms];
      const values = cells.map(read);
      // Unfilled or malformed cells are R8's business; a rule over them says nothing.
      if (values.some((v) => v === undefined || (v !== null && (typeof v !== 'number' || !Number.isFinite(v))))) continue;
      const name = cellName(labels, table, instance.target.row, instance.target.column);
      if (values.some((v) => v === null)) {
        if (values.every((v) => v === null)) continue;
        findings.push({
          rule: rule.id,
          severity: 'warning',
          table: rule.table,
          row: instance.target.row,
          column: instance.target.column,
          cells: cells.map(({ row, column, from }) => ({ row, column, ...(from ? { from } : {}) })),
          message: `${name}：涉及标为“不适用”的单元格，未按${rule.id}（${rule.explain}）校验`,
        });
        continue;
      }
      const [actual, ...terms] = values as number[];
      const expected = instance.terms.reduce((sum, t, i) => sum + t.sign * terms[i]!, 0);
      if (Math.abs(expected - actual!) < 1e-9) continue;
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        table: rule.table,
        row: instance.target.row,
        column: instance.target.column,
        expected,
        actual,
        cells: cells.map(({ row, column, from }) => ({ row, column, ...(from ? { from } : {}) })),
        message: `${name}：应为 ${show(expected)}（${rule.explain}），实为 ${show(actual)}`,
      });
    }
  }
  return findings;
}

// ── R9: figures quoted in the text ────────────────────────────────────────────────────────

function checkText(report: ReportFigures): Finding[] {
  const text = (report.overviewTexts ?? []).map(blocksText).join('\n');
  if (!text) return [];
  const template = reportTemplates[report.templateVersion];
  const findings: Finding[] = [];
  for (const rule of textRules) {
    const table = template.tables.find((t) => t.field === rule.table);
    const value: CellValue | undefined = tableOf(report, rule.table)[rule.row]?.[rule.column];
    if (!table || typeof value !== 'number') continue;
    for (const match of text.matchAll(new RegExp(rule.pattern, 'g'))) {
      const quoted = Number(match[1]);
      if (quoted === value) continue;
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        table: rule.table,
        row: rule.row,
        column: rule.column,
        expected: quoted,
        actual: value,
        cells: [{ row: rule.row, column: rule.column }],
        message: `${cellName(labelsOf(table), table, rule.row, rule.column)}：应为 ${quoted}（${rule.quote}：“${match[0].trim()}”），实为 ${show(value)}`,
      });
    }
  }
  return findings;
}

/** Every finding on a report: errors before warnings; within each, cell checks (R8), then the rules in order. */
export function validateReport(report: ReportFigures, options: ValidateOptions = {}): Finding[] {
  const template = reportTemplates[report.templateVersion];
  const cells = template.tables.flatMap((table) => checkCells(table, tableOf(report, table.field), labelsOf(table), options.complete ?? false));
  const findings = [...cells, ...checkSums(report, options.previous), ...checkText(report)];
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
