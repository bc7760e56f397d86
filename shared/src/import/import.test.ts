/*
 * The importer's pieces on small texts: digit-run splitting, printed units, empty cells that stay
 * empty, the format version checked against the labels, and hostile text. Pure: no files.
 */
import { describe, expect, it } from 'vitest';
import { importAnnualReport } from './report.js';
import { parseCell, splitTokens } from './split.js';

const values = (tokens: string[], kinds: Parameters<typeof splitTokens>[1]) =>
  splitTokens(tokens, kinds).alternatives.map((a) => a.map((p) => p.value));

describe('splitting glued digits', () => {
  it('行政许可3960181 in the 2021 form (one column) is one number', () => {
    expect(values(['3960181'], ['count'])).toEqual([[3960181]]);
  });
  it('2648-18538 under 上一年项目数量 / 本年增减 / 处理决定数量: the minus starts a cell, four splits fit', () => {
    expect(values(['2648-18538'], ['count', 'signedCount', 'count'])).toEqual([
      [2648, -1, 8538],
      [2648, -18, 538],
      [2648, -185, 38],
      [2648, -1853, 8],
    ]);
  });
  it('no cell starts with 0 unless it is 0', () => {
    expect(values(['1002'], ['count', 'count'])).toEqual([[100, 2]]);
  });
  it('a run too long to split is not split', () => {
    expect(values(['1'.repeat(200)], ['count', 'count', 'count'])).toEqual([]);
  });
});

describe('printed values', () => {
  it('keeps money as printed, with its unit', () => {
    expect(parseCell('3802895.90元', 'money')).toEqual({ value: 3802895.9, unit: '元', printed: '3802895.90元' });
    expect(parseCell('24252.311082万元', 'money')).toEqual({ value: 24252.311082, unit: '万元', printed: '24252.311082万元' });
    expect(parseCell('251000', 'money')).toEqual({ value: 251000, printed: '251000' });
  });
  it('/ is 不适用 (null), not 0; a count is no decimal', () => {
    expect(parseCell('/', 'count')).toEqual({ value: null, printed: '/' });
    expect(parseCell('1.5', 'count')).toBeUndefined();
    expect(parseCell('9'.repeat(20), 'count')).toBeUndefined();
  });
});

const report2019 = (table: string) => `某县某镇人民政府2020年政府信息公开工作年度报告
一、总体情况
全年工作平稳。
二、主动公开政府信息情况
${table}
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
`;

describe('cells', () => {
  it('an empty cell stays empty, even where a rule could fill it', () => {
    const r = importAnnualReport(
      report2019(`第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t5\t\t3
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t\t2\t1\t0\t0\t0\t0\t`),
    );
    expect(r.proactiveTable.licensing).toEqual({ previousCount: 5, decisions: 3 });
    expect(r.cells.find((c) => c.row === 'licensing' && c.column === 'change')).toMatchObject({
      status: 'missing',
      value: null,
      note: '原文此格为空',
      source: { line: 7 },
    });
    // R2 would give 总计 = 3; the report printed it empty, so it stays empty.
    expect(r.requestTable.newRequests).toEqual({
      naturalPerson: 2,
      commercial: 1,
      research: 0,
      socialWelfare: 0,
      legalService: 0,
      otherOrg: 0,
    });
    expect(r.cells.find((c) => c.row === 'newRequests' && c.column === 'total')).toMatchObject({ status: 'missing', note: '原文此格为空' });
  });

  it('a unit printed in the cell is recorded beside the number', () => {
    const r = importAnnualReport(report2019('第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3\t3802895.90元'));
    expect(r.proactiveTable.procurement).toEqual({ projectCount: 3, totalAmount: 3802895.9 });
    expect(r.moneyUnits).toEqual({ 'proactiveTable.procurement.totalAmount': '元' });
  });

  it('fewer values than columns and nothing to split: the cells stay uncertain, not guessed', () => {
    const r = importAnnualReport(report2019('三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 3 3'));
    const cells = r.cells.filter((c) => c.row === 'newRequests');
    expect(cells.every((c) => c.status === 'uncertain' && c.value === null)).toBe(true);
    expect(r.requestTable).toEqual({});
    expect(r.flags.find((f) => f.code === '列数不符')?.message).toBe(
      '第 6 行 表三“一、本年新收政府信息公开申请数量”：只有 2 个数值（3 3），本表有 7 列，无法确定各数值所在的列',
    );
  });
});

