/*
 * One report in every style governments have it, and garbled the ways real extractions garble it:
 * each test pins the exact cells recovered, how, and what is flagged. Fixtures under fixtures/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAnnualReport, type ImportedCell, type ImportedReport } from '../../shared/src/index.ts';
import { proactive2021, request2021, review2021, sections2021 } from './expected.ts';

function load(name: string): ImportedReport {
  return importAnnualReport(readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8'), { fileName: name });
}

const statuses = (r: ImportedReport) =>
  r.cells.reduce<Record<string, number>>((acc, c) => ((acc[c.status] = (acc[c.status] ?? 0) + 1), acc), {});
const cell = (r: ImportedReport, table: ImportedCell['table'], row: string, column: string) =>
  r.cells.find((c) => c.table === table && c.row === row && c.column === column);
const flags = (r: ImportedReport) => r.flags.map((f) => [f.code, f.line ?? f.table ?? null]);

function expectThe2021Report(r: ImportedReport) {
  expect([r.agency, r.year, r.templateVersion, r.title, r.publishDate]).toEqual([
    '沭阳县自然资源和规划局',
    2021,
    '2021',
    '沭阳县自然资源和规划局2021年政府信息公开工作年度报告',
    '2022-01-25',
  ]);
  expect(r.proactiveTable).toEqual(proactive2021);
  expect(r.requestTable).toEqual(request2021);
  expect(r.sections).toEqual(sections2021);
}

describe('HTML page saved as text (TAB tables, page chrome)', () => {
  const r = load('shuyang-2021-html.txt');
  it('reads every cell, the unit from the header, nothing flagged', () => {
    expectThe2021Report(r);
    expect(r.reviewTable).toEqual(review2021);
    expect(statuses(r)).toEqual({ read: 200 });
    expect(r.moneyUnits).toEqual({ 'proactiveTable.fees.amount': '万元' });
    expect(r.flags).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(cell(r, 'reviewTable', 'cases', 'afterReviewPending')).toEqual({
      table: 'reviewTable',
      row: 'cases',
      column: 'afterReviewPending',
      status: 'read',
      value: 1,
      source: { line: 72, text: '2\t1\t0\t1\t4\t1\t0\t0\t1\t2\t0\t0\t0\t1\t1' },
    });
  });
});

describe('PDF-extracted text, garbled', () => {
  const r = load('shuyang-2021-pdf.txt');
  it('split labels, half-width brackets, an old label, a comma for 、, OCR 沐阳, page markers and repeated headers: every cell read', () => {
    expectThe2021Report(r);
    expect(r.reviewTable).toEqual(review2021);
    expect(statuses(r)).toEqual({ read: 200 });
    expect(r.findings).toEqual([]);
    expect(flags(r)).toEqual([
      ['疑似错字', 2],
      ['旧标签', 36],
    ]);
    expect(r.flags[0]!.message).toBe('第 2 行：标题中的“沐阳”疑为“沭阳”的识别错误，已按“沭阳”读入');
    expect(r.flags[1]!.message).toBe('第 36 行：“规范性文件”是旧格式的标签，2021 年格式为“行政规范性文件”，已按后者读入');
    // 行政许可1256: the label glued to its value.
    expect(cell(r, 'proactiveTable', 'licensing', 'decisions')).toMatchObject({ status: 'read', value: 1256, source: { line: 39 } });
    // 二、上年结转政府信息公开申请 / 数量 …: the label split over two lines, values on the second.
    expect(cell(r, 'requestTable', 'carriedOver', 'total')).toMatchObject({ status: 'read', value: 4, source: { line: 54 } });
    // Label of (六)1. broken mid-word over two lines.
    expect(cell(r, 'requestTable', 'otherNoCorrection', 'naturalPerson')).toMatchObject({ status: 'read', value: 1, source: { line: 80 } });
  });
  it('retitled section 五 is still 存在的主要问题', () => {
    expect(r.sections.problems).toEqual(sections2021.problems);
  });
});

describe('markdown from a PDF converter (pipe tables), table 四 absent, sections renumbered', () => {
  const r = load('shuyang-2021-markdown.md');
  it('reads tables 二 and 三; table 四 is 表格缺失, its cells missing, none invented', () => {
    expect(r.requestTable).toEqual(request2021);
    expect(r.proactiveTable).toEqual({ ...proactive2021, fees: { amount: 24252.311082 } });
    expect(r.moneyUnits).toEqual({ 'proactiveTable.fees.amount': '万元' });
    expect(r.sections).toEqual(sections2021);
    expect(r.reviewTable).toEqual({});
    expect(statuses(r)).toEqual({ read: 185, missing: 15 });
    expect(
      r.cells
        .filter((c) => c.table === 'reviewTable')
        .every((c) => c.status === 'missing' && c.value === null && c.note === '原文没有此行'),
    ).toBe(true);
    expect(flags(r)).toEqual([['表格缺失', 'reviewTable']]);
    expect(r.flags[0]!.message).toBe('原文没有表四（政府信息公开行政复议、行政诉讼情况）；其 15 个单元格均缺失，请对照原件补录');
    // The fee keeps every printed decimal (24252.311082 万元, a real 2021 figure); whether the
    // validator accepts it is the domain's business, so only its other rules are pinned here.
    expect(r.findings.filter((f) => f.rule !== 'R8')).toEqual([]);
  });
});

describe('text pasted from Word (one table cell per line, full-width indents, CRLF)', () => {
  const r = load('shuyang-2021-word.txt');
  it('reads every cell from cells that each sit on their own line', () => {
    expectThe2021Report(r);
    expect(r.reviewTable).toEqual(review2021);
    expect(statuses(r)).toEqual({ read: 200 });
    expect(r.flags).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});

describe('a text cut off in the middle of table 三', () => {
  const r = load('shuyang-2021-cut.txt');
  it('keeps what is there, flags 内容不完整, invents no zero', () => {
    expect(r.proactiveTable).toEqual(proactive2021);
    expect(statuses(r)).toEqual({ read: 97, derived: 25, missing: 78 });
    expect(flags(r)).toEqual([
      ['章节缺失', null],
      ['章节缺失', null],
      ['内容不完整', 'requestTable'],
      ['内容不完整', 'reviewTable'],
    ]);
    expect(r.flags[2]!.message).toBe(
      '文本在表三（收到和处理政府信息公开申请情况）中途结束（最后一行：第 54 行）；63 个单元格缺失，25 个由勾稽关系推出',
    );
    // The last row stops after three values: those are read, the rest are lost, not 0.
    expect(r.requestTable.unavailableNotHeld).toEqual({ naturalPerson: 12, commercial: 1, research: 0, socialWelfare: 0 });
    expect(cell(r, 'requestTable', 'unavailableNotHeld', 'total')).toMatchObject({
      status: 'missing',
      value: null,
      note: '文本在此行中断',
    });
    // Only the columns where 一 and 二 are both 0 follow by R1/R3 (nothing can be negative).
    const derived = r.cells.filter((c) => c.status === 'derived');
    expect(new Set(derived.map((c) => c.column))).toEqual(new Set(['research', 'socialWelfare']));
    expect(derived.every((c) => c.value === 0 && (c.rule === 'R1' || c.rule === 'R3'))).toBe(true);
    // Every cell not read or derived is absent from the stored shape.
    for (const c of r.cells.filter((c) => c.status === 'missing')) expect(r[c.table][c.row]?.[c.column]).toBeUndefined();
    expect(r.reviewTable).toEqual({});
    expect(r.sections.overviewOnRequest).toEqual(sections2021.overviewOnRequest);
  });
});

describe('run-together cells, orphaned value rows, shifted columns, units (2019 format)', () => {
  const r = load('hanshan-2020-glued.txt');
  it('splits where one split fits, keeps alternatives where several do', () => {
    expect([r.agency, r.year, r.templateVersion, r.publishDate]).toEqual(['沭阳县韩山镇人民政府', 2020, '2019', '2021-01-20']);
    expect(statuses(r)).toEqual({ read: 181, derived: 13, uncertain: 4 });
    expect(r.proactiveTable).toEqual({
      rules: { newlyMade: null, newlyPublished: null, totalPublished: null },
      normativeDocuments: { newlyMade: 2, newlyPublished: 2, totalPublished: 15 },
      licensing: { previousCount: 40 },
      otherServices: { previousCount: 2648 },
      penalties: { previousCount: 12, change: -3, decisions: 10 },
      enforcement: { previousCount: 3, change: 0, decisions: 1 },
      fees: { previousCount: 2, change: 0 },
      procurement: { projectCount: 6, totalAmount: 251000 },
    });
    expect(r.moneyUnits).toEqual({ 'proactiveTable.procurement.totalAmount': '元' });
    // 40-310: two splits fit the columns and the rules, so both stay, undecided.
    expect(cell(r, 'proactiveTable', 'licensing', 'change')).toMatchObject({ status: 'uncertain', value: null, alternatives: [-3, -31] });
    expect(cell(r, 'proactiveTable', 'licensing', 'decisions')).toMatchObject({ status: 'uncertain', value: null, alternatives: [10, 0] });
    expect(cell(r, 'proactiveTable', 'otherServices', 'change')).toMatchObject({
      status: 'uncertain',
      alternatives: [-1, -18, -185, -1853],
    });
    expect(cell(r, 'proactiveTable', 'otherServices', 'decisions')).toMatchObject({
      status: 'uncertain',
      alternatives: [8538, 538, 38, 8],
    });
    // 12-310: -31 would leave next year's count negative (R7), so one split is left.
    expect(cell(r, 'proactiveTable', 'penalties', 'change')).toMatchObject({
      status: 'derived',
      value: -3,
      rule: 'R7',
      source: { line: 21 },
    });
  });
  it('table 三: one split by R2, two splits settled by R3, orphaned rows in order', () => {
    expect(r.requestTable.newRequests).toEqual({
      naturalPerson: 18,
      commercial: 2,
      research: 0,
      socialWelfare: 0,
      legalService: 0,
      otherOrg: 0,
      total: 20,
    });
    expect(cell(r, 'requestTable', 'newRequests', 'naturalPerson')).toMatchObject({ status: 'derived', rule: 'R2', source: { line: 32 } });
    expect(r.requestTable.disclosed).toEqual({
      naturalPerson: 11,
      commercial: 1,
      research: 0,
      socialWelfare: 0,
      legalService: 0,
      otherOrg: 0,
      total: 12,
    });
    expect(cell(r, 'requestTable', 'disclosed', 'naturalPerson')).toMatchObject({ status: 'derived', rule: 'R2、R3' });
    expect(cell(r, 'requestTable', 'disclosed', 'total')).toMatchObject({ status: 'read', value: 12 });
    expect(r.requestTable.unavailableNotHeld).toEqual({
      naturalPerson: 1,
      commercial: 1,
      research: 0,
      socialWelfare: 0,
      legalService: 0,
      otherOrg: 0,
      total: 2,
    });
    expect(cell(r, 'requestTable', 'unavailableNotHeld', 'total')?.source).toEqual({ line: 47, text: '1 1 0 0 0 0 2' });
    expect(cell(r, 'requestTable', 'unavailableUnclear', 'total')?.source?.line).toBe(49);
    expect(r.requestTable.otherHandling).toEqual({
      naturalPerson: 0,
      commercial: 0,
      research: 0,
      socialWelfare: 0,
      legalService: 0,
      otherOrg: 0,
      total: 0,
    });
    expect(r.reviewTable.cases).toMatchObject({ reviewMaintained: 1, reviewTotal: 1, afterReviewTotal: 0 });
    expect(r.findings).toEqual([]);
  });
  it('flags each repair', () => {
    expect(r.flags.map((f) => f.message)).toEqual([
      '第 55 行：“(六)其他”按“（六）其他处理”读入',
      '第 17 行 表二“行政许可”：数字“40-310”粘连，有 2 种拆法符合列数和勾稽关系（40 | -3 | 10；40 | -31 | 0），未作选择，请对照原件填写',
      '第 18 行 表二“其他对外管理服务事项”：数字“2648-18538”粘连，有 4 种拆法符合列数和勾稽关系（2648 | -1 | 8538；2648 | -18 | 538；2648 | -185 | 38；2648 | -1853 | 8），未作选择，请对照原件填写',
      '第 21 行 表二“行政处罚”：数字“12-310”粘连，按列数和 R7 只有一种拆法：12 | -3 | 10',
      '第 22 行 表二“行政强制”：数值不在各自的列下（5 格、3 个数值），已按数值顺序对齐到 3 列，请核对',
      '第 32 行 表三“一、本年新收政府信息公开申请数量”：数字“182000020”粘连，按列数和 R2 只有一种拆法：18 | 2 | 0 | 0 | 0 | 0 | 20',
      '第 34 行 表三“（一）予以公开”：数字“111000012”粘连，有 3 种拆法符合列数和勾稽关系（1 | 1 | 10 | 0 | 0 | 0 | 12；1 | 11 | 0 | 0 | 0 | 0 | 12；11 | 1 | 0 | 0 | 0 | 0 | 12），未作选择，请对照原件填写',
      '第 34 行 表三“（一）予以公开”：结合 R2、R3 只剩一种拆法：11 | 1 | 0 | 0 | 0 | 0 | 12',
    ]);
  });
});

describe('the HTML source of the page (tables with colspan, script and style, entities)', () => {
  const r = load('shuyang-2021-source.html');
  it('reads every cell as from the page saved as text', () => {
    expectThe2021Report(r);
    expect(r.reviewTable).toEqual(review2021);
    expect(statuses(r)).toEqual({ read: 200 });
    expect(r.moneyUnits).toEqual({ 'proactiveTable.fees.amount': '万元' });
    expect(r.flags).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});

describe('pdftotext -layout (columns aligned with spaces, labels wrapped inside their cells)', () => {
  const r = load('shuyang-2021-layout.txt');
  it('reads every cell; a wrapped label keeps the values printed on its first line', () => {
    expectThe2021Report(r);
    expect(r.reviewTable).toEqual(review2021);
    expect(statuses(r)).toEqual({ read: 200 });
    expect(r.flags).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(cell(r, 'requestTable', 'partiallyDisclosed', 'total')).toMatchObject({ status: 'read', value: 6, source: { line: 44 } });
    expect(cell(r, 'requestTable', 'otherUnpaidFee', 'total')).toMatchObject({ status: 'read', value: 0, source: { line: 65 } });
  });
});
