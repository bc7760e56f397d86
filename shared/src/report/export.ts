import { fromSpreadsheetText, spreadsheetText } from '../csv-safe.js';
import { archiveNotice } from './archive.js';
import { reportTemplates } from './templates.js';
import {
  APPLICANT_GROUP_LABEL,
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
  /** 原样归档 and its kept findings (archive.ts). */
  archivedAsPublished?: boolean | null;
  archivedFindings?: unknown;
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
  rows: Array<{
    key: string;
    label: string;
    block?: string;
    cells: Record<string, CellValue | undefined>;
    units?: Record<string, MoneyUnit>;
  }>;
};

export type OpenDataReport = {
  agency: { name: string; slug: string };
  year: number;
  templateVersion: TemplateVersion;
  issuedBy: string;
  title: string | null;
  publishDate: string | null;
  correctionNote: string | null;
  /** 原样归档: published as originally published; `archivedFindings` lists its inconsistencies (else empty). */
  archivedAsPublished: boolean;
  archivedFindings: Array<{ cell: string; message: string }>;
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
      ? columnLabels(c.children, c.label === APPLICANT_GROUP_LABEL ? path : [...path, c.label])
      : [{ key: c.key!, label: [...path, c.label].join(' '), kind: c.kind ?? 'count', ...(c.unit ? { unit: c.unit } : {}) }],
  );
}

function rowLabels(rows: readonly RowNode[], path: string[] = []): Array<{ key: string; label: string }> {
  return rows.flatMap((r) =>
    r.children?.length ? rowLabels(r.children, [...path, r.label]) : [{ key: r.key!, label: [...path, r.label].join(' ') }],
  );
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
    archivedAsPublished: report.archivedAsPublished === true,
    archivedFindings: archiveNotice(report.archivedAsPublished, report.archivedFindings)?.items ?? [],
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

/**
 * The CSV is long and tidy: one line per filled cell, so a spreadsheet can filter and pivot it
 * by 机构, 年度, 表, 行 and 列 without knowing the form. Headers are Chinese; the template keys a
 * program matches on are kept in their own columns (行键, 列键), never mixed into a header.
 * 数值 holds only numbers: a cell printed as “/” has an empty 数值 and 说明 “不适用”.
 */
export const CSV_HEADERS = ['机构', '年度', '格式版本', '表', '表名', '栏目', '行', '列', '数值', '单位', '说明', '行键', '列键'] as const;
type CsvHeader = (typeof CSV_HEADERS)[number];

/** The unit a cell's figure is counted in: the money unit, else 件 (the forms count 件 throughout). */
const unitOfCell = (kind: CellKind, unit: MoneyUnit | undefined): string => (kind === 'money' ? (unit ?? '') : '件');

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Reports of one template version as CSV: UTF-8 with a byte-order mark (so Excel reads the
 * Chinese), CRLF line ends, one line per cell that the report fills (不适用 included).
 */
export function reportsCsv(reports: readonly ExportableReport[]): string {
  const lines: string[][] = [[...CSV_HEADERS]];
  const version = reports[0]?.templateVersion;
  if (reports.some((r) => r.templateVersion !== version)) throw new Error('同一 CSV 文件中的报告应使用同一格式版本');
  for (const report of reports) {
    const open = reportOpenData(report);
    for (const table of open.tables) {
      const columns = new Map(table.columns.map((c) => [c.key, c]));
      for (const row of table.rows) {
        for (const [key, value] of Object.entries(row.cells)) {
          if (value === undefined) continue;
          const column = columns.get(key)!;
          const line: Record<CsvHeader, string> = {
            机构: spreadsheetText(report.agency.name),
            年度: String(report.year),
            格式版本: report.templateVersion,
            表: `表${table.number}`,
            表名: spreadsheetText(table.title),
            栏目: spreadsheetText(row.block ?? ''),
            行: spreadsheetText(row.label),
            列: spreadsheetText(column.label),
            数值: value === null ? '' : String(value),
            单位: unitOfCell(column.kind, row.units?.[key] ?? column.unit),
            说明: value === null ? '不适用' : '',
            行键: row.key,
            列键: key,
          };
          lines.push(CSV_HEADERS.map((h) => line[h]));
        }
      }
    }
  }
  return '\uFEFF' + lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field.replace(/\r$/, ''));
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  return records;
}

/** Parses this module's own CSV back to `field → row → column → value` per agency (for round trips and importers). */
export function parseReportsCsv(text: string): Map<string, Partial<Record<TableField, TableData>>> {
  const [header, ...rows] = csvRecords(text);
  const out = new Map<string, Partial<Record<TableField, TableData>>>();
  if (!header) return out;
  const at = Object.fromEntries(CSV_HEADERS.map((h) => [h, header.indexOf(h)])) as Record<CsvHeader, number>;
  const missing = CSV_HEADERS.filter((h) => at[h] < 0);
  if (missing.length) throw new Error(`CSV 缺少列：${missing.join('、')}（应为本平台导出的年度报告 CSV）`);
  for (const row of rows) {
    const version = row[at.格式版本] as TemplateVersion;
    const table = reportTemplates[version]?.tables.find((t) => `表${t.number}` === row[at.表]);
    if (!table) throw new Error(`CSV 中“${row[at.表]}”不是 ${version} 版格式的统计表`);
    const agency = fromSpreadsheetText(row[at.机构]!);
    const tables = out.get(agency) ?? out.set(agency, {}).get(agency)!;
    const raw = row[at.数值]!;
    ((tables[table.field] ??= {})[row[at.行键]!] ??= {})[row[at.列键]!] = raw === '' && row[at.说明] === '不适用' ? null : Number(raw);
  }
  return out;
}