describe('format version', () => {
  it('a 2021 report printed with the 2019 form is flagged, read with the 2021 template', () => {
    const text = report2019(`第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t1\t1\t4`).replace('2020年', '2021年');
    const r = importAnnualReport(text);
    expect([r.year, r.templateVersion]).toEqual([2021, '2021']);
    expect(r.flags.find((f) => f.code === '格式版本不符')?.message).toBe(
      '2021 年的报告应使用 2021 年格式（国办公开办函〔2021〕30号），但表格中出现了 2019 年格式的标签（本年新制作数量、本年新公开数量、对外公开总数量）；两种格式表二各列含义不同，表二未读入，请按 2021 年格式对照原件填写',
    );
    // 本年新制作数量 is not 本年制发件数: nothing of that table 二 is stored.
    expect(r.proactiveTable).toEqual({});
    expect(r.cells.find((c) => c.row === 'normativeDocuments' && c.column === 'issued')).toMatchObject({
      status: 'missing',
      note: '原文表二是 2019 年格式，未读入',
    });
  });
  it('the year comes from the file name when the title has none, and a disagreement is flagged', () => {
    const r = importAnnualReport('政府信息公开工作年度报告\n一、总体情况\n无。', { fileName: 'report-2022.txt' });
    expect(r.year).toBe(2022);
    const s = importAnnualReport(report2019(''), { fileName: '2019-report.txt' });
    expect(s.flags.map((f) => f.code)).toContain('年度不一致');
  });
});

describe('hostile text', () => {
  it('empty, too long, garbage, endless digits: flags, no crash, no cell invented', () => {
    expect(importAnnualReport('   \n ').flags[0]!.message).toBe('文本为空：没有可导入的内容');
    expect(importAnnualReport('年'.repeat(2_000_001)).flags[0]!.code).toBe('无法读取');
    const garbage = report2019(
      `行政许可${'9'.repeat(100_000)}\n${'\u0000\u202e<script>'.repeat(1000)}\n${'1-'.repeat(5000)}\n规章 ${'0'.repeat(59)}`,
    );
    const r = importAnnualReport(garbage);
    expect(r.templateVersion).toBe('2019');
    expect(Object.keys(r.proactiveTable)).toEqual([]);
    expect(r.cells.every((c) => c.status !== 'read' && c.status !== 'derived')).toBe(true);
  });
});

describe('what real texts also do', () => {
  it('agency on the line above the title, a year in Chinese numerals, full-width and grouped digits, <br> in cells', () => {
    const r = importAnnualReport(`沭阳县人民政府办公室
二〇二一年政府信息公开工作年度报告
一、总体情况
全年工作平稳。
二、主动公开政府信息情况
第二十条第一项
| 信息内容 | 本年制发<br>件数 | 本年废止件数 | 现行有效件数 |
| 规章 | ０ | ０ | ２ |
第二十条第五项
行政许可 1,256
五、存在的主要问题及改进情况
无。
`);
    expect([r.agency, r.year, r.templateVersion, r.title]).toEqual([
      '沭阳县人民政府办公室',
      2021,
      '2021',
      '二〇二一年政府信息公开工作年度报告',
    ]);
    expect(r.proactiveTable).toEqual({ rules: { issued: 0, repealed: 0, inForce: 2 }, licensing: { decisions: 1256 } });
    expect(r.sections.overview).toEqual(['全年工作平稳。']);
    expect(r.flags.map((f) => f.code)).toEqual(['章节缺失', '内容不完整', '表格缺失', '表格缺失']);
  });

  it('table 四 printed over three lines under its heading', () => {
    const r = importAnnualReport(
      report2019('四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n2 1 0 1 4\n1 0 0 1 2\n0 0 0 1 1').replace('2020年', '2020年'),
    );
    expect(r.reviewTable.cases).toEqual({
      reviewMaintained: 2,
      reviewCorrected: 1,
      reviewOther: 0,
      reviewPending: 1,
      reviewTotal: 4,
      directMaintained: 1,
      directCorrected: 0,
      directOther: 0,
      directPending: 1,
      directTotal: 2,
      afterReviewMaintained: 0,
      afterReviewCorrected: 0,
      afterReviewOther: 0,
      afterReviewPending: 1,
      afterReviewTotal: 1,
    });
    expect(r.cells.find((c) => c.column === 'afterReviewTotal')?.source?.line).toBe(7);
  });
});

