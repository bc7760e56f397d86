import { fromSpreadsheetText, spreadsheetText } from '../csv-safe.js';
import { reportTemplates } from './templates.js';
import {
  moneyUnitKey,
  moneyUnitOf,
  tableCells,
  type CellKind,
  type CellValue,
  type ColumnNode,
  type MoneyUnit,
  type MoneyUnits,
  type RowNode,
  type TableData,
  type TableField,
  type TemplateVersion,
} from './template.js';

/*
 * Open data: a report's tables as keyed JSON (with labels and the template version) and as CSV
 * rows (one per table row). Both come from the template declaration, like the portal's tables.
 */

export type ExportableReport = {
  agency: { name: string; slug: string };
  year: number;
  templateVersion: TemplateVersion;
  title?: string | null;
  publishDate?: string | null;
  correctionNote?: string | null;
  /** The stored units of money cells whose form prints none (docs/domain.md §4.1). */
  moneyUnits?: unknown;
} & Partial<Record<TableField, TableData | null>>;

export type OpenDataTable = {
  field: TableField;
  number: string;
  title: string;
  /** `unit`: the unit the form prints for a money column (2021 收费: 万元). */
  columns: Array<{ key: string; label: string; kind: CellKind; unit?: MoneyUnit }>;
  /** `units`: the unit of each money cell of the row, whether the form or the report gives it. */
  rows: Array<{ key: string; label: string; block?: string; cells: Record<string, CellValue | undefined>; units?: Record<string, MoneyUnit> }>;
};

export type OpenDataReport = {
  agency: { name: string; slug: string };
  year: number;
  templateVersion: TemplateVersion;
  issuedBy: string;
  title: string | null;
  publishDate: string | null;
  correctionNote: string | null;
  /** How to read the cells. */
  legend: string;
  /** The unit of every money cell of the report, keyed like the stored `moneyUnits`. */
  moneyUnits: MoneyUnits;
  tables: OpenDataTable[];
};

export const OPEN_DATA_LEGEND =
  '单元格为填报的数字；null 表示不适用（表中印作“/”）；缺少的单元格表示未填报。' +
  '金额的单位见 moneyUnits 与各行的 units（“元”或“万元”）：2021 版“本年收费金额”按格式为万元；' +
  '2019 版“采购总金额”格式未注明单位，按报告所印，未注明的为元。';

/** The unit of every money cell of a report, keyed `"<field>.<row>.<column>"`. */
export function reportMoneyUnits(templateVersion: TemplateVersion, moneyUnits: unknown): MoneyUnits {
  const out: MoneyUnits = {};
  for (const table of reportTemplates[templateVersion].tables) {
    for (const { row, column, kind } of tableCells(table)) {
      if (kind === 'money') out[moneyUnitKey(table.field, row, column)] = moneyUnitOf(table, row, column, moneyUnits)!;
    }
  }
  return out;
}

function columnLabels(columns: readonly ColumnNode[], path: string[] = []): OpenDataTable['columns'] {
  return columns.flatMap((c) =>
    c.children?.length
      ? columnLabels(c.children, c.label === '申请人情况' ? path : [...path, c.label])
      : [{ key: c.key!, label: [...path, c.label].join(' '), kind: c.kind ?? 'count', ...(c.unit ? { unit: c.unit } : {}) }],
  );
}

function rowLabels(rows: readonly RowNode[], path: string[] = []): Array<{ key: string; label: string }> {
  return rows.flatMap((r) => (r.children?.length ? rowLabels(r.children, [...path, r.label]) : [{ key: r.key!, label: [...path, r.label].join(' ') }]));
}

