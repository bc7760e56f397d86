import { sumRules, type SumRule } from '../report/rules.js';
import { ruleInstances } from '../report/validate.js';
import { reportTemplates } from '../report/templates.js';
import { tableCells, tableFields, type CellKind, type CellValue, type TableField, type TemplateVersion } from '../report/template.js';
import { isBlankMark, parseCell, splitTokens, type Parsed } from './split.js';
import { tableName, type RawRow } from './tables.js';
import type { ImportedCell, ImportFlag, ImportedMoneyUnits, ImportSourceRef } from './types.js';

/*
 * From printed rows to cells: direct reads, glued digit runs split by the column count and the
 * row's 勾稽关系, and cells the text lost derived from the rules where the rules leave one value.
 * Nothing is guessed: where more than one value fits, the cell stays uncertain with them all.
 */

type Known = { value: CellValue; status: 'read' | 'derived'; rule?: string; note?: string; source?: ImportSourceRef };
type Alt = Array<number | null | undefined>;
type Group = {
  table: TableField;
  row: string;
  columns: string[];
  alternatives: Alt[];
  source: ImportSourceRef;
  reason: string;
  rules: Set<string>;
  where?: string;
};

const key = (table: string, row: string, column: string) => `${table}.${row}.${column}`;

type Instance = { id: string; cells: Array<{ key: string; coef: 1 | -1 }> };

/** Every in-report sum rule of the version as `Σ coef·cell = 0` (cross-year rules need the previous report). */
function instances(version: TemplateVersion): Instance[] {
  const template = reportTemplates[version];
  const out: Instance[] = [];
  for (const rule of sumRules as readonly SumRule[]) {
    if (rule.versions && !rule.versions.includes(version)) continue;
    const table = template.tables.find((t) => t.field === rule.table);
    if (!table) continue;
    for (const inst of ruleInstances(rule, table)) {
      if (inst.terms.some((t) => t.from)) continue;
      out.push({
        id: rule.id,
        cells: [
          { key: key(rule.table, inst.target.row, inst.target.column), coef: 1 },
          ...inst.terms.map((t) => ({ key: key(rule.table, t.row, t.column), coef: (t.sign === 1 ? -1 : 1) as 1 | -1 })),
        ],
      });
    }
  }
  return out;
}

/**
 * Row-level plausibility beyond the sums: a 2019 item's 上一年项目数量 plus 本年增/减 is next
 * year's 上一年项目数量 (R7), which cannot be negative.
 */
function rowChecks(
  version: TemplateVersion,
  table: TableField,
  columns: string[],
): Array<{ id: string; ok: (v: Map<string, number>) => boolean }> {
  if (version === '2019' && table === 'proactiveTable' && columns.includes('previousCount') && columns.includes('change')) {
    return [{ id: 'R7', ok: (v) => !v.has('previousCount') || !v.has('change') || v.get('previousCount')! + v.get('change')! >= 0 }];
  }
  return [];
}

function source(row: RawRow): ImportSourceRef {
  const line = row.valueLines[0] ?? row.labelLine;
  return { line: line.no, text: line.raw.trim().slice(0, 200) };
}

function combinations(n: number, k: number, limit: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]) => {
    if (out.length >= limit) return;
    if (acc.length === k) return void out.push(acc);
    for (let i = start; i <= n - (k - acc.length); i++) rec(i + 1, [...acc, i]);
  };
  rec(0, []);
  return out;
}

export type CellResult = {
  cells: ImportedCell[];
  tables: Record<TableField, Record<string, Record<string, CellValue>>>;
  moneyUnits: ImportedMoneyUnits;
  flags: ImportFlag[];
};

