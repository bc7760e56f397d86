import {
  cellName,
  isMoneyUnit,
  layoutTable,
  MONEY_UNITS,
  moneyUnitKey,
  moneyUnitOf,
  reportTemplates,
  ruleInstances,
  sumRules,
  tableCells,
  tableFields,
  type CellKind,
  type CellRef,
  type CellValue,
  type LayoutBlock,
  type MoneyUnit,
  type MoneyUnits,
  type TableData,
  type TableField,
  type TableLayout,
  type TableTemplate,
  type TemplateVersion,
} from '@portal/shared';

/*
 * The grid editor's logic, without React: where each input sits, what typed or pasted text
 * means, and the totals the sum rules (R1–R4) compute. The same templates and rules as the
 * server validation and the portal, from @portal/shared.
 */

export function isTableField(value: unknown): value is TableField {
  return typeof value === 'string' && (tableFields as readonly string[]).includes(value);
}

export const cellKey = (row: string, column: string): string => `${row}\u0000${column}`;

export type GridCell = { ref: CellRef; rowLabel: string; columnLabel: string; line: number; index: number };

export type Grid = {
  table: TableTemplate;
  layout: TableLayout;
  /** Data cells by data row (across blocks), left to right: what the arrow keys move over. */
  lines: GridCell[][];
  byKey: Map<string, GridCell>;
};

export function gridOf(version: TemplateVersion, field: TableField, moneyUnits?: unknown): Grid | undefined {
  const table = reportTemplates[version].tables.find((t) => t.field === field);
  if (!table) return undefined;
  const layout = layoutTable(table, moneyUnits);
  const lines: GridCell[][] = [];
  const byKey = new Map<string, GridCell>();
  for (const block of layout.blocks) {
    for (const row of block.bodyRows) {
      const line: GridCell[] = [];
      for (const cell of row) {
        if (cell.type !== 'data') continue;
        const gridCell: GridCell = {
          ref: cell.ref,
          rowLabel: cell.rowLabel,
          columnLabel: cell.columnLabel,
          line: lines.length,
          index: line.length,
        };
        line.push(gridCell);
        byKey.set(cellKey(cell.ref.row, cell.ref.column), gridCell);
      }
      if (line.length) lines.push(line);
    }
  }
  return { table, layout, lines, byKey };
}

export type { LayoutBlock };

/** The cell reached from `from` by a move; stays put at the edges. */
export function move(grid: Grid, from: GridCell, direction: 'up' | 'down' | 'left' | 'right'): GridCell {
  const { lines } = grid;
  if (direction === 'left') return lines[from.line]![Math.max(0, from.index - 1)]!;
  if (direction === 'right') {
    const line = lines[from.line]!;
    return line[Math.min(line.length - 1, from.index + 1)]!;
  }
  const target = direction === 'up' ? from.line - 1 : from.line + 1;
  const line = lines[target];
  if (!line) return from;
  return line[Math.min(line.length - 1, from.index)]!;
}

// ── Text ⇄ value ───────────────────────────────────────────────────────────────────────────

/** What an editor may type for 不适用. */
const TYPED_NA = new Set(['/', '不适用']);
/** What a pasted sheet may hold for 不适用 (third-party tools' conventions, docs/domain.md §3.5). */
const PASTED_NA = new Set([...TYPED_NA, '-', '—', '–', '--', 'n/a', 'na']);

/** Full-width digits and signs (Chinese input methods) to ASCII; thousands separators dropped. */
function normalize(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/[／]/g, '/')
    .replace(/[,，\s]/g, '');
}

/** `undefined`: not filled in; `null`: 不适用; a number; or not readable (keep the text, show a problem). */
export type Parsed = { ok: true; value: CellValue | undefined } | { ok: false };

export function parseCell(text: string, mode: 'typed' | 'pasted' = 'typed'): Parsed {
  const t = normalize(text);
  if (t === '') return { ok: true, value: undefined };
  if ((mode === 'pasted' ? PASTED_NA : TYPED_NA).has(t.toLowerCase())) return { ok: true, value: null };
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false };
  const value = Number(t);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

