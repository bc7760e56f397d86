/*
 * The done-when criterion: the seed (PDF-extracted text of 敬仲镇's 2020 report) imports as the
 * report the demo types in by hand (cms/src/demo/jingzhong-2020.ts), cell for cell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksText, importAnnualReport } from '../../shared/src/index.ts';
import { jingzhong2020 } from '../../cms/src/demo/jingzhong-2020.ts';

const seedPath = '/work/shared/seeds/jingzhong-2020-annual-report.txt';
const fixture = path.join(import.meta.dirname, 'fixtures', 'jingzhong-2020-annual-report.txt');
const text = readFileSync(fixture, 'utf8');

describe('the 敬仲镇 2020 seed', () => {
  const report = importAnnualReport(text, { fileName: 'jingzhong-2020-annual-report.txt' });

  it('the fixture is the seed, byte for byte', () => {
    let seed: string | undefined;
    try {
      seed = readFileSync(seedPath, 'utf8');
    } catch {
      seed = undefined; // the seed lives outside the repository; the copy under fixtures/ is what is tested
    }
    if (seed !== undefined) expect(text).toBe(seed);
  });

  it('recovers agency, year, format, title and date', () => {
    expect(report.agency).toBe('临淄区敬仲镇人民政府');
    expect(report.year).toBe(jingzhong2020.year);
    expect(report.templateVersion).toBe('2019');
    expect(report.title).toBe(jingzhong2020.title);
    expect(report.publishDate).toBe(jingzhong2020.publishDate);
  });

  it('produces the demo tables cell for cell', () => {
    expect(report.proactiveTable).toEqual(jingzhong2020.proactiveTable);
    expect(report.requestTable).toEqual(jingzhong2020.requestTable);
    expect(report.reviewTable).toEqual(jingzhong2020.reviewTable);
    expect(report.moneyUnits).toEqual({});
    expect(report.findings).toEqual([]);
  });

  it('says how each cell was found', () => {
    const by = (s: string) => report.cells.filter((c) => c.status === s);
    expect(report.cells).toHaveLength(22 + 7 * 23 + 15);
    // Table 二 as printed (22), table 三's first four rows (28), table 四's line of 15 zeros.
    expect(by('read')).toHaveLength(22 + 28 + 15);
    expect(by('uncertain')).toHaveLength(0);
    expect(by('missing')).toHaveLength(0);
    const derived = by('derived');
    expect(derived).toHaveLength(7 * 19);
    // 1.属于国家秘密 printed 5 zeros for 7 columns: which two are lost is unknown, R3 gives all seven.
    expect(derived.filter((c) => c.row === 'withheldStateSecret').map((c) => [c.rule, c.source?.line])).toEqual(Array(7).fill(['R3', 87]));
    expect(derived.filter((c) => c.row === 'handledTotal' || c.row === 'carriedForward').every((c) => c.rule === 'R1')).toBe(true);
    const cell = report.cells.find((c) => c.table === 'proactiveTable' && c.row === 'fees' && c.column === 'change');
    expect(cell).toEqual({
      table: 'proactiveTable',
      row: 'fees',
      column: 'change',
      status: 'read',
      value: 0,
      source: { line: 73, text: '行政事业性收费\t0\t0' },
    });
    expect(report.cells.find((c) => c.table === 'reviewTable' && c.column === 'afterReviewTotal')?.source?.line).toBe(89);
  });

  it('flags what the extraction lost', () => {
    expect(report.flags.map((f) => [f.code, f.line ?? f.table])).toEqual([
      ['图表缺失', 18],
      ['表头缺失', 89],
      ['列数不符', 87],
      ['内容不完整', 'requestTable'],
    ]);
  });

  it('recovers the sections as the demo has them', () => {
    const paragraphsOf = (blocks: unknown) => blocksText(blocks).split('\n');
    // The demo's first paragraph is its own note, not part of the report.
    expect(report.sections.overview).toEqual(paragraphsOf(jingzhong2020.overview).slice(1));
    for (const key of [
      'overviewProactive',
      'overviewOnRequest',
      'overviewManagement',
      'overviewPlatform',
      'overviewSupervision',
      'problems',
      'otherMatters',
    ] as const) {
      expect(report.sections[key], key).toEqual(paragraphsOf(jingzhong2020[key]));
    }
  });
});
