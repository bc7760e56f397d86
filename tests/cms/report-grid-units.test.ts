import { describe, expect, it } from 'vitest';
import { gridOf, unitChoices, unreadableMessage, withMoneyUnit } from '../../cms/src/plugins/report-grid/admin/src/grid.ts';

/*
 * The admin grid's pure parts for units and names (docs/domain.md §3.6, §4.1): the grid names
 * cells as the validator does, shows the report's unit of an amount the form prints none for,
 * and lets the editor set it.
 */

const KEY = 'proactiveTable.procurement.totalAmount';

describe('report grid: units and cell names', () => {
  it('offers the unit of the 2019 采购总金额 only (the 2021 fee is 万元 by the form)', () => {
    const grid2019 = gridOf('2019', 'proactiveTable')!;
    expect(unitChoices(grid2019.table, undefined)).toEqual([
      { row: 'procurement', column: 'totalAmount', key: KEY, name: '表二 政府集中采购 · 采购总金额', unit: '元' },
    ]);
    expect(unitChoices(grid2019.table, { [KEY]: '万元' })[0]!.unit).toBe('万元');
    expect(unitChoices(gridOf('2021', 'proactiveTable')!.table, undefined)).toEqual([]);
  });

  it('draws the unit in the header of the column', () => {
    const headers = (units: unknown) =>
      gridOf('2019', 'proactiveTable', units)!
        .layout.blocks[4]!.headerRows.flat()
        .map((c) => (c.type === 'header' ? c.text : ''));
    expect(headers(undefined)).toContain('采购总金额（单位：元）');
    expect(headers({ [KEY]: '万元' })).toContain('采购总金额（单位：万元）');
  });

  it('sets a unit, keeping other valid entries and dropping invalid ones', () => {
    expect(withMoneyUnit(undefined, KEY, '万元')).toEqual({ [KEY]: '万元' });
    expect(withMoneyUnit({ [KEY]: '万元', other: '千元' }, KEY, '元')).toEqual({ [KEY]: '元' });
    expect(withMoneyUnit(['x'], KEY, '元')).toEqual({ [KEY]: '元' });
  });

  it('names an unreadable cell with its parent group and offers 0 or /', () => {
    const table = gridOf('2021', 'requestTable')!.table;
    expect(unreadableMessage(table, 'otherHandlingOther', 'total', 'abc')).toBe(
      '表三 （六）其他处理 3.其他 · 总计：“abc”不是数字（填数字或 0；不适用时填 /）',
    );
  });
});
