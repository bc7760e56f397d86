/**
 * The shape of an annual-report template: the statistics tables 二/三/四 of the national form as
 * data. One declaration per version (2019, 2021) drives the stored data's keys, the portal's
 * tables and, later, the validator, the admin grid and the downloads.
 */

/** 格式版本: `2019` (国办公开办函〔2019〕60号, 2019 and 2020 reports), `2021` (〔2021〕30号, 2021 on). */
export type TemplateVersion = '2019' | '2021';

/**
 * What a data cell holds. `count`: integer ≥ 0. `signedCount`: integer, may be negative (2019
 * 本年增/减). `money`: decimal amount in 万元 (2021 行政事业性收费).
 */
export type CellKind = 'count' | 'signedCount' | 'money';

/**
 * A stored cell: a number, or `null` for 不适用 (printed `/`), which is not 0. A cell absent from
 * the stored object has not been filled in.
 */
export type CellValue = number | null;

/** A table's data: `data[rowKey][columnKey]`. */
export type TableData = Record<string, Record<string, CellValue>>;

/** A column header; leaves carry a key and hold data, inner nodes group their children. */
export type ColumnNode = {
  label: string;
  key?: string;
  kind?: CellKind;
  children?: readonly ColumnNode[];
};

/** A row header; leaves carry a key and hold data, inner nodes are merged labels over their children. */
export type RowNode = {
  label: string;
  key?: string;
  /** Names a merged label's rows as a whole, for rules (e.g. `outcomes`: every 办理结果 row). */
  group?: string;
  children?: readonly RowNode[];
};

/**
 * One block of a table: its own header rows and data rows. Table 二 has one block per 条例第二十条
 * item, each with its own columns; tables 三 and 四 have one block.
 */
export type TableBlock = {
  /** A full-width caption row above the block, e.g. 第二十条第（一）项. */
  heading?: string;
  /** Text of the top-left cell over the row labels (e.g. 信息内容, or table 三's 勾稽 note). */
  corner?: string;
  columns: readonly ColumnNode[];
  rows: readonly RowNode[];
  /** False for a table whose data rows have no labels (table 四). */
  rowHeaders?: boolean;
};

/** The field of the annual report that stores a table. */
export type TableField = 'proactiveTable' | 'requestTable' | 'reviewTable';

export type TableTemplate = {
  field: TableField;
  /** Section number of the report: 二, 三 or 四. */
  number: '二' | '三' | '四';
  /** Caption, e.g. 主动公开政府信息情况. */
  title: string;
  blocks: readonly TableBlock[];
};

export type ReportTemplate = {
  version: TemplateVersion;
  /** The notice that issued the format. */
  issuedBy: string;
  /** First report year that uses it; the next version's first year ends it. */
  firstYear: number;
  tables: readonly TableTemplate[];
};

/** A data cell's address in a template. */
export type CellRef = { row: string; column: string; kind: CellKind };

/** The leaf columns of a block, left to right. */
export function leafColumns(columns: readonly ColumnNode[]): ColumnNode[] {
  return columns.flatMap((c) => (c.children?.length ? leafColumns(c.children) : [c]));
}

/** The leaf rows of a block, top to bottom. */
export function leafRows(rows: readonly RowNode[]): RowNode[] {
  return rows.flatMap((r) => (r.children?.length ? leafRows(r.children) : [r]));
}

/** Every data cell of a table, in reading order. */
export function tableCells(table: TableTemplate): CellRef[] {
  return table.blocks.flatMap((block) => {
    const columns = leafColumns(block.columns);
    return leafRows(block.rows).flatMap((row) =>
      columns.map((column) => ({ row: row.key!, column: column.key!, kind: column.kind ?? 'count' })),
    );
  });
}

/** The leaf rows under the merged label named `group` in a table. */
export function groupRows(table: TableTemplate, group: string): RowNode[] {
  const find = (nodes: readonly RowNode[]): RowNode | undefined => {
    for (const node of nodes) {
      if (node.group === group) return node;
      const inner = node.children && find(node.children);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const block of table.blocks) {
    const node = find(block.rows);
    if (node) return leafRows(node.children ?? [node]);
  }
  return [];
}
