/**
 * The shape of an annual-report template: the statistics tables 二/三/四 of the national form as
 * data. One declaration per version (2019, 2021) drives the stored data's keys, the portal's
 * tables and, later, the validator, the admin grid and the downloads.
 */

/** 格式版本: `2019` (国办公开办函〔2019〕60号, 2019 and 2020 reports), `2021` (〔2021〕30号, 2021 on). */
export const templateVersions = ['2019', '2021'] as const;
export type TemplateVersion = (typeof templateVersions)[number];

/**
 * What a data cell holds. `count`: integer ≥ 0. `signedCount`: integer, may be negative (2019
 * 本年增/减). `money`: decimal amount ≥ 0, in the unit of `moneyUnitOf` (docs/domain.md §4.1).
 */
export type CellKind = 'count' | 'signedCount' | 'money';

/** The units amounts are printed in: 元, or 万元 (10,000 元). */
export type MoneyUnit = '元' | '万元';
export const MONEY_UNITS: readonly MoneyUnit[] = ['元', '万元'];

/**
 * The unit of a money cell the form prints no unit for (2019 采购总金额), when the report stored
 * none: 元, because that is what reports of the 2019 format print ("251000元") (docs/domain.md §4.1).
 */
export const DEFAULT_MONEY_UNIT: MoneyUnit = '元';

/** Most decimals an amount may carry: 6, i.e. 0.01 元 in 万元; more is a typing or conversion error. */
export const MONEY_DECIMALS = 6;

/**
 * The annual report's `moneyUnits` JSON: the unit each money cell was printed in, for the cells
 * whose form gives none, keyed `"<field>.<row>.<column>"` (e.g. `proactiveTable.procurement.totalAmount`).
 */
export type MoneyUnits = Record<string, MoneyUnit>;

export function isMoneyUnit(value: unknown): value is MoneyUnit {
  return typeof value === 'string' && (MONEY_UNITS as readonly string[]).includes(value);
}

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
  /** A money column's unit when the form prints one (2021 本年收费金额: 万元). */
  unit?: MoneyUnit;
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

/** The fields of the annual report that store tables 二, 三 and 四, in the report's order. */
export const tableFields = ['proactiveTable', 'requestTable', 'reviewTable'] as const;

/** The field of the annual report that stores a table. */
export type TableField = (typeof tableFields)[number];

/** 一、总体情况: the opening text, then its parts （一）–（五）, in the report's order (R9 reads figures from them). */
export const overviewFields = [
  'overview',
  'overviewProactive',
  'overviewOnRequest',
  'overviewManagement',
  'overviewPlatform',
  'overviewSupervision',
] as const;
export type OverviewField = (typeof overviewFields)[number];

/** The closing sections 五、存在的主要问题及改进情况 and 六、其他需要报告的事项. */
export const closingFields = ['problems', 'otherMatters'] as const;
export type ClosingField = (typeof closingFields)[number];

/**
 * 表三's top column group: it spans every column and names none of them, so a column's name or
 * path leaves it out (`columnName`, the open data's column labels, the import's header match).
 */
export const APPLICANT_GROUP_LABEL = '申请人情况';

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

/** A data cell's address in a template; `unit` is the form's unit of a money column, if it prints one. */
export type CellRef = { row: string; column: string; kind: CellKind; unit?: MoneyUnit };

/** The leaf columns of a block, left to right. */
export function leafColumns(columns: readonly ColumnNode[]): ColumnNode[] {
  return columns.flatMap((c) => (c.children?.length ? leafColumns(c.children) : [c]));
}

/** The leaf rows of a block, top to bottom. */
export function leafRows(rows: readonly RowNode[]): RowNode[] {
  return rows.flatMap((r) => (r.children?.length ? leafRows(r.children) : [r]));
}

/** The address of the cell at a leaf row and a leaf column. */
export function cellRef(row: RowNode, column: ColumnNode): CellRef {
  return { row: row.key!, column: column.key!, kind: column.kind ?? 'count', ...(column.unit ? { unit: column.unit } : {}) };
}

