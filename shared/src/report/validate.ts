import { blocksText } from '../richtext.js';
import { sumRules, textRules, type RuleId, type Severity, type SumRule, type Term } from './rules.js';
import { reportTemplates } from './templates.js';
import {
  cellName,
  columnName,
  groupRows,
  isMoneyUnit,
  leafColumns,
  leafRows,
  MONEY_DECIMALS,
  moneyUnitKey,
  moneyUnitOf,
  rowName,
  tableCells,
  type CellRef,
  type MoneyUnit,
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
  /** The unit each money cell without a form unit was printed in (`MoneyUnits`; checked as R8). */
  moneyUnits?: unknown;
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

function show(value: unknown): string {
  if (value === undefined) return '未填';
  if (value === null) return '不适用';
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  return `“${String(value)}”`;
}

// ── R8: what a cell may hold ───────────────────────────────────────────────────────────────

/** The decimals a finite number is written with (up to 20), as people type it. */
function decimals(value: number): number {
  for (let n = 0; n <= 20; n++) if (Number(value.toFixed(n)) === value) return n;
  return 21;
}

const DECIMAL_WORDS = ['零', '一', '二', '三', '四', '五', '六', '七', '八'];

function cellProblem(value: unknown, ref: CellRef, unit: MoneyUnit | undefined, complete: boolean): string | undefined {
  if (value === undefined) return complete ? '未填写（填 0，或不适用时填 /）' : undefined;
  if (value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `应为数字，实为 ${show(value)}`;
  if (ref.kind === 'count' && !(Number.isInteger(value) && value >= 0)) return `应为非负整数，实为 ${show(value)}`;
  if (ref.kind === 'signedCount' && !Number.isInteger(value)) return `应为整数（减少用负数），实为 ${show(value)}`;
  if (ref.kind === 'money' && !(value >= 0 && decimals(value) <= MONEY_DECIMALS)) {
    return `应为不小于 0、最多${DECIMAL_WORDS[MONEY_DECIMALS]}位小数的金额（单位：${unit}），实为 ${show(value)}`;
  }
  return undefined;
}

function checkCells(report: ReportFigures, table: TableTemplate, complete: boolean): Finding[] {
  const data = tableOf(report, table.field);
  const findings: Finding[] = [];
  const r8 = (row: string, column: string, actual: unknown, message: string) =>
    findings.push({ rule: 'R8', severity: 'error', table: table.field, row, column, actual, cells: [{ row, column }], message });
  const known = new Set<string>();
  for (const ref of tableCells(table)) {
    const { row, column } = ref;
    known.add(`${row}\u0000${column}`);
    const value = data[row]?.[column];
    const problem = cellProblem(value, ref, moneyUnitOf(table, row, column, report.moneyUnits), complete);
    if (problem) r8(row, column, value, `${cellName(table, row, column)}：${problem}`);
  }
  for (const [row, columns] of Object.entries(data)) {
    for (const column of Object.keys(columns ?? {})) {
      if (!known.has(`${row}\u0000${column}`)) {
        r8(row, column, columns[column], `表${table.number}：单元格 ${row}.${column} 不属于本报告所用的格式，请按格式重新填写`);
      }
    }
  }
  return findings;
}

/**
 * R8 on `moneyUnits`: each key names a money cell of this report's format that the form prints
 * no unit for, each value is 元 or 万元 (docs/domain.md §4.1).
 */
function checkMoneyUnits(report: ReportFigures): Finding[] {
  const units = report.moneyUnits;
  if (units === undefined || units === null) return [];
  const template = reportTemplates[report.templateVersion];
  const first = template.tables[0]!;
  const finding = (table: TableField, row: string, column: string, actual: unknown, message: string): Finding => ({
    rule: 'R8',
    severity: 'error',
    table,
    row,
    column,
    actual,
    cells: [{ row, column }],
    message,
  });
  if (typeof units !== 'object' || Array.isArray(units)) {
    return [finding(first.field, '', '', units, '金额单位（moneyUnits）应为“表字段.行.列”到“元”或“万元”的对应表')];
  }
  const out: Finding[] = [];
  for (const [key, unit] of Object.entries(units as Record<string, unknown>)) {
    const cell = template.tables
      .flatMap((table) => tableCells(table).map((ref) => ({ table, ref })))
      .find(({ table, ref }) => ref.kind === 'money' && moneyUnitKey(table.field, ref.row, ref.column) === key);
    if (!cell) {
      out.push(finding(first.field, '', '', unit, `金额单位：“${key}”不是本报告所用格式（${report.templateVersion} 版）中的金额单元格`));
      continue;
    }
    const { table, ref } = cell;
    const name = cellName(table, ref.row, ref.column);
    if (!isMoneyUnit(unit))
      out.push(finding(table.field, ref.row, ref.column, unit, `${name}：金额单位应为“元”或“万元”，实为 ${show(unit)}`));
    else if (ref.unit && unit !== ref.unit) {
      out.push(
        finding(table.field, ref.row, ref.column, unit, `${name}：格式规定的单位为${ref.unit}，不能改为${unit}，请按${ref.unit}填写金额`),
      );
    }
  }
  return out;
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
    const read = (cell: CellAddress): unknown => tableOf(cell.from ? previous! : report, rule.table)[cell.row]?.[cell.column];

    for (const instance of ruleInstances(rule, table)) {
      const cells = [instance.target, ...instance.terms];
      const values = cells.map(read);
      // Unfilled or malformed cells are R8's business; a rule over them says nothing.
      if (values.some((v) => v === undefined || (v !== null && (typeof v !== 'number' || !Number.isFinite(v))))) continue;
      const name = cellName(table, instance.target.row, instance.target.column);
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

/** Full-width digits (Chinese input methods) as ASCII, so that “７０件” reads as 70. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

/** The clause a match stands in, up to the match: the text after the last 。，；. */
function clauseBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  return before.slice(Math.max(...['。', '，', '；', ',', ';', '\n'].map((p) => before.lastIndexOf(p))) + 1);
}

/** The cells of a reading: one cell by its name, a sum as `表三 （一）予以公开 + （二）部分公开… · 总计`. */
function readingName(table: TableTemplate, cells: ReadonlyArray<{ row: string; column: string }>): string {
  if (cells.length === 1) return cellName(table, cells[0]!.row, cells[0]!.column);
  return `表${table.number} ${cells.map((c) => rowName(table, c.row)).join(' + ')} · ${columnName(table, cells[0]!.column)}`;
}

function checkText(report: ReportFigures): Finding[] {
  const text = asciiDigits((report.overviewTexts ?? []).map(blocksText).join('\n'));
  if (!text) return [];
  const template = reportTemplates[report.templateVersion];
  const findings: Finding[] = [];
  // A phrase read by one rule is not read again by a later one (予以公开及部分公开258件 is not 部分公开258件).
  const taken: Array<readonly [number, number]> = [];
  for (const rule of textRules) {
    const table = template.tables.find((t) => t.field === rule.table);
    if (!table) continue;
    const data = tableOf(report, rule.table);
    const sums = rule.readings.map((cells) => {
      const values = cells.map((c) => data[c.row]?.[c.column]);
      return values.every((v) => typeof v === 'number') ? (values as number[]).reduce((a, b) => a + b, 0) : undefined;
    });
    for (const match of text.matchAll(new RegExp(rule.pattern, 'g'))) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([a, b]) => start < b && a < end)) continue;
      taken.push([start, end]);
      if (rule.notAfter && new RegExp(rule.notAfter).test(clauseBefore(text, start))) continue;
      if (match.groups?.year !== undefined && Number(match.groups.year) !== report.year + 1) continue;
      const known = sums.filter((v): v is number => v !== undefined);
      const quoted = Number(match.groups?.n ?? match[1]);
      if (known.length === 0 || known.some((v) => Math.abs(v - quoted) < 1e-9)) continue;
      const [first] = rule.readings[0]!;
      const actual = sums[0];
      const others = rule.readings
        .map((_, i) => (i > 0 && sums[i] !== undefined && sums[i] !== actual ? `${rule.readingNames?.[i] ?? '另一读法'}为 ${sums[i]}` : ''))
        .filter(Boolean);
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        table: rule.table,
        row: first!.row,
        column: first!.column,
        expected: quoted,
        actual: actual ?? known[0],
        cells: rule.readings.flat().map(({ row, column }) => ({ row, column })),
        message:
          `${readingName(table, rule.readings[0]!)}：应为 ${quoted}（${rule.quote}：“${match[0].trim()}”），实为 ${show(actual)}` +
          (others.length ? `（${others.join('，')}，亦不相符）` : ''),
      });
    }
  }
  return findings;
}

/** Every finding on a report: errors before warnings; within each, cell checks (R8), then the rules in order. */
export function validateReport(report: ReportFigures, options: ValidateOptions = {}): Finding[] {
  const template = reportTemplates[report.templateVersion];
  const cells = template.tables.flatMap((table) => checkCells(report, table, options.complete ?? false));
  const findings = [...cells, ...checkMoneyUnits(report), ...checkSums(report, options.previous), ...checkText(report)];
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
