/*
 * The annual-report templates against the official forms (docs/domain.md §3): labels
 * character for character, keys and kinds of the data cells, and the merged-cell layout the portal
 * prints. Pure data, no CMS.
 */
import { describe, it, expect } from 'vitest';
import { isTemplateVersion, reportTemplates, templateVersionForYear } from './templates.js';
import {
  tableFields,
  leafColumns,
  leafRows,
  tableCells,
  type CellKind,
  type RowNode,
  type TableField,
  type TableTemplate,
  type TemplateVersion,
} from './template.js';
import { layoutTable, type LayoutBlock, type LayoutCell } from './layout.js';

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

const versions: readonly TemplateVersion[] = ['2019', '2021'];
const fields: readonly TableField[] = tableFields;

function tableOf(version: TemplateVersion, field: TableField): TableTemplate {
  const found = reportTemplates[version].tables.filter((t) => t.field === field);
  expect(found, `${version} has exactly one ${field}`).toHaveLength(1);
  return found[0]!;
}

/** A header cell as `text colspan×rowspan`, a data cell as `=rowKey.columnKey` (plus `×colspan` if wider than 1). */
function show(cell: LayoutCell): string {
  if (cell.type === 'header') return `${cell.text} ${cell.colspan}×${cell.rowspan}`;
  return `=${cell.ref.row}.${cell.ref.column}${cell.colspan > 1 ? `×${cell.colspan}` : ''}`;
}

function headerCells(rows: LayoutCell[][]) {
  return rows.flat().filter((c): c is Extract<LayoutCell, { type: 'header' }> => c.type === 'header');
}

function dataCells(rows: LayoutCell[][]) {
  return rows.flat().filter((c): c is Extract<LayoutCell, { type: 'data' }> => c.type === 'data');
}

/** The one header cell (header or body) with the given text. */
function headerCell(block: LayoutBlock, text: string) {
  const found = headerCells([...block.headerRows, ...block.bodyRows]).filter((c) => c.text === text);
  expect(found, `exactly one header cell reads ${text}`).toHaveLength(1);
  return found[0]!;
}

/**
 * Places the rows of one section (header or body) on a grid as a browser would: each cell takes
 * the next free slot of its row, and a rowspan reserves slots in the rows below. Returns every
 * problem found: overlaps, cells sticking out right or below, and rows not filled to `width`.
 */
function gridProblems(rows: LayoutCell[][], width: number): string[] {
  const problems: string[] = [];
  const taken = rows.map(() => new Array<boolean>(width).fill(false));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && taken[r]![c]) c++;
      const rowspan = cell.type === 'header' ? cell.rowspan : 1;
      if (cell.colspan < 1 || rowspan < 1) problems.push(`row ${r}: ${show(cell)} has an empty span`);
      if (c + cell.colspan > width) problems.push(`row ${r}: ${show(cell)} at column ${c} sticks out past ${width}`);
      if (r + rowspan > rows.length) problems.push(`row ${r}: ${show(cell)} spans below the last row`);
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan && c + dc < width; dc++) {
          if (taken[r + dr]![c + dc]) problems.push(`row ${r}: ${show(cell)} overlaps slot (${r + dr}, ${c + dc})`);
          taken[r + dr]![c + dc] = true;
        }
      }
      c += cell.colspan;
    }
  });
  taken.forEach((slots, r) => {
    const free = slots.filter((t) => !t).length;
    if (free > 0) problems.push(`row ${r}: ${free} of ${width} slots left empty`);
  });
  return problems;
}

// ── Versions ─────────────────────────────────────────────────────────────────────────────────

