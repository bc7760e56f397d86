import { describe, expect, it } from 'vitest';
import {
  cellKey,
  computeTotals,
  fillTotals,
  gridOf,
  parseCell,
  pasteBlock,
  relationDocumentId,
  sameTable,
  shouldRestore,
} from '../../cms/src/plugins/report-grid/admin/src/grid.ts';

/*
 * The admin grid's pure logic (cms/src/plugins/report-grid/admin/src/grid.ts): what typed and
 * pasted text means, the totals it fills in, where a pasted block lands, and when the grid puts
 * back a table the admin threw away after a refused save.
 */

describe('report grid: reading a cell', () => {
  it('reads numbers as typed by Chinese input methods, and 不适用', () => {
    expect(parseCell('12')).toEqual({ ok: true, value: 12 });
    expect(parseCell(' １２ ')).toEqual({ ok: true, value: 12 });
    expect(parseCell('1,234')).toEqual({ ok: true, value: 1234 });
    expect(parseCell('3．5')).toEqual({ ok: true, value: 3.5 });
    expect(parseCell('－2')).toEqual({ ok: true, value: -2 });
    expect(parseCell('')).toEqual({ ok: true, value: undefined });
    expect(parseCell('/')).toEqual({ ok: true, value: null });
    expect(parseCell('不适用')).toEqual({ ok: true, value: null });
  });

  it('keeps spreadsheet conventions for 不适用 to pasted blocks, and refuses what is not a number', () => {
    expect(parseCell('-', 'pasted')).toEqual({ ok: true, value: null });
    expect(parseCell('N/A', 'pasted')).toEqual({ ok: true, value: null });
    expect(parseCell('-')).toEqual({ ok: false });
    expect(parseCell('abc')).toEqual({ ok: false });
    expect(parseCell('1e400')).toEqual({ ok: false });
    expect(parseCell('12件')).toEqual({ ok: false });
    expect(parseCell('9'.repeat(400))).toEqual({ ok: false });
  });
});

describe('report grid: totals', () => {
  const grid = gridOf('2021', 'requestTable')!;

  it('computes a row total from the cells filled in so far, saying when some are missing', () => {
    const totals = computeTotals('2021', grid.table, { newRequests: { naturalPerson: 5, commercial: 2 } });
    const total = totals.get(cellKey('newRequests', 'total'))!;
    expect(total.value).toBe(7);
    expect(total.rule).toBe('R2');
    expect(total.partial).toBe(true);
  });

  it('fills in only the totals whose cells are all filled in, row totals feeding column totals', () => {
    const row = { naturalPerson: 5, commercial: 2, research: 0, socialWelfare: 1, legalService: 0, otherOrg: 0 };
    const filled = fillTotals('2021', grid.table, { newRequests: row, carriedOver: { naturalPerson: 1 } });
    expect(filled.newRequests).toEqual({ ...row, total: 8 });
    // 二、上年结转 has one cell of six: its total is left to the editor.
    expect(filled.carriedOver).toEqual({ naturalPerson: 1 });
    // Filling again changes nothing.
    expect(fillTotals('2021', grid.table, filled)).toEqual(filled);
  });

  it('never fills a cross-year rule (R5–R7 read last year’s report)', () => {
    const proactive = gridOf('2019', 'proactiveTable')!;
    const filled = fillTotals('2019', proactive.table, { licensing: { change: 2 } });
    expect(filled).toEqual({ licensing: { change: 2 } });
  });
});

describe('report grid: pasting a block', () => {
  const grid = gridOf('2021', 'requestTable')!;
  const at = (row: string, column: string) => grid.byKey.get(cellKey(row, column))!;

  it('lays a block from the focused cell right and down, reading 不适用 and reporting text', () => {
    const pasted = pasteBlock(grid, at('newRequests', 'research'), '0\t1\t-\r\n2\tx\t3\r\n')!;
    expect(pasted.changes).toEqual([
      { row: 'newRequests', column: 'research', value: 0 },
      { row: 'newRequests', column: 'socialWelfare', value: 1 },
      { row: 'newRequests', column: 'legalService', value: null },
      { row: 'carriedOver', column: 'research', value: 2 },
      { row: 'carriedOver', column: 'legalService', value: 3 },
    ]);
    expect(pasted.unreadable).toEqual({ [cellKey('carriedOver', 'socialWelfare')]: 'x' });
  });

  it('drops what falls outside the table, and leaves a single value to the input', () => {
    const last = grid.lines.at(-1)!;
    const pasted = pasteBlock(grid, last.at(-1)!, '1\t2\t3\n4\t5\t6')!;
    expect(pasted.changes).toEqual([{ row: last.at(-1)!.ref.row, column: last.at(-1)!.ref.column, value: 1 }]);
    expect(pasteBlock(grid, at('newRequests', 'total'), '7')).toBeUndefined();
    expect(pasteBlock(grid, at('newRequests', 'total'), '7\n')).toBeUndefined();
  });
});

describe('report grid: keeping what the editor typed', () => {
  const typed = { newRequests: { naturalPerson: 5, total: 9 } };
  const stored = { newRequests: { naturalPerson: 1 } };

  it('compares tables by their cells', () => {
    expect(sameTable({ a: { x: 1, y: null } }, { a: { y: null, x: 1 } })).toBe(true);
    expect(sameTable(null, {})).toBe(true);
    expect(sameTable({ a: { x: 1 } }, { a: { x: 2 } })).toBe(false);
    expect(sameTable({ a: { x: null } }, {})).toBe(false);
  });

  it('restores the typed table when a save in progress or just refused puts the stored one back', () => {
    expect(shouldRestore({ typed, value: stored, stored, saving: true, refused: false })).toBe(true);
    expect(shouldRestore({ typed, value: stored, stored, saving: false, refused: true })).toBe(true);
  });

  it('leaves the table alone otherwise', () => {
    // Nothing typed; no save; the editor's own edit; already restored.
    expect(shouldRestore({ typed: undefined, value: stored, stored, saving: true, refused: true })).toBe(false);
    expect(shouldRestore({ typed, value: stored, stored, saving: false, refused: false })).toBe(false);
    expect(shouldRestore({ typed, value: { newRequests: { naturalPerson: 2 } }, stored, saving: true, refused: true })).toBe(false);
    expect(shouldRestore({ typed, value: typed, stored, saving: false, refused: true })).toBe(false);
  });

  it('reads the agency from the form’s relation value', () => {
    expect(relationDocumentId({ connect: [{ id: 3, documentId: 'abc' }], disconnect: [] })).toBe('abc');
    expect(relationDocumentId({ connect: [], disconnect: [] })).toBeUndefined();
    expect(relationDocumentId('xyz')).toBe('xyz');
    expect(relationDocumentId(null)).toBeUndefined();
  });
});
