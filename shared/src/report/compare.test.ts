import { describe, expect, it } from 'vitest';
import {
  COMPARE_CSV_HEADERS,
  MAX_COMPARE_LINES,
  NOT_IN_TEMPLATE,
  comparableFigures,
  compareCsv,
  compareLines,
  comparedValue,
  readCompareSelection,
  type ComparableReport,
} from './compare.js';
import { reportTemplates } from './templates.js';
import { tableCells, templateVersions } from './template.js';

const choices = {
  agencies: [
    { slug: 'a', name: '=HYPERLINK("x")机关' },
    { slug: 'b', name: '乙局' },
  ],
  years: [2020, 2021],
};

describe('the comparable figures', () => {
  it('read only cells their format has, and have unique ids', () => {
    expect(new Set(comparableFigures.map((f) => f.id)).size).toBe(comparableFigures.length);
    for (const figure of comparableFigures) {
      for (const version of templateVersions) {
        const cells = figure.cells[version];
        if (!cells) continue;
        const table = reportTemplates[version].tables.find((t) => t.field === figure.table)!;
        const own = new Set(tableCells(table).map((c) => `${c.row}.${c.column}`));
        for (const [row, column] of cells) expect(own.has(`${row}.${column}`), `${figure.id} ${version} ${row}.${column}`).toBe(true);
      }
      expect(Object.keys(figure.cells).length).toBeGreaterThan(0);
    }
  });

  it('say where a format has no such item instead of a number', () => {
    const issued = comparableFigures.find((f) => f.id === 'normativeIssued')!;
    const report: ComparableReport = {
      agency: { slug: 'a', name: '甲' },
      year: 2020,
      templateVersion: '2019',
      proactiveTable: { normativeDocuments: { newlyMade: 4 } },
    };
    expect(comparedValue(issued, report)).toEqual({ kind: 'notInTemplate', version: '2019' });
    const line = compareLines({ agencies: ['a'], years: [2020], figures: [issued] }, choices, [report]);
    expect(compareCsv(line)).toContain(NOT_IN_TEMPLATE);
  });
});

describe('reading the selection', () => {
  it('names unknown values, shortened, and keeps the known ones', () => {
    const params = new URLSearchParams();
    params.append('agency', 'b');
    params.append('agency', 'x'.repeat(5000));
    params.append('year', '1999');
    params.append('row', '<script>alert(1)</script>');
    const s = readCompareSelection(params, choices);
    expect(s.agencies).toEqual(['b']);
    expect(s.errors).toHaveLength(3);
    expect(s.errors.join('').length).toBeLessThan(400);
    expect(s.errors[0]).toMatch(/^未找到机构：“x{24}…”/);
  });

  it('counts a value repeated 1,000 times once, and a lone surrogate is no crash', () => {
    const params = new URLSearchParams();
    for (let i = 0; i < 1000; i++) params.append('year', '2021');
    params.append('row', '\uD800');
    const s = readCompareSelection(params, choices);
    expect(s.years).toEqual([2021]);
    expect(s.errors).toEqual(['未找到指标：“\uFFFD”。请从“指标”列表中选择。']);
  });

  it('chooses everything of a parameter left out', () => {
    const s = readCompareSelection(new URLSearchParams(), choices);
    expect(s).toMatchObject({ agencies: ['a', 'b'], years: [2020, 2021], errors: [] });
    expect(s.figures).toHaveLength(comparableFigures.length);
    expect(choices.agencies.length * choices.years.length * s.figures.length).toBeLessThan(MAX_COMPARE_LINES);
  });
});

describe('the CSV', () => {
  it('has Chinese headers only and never starts a cell with a formula character', () => {
    const lines = compareLines(readCompareSelection(new URLSearchParams(), choices), choices, []);
    const text = compareCsv(lines);
    const rows = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe(COMPARE_CSV_HEADERS.join(','));
    // No report at all: one line per agency and year.
    expect(rows).toHaveLength(1 + 4);
    for (const cell of rows.flatMap((r) => r.split(','))) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });
});