export function formatCell(value: unknown): string {
  if (value === null) return '/';
  if (typeof value === 'number') return String(Number(value.toFixed(6)));
  return '';
}

export function inputModeOf(kind: CellKind): 'numeric' | 'decimal' | 'text' {
  return kind === 'money' ? 'decimal' : kind === 'signedCount' ? 'text' : 'numeric';
}

/** The message for text that is not a number, naming the cell as every finding does. */
export function unreadableMessage(table: TableTemplate, row: string, column: string, text: string): string {
  return `${cellName(table, row, column)}：“${text}”不是数字（填数字或 0；不适用时填 /）`;
}

// ── Money units ────────────────────────────────────────────────────────────────────────────

/** A money cell whose unit the editor chooses (the form prints none: 2019 采购总金额), with its current unit. */
export type UnitChoice = { row: string; column: string; key: string; name: string; unit: MoneyUnit };

export function unitChoices(table: TableTemplate, moneyUnits: unknown): UnitChoice[] {
  return tableCells(table)
    .filter((ref) => ref.kind === 'money' && !ref.unit)
    .map(({ row, column }) => ({
      row,
      column,
      key: moneyUnitKey(table.field, row, column),
      name: cellName(table, row, column),
      unit: moneyUnitOf(table, row, column, moneyUnits)!,
    }));
}

/** The report's `moneyUnits` with one cell's unit set (other keys kept as stored). */
export function withMoneyUnit(moneyUnits: unknown, key: string, unit: string): MoneyUnits {
  const current = moneyUnits && typeof moneyUnits === 'object' && !Array.isArray(moneyUnits) ? (moneyUnits as Record<string, unknown>) : {};
  const next: MoneyUnits = {};
  for (const [k, v] of Object.entries(current)) if (isMoneyUnit(v)) next[k] = v;
  if (isMoneyUnit(unit)) next[key] = unit;
  return next;
}

export { MONEY_UNITS };

// ── Data ───────────────────────────────────────────────────────────────────────────────────

export function asTableData(value: unknown): TableData {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return value as TableData;
}

/** A copy of `data` with cells set (`undefined` removes the key; empty rows are dropped). */
export function withCells(
  data: TableData,
  changes: ReadonlyArray<{ row: string; column: string; value: CellValue | undefined }>,
): TableData {
  const next: TableData = {};
  for (const [row, columns] of Object.entries(data)) next[row] = { ...columns };
  for (const { row, column, value } of changes) {
    const columns = (next[row] ??= {});
    if (value === undefined) delete columns[column];
    else columns[column] = value;
    if (Object.keys(columns).length === 0) delete next[row];
  }
  return next;
}

/** Only the cells that belong to the table's template (drops another version's keys). */
export function onlyTemplateCells(table: TableTemplate, data: TableData): TableData {
  const keep = tableCells(table).map(({ row, column }) => ({ row, column, value: data[row]?.[column] }));
  return withCells({}, keep);
}

// ── Computed totals (R1–R4) ────────────────────────────────────────────────────────────────

export type Computed = {
  value: number;
  rule: string;
  explain: string;
  /** Some summed cells are not filled in (counted as 0) or 不适用 (left out). */
  partial: boolean;
};

/**
 * The value the sum rules give each target cell, from the cells filled in so far. A cell that
 * is the target of two rules (表三 （七）总计 · 总计) gets the first that has any term filled.
 */
export function computeTotals(version: TemplateVersion, table: TableTemplate, data: TableData): Map<string, Computed> {
  const out = new Map<string, Computed>();
  for (const rule of sumRules) {
    if (rule.table !== table.field || rule.severity !== 'error') continue;
    if (rule.versions && !rule.versions.includes(version)) continue;
    for (const instance of ruleInstances(rule, table)) {
      if (instance.terms.some((t) => t.from === 'previous')) break;
      const key = cellKey(instance.target.row, instance.target.column);
      if (out.has(key)) continue;
      let sum = 0;
      let filled = 0;
      for (const term of instance.terms) {
        const v = data[term.row]?.[term.column];
        if (typeof v === 'number' && Number.isFinite(v)) {
          sum += term.sign * v;
          filled++;
        }
      }
      if (filled === 0) continue;
      out.set(key, {
        value: Number(sum.toFixed(6)),
        rule: rule.id,
        explain: rule.explain,
        partial: filled < instance.terms.length,
      });
    }
  }
  return out;
}

