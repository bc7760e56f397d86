import { describe, expect, it } from 'vitest';
import { ARCHIVE_NOTICE_LEAD, archivedFinding, archiveNotice, keptByArchive, splitErrorsForArchive } from './archive.js';
import { reportTemplates } from './templates.js';
import { tableCells, type TableData } from './template.js';
import { validateReport, type Finding } from './validate.js';

/** A 2021 report, all 0, with 表三 （六）3.其他 总计 = 1 that neither its row nor （七）总计 adds up to. */
function figures() {
  const tables: Record<string, TableData> = {};
  for (const table of reportTemplates['2021'].tables) {
    const data: TableData = {};
    for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = 0;
    tables[table.field] = data;
  }
  tables.requestTable!.otherHandlingOther = { ...tables.requestTable!.otherHandlingOther, total: 1 };
  return { year: 2021, templateVersion: '2021' as const, ...tables };
}

describe('原样归档', () => {
  it('keeps the errors between cells, never R8, never warnings', () => {
    const report = figures();
    const fees = { amount: -1 };
    const findings = validateReport({ ...report, proactiveTable: { ...report.proactiveTable, fees } });
    const { kept, refused } = splitErrorsForArchive(findings);
    expect(kept.map((f) => f.rule)).toEqual(['R2', 'R3']);
    expect(refused.map((f) => f.rule)).toEqual(['R8']);
    const warning = { ...kept[0]!, severity: 'warning' } as Finding;
    expect(keptByArchive(warning)).toBe(false);
  });

  it('stores each kept finding with the cell as the validator names it', () => {
    const [r2, r3] = splitErrorsForArchive(validateReport(figures())).kept;
    expect(archivedFinding(r3!)).toEqual({
      rule: 'R3',
      table: 'requestTable',
      row: 'handledTotal',
      column: 'total',
      cell: '表三 （七）总计 · 总计',
      expected: 1,
      actual: 0,
      message: '表三 （七）总计 · 总计：应为 1（各处理结果之和），实为 0',
    });
    expect(archivedFinding(r2!).cell).toBe('表三 （六）其他处理 3.其他 · 总计');
  });

  it('the notice: only for an archived report with findings; stored JSON read defensively', () => {
    const stored = splitErrorsForArchive(validateReport(figures())).kept.map(archivedFinding);
    expect(archiveNotice(true, stored)).toEqual({
      lead: ARCHIVE_NOTICE_LEAD,
      items: stored.map(({ cell, message }) => ({ cell, message })),
    });
    expect(ARCHIVE_NOTICE_LEAD.startsWith('原报告数据存在以下不一致')).toBe(true);
    expect(archiveNotice(false, stored)).toBeNull();
    expect(archiveNotice(true, [])).toBeNull();
    expect(archiveNotice(true, '<script>')).toBeNull();
    expect(archiveNotice(true, [null, 3, { cell: 1 }, { message: '' }, { message: '表三：x' }])).toEqual({
      lead: ARCHIVE_NOTICE_LEAD,
      items: [{ cell: '', message: '表三：x' }],
    });
  });
});