describe('more layouts', () => {
  it('a sub-part heading run into its first sentence; a unit after a row label; a value no column can hold', () => {
    const r = importAnnualReport(`某县某局2021年政府信息公开工作年度报告
一、总体情况
（一）主动公开情况。全年主动公开信息120条。
（二）依申请公开：全年收到申请3件。
二、主动公开政府信息情况
行政事业性收费（万元） 3.2
行政许可 2648-18538
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
`);
    expect(r.sections.overviewProactive).toEqual(['全年主动公开信息120条。']);
    expect(r.sections.overviewOnRequest).toEqual(['全年收到申请3件。']);
    expect(r.proactiveTable).toEqual({ fees: { amount: 3.2 } });
    expect(r.cells.find((c) => c.row === 'licensing')).toMatchObject({ status: 'uncertain', value: null, alternatives: [] });
    expect(r.flags.find((f) => f.code === '无法识别的行')?.message).toBe(
      '第 7 行 表二“行政许可”：“2648-18538”不是本行各列能填的数值，此行未读入',
    );
  });
});

describe('sections without their headings', () => {
  it('sub-parts of 一 are found when the heading 一、总体情况 is missing', () => {
    const r = importAnnualReport(`某县某局2021年政府信息公开工作年度报告
本报告依据条例编制。
（一）主动公开
全年主动公开信息120条。
（二）依申请公开
全年收到申请3件。
五、存在的主要问题及改进情况
无。
`);
    expect(r.sections).toMatchObject({
      overview: ['本报告依据条例编制。'],
      overviewProactive: ['全年主动公开信息120条。'],
      overviewOnRequest: ['全年收到申请3件。'],
      problems: ['无。'],
    });
    expect(r.flags[0]!.message).toBe('找不到“一、总体情况”的标题：标题与第一个章节之间的文字按总体情况导入');
  });
});

describe('value rows away from their labels', () => {
  it('values printed before their labels are matched in order; a stray value row is flagged, not read', () => {
    const r = importAnnualReport(
      report2019(`第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
0 1 2
3 4 5
规章
规范性文件
第二十条第（五）项
7 8
行政许可 1 0 1`),
    );
    expect(r.proactiveTable).toEqual({
      rules: { newlyMade: 0, newlyPublished: 1, totalPublished: 2 },
      normativeDocuments: { newlyMade: 3, newlyPublished: 4, totalPublished: 5 },
      licensing: { previousCount: 1, change: 0, decisions: 1 },
    });
    expect(r.flags.filter((f) => f.code === '孤立数值行').map((f) => f.message)).toEqual([
      '第 7 行的数值在行标签“规章”（第 9 行）之前，已按顺序对应，请核对',
      '第 8 行的数值在行标签“规范性文件”（第 10 行）之前，已按顺序对应，请核对',
      '第 12 行：数值行“7 8”找不到所属的行标签，未读入',
    ]);
  });
});

describe('a merged label printed as one row of totals', () => {
  it('2021 （六）其他处理 as one row: zero columns give each of its three rows 0, the rest stays missing', () => {
    const r = importAnnualReport(`某县某局2021年政府信息公开工作年度报告
一、总体情况
无。
三、收到和处理政府信息公开申请情况
（六）其他处理 2 0 0 0 0 0 2
五、存在的主要问题及改进情况
无。
`);
    for (const row of ['otherNoCorrection', 'otherUnpaidFee', 'otherHandlingOther']) {
      expect(r.requestTable[row]).toEqual({ commercial: 0, research: 0, socialWelfare: 0, legalService: 0, otherOrg: 0 });
      expect(r.cells.find((c) => c.row === row && c.column === 'commercial')).toMatchObject({
        status: 'derived',
        rule: '“（六）其他处理”合计',
      });
      expect(r.cells.find((c) => c.row === row && c.column === 'naturalPerson')).toMatchObject({ status: 'missing' });
    }
    expect(r.flags.find((f) => f.code === '标签变体')?.message).toBe(
      '第 5 行：“（六）其他处理”在 2021 年格式中分为 3 行，原文只印了合计一行；合计用于推算各行（合计为 0 的列各行均为 0），其余请对照原件补录',
    );
  });
  it('a merged label alone on its line is not a row (Word paste)', () => {
    const r = importAnnualReport(`某县某局2021年政府信息公开工作年度报告
一、总体情况
无。
三、收到和处理政府信息公开申请情况
（三）不予公开
1.属于国家秘密
0
0
0
0
0
0
0
五、存在的主要问题及改进情况
无。
`);
    expect(r.requestTable.withheldStateSecret).toEqual({
      naturalPerson: 0,
      commercial: 0,
      research: 0,
      socialWelfare: 0,
      legalService: 0,
      otherOrg: 0,
      total: 0,
    });
  });
});
