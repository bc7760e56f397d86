import ExcelJS from 'exceljs';
import { layoutTable, placeCells, reportTemplates, spreadsheetText, type ExportableReport } from '@portal/shared';

/*
 * A report as an Excel workbook in the official layout: each table under its caption, header
 * cells merged as the form prints them (placed by the same layout as the portal's HTML tables),
 * figures as numbers, 不适用 as “/”, text that could read as a formula prefixed with ' (csv-safe.ts).
 */

const border = { style: 'thin' as const, color: { argb: 'FF8C959F' } };
const borders = { top: border, left: border, bottom: border, right: border };

/** Rows above the first table: title, format, blank. Each table: caption row, its grid, a blank row. */
export const XLSX_FIRST_TABLE_ROW = 4;

/**
 * A name Excel accepts for a sheet: at most 31 characters, none of : \ / ? * [ ] or control
 * characters, not starting or ending with ', and not already taken (ExcelJS throws otherwise, and
 * one agency named “区委/区政府” would fail the whole year's download).
 */
function sheetName(workbook: ExcelJS.Workbook, wanted: string): string {
  const base =
    wanted
      .replace(/[\u0000-\u001f]/g, '')
      .replace(/[:\\/?*[\]]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || '报告';
  const taken = new Set(workbook.worksheets.map((s) => s.name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 2)}（${n}）`;
  return name;
}

function addReportSheet(workbook: ExcelJS.Workbook, report: ExportableReport, wantedName: string): void {
  const sheet = workbook.addWorksheet(sheetName(workbook, wantedName));
  const template = reportTemplates[report.templateVersion];
  sheet.getColumn(1).width = 26;
  sheet.getCell(1, 1).value = spreadsheetText(report.title ?? `${report.agency.name}${report.year}年政府信息公开工作年度报告`);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `格式：${template.issuedBy}（${report.templateVersion}版）`;

  let top = XLSX_FIRST_TABLE_ROW;
  for (const table of template.tables) {
    // Headers carry the report's money units where the form prints none (采购总金额（单位：元）).
    const layout = layoutTable(table, report.moneyUnits);
    sheet.mergeCells(top, 1, top, layout.width);
    sheet.getCell(top, 1).value = `表${table.number}　${table.title}`;
    sheet.getCell(top, 1).font = { bold: true };
    top += 1;
    const data = report[table.field] ?? {};
    const { cells, height } = placeCells(layout);
    for (const { cell, top: r, left: c, colspan, rowspan } of cells) {
      const target = sheet.getCell(top + r, c + 1);
      if (cell.type === 'data') {
        const value = data[cell.ref.row]?.[cell.ref.column];
        target.value = value === null ? '/' : (value ?? null);
        target.alignment = { horizontal: value === null ? 'center' : 'right' };
      } else {
        target.value = spreadsheetText(cell.text);
        const columnHeader = cell.type === 'header' && cell.scope.startsWith('col');
        target.font = { bold: cell.type === 'heading' || columnHeader };
        target.alignment = { wrapText: true, vertical: 'middle', horizontal: columnHeader ? 'center' : 'left' };
      }
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) sheet.getCell(top + r + dr, c + 1 + dc).border = borders;
      if (colspan > 1 || rowspan > 1) sheet.mergeCells(top + r, c + 1, top + r + rowspan - 1, c + colspan);
    }
    top += height + 1;
  }
}

/** One workbook, one sheet per report: named by year for one agency's report, by agency in a year's bulk download. */
export async function reportsWorkbook(reports: readonly ExportableReport[], sheetsBy: 'year' | 'agency'): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '政府信息公开平台';
  for (const report of reports) addReportSheet(workbook, report, sheetsBy === 'year' ? `${report.year}年度报告` : report.agency.name);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
