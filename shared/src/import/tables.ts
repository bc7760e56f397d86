import { reportTemplates } from '../report/templates.js';
import {
  leafColumns,
  leafRows,
  type CellKind,
  type ColumnNode,
  type RowNode,
  type TableField,
  type TemplateVersion,
} from '../report/template.js';
import { isBlankMark, looksLikeValue } from './split.js';
import { asciiDigits, isPageMarker, labelKey, withoutNumbering, type Line } from './text.js';
import type { ImportFlag } from './types.js';

/*
 * Reads the lines of tables 二/三/四 into labelled rows of printed values, whatever the layout:
 * TAB or pipe cells, space-separated PDF text, one cell per line (Word paste), labels split over
 * lines, value rows away from their labels, repeated headers and page markers in between.
 */

export type RowSpec = {
  table: TableField;
  row: string;
  columns: string[];
  kinds: CellKind[];
  label: string;
  /** A merged label printed as one row of totals (some reports print （六）其他处理 so): its leaves. */
  sumOf?: string[];
};

/** The row key under which a merged label's printed totals are kept (never stored). */
export const sumRowKey = (label: string) => `sum:${label}`;

/** A row as printed: its label line and the printed value cells ('' for a printed empty cell). */
export type RawRow = {
  spec: RowSpec;
  labelLine: Line;
  valueLines: Line[];
  cells: string[];
  /** The cells came from one TAB/pipe line, so an empty cell is a printed empty cell. */
  positional: boolean;
  /** Accumulating values from the lines after the label (orphaned values, one cell per line). */
  open: boolean;
  /** Every cell of the line, labels included, when label and values share one TAB/pipe line. */
  lineCells?: string[];
  /** The text ends in this row: the values it has are its first cells, the rest are lost. */
  truncated?: boolean;
};

type Form = { spec: RowSpec; form: string; kind?: 'old' | 'variant' | 'sum' };

export type TableModel = {
  version: TemplateVersion;
  specs: Map<string, RowSpec>;
  forms: Form[];
  headerWords: string[];
};

const specKey = (table: TableField, row: string) => `${table}.${row}`;

/** Labels that local reports print instead of the form's (and the form they stand for). */
const aliases: Record<TemplateVersion, Array<{ table: TableField; row: string; label: string; kind: 'old' | 'variant' }>> = {
  '2019': [
    { table: 'requestTable', row: 'otherHandling', label: '（六）其他', kind: 'variant' },
    { table: 'requestTable', row: 'carriedForward', label: '四、结转下一年度继续办理', kind: 'variant' },
  ],
  '2021': [
    { table: 'proactiveTable', row: 'normativeDocuments', label: '规范性文件', kind: 'old' },
    { table: 'requestTable', row: 'carriedForward', label: '四、结转下一年度继续办理', kind: 'variant' },
  ],
};

function columnWords(columns: readonly ColumnNode[]): string[] {
  return columns.flatMap((c) => [c.label, ...(c.children ? columnWords(c.children) : [])]);
}

function groupWords(rows: readonly RowNode[]): string[] {
  return rows.flatMap((r) => (r.children?.length ? [r.label, ...groupWords(r.children)] : []));
}

export function tableModel(version: TemplateVersion): TableModel {
  const template = reportTemplates[version];
  const specs = new Map<string, RowSpec>();
  const forms: Form[] = [];
  const words = new Set<string>(['信息内容', '单位', '万元', '元', '续表', '续']);
  for (const table of template.tables) {
    words.add(table.title);
    words.add(`${table.number}、${table.title}`);
    for (const block of table.blocks) {
      const columns = leafColumns(block.columns);
      for (const w of [...columnWords(block.columns), ...groupWords(block.rows), block.heading ?? '', block.corner ?? ''])
        if (w) words.add(w);
      // Merged labels under 三、本年度办理结果 ((三)–(六)): a report may print one row of totals for them.
      if (block.rowHeaders !== false) {
        const inner = (nodes: readonly RowNode[]): RowNode[] =>
          nodes.flatMap((n) => (n.children?.length ? [...(n.group ? [] : [n]), ...inner(n.children)] : []));
        for (const node of inner(block.rows)) {
          const spec: RowSpec = {
            table: table.field,
            row: sumRowKey(node.label),
            columns: columns.map((c) => c.key!),
            kinds: columns.map((c) => c.kind ?? 'count'),
            label: node.label,
            sumOf: leafRows(node.children!).map((r) => r.key!),
          };
          specs.set(specKey(table.field, spec.row), spec);
          forms.push({ spec, form: labelKey(node.label), kind: 'sum' });
        }
      }
      for (const row of leafRows(block.rows)) {
        const spec: RowSpec = {
          table: table.field,
          row: row.key!,
          columns: columns.map((c) => c.key!),
          kinds: columns.map((c) => c.kind ?? 'count'),
          label: row.label,
        };
        specs.set(specKey(table.field, row.key!), spec);
        if (block.rowHeaders === false) continue;
        const full = labelKey(row.label);
        const short = full.replace(/（[^（）]*）$/, '');
        for (const f of new Set([full, short, withoutNumbering(full), withoutNumbering(short)])) {
          if (f.length >= 2 && (f === full || f.length >= 4)) forms.push({ spec, form: f });
        }
      }
    }
  }
  for (const alias of aliases[version]) {
    const spec = specs.get(specKey(alias.table, alias.row));
    if (spec) forms.push({ spec, form: labelKey(alias.label), kind: alias.kind });
  }
  forms.sort((a, b) => b.form.length - a.form.length);
  const headerWords = [...words]
    .map(labelKey)
    .filter((w) => w.length >= 1)
    .sort((a, b) => b.length - a.length);
  return { version, specs, forms, headerWords };
}

