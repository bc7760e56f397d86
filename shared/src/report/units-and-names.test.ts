/*
 * Money units (docs/domain.md §4.1–§4.2) and cell names (§3.6): every amount carries the unit the
 * form or the report prints, and every message names a cell so that it can be found on the form.
 */
import { describe, it, expect } from 'vitest';
import { validateReport, type ReportFigures } from './validate.js';
import { reportTemplates } from './templates.js';
import {
  tableFields,
  cellName,
  moneyUnitOf,
  rowName,
  tableCells,
  type TableData,
  type TableField,
  type TableTemplate,
  type TemplateVersion,
} from './template.js';
import { OPEN_DATA_LEGEND, parseReportsCsv, reportOpenData, reportsCsv, type ExportableReport } from './export.js';
import { formatCell } from './format.js';

const fields: readonly TableField[] = tableFields;
const tableOf = (version: TemplateVersion, field: TableField): TableTemplate =>
  reportTemplates[version].tables.find((t) => t.field === field)!;

function zeros(version: TemplateVersion, year: number): ReportFigures {
  const report: ReportFigures = { year, templateVersion: version };
  for (const field of fields) {
    const data: TableData = {};
    for (const { row, column } of tableCells(tableOf(version, field))) (data[row] ??= {})[column] = 0;
    report[field] = data;
  }
  return report;
}

const PROCUREMENT = 'proactiveTable.procurement.totalAmount';

describe('cell names carry the parent group where the leaf number repeats', () => {
  const request2021 = tableOf('2021', 'requestTable');
  const request2019 = tableOf('2019', 'requestTable');

  it('names the 1.–8. rows with their group', () => {
    expect(cellName(request2021, 'otherHandlingOther', 'total')).toBe('表三 （六）其他处理 3.其他 · 总计');
    expect(rowName(request2021, 'withheldStateSecret')).toBe('（三）不予公开 1.属于国家秘密');
    expect(rowName(request2021, 'unavailableUnclear')).toBe('（四）无法提供 3.补正后申请内容仍不明确');
    expect(rowName(request2019, 'notHandledPublication')).toBe('（五）不予处理 3.要求提供公开出版物');
    // 6. occurs once: its own label is enough to find it.
    expect(rowName(request2019, 'withheldProcessInfo')).toBe('6.属于四类过程性信息');
  });

  it('names a row whose number is unique by its own label', () => {
    expect(rowName(request2021, 'disclosed')).toBe('（一）予以公开');
    expect(rowName(request2019, 'otherHandling')).toBe('（六）其他处理');
    expect(rowName(request2021, 'newRequests')).toBe('一、本年新收政府信息公开申请数量');
    expect(rowName(tableOf('2019', 'proactiveTable'), 'rules')).toBe('规章');
    expect(cellName(tableOf('2021', 'reviewTable'), 'cases', 'directTotal')).toBe('表四 行政诉讼 未经复议直接起诉 总计');
  });

  it('every leaf row has a name of its own in every table', () => {
    for (const version of ['2019', '2021'] as const) {
      for (const field of fields) {
        const table = tableOf(version, field);
        const rows = [...new Set(tableCells(table).map((c) => c.row))];
        expect(new Set(rows.map((r) => rowName(table, r))).size, `${version} ${field}`).toBe(rows.length);
      }
    }
  });

  it('the validator names the cell that way (R2 on （六）3.其他, R8 on （四）1.)', () => {
    const report = zeros('2021', 2022);
    report.requestTable!.otherHandlingOther!.total = 2;
    report.requestTable!.otherHandlingOther!.naturalPerson = 2;
    report.requestTable!.otherHandlingOther!.commercial = 1;
    delete report.requestTable!.unavailableNotHeld!.research;
    const messages = validateReport(report, { complete: true }).map((f) => f.message);
    expect(messages).toContain('表三 （六）其他处理 3.其他 · 总计：应为 3（各类申请人之和），实为 2');
    expect(messages).toContain('表三 （四）无法提供 1.本机关不掌握相关政府信息 · 科研机构：未填写（填 0，或不适用时填 /）');
  });
});