describe('template versions', () => {
  it('2019 is the 60号 format starting with 2019 reports', () => {
    const t = reportTemplates['2019'];
    expect(t.version).toBe('2019');
    expect(t.issuedBy).toBe('国办公开办函〔2019〕60号');
    expect(t.firstYear).toBe(2019);
  });

  it('2021 is the 30号 format starting with 2021 reports', () => {
    const t = reportTemplates['2021'];
    expect(t.version).toBe('2021');
    expect(t.issuedBy).toBe('国办公开办函〔2021〕30号');
    expect(t.firstYear).toBe(2021);
  });

  it.each(versions)('%s has tables 二, 三, 四 in order with their official titles', (version) => {
    expect(reportTemplates[version].tables.map((t) => [t.number, t.field, t.title])).toEqual([
      ['二', 'proactiveTable', '主动公开政府信息情况'],
      ['三', 'requestTable', '收到和处理政府信息公开申请情况'],
      ['四', 'reviewTable', '政府信息公开行政复议、行政诉讼情况'],
    ]);
  });

  it.each([
    [2019, '2019'],
    [2020, '2019'],
    [2021, '2021'],
    [2022, '2021'],
    [2030, '2021'],
  ] as const)('a %i report uses the %s format', (year, version) => {
    expect(templateVersionForYear(year)).toBe(version);
  });

  it('a report before 2019 has no format', () => {
    expect(templateVersionForYear(2018)).toBeUndefined();
    expect(templateVersionForYear(1990)).toBeUndefined();
  });

  it('only the two version names are template versions', () => {
    expect(isTemplateVersion('2019')).toBe(true);
    expect(isTemplateVersion('2021')).toBe(true);
    expect(isTemplateVersion('2020')).toBe(false);
    expect(isTemplateVersion(2019)).toBe(false);
    expect(isTemplateVersion('toString')).toBe(false);
    expect(isTemplateVersion(undefined)).toBe(false);
  });
});

// ── Every table ──────────────────────────────────────────────────────────────────────────────