export function reportOpenData(report: ExportableReport): OpenDataReport {
  const template = reportTemplates[report.templateVersion];
  return {
    agency: { name: report.agency.name, slug: report.agency.slug },
    year: report.year,
    templateVersion: report.templateVersion,
    issuedBy: template.issuedBy,
    title: report.title ?? null,
    publishDate: report.publishDate ?? null,
    correctionNote: report.correctionNote ?? null,
    legend: OPEN_DATA_LEGEND,
    moneyUnits: reportMoneyUnits(report.templateVersion, report.moneyUnits),
    tables: template.tables.map((table) => {
      const data = report[table.field] ?? {};
      const columns = new Map<string, OpenDataTable['columns'][number]>();
      const rows: OpenDataTable['rows'] = [];
      for (const block of table.blocks) {
        const own = columnLabels(block.columns);
        for (const c of own) columns.set(c.key, c);
        for (const row of rowLabels(block.rows)) {
          const cells: Record<string, CellValue | undefined> = {};
          const units: Record<string, MoneyUnit> = {};
          for (const c of own) {
            if (data[row.key]?.[c.key] !== undefined) cells[c.key] = data[row.key]![c.key]!;
            const unit = moneyUnitOf(table, row.key, c.key, report.moneyUnits);
            if (unit) units[c.key] = unit;
          }
          rows.push({
            key: row.key,
            label: block.rowHeaders === false ? table.title : row.label,
            ...(block.heading ? { block: block.heading } : {}),
            cells,
            ...(Object.keys(units).length ? { units } : {}),
          });
        }
      }
      return { field: table.field, number: table.number, title: table.title, columns: [...columns.values()], rows };
    }),
  };
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────

/** 金额单位: the unit of the row's money cells (元 or 万元), empty for a row without amounts. */
const CSV_FIXED = ['机构', '年度', '格式版本', '表', '栏目', '行键', '行', '金额单位'];

/** The CSV columns for a template version: the fixed ones, then every table's columns as 表X·列. */
function csvColumns(version: TemplateVersion): Array<{ field: TableField; key: string; header: string }> {
  return reportTemplates[version].tables.flatMap((table) => {
    const seen = new Set<string>();
    return table.blocks
      .flatMap((b) => columnLabels(b.columns))
      .filter((c) => !seen.has(c.key) && seen.add(c.key))
      .map((c) => ({ field: table.field, key: c.key, header: `表${table.number}·${c.label}（${c.key}）` }));
  });
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvValue(value: CellValue | undefined): string {
  if (value === undefined) return '';
  if (value === null) return '/';
  return String(value);
}

/**
 * Reports of one template version as CSV: UTF-8 with a byte-order mark (so Excel reads the
 * Chinese), CRLF line ends, one line per table row.
 */
export function reportsCsv(reports: readonly ExportableReport[]): string {
  if (reports.length === 0) return '\uFEFF' + CSV_FIXED.join(',') + '\r\n';
  const version = reports[0]!.templateVersion;
  if (reports.some((r) => r.templateVersion !== version)) throw new Error('同一 CSV 文件中的报告应使用同一格式版本');
  const columns = csvColumns(version);
  const lines = [[...CSV_FIXED, ...columns.map((c) => c.header)]];
  for (const report of reports) {
    const open = reportOpenData(report);
    for (const table of open.tables) {
      for (const row of table.rows) {
        lines.push([
          spreadsheetText(report.agency.name),
          String(report.year),
          version,
          `表${table.number}`,
          spreadsheetText(row.block ?? ''),
          row.key,
          spreadsheetText(row.label),
          [...new Set(Object.values(row.units ?? {}))].join('、'),
          ...columns.map((c) => (c.field === table.field ? csvValue(row.cells[c.key]) : '')),
        ]);
      }
    }
  }
  return '\uFEFF' + lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Parses this module's own CSV back to `field → row → column → value` per agency (for round trips and importers). */
export function parseReportsCsv(text: string): Map<string, Partial<Record<TableField, TableData>>> {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\n') record.push(field.replace(/\r$/, '')), records.push(record), (record = []), (field = '');
    else field += ch;
  }
  const [header, ...rows] = records;
  const version = rows[0]?.[2] as TemplateVersion | undefined;
  const out = new Map<string, Partial<Record<TableField, TableData>>>();
  if (!header || !version) return out;
  const columns = csvColumns(version);
  for (const row of rows) {
    const agency = fromSpreadsheetText(row[0]!);
    const tables = out.get(agency) ?? out.set(agency, {}).get(agency)!;
    columns.forEach((c, i) => {
      const raw = row[CSV_FIXED.length + i];
      if (raw === undefined || raw === '') return;
      const tableData = (tables[c.field] ??= {});
      (tableData[row[5]!] ??= {})[c.key] = raw === '/' ? null : Number(raw);
    });
  }
  return out;
}
