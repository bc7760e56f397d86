import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseReportsCsv, reportsCsv, type ExportableReport } from '@portal/shared';
import { reportsWorkbook } from '../../site/src/lib/xlsx.ts';
import { csvRecords } from '../helpers/csv.ts';

/*
 * Spreadsheet formula injection (OWASP “CSV Injection”): an agency name or title from the CMS that
 * begins with = + - @, a TAB or a CR is opened by Excel/WPS as a formula (=HYPERLINK, DDE). The
 * portal's CSV and XLSX downloads write such text cells with a leading ', and leave numbers alone:
 * a negative 本年增/减 is still the number −3.
 */

const HOSTILE = ['=HYPERLINK("http://evil.example/","点击查看")', "+1+cmd|'/C calc'!A0", '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '=1+1'];
const FORMULA_START = /^[=+\-@\t\r]/;

const report = (name: string, i: number): ExportableReport => ({
  agency: { name, slug: `hostile-${i}` },
  year: 2020,
  templateVersion: '2019',
  title: i === 0 ? '=1+1年度报告' : null,
  proactiveTable: { licensing: { previousCount: 5, change: -3, decisions: 2 } },
});

describe('spreadsheet downloads with hostile text', () => {
  const reports = HOSTILE.map(report);

  it("CSV: every text cell that could start a formula is prefixed with ', numbers stay numbers", () => {
    const csv = reportsCsv(reports);
    const rows = csvRecords(csv.replace(/^\uFEFF/, '')).slice(1);
    const names = new Set(rows.map((r) => r[0]));
    expect([...names].sort()).toEqual(HOSTILE.map((n) => `'${n}`).sort());
    for (const row of rows) {
      for (const cell of row) if (FORMULA_START.test(cell)) expect(cell, row.join(',')).toMatch(/^-\d+$/);
    }
    // The 本年增/减 of 行政许可 is the number −3 in each report's line (数值, by 行键 and 列键), not a neutralised text.
    const licensing = rows.filter((r) => r[11] === 'licensing' && r[12] === 'change');
    expect(licensing).toHaveLength(HOSTILE.length);
    for (const row of licensing) expect(row[8]).toBe('-3');
    // Read back by our own parser: the names as they were, the figures as numbers.
    const parsed = parseReportsCsv(csv);
    expect([...parsed.keys()].sort()).toEqual([...HOSTILE].sort());
    expect(parsed.get(HOSTILE[0]!)?.proactiveTable?.licensing?.change).toBe(-3);
  });

  it("XLSX: text cells that could start a formula are prefixed with ', the figures are numeric cells", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportsWorkbook(reports, 'agency')).buffer);
    // One sheet each, although the names hold characters a sheet name may not (: / [ ]) and two are the same once cleaned.
    expect(workbook.worksheets).toHaveLength(HOSTILE.length);
    expect(new Set(workbook.worksheets.map((w) => w.name)).size).toBe(HOSTILE.length);
    for (const sheet of workbook.worksheets) {
      const title = sheet.getCell(1, 1).value;
      expect(typeof title).toBe('string');
      // (The workbook stores a CR as a line feed.)
      expect(title as string).toMatch(/^'[=+\-@\t\r\n]/);
      const numbers: number[] = [];
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'number') numbers.push(cell.value);
          if (typeof cell.value === 'string') expect(cell.value, `${sheet.name}!${cell.address}`).not.toMatch(FORMULA_START);
          expect(cell.formula, `${sheet.name}!${cell.address}`).toBeFalsy();
        }),
      );
      expect(numbers).toContain(-3);
    }
  });
});
