/*
 * For any figures and any pattern of empty cells in a TAB table 三: every printed value is read
 * into its own cell, every empty cell stays empty (missing, absent, never 0), nothing is derived
 * over an empty cell. fast-check generates the tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importAnnualReport, reportTemplates, type RowNode } from '../../shared/src/index.ts';

const table = reportTemplates['2021'].tables.find((t) => t.field === 'requestTable')!;
const block = table.blocks[0]!;

/** Label cells of each leaf row as the form prints them, two label columns wide. */
function labelCells(): Array<{ key: string; cells: [string, string] }> {
  const out: Array<{ key: string; cells: [string, string] }> = [];
  const walk = (nodes: readonly RowNode[], parent?: string) => {
    nodes.forEach((node, i) => {
      if (node.children?.length) return walk(node.children, node.label);
      out.push({ key: node.key!, cells: parent ? [i === 0 ? parent : '', node.label] : [node.label, ''] });
    });
  };
  walk(block.rows);
  return out;
}
const rows = labelCells();
const columns = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'];

const cellArb = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 5000 }).map(String) },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constant('/') },
);

describe('TAB table 三 with empty cells anywhere', () => {
  it('reads each printed value into its cell and leaves each empty cell empty', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArb, { minLength: 7, maxLength: 7 }), { minLength: rows.length, maxLength: rows.length }),
        (grid) => {
          const lines = rows.map((r, i) => [...r.cells, ...grid[i]!].join('\t'));
          const text = `某县某局2021年政府信息公开工作年度报告\n一、总体情况\n无。\n三、收到和处理政府信息公开申请情况\n${lines.join('\n')}\n五、存在的主要问题及改进情况\n无。\n`;
          const report = importAnnualReport(text);
          rows.forEach((r, i) => {
            columns.forEach((column, j) => {
              const printed = grid[i]![j]!;
              const cell = report.cells.find((c) => c.table === 'requestTable' && c.row === r.key && c.column === column)!;
              if (printed === '') {
                expect(cell).toMatchObject({ status: 'missing', value: null, note: '原文此格为空' });
                expect(report.requestTable[r.key]?.[column]).toBeUndefined();
              } else {
                const value = printed === '/' ? null : Number(printed);
                expect(cell).toMatchObject({ status: 'read', value, source: { line: 5 + i } });
                expect(report.requestTable[r.key]![column]).toBe(value);
              }
            });
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