/** Every data cell of a table, in reading order. */
export function tableCells(table: TableTemplate): CellRef[] {
  return table.blocks.flatMap((block) => {
    const columns = leafColumns(block.columns);
    return leafRows(block.rows).flatMap((row) => columns.map((column) => cellRef(row, column)));
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

// ── Money units ────────────────────────────────────────────────────────────────────────────

export function moneyUnitKey(field: TableField, row: string, column: string): string {
  return `${field}.${row}.${column}`;
}

/**
 * The unit of a money cell: the form's when it prints one; else what the report stored in
 * `moneyUnits`; else DEFAULT_MONEY_UNIT. `undefined` for a cell that is not money.
 */
export function moneyUnitOf(table: TableTemplate, row: string, column: string, moneyUnits?: unknown): MoneyUnit | undefined {
  const cell = tableCells(table).find((c) => c.row === row && c.column === column);
  if (!cell || cell.kind !== 'money') return undefined;
  if (cell.unit) return cell.unit;
  const stored =
    moneyUnits && typeof moneyUnits === 'object'
      ? (moneyUnits as Record<string, unknown>)[moneyUnitKey(table.field, row, column)]
      : undefined;
  return isMoneyUnit(stored) ? stored : DEFAULT_MONEY_UNIT;
}

// ── Cell names ─────────────────────────────────────────────────────────────────────────────

/** The number a label starts with (`3.`, `（六）`, `四、`), or the whole label when it has none. */
function ordinal(label: string): string {
  return /^\s*(\d+\s*[.．、]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)/.exec(label)?.[1]?.replace(/\s/g, '') ?? label;
}

function rowPaths(rows: readonly RowNode[], path: string[] = []): Array<{ key: string; path: string[] }> {
  return rows.flatMap((r) => (r.children?.length ? rowPaths(r.children, [...path, r.label]) : [{ key: r.key!, path: [...path, r.label] }]));
}

function columnPaths(columns: readonly ColumnNode[], path: string[] = []): Array<{ key: string; path: string[] }> {
  return columns.flatMap((c) =>
    c.children?.length ? columnPaths(c.children, [...path, c.label]) : [{ key: c.key!, path: [...path, c.label] }],
  );
}

/**
 * A row's name as an official finds it on the form: its label, after as many of its parent
 * labels as make it unique, counting the leaf by its number (1.–5. repeat under （三）–（六）):
 * `（六）其他处理 3.其他`, `（一）予以公开`, `规章` (docs/domain.md §3.6).
 */
export function rowName(table: TableTemplate, row: string): string {
  const paths = table.blocks.flatMap((b) => rowPaths(b.rows));
  const own = paths.find((p) => p.key === row);
  if (!own) return row;
  const tail = (path: string[], k: number) => [...path.slice(-k, -1), ordinal(path.at(-1)!)].join('\u0000');
  for (let k = 1; k < own.path.length; k++) {
    const mine = tail(own.path, k);
    if (paths.every((p) => p.key === row || tail(p.path, k) !== mine)) return own.path.slice(-k).join(' ');
  }
  return own.path.join(' ');
}

/**
 * A column's name: its label, or its path where leaves of that label repeat (表四's 总计 is
 * 行政复议 总计). 表三's top group 申请人情况 spans everything and names nothing.
 */
export function columnName(table: TableTemplate, column: string): string {
  const paths = table.blocks.flatMap((b) => columnPaths(b.columns));
  const own = paths.find((p) => p.key === column);
  if (!own) return column;
  const leaf = own.path.at(-1)!;
  const unique = paths.every((p) => p.key === column || p.path.at(-1) !== leaf);
  return unique ? leaf : own.path.filter((l) => l !== APPLICANT_GROUP_LABEL).join(' ');
}

/**
 * How every message names a cell (validator, admin grid, CMS errors): `表三 （六）其他处理 3.其他 ·
 * 总计`; a table without row labels (表四) by its column only.
 */
export function cellName(table: TableTemplate, row: string, column: string): string {
  const rowHeaders = table.blocks.every((b) => b.rowHeaders !== false);
  return rowHeaders
    ? `表${table.number} ${rowName(table, row)} · ${columnName(table, column)}`
    : `表${table.number} ${columnName(table, column)}`;
}