/**
 * Fills every total whose summed cells are all filled in, repeating until stable (row totals
 * feed column totals).
 */
export function fillTotals(version: TemplateVersion, table: TableTemplate, data: TableData): TableData {
  let current = data;
  for (let pass = 0; pass < 5; pass++) {
    const changes = [...computeTotals(version, table, current)]
      .filter(([, computed]) => !computed.partial)
      .map(([key, computed]) => {
        const [row, column] = key.split('\u0000') as [string, string];
        return { row, column, value: computed.value };
      })
      .filter(({ row, column, value }) => current[row]?.[column] !== value);
    if (changes.length === 0) break;
    current = withCells(current, changes);
  }
  return current;
}

// ── Paste ──────────────────────────────────────────────────────────────────────────────────

export type Pasted = {
  changes: Array<{ row: string; column: string; value: CellValue | undefined }>;
  /** Tokens that are not numbers, by cell key: kept as typed text and reported. */
  unreadable: Record<string, string>;
};

/**
 * A block copied from a spreadsheet (tab-separated, one line a row) laid from `from` on, right and
 * down over the data cells; what falls outside the table is dropped. `undefined` for one value
 * (no tab, no line break): the input takes that as typed text.
 */
export function pasteBlock(grid: Grid, from: GridCell, clipboard: string): Pasted | undefined {
  const text = clipboard.replace(/(\r?\n)+$/, '');
  if (!/[\t\r\n]/.test(text)) return undefined;
  const changes: Pasted['changes'] = [];
  const unreadable: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const cells = grid.lines[from.line + i];
    if (!cells) return;
    line.split('\t').forEach((token, j) => {
      const target = cells[from.index + j];
      if (!target) return;
      const parsed = parseCell(token, 'pasted');
      if (parsed.ok) changes.push({ row: target.ref.row, column: target.ref.column, value: parsed.value });
      else unreadable[cellKey(target.ref.row, target.ref.column)] = token.trim();
    });
  });
  return { changes, unreadable };
}

// ── Keeping what the editor typed ──────────────────────────────────────────────────────────

/** Two tables hold the same cells (key order does not matter; a missing table is an empty one). */
export function sameTable(a: unknown, b: unknown): boolean {
  const x = asTableData(a);
  const y = asTableData(b);
  const rows = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const row of rows) {
    const cx = x[row] ?? {};
    const cy = y[row] ?? {};
    const columns = new Set([...Object.keys(cx), ...Object.keys(cy)]);
    for (const column of columns) if (!Object.is(cx[column], cy[column])) return false;
  }
  return true;
}

/**
 * Whether the form just put back the stored table over the one the editor typed, and the typed
 * one should be restored: the admin re-applies the stored document after a refused save (its
 * optimistic update is rolled back), which would throw away a whole table over one wrong total.
 * Only while a save is under way or just refused, and only when the field now shows exactly the
 * stored table (a reset, not an edit).
 */
export function shouldRestore(state: {
  typed: TableData | undefined;
  value: unknown;
  stored: unknown;
  saving: boolean;
  refused: boolean;
}): boolean {
  const { typed, value, stored, saving, refused } = state;
  if (typed === undefined || !(saving || refused)) return false;
  return sameTable(value, stored) && !sameTable(value, typed);
}

/** The documentId a relation field holds in the admin form (`{ connect: [...] }`, an object or an id). */
export function relationDocumentId(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (!value || typeof value !== 'object') return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.documentId === 'string') return o.documentId || undefined;
  for (const key of ['set', 'connect']) {
    const list = o[key];
    if (Array.isArray(list) && list.length > 0) return relationDocumentId(list[list.length - 1]);
  }
  return undefined;
}