export function resolveCells(version: TemplateVersion, rows: readonly RawRow[], headerUnits: ImportedMoneyUnits): CellResult {
  const known = new Map<string, Known>();
  const blank = new Map<string, ImportSourceRef>();
  const seenRow = new Map<string, ImportSourceRef>();
  const cut = new Set<string>();
  const groups: Group[] = [];
  const flags: ImportFlag[] = [];
  const moneyUnits: ImportedMoneyUnits = { ...headerUnits };
  // Printed totals of a merged label: each column's total is the sum of its leaves.
  const rules = [
    ...instances(version),
    ...rows.flatMap((r) =>
      (r.spec.sumOf ?? []).length
        ? r.spec.columns.map((column) => ({
            id: `“${r.spec.label}”合计`,
            cells: [
              { key: key(r.spec.table, r.spec.row, column), coef: 1 as const },
              ...r.spec.sumOf!.map((leaf) => ({ key: key(r.spec.table, leaf, column), coef: -1 as const })),
            ],
          }))
        : [],
    ),
  ];
  const kindOf = new Map<string, CellKind>();
  for (const t of reportTemplates[version].tables) for (const c of tableCells(t)) kindOf.set(key(t.field, c.row, c.column), c.kind);

  /**
   * Records a row's values. A cell without one was printed empty (`gaps: 'blank'`, it stays
   * empty) or is not known from this line (`'unknown'`: lost, or left to the alternatives).
   */
  const setRead = (row: RawRow, values: Array<Parsed | undefined>, note?: string, rule?: string, gaps: 'blank' | 'unknown' = 'blank') => {
    const src = source(row);
    row.spec.columns.forEach((column, i) => {
      const k = key(row.spec.table, row.spec.row, column);
      const p = values[i];
      if (!p) return void (gaps === 'blank' && blank.set(k, src));
      if (p.unit) moneyUnits[`${row.spec.table}.${row.spec.row}.${column}`] = p.unit;
      known.set(k, {
        value: p.value,
        status: rule ? 'derived' : 'read',
        source: src,
        ...(note ? { note } : {}),
        ...(rule ? { rule } : {}),
      });
    });
  };

  /** Alternatives that pass the row's own rules, and the rules that removed any. */
  const rowFilter = (row: RawRow, alts: Alt[]): { alts: Alt[]; used: Set<string> } => {
    const used = new Set<string>();
    const local = rules.filter((r) => r.cells.every((c) => c.key.startsWith(`${row.spec.table}.${row.spec.row}.`)));
    const checks = rowChecks(version, row.spec.table, row.spec.columns);
    const kept = alts.filter((alt) => {
      const values = new Map<string, number>();
      row.spec.columns.forEach((c, i) => typeof alt[i] === 'number' && values.set(c, alt[i] as number));
      for (const r of local) {
        const vs = r.cells.map((c) => values.get(c.key.split('.')[2]!));
        if (vs.some((v) => v === undefined)) continue;
        if (Math.abs(vs.reduce<number>((s, v, i) => s + r.cells[i]!.coef * v!, 0)) > 1e-9) return (used.add(r.id), false);
      }
      for (const c of checks) if (!c.ok(values)) return (used.add(c.id), false);
      return true;
    });
    return { alts: kept, used };
  };

  // The grid of a TAB/pipe table: most of its rows have the same number of cells; the label
  // columns are what is left of that width after the widest block's value columns.
  const labelWidth = new Map<TableField, number>();
  for (const field of tableFields) {
    const widths = rows.filter((r) => r.spec.table === field && r.lineCells).map((r) => r.lineCells!.length);
    if (widths.length < 2) continue;
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [width, times] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const widest = Math.max(...rows.filter((r) => r.spec.table === field).map((r) => r.spec.columns.length));
    if (times * 2 > widths.length && width > widest) labelWidth.set(field, width - widest);
  }
  const isValueCell = (c: string) =>
    !c.trim() || isBlankMark(c) || parseCell(c, 'money') !== undefined || parseCell(c, 'signedCount') !== undefined;

  for (const row of rows) {
    const { table, row: rowKey, columns, kinds } = row.spec;
    const lw = labelWidth.get(table);
    if (row.lineCells && lw !== undefined && row.lineCells.length >= lw + columns.length) {
      const slot = row.lineCells.slice(lw, lw + columns.length);
      const outside = row.lineCells.slice(lw + columns.length);
      if (
        slot.every(isValueCell) &&
        outside.every((c) => !c.trim()) &&
        row.lineCells.slice(0, lw).every((c) => !isValueCell(c) || !c.trim())
      ) {
        const parsed = slot.map((c, i) => (c.trim() && !isBlankMark(c) ? parseCell(c, kinds[i]!) : undefined));
        if (parsed.every((p, i) => p || !slot[i]!.trim() || isBlankMark(slot[i]!))) {
          seenRow.set(`${table}.${rowKey}`, { line: row.labelLine.no, text: row.labelLine.raw.trim().slice(0, 200) });
          setRead(row, parsed);
          continue;
        }
      }
    }
    const n = columns.length;
    const src = source(row);
    seenRow.set(`${table}.${rowKey}`, { line: row.labelLine.no, text: row.labelLine.raw.trim().slice(0, 200) });
    const where = `第 ${src.line} 行 ${tableName(table)}“${row.spec.label}”`;
    if (!row.cells.some((c) => c.trim() && !isBlankMark(c))) {
      if (row.cells.length) setRead(row, []);
      continue;
    }
    let tokens: string[];
    if (row.positional) {
      const v = [...row.cells];
      while (v.length > n && !v[0]!.trim()) v.shift();
      while (v.length > n && !v.at(-1)!.trim()) v.pop();
      if (v.length === n) {
        const parsed = v.map((c, i) => (c.trim() && !isBlankMark(c) ? parseCell(c, kinds[i]!) : undefined));
        if (parsed.every((p, i) => p || !v[i]!.trim() || isBlankMark(v[i]!))) {
          setRead(row, parsed);
          continue;
        }
      }
      tokens = v.filter((c) => c.trim() && !isBlankMark(c));
      if (tokens.length === n && v.length > n) {
        const parsed = tokens.map((c, i) => parseCell(c, kinds[i]!));
        if (parsed.every(Boolean)) {
          flags.push({
            code: '列错位',
            table,
            row: rowKey,
            line: src.line,
            message: `${where}：数值不在各自的列下（${v.length} 格、${n} 个数值），已按数值顺序对齐到 ${n} 列，请核对`,
          });
          setRead(row, parsed, '原文列错位，按数值顺序对齐');
          continue;
        }
      }
    } else {
      tokens = row.cells.filter((c) => c.trim() && !isBlankMark(c));
    }
    if (tokens.length === n) {
      const parsed = tokens.map((c, i) => parseCell(c, kinds[i]!));
      if (parsed.every(Boolean)) {
        setRead(row, parsed);
        continue;
      }
    }
    if (row.truncated && tokens.length < n) {
      const parsed = tokens.map((c, i) => parseCell(c, kinds[i]!));
      if (parsed.every(Boolean)) {
        setRead(row, parsed, undefined, undefined, 'unknown');
        cut.add(`${table}.${rowKey}`);
        continue;
      }
    }
    if (tokens.length > n) {
      flags.push({
        code: '列数不符',
        table,
        row: rowKey,
        line: src.line,
        message: `${where}：有 ${tokens.length} 个数值，本表只有 ${n} 列，无法确定对应关系，此行未读入`,
      });
      for (const c of columns)
        groups.push({ table, row: rowKey, columns: [c], alternatives: [], source: src, reason: `原文此行数值多于列数`, rules: new Set() });
      continue;
    }
    const splits = splitTokens(tokens, kinds);
    if (splits.alternatives.length) {
      const alts: Alt[] = splits.alternatives.map((a) => a.map((p) => p.value));
      const { alts: kept, used } = rowFilter(row, alts);
      const glued = tokens.filter((t) => t.replace(/\D/g, '').length > 1).join('、');
      if (kept.length === 1) {
        const parsed = splits.alternatives[alts.indexOf(kept[0]!)]!;
        const rule = used.size ? [...used].join('、') : undefined;
        flags.push({
          code: '粘连数字',
          table,
          row: rowKey,
          line: src.line,
          message: `${where}：数字“${glued}”粘连，${rule ? `按列数和 ${rule} 只有一种拆法` : '按列数只有一种拆法'}：${parsed.map((p) => p.printed).join(' | ')}`,
        });
        setRead(row, parsed, `由粘连的“${glued}”拆出`, rule);
        continue;
      }
      if (kept.length > 1 || splits.truncated) {
        const shown = kept.slice(0, 8).map((a) => a.map((v) => (v === null ? '/' : String(v))).join(' | '));
        flags.push({
          code: '多种拆分',
          table,
          row: rowKey,
          line: src.line,
          message: `${where}：数字“${glued}”粘连，有 ${splits.truncated ? '很多' : kept.length} 种拆法符合列数和勾稽关系（${shown.join('；')}${kept.length > 8 ? '；……' : ''}），未作选择，请对照原件填写`,
        });
        // Columns every split agrees on are read; only the others stay uncertain.
        const agreed = splits.truncated ? [] : columns.map((_, i) => kept.every((a) => a[i] === kept[0]![i]));
        const firstParsed = splits.alternatives[alts.indexOf(kept[0]!)]!;
        setRead(
          row,
          columns.map((_, i) => (agreed[i] ? firstParsed[i] : undefined)),
          `由粘连的“${glued}”拆出，各种拆法此格相同`,
          undefined,
          'unknown',
        );
        const open = columns.filter((_, i) => !agreed[i]);
        groups.push({
          table,
          row: rowKey,
          columns: open,
          alternatives: splits.truncated ? [] : kept.map((a) => a.filter((_, i) => !agreed[i])),
          source: src,
          reason: `粘连数字“${glued}”有多种拆法`,
          rules: used,
          where,
        });
        continue;
      }
    }
    const unreadable = tokens.filter((t) => !kinds.some((k) => parseCell(t, k)) && !splits.alternatives.length);
    if (unreadable.length && tokens.length <= n) {
      flags.push({
        code: '无法识别的行',
        table,
        row: rowKey,
        line: src.line,
        message: `${where}：“${unreadable.join(' ')}”不是本行各列能填的数值，此行未读入`,
      });
      for (const c of columns)
        groups.push({
          table,
          row: rowKey,
          columns: [c],
          alternatives: [],
          source: src,
          reason: `原文数值“${unreadable.join(' ')}”无法读取`,
          rules: new Set(),
        });
      continue;
    }
    // Fewer values than columns and nothing to split: which columns they belong to is unknown.
    const parsedTokens = tokens.map((t) => t.trim());
    const combos = combinations(n, tokens.length, 5000);
    const alts: Alt[] = [];
    for (const combo of combos) {
      const alt: Alt = new Array(n).fill(undefined);
      let ok = true;
      combo.forEach((col, i) => {
        const p = parseCell(parsedTokens[i]!, kinds[col]!);
        if (!p) ok = false;
        else alt[col] = p.value;
      });
      if (ok) alts.push(alt);
    }
    const { alts: kept, used } = rowFilter(row, alts);
    flags.push({
      code: '列数不符',
      table,
      row: rowKey,
      line: src.line,
      message: `${where}：只有 ${tokens.length} 个数值（${parsedTokens.join(' ')}），本表有 ${n} 列，无法确定各数值所在的列`,
    });
    groups.push({
      table,
      row: rowKey,
      columns,
      alternatives: kept,
      source: src,
      reason: `原文此行只有 ${tokens.length} 个数值，对不上 ${n} 列`,
      rules: used,
    });
  }

  // ── Derivation: cells the text does not give, where the rules leave one value ──
  const groupOf = (k: string) => groups.find((g) => g.columns.some((c) => key(g.table, g.row, c) === k));
  const fits = (k: string, value: number): boolean => {
    const g = groupOf(k);
    if (!g || !g.alternatives.length) return true;
    const i = g.columns.findIndex((c) => key(g.table, g.row, c) === k);
    return g.alternatives.some((a) => a[i] === undefined || a[i] === value);
  };
  const derive = (k: string, value: number, rule: string, note: string): boolean => {
    const kind = kindOf.get(k);
    if (kind === 'count' && !(Number.isInteger(value) && value >= 0)) return false;
    if (kind === 'money' && value < 0) return false;
    if (!fits(k, value)) return false;
    const g = groupOf(k);
    known.set(k, { value, status: 'derived', rule, note, ...(g ? { source: g.source } : {}) });
    return true;
  };
  const rowValues = (g: Group, alt: Alt): string => {
    const spec = rows.find((r) => r.spec.table === g.table && r.spec.row === g.row)?.spec;
    return (spec?.columns ?? g.columns)
      .map((c) => {
        const i = g.columns.indexOf(c);
        const v = i >= 0 ? alt[i] : known.get(key(g.table, g.row, c))?.value;
        return v === null ? '/' : v === undefined ? '?' : String(v);
      })
      .join(' | ');
  };
  const nonNegative = (k: string) => kindOf.get(k) !== 'signedCount';

  for (let round = 0, changed = true; changed && round < 50; round++) {
    changed = false;
    for (const g of groups) {
      if (!g.alternatives.length) continue;
      const before = g.alternatives.length;
      g.alternatives = g.alternatives.filter((alt) => {
        for (const [i, c] of g.columns.entries()) {
          const kn = known.get(key(g.table, g.row, c));
          if (kn && alt[i] !== undefined && kn.value !== alt[i]) return false;
        }
        for (const r of rules) {
          if (!r.cells.some((c) => c.key.startsWith(`${g.table}.${g.row}.`))) continue;
          const vs = r.cells.map((c) => {
            const kn = known.get(c.key);
            if (kn) return kn.value;
            const i = g.columns.findIndex((col) => key(g.table, g.row, col) === c.key);
            return i >= 0 ? alt[i] : undefined;
          });
          if (vs.some((v) => v === undefined || v === null)) continue;
          if (Math.abs(vs.reduce<number>((s, v, i) => s + r.cells[i]!.coef * (v as number), 0)) > 1e-9) {
            g.rules.add(r.id);
            return false;
          }
        }
        return true;
      });
      if (g.alternatives.length !== before) changed = true;
      if (g.alternatives.length === 1 && before > 1) {
        const alt = g.alternatives[0]!;
        if (g.where) {
          flags.push({
            code: '粘连数字',
            table: g.table,
            row: g.row,
            line: g.source.line,
            message: `${g.where}：结合 ${[...g.rules].join('、')} 只剩一种拆法：${rowValues(g, alt)}`,
          });
        }
        g.columns.forEach((c, i) => {
          const k = key(g.table, g.row, c);
          if (!known.has(k) && typeof alt[i] === 'number') {
            known.set(k, {
              value: alt[i] as number,
              status: 'derived',
              rule: [...g.rules].join('、'),
              note: `${g.reason}，按 ${[...g.rules].join('、')} 只剩一种`,
              source: g.source,
            });
          }
        });
      }
    }
    for (const r of rules) {
      const vals = r.cells.map((c) => known.get(c.key));
      if (vals.some((v) => v && v.value === null)) continue;
      const unknown = r.cells.filter((c, i) => !vals[i]);
      if (!unknown.length) continue;
      const s = r.cells.reduce((sum, c, i) => sum + (vals[i] ? c.coef * (vals[i]!.value as number) : 0), 0);
      const free = unknown.filter((c) => !blank.has(c.key));
      if (unknown.length === 1 && free.length === 1) {
        const c = free[0]!;
        if (derive(c.key, -s / c.coef, r.id, `由 ${r.id} 算出`)) changed = true;
        continue;
      }
      // Every unknown on one side, all of them non-negative, that side summing to 0: each is 0.
      const pos = unknown.filter((c) => c.coef === 1);
      const neg = unknown.filter((c) => c.coef === -1);
      if (!unknown.every((c) => nonNegative(c.key))) continue;
      if ((neg.length === 0 && Math.abs(s) < 1e-9) || (pos.length === 0 && Math.abs(s) < 1e-9)) {
        for (const c of free) if (derive(c.key, 0, r.id, `由 ${r.id} 推出：同一等式中其余各项之和为 0，各项不为负`)) changed = true;
      }
    }
  }

  // ── Cells, in the template's order ──
  const cells: ImportedCell[] = [];
  const tables = { proactiveTable: {}, requestTable: {}, reviewTable: {} } as CellResult['tables'];
  for (const t of reportTemplates[version].tables) {
    for (const c of tableCells(t)) {
      const k = key(t.field, c.row, c.column);
      const kn = known.get(k);
      const base = { table: t.field, row: c.row, column: c.column };
      if (kn) {
        (tables[t.field][c.row] ??= {})[c.column] = kn.value;
        cells.push({
          ...base,
          status: kn.status,
          value: kn.value,
          ...(kn.rule ? { rule: kn.rule } : {}),
          ...(kn.note ? { note: kn.note } : {}),
          ...(kn.source ? { source: kn.source } : {}),
        });
        continue;
      }
      const g = groupOf(k);
      if (g) {
        const i = g.columns.indexOf(c.column);
        const values = [...new Set(g.alternatives.map((a) => a[i]))].filter((v): v is number | null => v !== undefined);
        const gapped = g.alternatives.some((a) => a[i] === undefined);
        cells.push({
          ...base,
          status: 'uncertain',
          value: null,
          alternatives: values,
          note: `${g.reason}${gapped ? '（此格也可能原文缺失）' : ''}`,
          source: g.source,
        });
        continue;
      }
      const b = blank.get(k);
      if (b) {
        cells.push({ ...base, status: 'missing', value: null, note: '原文此格为空', source: b });
        continue;
      }
      const row = seenRow.get(`${t.field}.${c.row}`);
      const note = cut.has(`${t.field}.${c.row}`) ? '文本在此行中断' : row ? '原文此行无数值' : '原文没有此行';
      cells.push({ ...base, status: 'missing', value: null, note, ...(row ? { source: row } : {}) });
    }
  }
  return { cells, tables, moneyUnits, flags };
}
