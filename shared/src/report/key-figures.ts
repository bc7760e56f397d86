import type { TableData, TableField } from './template.js';

/*
 * The figures that sum up a year of disclosure work, read the same way from every template
 * version (the rows and columns involved are common to 2019 and 2021): the agency page's
 * year-by-year table and, later, its charts.
 */

export type KeyFigure = { key: string; label: string; table: TableField; cells: ReadonlyArray<readonly [row: string, column: string]> };

export const keyFigures: readonly KeyFigure[] = [
  { key: 'received', label: '新收申请', table: 'requestTable', cells: [['newRequests', 'total']] },
  { key: 'disclosed', label: '予以公开', table: 'requestTable', cells: [['disclosed', 'total']] },
  { key: 'partiallyDisclosed', label: '部分公开', table: 'requestTable', cells: [['partiallyDisclosed', 'total']] },
  { key: 'reviews', label: '行政复议', table: 'reviewTable', cells: [['cases', 'reviewTotal']] },
  {
    key: 'litigation',
    label: '行政诉讼',
    table: 'reviewTable',
    cells: [
      ['cases', 'directTotal'],
      ['cases', 'afterReviewTotal'],
    ],
  },
];

/** A key figure of one report: the sum of its cells, or null when any is 不适用 or not filled in. */
export function keyFigureValue(figure: KeyFigure, tables: Partial<Record<TableField, TableData | null>>): number | null {
  let sum = 0;
  for (const [row, column] of figure.cells) {
    const value = tables[figure.table]?.[row]?.[column];
    if (typeof value !== 'number') return null;
    sum += value;
  }
  return sum;
}