describe('every table of both versions', () => {
  const cases = versions.flatMap((version) => fields.map((field) => [version, field] as const));

  it.each(cases)('%s %s: every leaf row and leaf column has a key, inner nodes have none', (version, field) => {
    for (const block of tableOf(version, field).blocks) {
      const walkRows = (nodes: readonly RowNode[]): void =>
        nodes.forEach((n) => {
          if (n.children?.length) {
            expect(n.key, `inner row ${n.label}`).toBeUndefined();
            walkRows(n.children);
          } else {
            expect(n.key, `leaf row ${n.label}`).toMatch(/^[a-z][A-Za-z]*$/);
          }
        });
      walkRows(block.rows);
      for (const column of leafColumns(block.columns)) {
        expect(column.key, `leaf column ${column.label}`).toMatch(/^[a-z][A-Za-z]*$/);
      }
    }
  });

  it.each(cases)('%s %s: row keys are unique across the table, column keys unique within a block', (version, field) => {
    const table = tableOf(version, field);
    const rowKeys = table.blocks.flatMap((b) => leafRows(b.rows).map((r) => r.key));
    expect(new Set(rowKeys).size).toBe(rowKeys.length);
    for (const block of table.blocks) {
      const columnKeys = leafColumns(block.columns).map((c) => c.key);
      expect(new Set(columnKeys).size).toBe(columnKeys.length);
    }
  });

  it.each(cases)('%s %s: all data cell refs are unique (row, column) pairs', (version, field) => {
    const layout = layoutTable(tableOf(version, field));
    const refs = layout.blocks.flatMap((b) => dataCells(b.bodyRows).map((c) => `${c.ref.row}.${c.ref.column}`));
    expect(refs.length).toBeGreaterThan(0);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it.each(cases)('%s %s: tableCells() lists exactly the data cells of the layout, in reading order', (version, field) => {
    const table = tableOf(version, field);
    const layout = layoutTable(table);
    const fromLayout = layout.blocks.flatMap((b) => dataCells(b.bodyRows).map((c) => c.ref));
    expect(tableCells(table)).toEqual(fromLayout);
  });

  it.each(cases)('%s %s: data cells appear only in body rows, never in header rows', (version, field) => {
    for (const block of layoutTable(tableOf(version, field)).blocks) {
      expect(dataCells(block.headerRows)).toEqual([]);
    }
  });

  it.each(cases)('%s %s: header rows fill the table width exactly, with merged cells placed properly', (version, field) => {
    const layout = layoutTable(tableOf(version, field));
    layout.blocks.forEach((block) => {
      expect(block.headerRows.length).toBeGreaterThan(0);
      expect(gridProblems(block.headerRows, layout.width)).toEqual([]);
    });
  });

  it.each(cases)('%s %s: body rows fill the table width exactly, counting row labels carried down by rowspan', (version, field) => {
    const layout = layoutTable(tableOf(version, field));
    layout.blocks.forEach((block) => {
      expect(gridProblems(block.bodyRows, layout.width)).toEqual([]);
    });
  });

  it.each(cases)('%s %s: one body row per leaf row, one data cell per leaf column', (version, field) => {
    const table = tableOf(version, field);
    const layout = layoutTable(table);
    table.blocks.forEach((block, i) => {
      const body = layout.blocks[i]!.bodyRows;
      const rows = leafRows(block.rows);
      const columns = leafColumns(block.columns);
      expect(body).toHaveLength(rows.length);
      body.forEach((cells, r) => {
        const data = dataCells([cells]);
        expect(data.map((c) => c.ref.row)).toEqual(columns.map(() => rows[r]!.key));
        expect(data.map((c) => c.ref.column)).toEqual(columns.map((c) => c.key));
        expect(data.map((c) => c.columnLabel)).toEqual(columns.map((c) => c.label));
      });
    });
  });
});

// ── 表二 主动公开政府信息情况 ────────────────────────────────────────────────────────────────────

type BlockSpec = {
  heading: string;
  rows: [label: string, key?: string][];
  columns: [label: string, kind: CellKind][];
};

/** docs/domain.md §3.1, 2019 format (60号). */
const proactive2019: BlockSpec[] = [
  {
    heading: '第二十条第（一）项',
    rows: [['规章'], ['规范性文件']],
    columns: [
      ['本年新制作数量', 'count'],
      ['本年新公开数量', 'count'],
      ['对外公开总数量', 'count'],
    ],
  },
  {
    heading: '第二十条第（五）项',
    rows: [['行政许可'], ['其他对外管理服务事项']],
    columns: [
      ['上一年项目数量', 'count'],
      ['本年增/减', 'signedCount'],
      ['处理决定数量', 'count'],
    ],
  },
  {
    heading: '第二十条第（六）项',
    rows: [['行政处罚'], ['行政强制']],
    columns: [
      ['上一年项目数量', 'count'],
      ['本年增/减', 'signedCount'],
      ['处理决定数量', 'count'],
    ],
  },
  {
    heading: '第二十条第（八）项',
    rows: [['行政事业性收费']],
    columns: [
      ['上一年项目数量', 'count'],
      ['本年增/减', 'signedCount'],
    ],
  },
  {
    heading: '第二十条第（九）项',
    rows: [['政府集中采购']],
    columns: [
      ['采购项目数量', 'count'],
      ['采购总金额', 'money'],
    ],
  },
];

/** docs/domain.md §3.1, 2021 format (30号). */
const proactive2021: BlockSpec[] = [
  {
    heading: '第二十条第（一）项',
    rows: [['规章'], ['行政规范性文件']],
    columns: [
      ['本年制发件数', 'count'],
      ['本年废止件数', 'count'],
      ['现行有效件数', 'count'],
    ],
  },
  {
    heading: '第二十条第（五）项',
    rows: [['行政许可']],
    columns: [['本年处理决定数量', 'count']],
  },
  {
    heading: '第二十条第（六）项',
    rows: [['行政处罚'], ['行政强制']],
    columns: [['本年处理决定数量', 'count']],
  },
  {
    heading: '第二十条第（八）项',
    rows: [['行政事业性收费']],
    columns: [['本年收费金额（单位：万元）', 'money']],
  },
];

describe('表二 主动公开政府信息情况', () => {
  const specs = { '2019': proactive2019, '2021': proactive2021 } as const;

  it.each(versions)('%s: blocks are headed by the 第二十条 items of docs/domain.md §3.1, in order', (version) => {
    expect(tableOf(version, 'proactiveTable').blocks.map((b) => b.heading)).toEqual(specs[version].map((s) => s.heading));
  });

  it('2021 has no 第二十条第（九）项 政府集中采购 block', () => {
    const table = tableOf('2021', 'proactiveTable');
    expect(table.blocks.map((b) => b.heading)).not.toContain('第二十条第（九）项');
    expect(table.blocks.flatMap((b) => leafRows(b.rows).map((r) => r.label))).not.toContain('政府集中采购');
  });

  it.each(versions)('%s: each block has the row labels of docs/domain.md §3.1 under the corner 信息内容', (version) => {
    const table = tableOf(version, 'proactiveTable');
    table.blocks.forEach((block, i) => {
      expect(block.corner).toBe('信息内容');
      expect(block.rowHeaders).not.toBe(false);
      expect(leafRows(block.rows).map((r) => r.label)).toEqual(specs[version][i]!.rows.map(([label]) => label));
    });
  });

  it.each(versions)('%s: each block has the column labels and cell kinds of docs/domain.md §3.1', (version) => {
    const table = tableOf(version, 'proactiveTable');
    table.blocks.forEach((block, i) => {
      expect(leafColumns(block.columns).map((c) => [c.label, c.kind ?? 'count'])).toEqual(specs[version][i]!.columns);
    });
  });

  it('2019: 本年增/减 may be negative in every block that has it, and 采购总金额 is money', () => {
    const cells = tableCells(tableOf('2019', 'proactiveTable'));
    const byRow = (row: string) => cells.filter((c) => c.row === row).map((c) => c.kind);
    const table = tableOf('2019', 'proactiveTable');
    const keyOf = (label: string) => table.blocks.flatMap((b) => leafRows(b.rows)).find((r) => r.label === label)!.key!;
    expect(byRow(keyOf('行政许可'))).toEqual(['count', 'signedCount', 'count']);
    expect(byRow(keyOf('行政强制'))).toEqual(['count', 'signedCount', 'count']);
    expect(byRow(keyOf('行政事业性收费'))).toEqual(['count', 'signedCount']);
    expect(byRow(keyOf('政府集中采购'))).toEqual(['count', 'money']);
  });

  it('2021: nothing may be negative, and only the fee amount is money', () => {
    const cells = tableCells(tableOf('2021', 'proactiveTable'));
    expect(cells.filter((c) => c.kind === 'signedCount')).toEqual([]);
    const money = cells.filter((c) => c.kind === 'money');
    expect(money).toHaveLength(1);
    const fees = tableOf('2021', 'proactiveTable')
      .blocks.flatMap((b) => leafRows(b.rows))
      .find((r) => r.label === '行政事业性收费')!;
    expect(money[0]!.row).toBe(fees.key);
  });

  it('2021 renamed 规范性文件 to 行政规范性文件 and dropped 其他对外管理服务事项', () => {
    const labels = tableOf('2021', 'proactiveTable').blocks.flatMap((b) => leafRows(b.rows).map((r) => r.label));
    expect(labels).toContain('行政规范性文件');
    expect(labels).not.toContain('规范性文件');
    expect(labels).not.toContain('其他对外管理服务事项');
  });

  it.each(versions)('%s layout: one label column plus the widest block, 4 columns in all', (version) => {
    expect(layoutTable(tableOf(version, 'proactiveTable')).width).toBe(4);
  });

  it.each(versions)('%s layout: every header and body row of every block is exactly the table width', (version) => {
    const layout = layoutTable(tableOf(version, 'proactiveTable'));
    for (const block of layout.blocks) {
      for (const row of [...block.headerRows, ...block.bodyRows]) {
        expect(row.reduce((sum, cell) => sum + cell.colspan, 0)).toBe(layout.width);
      }
    }
  });

  it.each(versions)('%s layout: each block keeps its heading and has one header row starting with 信息内容', (version) => {
    const layout = layoutTable(tableOf(version, 'proactiveTable'));
    expect(layout.blocks.map((b) => b.heading)).toEqual(specs[version].map((s) => s.heading));
    for (const block of layout.blocks) {
      expect(block.headerRows).toHaveLength(1);
      expect(show(block.headerRows[0]![0]!)).toBe('信息内容 1×1');
    }
  });

  it('2019 layout: the two-column blocks stretch their last column to the full width', () => {
    const layout = layoutTable(tableOf('2019', 'proactiveTable'));
    const fees = layout.blocks[3]!;
    expect(fees.headerRows[0]!.map(show)).toEqual(['信息内容 1×1', '上一年项目数量 1×1', '本年增/减 2×1']);
    expect(fees.bodyRows[0]!.map((c) => c.colspan)).toEqual([1, 1, 2]);
    const procurement = layout.blocks[4]!;
    // The form prints no unit for 采购总金额: the header says the report's, 元 unless it stored another.
    expect(procurement.headerRows[0]!.map(show)).toEqual(['信息内容 1×1', '采购项目数量 1×1', '采购总金额（单位：元） 2×1']);
    const inTenThousands = layoutTable(tableOf('2019', 'proactiveTable'), { 'proactiveTable.procurement.totalAmount': '万元' }).blocks[4]!;
    expect(inTenThousands.headerRows[0]!.map(show)).toEqual(['信息内容 1×1', '采购项目数量 1×1', '采购总金额（单位：万元） 2×1']);
    expect(inTenThousands.bodyRows[0]!.filter((c) => c.type === 'data').map((c) => (c.type === 'data' ? c.unit : ''))).toEqual([
      undefined,
      '万元',
    ]);
  });

  it('2021 layout: the one-column blocks stretch their column over three', () => {
    const layout = layoutTable(tableOf('2021', 'proactiveTable'));
    expect(layout.blocks[1]!.headerRows[0]!.map(show)).toEqual(['信息内容 1×1', '本年处理决定数量 3×1']);
    expect(layout.blocks[3]!.headerRows[0]!.map(show)).toEqual(['信息内容 1×1', '本年收费金额（单位：万元） 3×1']);
    expect(layout.blocks[2]!.bodyRows.map((row) => row.map((c) => c.colspan))).toEqual([
      [1, 3],
      [1, 3],
    ]);
  });
});

// ── 表三 收到和处理政府信息公开申请情况 ──────────────────────────────────────────────────────────

/** docs/domain.md §3.2, leaf data rows, top to bottom. */
const requestRowsBefore: string[] = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
];
const requestRowsAfter: string[] = ['（七）总计', '四、结转下年度继续办理'];

const requestRows: Record<TemplateVersion, string[]> = {
  '2019': [...requestRowsBefore, '（六）其他处理', ...requestRowsAfter],
  '2021': [
    ...requestRowsBefore,
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '3.其他',
    ...requestRowsAfter,
  ],
};

const requestCorner = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

describe('表三 收到和处理政府信息公开申请情况', () => {
  it.each([
    ['2019', 23],
    ['2021', 25],
  ] as const)('%s has %i leaf data rows', (version, count) => {
    const table = tableOf(version, 'requestTable');
    expect(table.blocks).toHaveLength(1);
    expect(leafRows(table.blocks[0]!.rows)).toHaveLength(count);
    expect(requestRows[version]).toHaveLength(count);
  });

  it.each(versions)('%s: the leaf row labels are exactly those of docs/domain.md §3.2, in order', (version) => {
    const block = tableOf(version, 'requestTable').blocks[0]!;
    expect(leafRows(block.rows).map((r) => r.label)).toEqual(requestRows[version]);
  });

  it.each(versions)('%s: 三、本年度办理结果 groups （三）不予公开, （四）无法提供 and （五）不予处理, with no subtotal rows', (version) => {
    const rows = tableOf(version, 'requestTable').blocks[0]!.rows;
    expect(rows.map((r) => r.label)).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果',
      '四、结转下年度继续办理',
    ]);
    const results = rows[2]!;
    expect(results.children!.map((r) => [r.label, r.children?.length ?? 0])).toEqual([
      ['（一）予以公开', 0],
      ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 0],
      ['（三）不予公开', 8],
      ['（四）无法提供', 3],
      ['（五）不予处理', 5],
      ['（六）其他处理', version === '2019' ? 0 : 3],
      ['（七）总计', 0],
    ]);
  });

  it.each(versions)('%s: the 7 applicant columns in order, with their keys and no 小计 column', (version) => {
    const block = tableOf(version, 'requestTable').blocks[0]!;
    expect(leafColumns(block.columns).map((c) => [c.label, c.key, c.kind ?? 'count'])).toEqual([
      ['自然人', 'naturalPerson', 'count'],
      ['商业企业', 'commercial', 'count'],
      ['科研机构', 'research', 'count'],
      ['社会公益组织', 'socialWelfare', 'count'],
      ['法律服务机构', 'legalService', 'count'],
      ['其他', 'otherOrg', 'count'],
      ['总计', 'total', 'count'],
    ]);
    const allLabels: string[] = [];
    const walk = (nodes: typeof block.columns): void =>
      nodes.forEach((n) => {
        allLabels.push(n.label);
        if (n.children) walk(n.children);
      });
    walk(block.columns);
    expect(allLabels.filter((l) => l.includes('小计'))).toEqual([]);
  });

  it.each(versions)('%s: the corner carries the 勾稽 note', (version) => {
    expect(tableOf(version, 'requestTable').blocks[0]!.corner).toBe(requestCorner);
  });

  it.each([
    ['2019', 23 * 7],
    ['2021', 25 * 7],
  ] as const)('%s: %i data cells, all plain counts', (version, count) => {
    const cells = tableCells(tableOf(version, 'requestTable'));
    expect(cells).toHaveLength(count);
    expect(new Set(cells.map((c) => c.kind))).toEqual(new Set(['count']));
  });

  it('rows present in both versions keep the same keys', () => {
    const keys = (version: TemplateVersion) =>
      new Map(leafRows(tableOf(version, 'requestTable').blocks[0]!.rows).map((r) => [r.label, r.key]));
    const k2019 = keys('2019');
    const k2021 = keys('2021');
    const shared = [...k2019.keys()].filter((label) => k2021.has(label));
    expect(shared).toEqual([...requestRowsBefore, ...requestRowsAfter]);
    for (const label of shared) expect(k2021.get(label), label).toBe(k2019.get(label));
  });

  it.each(versions)('%s layout: 10 columns wide (3 label columns + 7 data columns)', (version) => {
    expect(layoutTable(tableOf(version, 'requestTable')).width).toBe(10);
  });

  it.each(versions)('%s layout: the three header rows as the official form prints them', (version) => {
    const block = layoutTable(tableOf(version, 'requestTable')).blocks[0]!;
    expect(block.headerRows.map((row) => row.map(show))).toEqual([
      [`${requestCorner} 3×3`, '申请人情况 7×1'],
      ['自然人 1×2', '法人或其他组织 5×1', '总计 1×2'],
      ['商业企业 1×1', '科研机构 1×1', '社会公益组织 1×1', '法律服务机构 1×1', '其他 1×1'],
    ]);
  });

  it.each(versions)('%s layout: the corner spans 3 columns × 3 header rows and 申请人情况 spans 7 columns', (version) => {
    const block = layoutTable(tableOf(version, 'requestTable')).blocks[0]!;
    const corner = headerCell(block, requestCorner);
    expect([corner.colspan, corner.rowspan]).toEqual([3, 3]);
    expect(headerCell(block, '申请人情况').colspan).toBe(7);
    expect(headerCell(block, '法人或其他组织').colspan).toBe(5);
  });

  it.each([
    ['2019', 20],
    ['2021', 22],
  ] as const)('%s layout: 三、本年度办理结果 spans %i rows', (version, rows) => {
    const block = layoutTable(tableOf(version, 'requestTable')).blocks[0]!;
    const cell = headerCell(block, '三、本年度办理结果');
    expect([cell.colspan, cell.rowspan, cell.scope]).toEqual([1, rows, 'rowgroup']);
  });

  it.each(versions)('%s layout: the merged labels （三）（四）（五） span 8, 3 and 5 rows', (version) => {
    const block = layoutTable(tableOf(version, 'requestTable')).blocks[0]!;
    expect(headerCell(block, '（三）不予公开').rowspan).toBe(8);
    expect(headerCell(block, '（四）无法提供').rowspan).toBe(3);
    expect(headerCell(block, '（五）不予处理').rowspan).toBe(5);
  });

  it('2019 layout: （六）其他处理 is a single data row whose label spans 2 columns', () => {
    const block = layoutTable(tableOf('2019', 'requestTable')).blocks[0]!;
    const cell = headerCell(block, '（六）其他处理');
    expect([cell.colspan, cell.rowspan, cell.scope]).toEqual([2, 1, 'row']);
  });

  it('2021 layout: （六）其他处理 is merged over its 3 sub-rows', () => {
    const block = layoutTable(tableOf('2021', 'requestTable')).blocks[0]!;
    const cell = headerCell(block, '（六）其他处理');
    expect([cell.colspan, cell.rowspan, cell.scope]).toEqual([1, 3, 'rowgroup']);
    expect(headerCell(block, '3.其他').colspan).toBe(1);
  });

  it.each(versions)('%s layout: top-level rows span all 3 label columns, second-level rows 2, third-level rows 1', (version) => {
    const block = layoutTable(tableOf(version, 'requestTable')).blocks[0]!;
    expect(headerCell(block, '一、本年新收政府信息公开申请数量').colspan).toBe(3);
    expect(headerCell(block, '四、结转下年度继续办理').colspan).toBe(3);
    expect(headerCell(block, '（一）予以公开').colspan).toBe(2);
    expect(headerCell(block, '（七）总计').colspan).toBe(2);
    expect(headerCell(block, '1.属于国家秘密').colspan).toBe(1);
    expect(headerCell(block, '5.要求行政机关确认或重新出具已获取信息').colspan).toBe(1);
  });

  it.each(versions)('%s layout: the first row under a merged label starts with that label', (version) => {
    const body = layoutTable(tableOf(version, 'requestTable')).blocks[0]!.bodyRows;
    const labelsOf = (row: LayoutCell[]) => headerCells([row]).map((c) => c.text);
    expect(labelsOf(body[0]!)).toEqual(['一、本年新收政府信息公开申请数量']);
    expect(labelsOf(body[2]!)).toEqual(['三、本年度办理结果', '（一）予以公开']);
    expect(labelsOf(body[4]!)).toEqual(['（三）不予公开', '1.属于国家秘密']);
    expect(labelsOf(body[5]!)).toEqual(['2.其他法律行政法规禁止公开']);
    expect(labelsOf(body[12]!)).toEqual(['（四）无法提供', '1.本机关不掌握相关政府信息']);
    expect(labelsOf(body.at(-1)!)).toEqual(['四、结转下年度继续办理']);
  });

  it.each(versions)('%s layout: a data cell names its full row path and its column', (version) => {
    const body = layoutTable(tableOf(version, 'requestTable')).blocks[0]!.bodyRows;
    const cell = dataCells([body[6]!])[0]!;
    expect(cell.rowLabel).toBe('三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”');
    expect(cell.columnLabel).toBe('自然人');
  });
});

