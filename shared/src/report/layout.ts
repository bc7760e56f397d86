import {
  cellRef,
  leafColumns,
  leafRows,
  moneyUnitOf,
  type CellRef,
  type MoneyUnit,
  type ColumnNode,
  type RowNode,
  type TableBlock,
  type TableTemplate,
} from './template.js';

/*
 * Lays a table template out as the official form prints it: header cells merged over their
 * children (colspan/rowspan), row labels merged over their sub-rows, leaf labels stretched to the
 * deepest level. Pure data, so every renderer (portal HTML, admin grid, XLSX) draws the same form.
 */

export type HeaderScope = 'col' | 'colgroup' | 'row' | 'rowgroup';

export type LayoutCell =
  | { type: 'header'; text: string; scope: HeaderScope; colspan: number; rowspan: number }
  | { type: 'data'; ref: CellRef; colspan: number; rowLabel: string; columnLabel: string; unit?: MoneyUnit };

export type LayoutBlock = {
  /** Full-width caption row of the block (table 二's 第二十条第（x）项), if any. */
  heading?: string;
  headerRows: LayoutCell[][];
  bodyRows: LayoutCell[][];
};

export type TableLayout = { width: number; blocks: LayoutBlock[] };

type Tree = { label: string; children?: readonly Tree[] };

function depth(nodes: readonly Tree[]): number {
  return Math.max(0, ...nodes.map((n) => 1 + (n.children?.length ? depth(n.children) : 0)));
}

function leafCount(node: Tree): number {
  return node.children?.length ? node.children.reduce((sum, c) => sum + leafCount(c), 0) : 1;
}

/** The unit a money column's header adds when the form prints none, from the report's units (one for the whole column). */
type UnitOf = (block: TableBlock, column: ColumnNode) => MoneyUnit | undefined;

function headerRows(block: TableBlock, rowDepth: number, extraSpan: number, unitOf: UnitOf): LayoutCell[][] {
  const colDepth = depth(block.columns);
  const rows: LayoutCell[][] = Array.from({ length: colDepth }, () => []);
  if (rowDepth > 0) {
    rows[0]!.push({ type: 'header', text: block.corner ?? '', scope: 'col', colspan: rowDepth, rowspan: colDepth });
  }
  const visit = (nodes: readonly ColumnNode[], level: number, isLast: boolean) => {
    nodes.forEach((node, i) => {
      const leaf = !node.children?.length;
      const last = isLast && i === nodes.length - 1;
      const unit = leaf ? unitOf(block, node) : undefined;
      rows[level]!.push({
        type: 'header',
        text: unit ? `${node.label}（单位：${unit}）` : node.label,
        scope: leaf ? 'col' : 'colgroup',
        colspan: leafCount(node) + (last ? extraSpan : 0),
        rowspan: leaf ? colDepth - level : 1,
      });
      if (!leaf) visit(node.children!, level + 1, last);
    });
  };
  visit(block.columns, 0, true);
  return rows;
}

function bodyRows(table: TableTemplate, block: TableBlock, rowDepth: number, extraSpan: number, moneyUnits: unknown): LayoutCell[][] {
  const columns = leafColumns(block.columns);
  const out: LayoutCell[][] = [];
  const visit = (nodes: readonly RowNode[], level: number, pending: LayoutCell[], path: string[]) => {
    nodes.forEach((node, i) => {
      const cells = i === 0 ? pending : [];
      const labels = [...path, node.label];
      if (node.children?.length) {
        if (rowDepth > 0) {
          cells.push({ type: 'header', text: node.label, scope: 'rowgroup', colspan: 1, rowspan: leafCount(node) });
        }
        visit(node.children, level + 1, cells, labels);
        return;
      }
      if (rowDepth > 0) {
        cells.push({ type: 'header', text: node.label, scope: 'row', colspan: rowDepth - level, rowspan: 1 });
      }
      columns.forEach((column, c) => {
        const unit = moneyUnitOf(table, node.key!, column.key!, moneyUnits);
        cells.push({
          type: 'data',
          ref: cellRef(node, column),
          colspan: 1 + (c === columns.length - 1 ? extraSpan : 0),
          rowLabel: labels.join(' '),
          columnLabel: column.label,
          ...(unit ? { unit } : {}),
        });
      });
      out.push(cells);
    });
  };
  visit(block.rows, 0, [], []);
  return out;
}

/**
 * The official layout of a table: merged headers, merged row labels, one grid width for all
 * blocks. With a report's `moneyUnits`, a money column whose form prints no unit gets the
 * report's in its header (采购总金额（单位：元）, docs/domain.md §4.1), and every money cell its unit.
 */
export function layoutTable(table: TableTemplate, moneyUnits?: unknown): TableLayout {
  const unitOf: UnitOf = (block, column) => {
    if (column.kind !== 'money' || column.unit) return undefined;
    const units = new Set(leafRows(block.rows).map((row) => moneyUnitOf(table, row.key!, column.key!, moneyUnits)));
    return units.size === 1 ? [...units][0] : undefined;
  };
  const shapes = table.blocks.map((block) => {
    const rowDepth = block.rowHeaders === false ? 0 : depth(block.rows);
    return { block, rowDepth, width: rowDepth + leafColumns(block.columns).length };
  });
  const width = Math.max(...shapes.map((s) => s.width));
  return {
    width,
    blocks: shapes.map(({ block, rowDepth, width: own }) => ({
      heading: block.heading,
      headerRows: headerRows(block, rowDepth, width - own, unitOf),
      bodyRows: bodyRows(table, block, rowDepth, width - own, moneyUnits),
    })),
  };
}

/** All leaf row keys of a table (across its blocks). */
export function tableRowKeys(table: TableTemplate): string[] {
  return table.blocks.flatMap((b) => leafRows(b.rows).map((r) => r.key!));
}

/** A cell of a laid-out table placed on a grid: rows and columns counted from 0 at the table's first row. */
export type PlacedCell = {
  cell: LayoutCell | { type: 'heading'; text: string; colspan: number; rowspan: 1 };
  top: number;
  left: number;
  colspan: number;
  rowspan: number;
};

/**
 * Places every cell of a table on a grid, as a browser lays out rowspan/colspan (block headings
 * included): what a spreadsheet writer or reader needs to find each cell.
 */
export function placeCells(layout: TableLayout): { cells: PlacedCell[]; height: number } {
  const cells: PlacedCell[] = [];
  const taken = new Set<string>();
  let top = 0;
  for (const block of layout.blocks) {
    const rows: Array<Array<PlacedCell['cell']>> = [
      ...(block.heading ? [[{ type: 'heading' as const, text: block.heading, colspan: layout.width, rowspan: 1 as const }]] : []),
      ...block.headerRows,
      ...block.bodyRows,
    ];
    for (const row of rows) {
      let left = 0;
      for (const cell of row) {
        while (taken.has(`${top}:${left}`)) left++;
        const rowspan = cell.type === 'data' ? 1 : cell.rowspan;
        for (let r = 0; r < rowspan; r++) for (let c = 0; c < cell.colspan; c++) taken.add(`${top + r}:${left + c}`);
        cells.push({ cell, top, left, colspan: cell.colspan, rowspan });
        left += cell.colspan;
      }
      top++;
    }
  }
  return { cells, height: top };
}