/** The row a label names, preferring the table being read when two tables could match. */
export function matchRow(model: TableModel, text: string, current?: TableField): Form | undefined {
  // A unit printed after the label (行政事业性收费（万元）) is not part of it.
  const key = labelKey(text).replace(/（(?:单位)?(?:万元|元|件|个|项|次)）$/, '');
  if (!key) return undefined;
  let best: Form | undefined;
  for (const f of model.forms) {
    if (key !== f.form && !key.endsWith(f.form)) continue;
    if (!best || f.form.length > best.form.length || (f.form.length === best.form.length && f.spec.table === current)) best = f;
  }
  return best;
}

/**
 * The row whose label begins where the text ends: a label wrapped in its cell, with the values on
 * its first line (`（二）部分公开（区分处理的，只计这一情形，不 5 1 0 …` / `计其他情形）`).
 */
export function matchRowStart(model: TableModel, text: string, current?: TableField): Form | undefined {
  const key = labelKey(text);
  let best: { form: Form; overlap: number } | undefined;
  let tie = false;
  for (const f of model.forms) {
    if (f.form.length < 8 || f.kind) continue;
    for (let n = Math.min(key.length, f.form.length - 1); n >= 6; n--) {
      if (!key.endsWith(f.form.slice(0, n))) continue;
      if (!best || n > best.overlap) [best, tie] = [{ form: f, overlap: n }, false];
      else if (n === best.overlap && f.spec !== best.form.spec) tie = !(f.spec.table === current && best.form.spec.table !== current);
      break;
    }
  }
  return best && !tie ? best.form : undefined;
}

/** Does the text consist only of column headers, captions and group labels (or a piece of one)? */
export function isHeaderText(model: TableModel, text: string): boolean {
  let rest = labelKey(text);
  if (!rest) return true;
  if (/^第二十条第（?[一二三四五六七八九十]+）?项/.test(rest)) return true;
  for (const w of model.headerWords) if (w.length >= 2 && rest.includes(w)) rest = rest.split(w).join('');
  rest = rest.replace(/[（）/]/g, '');
  if (!rest) return true;
  return rest.length >= 2 && model.headerWords.some((w) => w.includes(rest));
}

/** Cells of a line: pipe or TAB separated keep empty cells; other text splits at spaces. */
export function lineCells(text: string): { cells: string[]; delimited: boolean } {
  const t = text.trim();
  if (t.startsWith('|') || (t.match(/\|/g)?.length ?? 0) >= 2) {
    const parts = t.split('|').map((c) => c.trim());
    if (parts[0] === '') parts.shift();
    if (parts.at(-1) === '') parts.pop();
    return { cells: parts, delimited: true };
  }
  if (text.includes('\t')) return { cells: text.split('\t').map((c) => c.trim()), delimited: true };
  return { cells: t.split(/\s+/).filter(Boolean), delimited: false };
}

const gluedLabel = /^(.*[\u4e00-\u9fff）)])\s*([-−－+]?\d[\d.,\-−－]*(?:万元|元)?)$/;