// ── 表四 政府信息公开行政复议、行政诉讼情况 ──────────────────────────────────────────────────────

const outcomeLabels = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

describe('表四 政府信息公开行政复议、行政诉讼情况', () => {
  it('is the same in both versions', () => {
    expect(tableOf('2021', 'reviewTable')).toEqual(tableOf('2019', 'reviewTable'));
  });

  it.each(versions)('%s: 15 leaf columns, 5 outcomes under each of 行政复议, 未经复议直接起诉, 复议后起诉', (version) => {
    const block = tableOf(version, 'reviewTable').blocks[0]!;
    expect(leafColumns(block.columns).map((c) => c.label)).toEqual([...outcomeLabels, ...outcomeLabels, ...outcomeLabels]);
    expect(block.columns.map((c) => c.label)).toEqual(['行政复议', '行政诉讼']);
    expect(block.columns[1]!.children!.map((c) => c.label)).toEqual(['未经复议直接起诉', '复议后起诉']);
  });

  it.each(versions)('%s: one data row of 15 counts, without row labels', (version) => {
    const table = tableOf(version, 'reviewTable');
    expect(table.blocks).toHaveLength(1);
    expect(table.blocks[0]!.rowHeaders).toBe(false);
    expect(leafRows(table.blocks[0]!.rows)).toHaveLength(1);
    const cells = tableCells(table);
    expect(cells).toHaveLength(15);
    expect(new Set(cells.map((c) => c.kind))).toEqual(new Set(['count']));
  });

  it.each(versions)('%s layout: 15 columns wide, no corner and no row-header cells', (version) => {
    const layout = layoutTable(tableOf(version, 'reviewTable'));
    expect(layout.width).toBe(15);
    const block = layout.blocks[0]!;
    expect(block.bodyRows).toHaveLength(1);
    expect(headerCells(block.bodyRows)).toEqual([]);
    expect(dataCells(block.bodyRows)).toHaveLength(15);
    expect(block.headerRows.flat().map((c) => (c.type === 'header' ? c.text : ''))).not.toContain('');
  });

  it.each(versions)('%s layout: the three header rows as the official form prints them', (version) => {
    const block = layoutTable(tableOf(version, 'reviewTable')).blocks[0]!;
    expect(block.headerRows.map((row) => row.map(show))).toEqual([
      ['行政复议 5×1', '行政诉讼 10×1'],
      [...outcomeLabels.map((l) => `${l} 1×2`), '未经复议直接起诉 5×1', '复议后起诉 5×1'],
      [...outcomeLabels, ...outcomeLabels].map((l) => `${l} 1×1`),
    ]);
  });
});