describe('money units', () => {
  it('the 2021 fee is 万元 by the form; the 2019 procurement amount has no form unit and defaults to 元', () => {
    expect(moneyUnitOf(tableOf('2021', 'proactiveTable'), 'fees', 'amount')).toBe('万元');
    expect(moneyUnitOf(tableOf('2021', 'proactiveTable'), 'fees', 'amount', { 'proactiveTable.fees.amount': '元' })).toBe('万元');
    expect(moneyUnitOf(tableOf('2019', 'proactiveTable'), 'procurement', 'totalAmount')).toBe('元');
    expect(moneyUnitOf(tableOf('2019', 'proactiveTable'), 'procurement', 'totalAmount', { [PROCUREMENT]: '万元' })).toBe('万元');
    expect(moneyUnitOf(tableOf('2019', 'proactiveTable'), 'procurement', 'projectCount')).toBeUndefined();
  });

  it('R8 says the unit the report uses (元 by default, 万元 when stored so)', () => {
    const report = zeros('2019', 2020);
    report.proactiveTable!.procurement!.totalAmount = -5;
    expect(validateReport(report).map((f) => f.message)).toEqual([
      '表二 政府集中采购 · 采购总金额：应为不小于 0、最多六位小数的金额（单位：元），实为 -5',
    ]);
    expect(validateReport({ ...report, moneyUnits: { [PROCUREMENT]: '万元' } }).map((f) => f.message)).toEqual([
      '表二 政府集中采购 · 采购总金额：应为不小于 0、最多六位小数的金额（单位：万元），实为 -5',
    ]);
  });

  it('amounts printed in 元 are stored as printed (251000元, 3802895.90元)', () => {
    for (const amount of [251000, 3802895.9]) {
      const report = zeros('2019', 2020);
      report.proactiveTable!.procurement!.totalAmount = amount;
      expect(validateReport({ ...report, moneyUnits: { [PROCUREMENT]: '元' } }, { complete: true })).toEqual([]);
    }
  });

  it('R8 refuses a unit other than 元/万元, a unit against the form, a key that is no money cell, a moneyUnits that is no object', () => {
    const messages = (version: TemplateVersion, moneyUnits: unknown) =>
      validateReport({ ...zeros(version, version === '2019' ? 2020 : 2022), moneyUnits }).map(
        (f) => `${f.rule} ${f.severity} ${f.message}`,
      );
    expect(messages('2019', { [PROCUREMENT]: '千元' })).toEqual([
      'R8 error 表二 政府集中采购 · 采购总金额：金额单位应为“元”或“万元”，实为 “千元”',
    ]);
    expect(messages('2021', { 'proactiveTable.fees.amount': '元' })).toEqual([
      'R8 error 表二 行政事业性收费 · 本年收费金额（单位：万元）：格式规定的单位为万元，不能改为元，请按万元填写金额',
    ]);
    expect(messages('2021', { [PROCUREMENT]: '元' })).toEqual([
      `R8 error 金额单位：“${PROCUREMENT}”不是本报告所用格式（2021 版）中的金额单元格`,
    ]);
    expect(messages('2019', ['元'])).toEqual(['R8 error 金额单位（moneyUnits）应为“表字段.行.列”到“元”或“万元”的对应表']);
    expect(messages('2019', null)).toEqual([]);
    expect(messages('2019', { [PROCUREMENT]: '万元' })).toEqual([]);
  });

  it('the portal prints every decimal stored', () => {
    expect(formatCell(24252.311082, 'money')).toBe('24,252.311082');
    expect(formatCell(3802895.9, 'money')).toBe('3,802,895.9');
  });
});

describe('open data carries the unit of each amount', () => {
  const report = (moneyUnits?: unknown): ExportableReport => {
    const figures = zeros('2019', 2020);
    figures.proactiveTable!.procurement!.totalAmount = 251000;
    return { agency: { name: '某镇人民政府', slug: 'mou' }, year: 2020, templateVersion: '2019', ...figures, moneyUnits };
  };

  it('JSON: the legend, moneyUnits of every money cell, units on the row', () => {
    const open = reportOpenData(report());
    expect(open.legend).toBe(OPEN_DATA_LEGEND);
    expect(open.legend).not.toContain('金额单位为万元');
    expect(open.moneyUnits).toEqual({ [PROCUREMENT]: '元' });
    const row = open.tables[0]!.rows.find((r) => r.key === 'procurement')!;
    expect(row.cells.totalAmount).toBe(251000);
    expect(row.units).toEqual({ totalAmount: '元' });
    expect(reportOpenData(report({ [PROCUREMENT]: '万元' })).moneyUnits).toEqual({ [PROCUREMENT]: '万元' });
    const fees2021 = reportOpenData({ agency: { name: '局', slug: 'ju' }, year: 2022, templateVersion: '2021', ...zeros('2021', 2022) });
    expect(fees2021.moneyUnits).toEqual({ 'proactiveTable.fees.amount': '万元' });
    expect(fees2021.tables[0]!.columns.find((c) => c.key === 'amount')).toMatchObject({ kind: 'money', unit: '万元' });
  });

  it('CSV: one line a cell, the money unit in 单位 beside the amount, and the figures still round-trip', () => {
    const csv = reportsCsv([report({ [PROCUREMENT]: '万元' })]);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]).toEqual(['机构', '年度', '格式版本', '表', '表名', '栏目', '行', '列', '数值', '单位', '说明', '行键', '列键']);
    const cell = (row: string, column: string) => lines.find((l) => l[11] === row && l[12] === column)!;
    expect(cell('procurement', 'totalAmount').slice(8, 10)).toEqual(['251000', '万元']);
    expect(cell('procurement', 'projectCount').slice(8, 10)).toEqual(['0', '件']);
    expect(parseReportsCsv(csv).get('某镇人民政府')!.proactiveTable!.procurement).toEqual({ projectCount: 0, totalAmount: 251000 });
  });
});