/** The label text and the value cells of a line; a label glued to its first value is cut apart. */
export function labelAndValues(text: string): { label: string; values: string[]; delimited: boolean; cells: string[] } {
  const { cells, delimited } = lineCells(asciiDigits(text));
  let last = -1;
  cells.forEach((c, i) => {
    if (c && !looksLikeValue(c) && !isBlankMark(c)) last = i;
  });
  const labelCells = cells.slice(0, last + 1).filter(Boolean);
  const values = cells.slice(last + 1);
  if (labelCells.length) {
    const glued = gluedLabel.exec(labelCells.at(-1)!);
    if (glued && !/^\d+[.．、]?$/.test(glued[1]!)) {
      labelCells[labelCells.length - 1] = glued[1]!;
      values.unshift(glued[2]!);
    }
  }
  return { label: labelCells.join(''), values, delimited, cells };
}

export type ReadTables = { rows: RawRow[]; flags: ImportFlag[]; seen: Set<TableField>; endedInside?: TableField };

const tableNames: Record<TableField, string> = { proactiveTable: '表二', requestTable: '表三', reviewTable: '表四' };
export const tableName = (field: TableField) => tableNames[field];

/**
 * Reads the table zone of a report. `headingOf` says which table a line is the caption of.
 * `closed` is false when the text ends inside the zone (no section after the tables).
 */
export function readTables(
  model: TableModel,
  lines: readonly Line[],
  headingOf: (text: string) => TableField | undefined,
  closed: boolean,
): ReadTables {
  const rows: RawRow[] = [];
  const flags: ImportFlag[] = [];
  const seen = new Set<TableField>();
  const pending: RawRow[] = [];
  const byKey = new Map<string, RawRow>();
  let current: TableField | undefined;
  let carry: { text: string; lines: number } | undefined;
  let lastRow: RawRow | undefined;
  const review = model.specs.get('reviewTable.cases')!;

  const startRow = (spec: RowSpec, line: Line): RawRow | undefined => {
    const key = specKey(spec.table, spec.row);
    const existing = byKey.get(key);
    if (existing && (existing.cells.length || existing.open)) {
      flags.push({
        code: '无法识别的行',
        table: spec.table,
        row: spec.row,
        line: line.no,
        message: `第 ${line.no} 行：${tableName(spec.table)}“${spec.label}”重复出现，只采用第 ${existing.labelLine.no} 行`,
      });
      return undefined;
    }
    const row: RawRow = { spec, labelLine: line, valueLines: [], cells: [], positional: false, open: false };
    rows.push(row);
    byKey.set(key, row);
    seen.add(spec.table);
    return row;
  };

  /** Value lines no label has claimed yet: the labels may follow them. */
  const ahead: Array<{ values: string[]; delimited: boolean; line: Line; table?: TableField }> = [];
  const flushAhead = () => {
    for (const { line, table } of ahead.splice(0)) {
      flags.push({
        code: '孤立数值行',
        table,
        line: line.no,
        message: `第 ${line.no} 行：数值行“${line.text.trim().slice(0, 60)}”找不到所属的行标签，未读入`,
      });
    }
  };

  const giveValues = (values: string[], delimited: boolean, line: Line): boolean => {
    const nonBlank = values.filter((v) => v.trim() && !isBlankMark(v));
    while (pending.length && !pending[0]!.open) pending.shift();
    const target = pending[0];
    if (target) {
      const n = target.spec.columns.length;
      if (
        !target.cells.length &&
        (nonBlank.length >= n || nonBlank.some((v) => v.replace(/\D/g, '').length > 1 && nonBlank.length < n) || pending.length > 1)
      ) {
        target.cells = values;
        target.positional = delimited;
        target.valueLines.push(line);
        target.open = false;
        pending.shift();
      } else {
        target.cells.push(...nonBlank);
        target.valueLines.push(line);
        if (target.cells.length >= n) {
          target.open = false;
          pending.shift();
        }
      }
      lastRow = target;
      return true;
    }
    if (
      !byKey.has('reviewTable.cases') &&
      current !== 'proactiveTable' &&
      nonBlank.length >= 5 &&
      (nonBlank.length === 15 || nonBlank.join('').replace(/\D/g, '').length >= 15)
    ) {
      const row = startRow(review, line)!;
      row.cells = values;
      row.positional = delimited;
      row.valueLines.push(line);
      if (current !== 'reviewTable') {
        flags.push({
          code: '表头缺失',
          table: 'reviewTable',
          line: line.no,
          message: `第 ${line.no} 行：一行 ${nonBlank.length} 个数值、没有行标签，原文缺少表四的标题和表头；按表四的 15 列读入`,
        });
      }
      current = 'reviewTable';
      lastRow = row;
      return true;
    }
    if (lastRow && !lastRow.open && lastRow.valueLines.at(-1)?.no === line.no - 1) {
      const have = lastRow.cells.filter((v) => v.trim() && !isBlankMark(v)).length;
      if (have + nonBlank.length <= lastRow.spec.columns.length) {
        lastRow.cells = [...lastRow.cells.filter((v) => v.trim() && !isBlankMark(v)), ...nonBlank];
        lastRow.positional = false;
        lastRow.valueLines.push(line);
        return true;
      }
    }
    return false;
  };

  for (const line of lines) {
    const t = line.text.trim();
    if (!t || isPageMarker(t) || /^[\s|:：\-—–=_+→·.]+$/.test(t)) continue;
    const heading = headingOf(t);
    if (heading) {
      flushAhead();
      current = heading;
      seen.add(heading);
      carry = undefined;
      if (heading === 'reviewTable' && !byKey.has('reviewTable.cases')) {
        const row = startRow(review, line)!;
        row.open = true;
        pending.push(row);
      }
      continue;
    }
    const { label, values, delimited, cells } = labelAndValues(line.text);
    if (!label) {
      if (!values.some((v) => v.trim())) continue;
      if (!giveValues(values, delimited, line)) ahead.push({ values, delimited, line, table: current });
      continue;
    }
    const hasValues = values.some((v) => v.trim());
    const match =
      matchRow(model, label, current) ??
      (carry ? matchRow(model, carry.text + label, current) : undefined) ??
      (hasValues ? matchRowStart(model, label, current) : undefined);
    if (match && match.kind === 'sum' && !hasValues) {
      carry = undefined;
      continue;
    }
    if (match) {
      carry = undefined;
      if (match.kind === 'old') {
        flags.push({
          code: '旧标签',
          table: match.spec.table,
          row: match.spec.row,
          line: line.no,
          message: `第 ${line.no} 行：“${label}”是旧格式的标签，${model.version} 年格式为“${match.spec.label}”，已按后者读入`,
        });
      } else if (match.kind === 'sum') {
        flags.push({
          code: '标签变体',
          table: match.spec.table,
          row: match.spec.row,
          line: line.no,
          message: `第 ${line.no} 行：“${match.spec.label}”在 ${model.version} 年格式中分为 ${match.spec.sumOf!.length} 行，原文只印了合计一行；合计用于推算各行（合计为 0 的列各行均为 0），其余请对照原件补录`,
        });
      } else if (match.kind === 'variant') {
        flags.push({
          code: '标签变体',
          table: match.spec.table,
          row: match.spec.row,
          line: line.no,
          message: `第 ${line.no} 行：“${label}”按“${match.spec.label}”读入`,
        });
      }
      current = match.spec.table;
      const row = startRow(match.spec, line);
      if (!row) continue;
      lastRow = row;
      const early = ahead[0];
      if (values.some((v) => v.trim())) {
        flushAhead();
        row.cells = values;
        row.positional = delimited;
        if (delimited) row.lineCells = cells;
        row.valueLines.push(line);
      } else if (early && early.values.filter((v) => v.trim() && !isBlankMark(v)).length === row.spec.columns.length) {
        // Values printed before their labels (PDF text flows the number block first): in order.
        ahead.shift();
        row.cells = early.values;
        row.positional = early.delimited;
        row.valueLines.push(early.line);
        flags.push({
          code: '孤立数值行',
          table: row.spec.table,
          row: row.spec.row,
          line: early.line.no,
          message: `第 ${early.line.no} 行的数值在行标签“${row.spec.label}”（第 ${line.no} 行）之前，已按顺序对应，请核对`,
        });
      } else {
        row.open = true;
        pending.push(row);
      }
      continue;
    }
    if (isHeaderText(model, label) || (carry && isHeaderText(model, carry.text + label))) {
      carry = undefined;
      continue;
    }
    if (values.some((v) => v.trim())) {
      flags.push({
        code: '无法识别的行',
        table: current,
        line: line.no,
        message: `第 ${line.no} 行：“${t.slice(0, 60)}”不是本格式表格中的行，未读入`,
      });
      carry = undefined;
      continue;
    }
    carry = carry && carry.lines < 3 ? { text: carry.text + label, lines: carry.lines + 1 } : { text: label, lines: 1 };
  }

  flushAhead();
  let endedInside: TableField | undefined;
  if (!closed && current) {
    endedInside = current;
    const last = rows.at(-1);
    if (last && last.valueLines.at(-1)?.no === lines.filter((l) => l.text.trim()).at(-1)?.no) last.truncated = true;
  }
  return { rows, flags, seen, ...(endedInside ? { endedInside } : {}) };
}
