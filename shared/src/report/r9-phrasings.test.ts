/*
 * R9 (text vs table, docs/domain.md §3.4) on sentences written the way real reports write them.
 * Each fixture is a narrative with the figures of one table; the expected result is the R9
 * findings, as `row expected/actual`. A sentence that counts 本年新收 and 上年结转 together, or
 * counts a part (a channel, a kind of applicant, last year), is no alarm.
 */
import { describe, it, expect } from 'vitest';
import { validateReport, type ReportFigures } from './validate.js';
import { reportTemplates } from './templates.js';
import { tableFields, tableCells, type TableData, type TableField } from './template.js';

const fields: readonly TableField[] = tableFields;

type Figures = { newRequests: number; carriedOver: number; disclosed: number; partiallyDisclosed: number; carriedForward: number };

/** A 2021-format report whose 表三 总计 column holds the figures (the rest is 0; R1–R3 are not what is tested here). */
function report(figures: Figures, text: string): ReportFigures {
  const out: ReportFigures = {
    year: 2022,
    templateVersion: '2021',
    overviewTexts: [[{ type: 'paragraph', children: [{ type: 'text', text }] }]],
  };
  for (const field of fields) {
    const data: TableData = {};
    for (const { row, column } of tableCells(reportTemplates['2021'].tables.find((t) => t.field === field)!))
      (data[row] ??= {})[column] = 0;
    out[field] = data;
  }
  for (const [row, value] of Object.entries(figures)) out.requestTable![row]!.total = value;
  return out;
}

const r9 = (figures: Figures, text: string) =>
  validateReport(report(figures, text))
    .filter((f) => f.rule === 'R9')
    .map((f) => `${f.row} ${f.expected}/${f.actual}`);

const seventy: Figures = { newRequests: 70, carriedOver: 5, disclosed: 40, partiallyDisclosed: 8, carriedForward: 3 };
const big: Figures = { newRequests: 859, carriedOver: 12, disclosed: 200, partiallyDisclosed: 58, carriedForward: 31 };

const agreeing: Array<[string, Figures, string]> = [
  ['共收到', seventy, '2022年，本机关共收到政府信息公开申请70件，均在法定期限内予以答复。'],
  ['收到…共计', seventy, '全年收到政府信息公开申请共计70件。'],
  ['新收', seventy, '本年度新收政府信息公开申请70件，上年结转5件。'],
  ['受理…申请 (words between)', big, '全年共受理群众依申请公开申请859件，办结率100%。'],
  ['受理 (long subject)', big, '2022年度我局受理政府信息公开申请859件。'],
  ['收到依申请公开申请', seventy, '共收到依申请公开申请70件。'],
  ['full-width digits', seventy, '共收到政府信息公开申请７０件。'],
  ['结转下一年度继续办理', big, '截至年底，结转下一年度继续办理31件。'],
  ['结转至下年度', big, '另有31件结转至下年度继续办理。'],
  ['number before 结转', big, '其中31件因需征求第三方意见结转下年度办理。'],
  ['上年结转', big, '上年结转12件，已全部办结。'],
  ['结转至 the next year, by its number', big, '结转至2023年继续办理31件。'],
  ['结转 from an earlier year is not this year’s carry-forward', big, '2021年结转至2022年办理的12件已全部办结。'],
  ['上年度结转的申请', big, '上年度结转的申请12件均已办结。'],
  ['予以公开及部分公开 (one figure, two rows)', big, '予以公开及部分公开258件。'],
  ['予以公开、部分公开', big, '其中予以公开200件，部分公开58件。'],
  ['予以公开 counting 部分公开 in it', big, '予以公开258件（含部分公开58件）。'],
  ['new + carried over together', seventy, '本年度共受理政府信息公开申请75件，其中上年结转5件。'],
  ['new + carried over together (收到)', seventy, '2022年共收到政府信息公开申请75件（含上年结转5件），已办结72件。'],
  ['a channel is a part, not the total', seventy, '共收到政府信息公开申请70件，其中网上申请50件、信函申请20件。'],
  ['an applicant kind is a part', seventy, '收到自然人申请62件，法人或其他组织申请8件。'],
  ['last year’s figure quoted to compare', seventy, '与上年收到申请50件相比，增加20件。'],
  ['行政复议 is another table', seventy, '收到政府信息公开行政复议申请2件。'],
  ['no figure', seventy, '本年度未收取信息处理费，申请均按时办结。'],
  ['approximate figures are not quoted figures', seventy, '共收到政府信息公开申请70余件。'],
  [
    'a whole overview, every figure right',
    big,
    '2022年，共收到政府信息公开申请859件，上年结转12件。予以公开及部分公开258件，结转下一年度继续办理31件。',
  ],
];

const disagreeing: Array<[string, Figures, string, string[]]> = [
  ['共收到 a wrong figure', seventy, '共收到政府信息公开申请71件。', ['newRequests 71/70']],
  ['受理…申请 a wrong figure', big, '受理各类政府信息公开申请860件。', ['newRequests 860/859']],
  ['结转下一年度 a wrong figure', big, '结转下一年度继续办理30件。', ['carriedForward 30/31']],
  ['number before 结转, wrong', big, '其中30件结转下年度办理。', ['carriedForward 30/31']],
  ['结转至 the next year, wrong', big, '结转至2023年继续办理30件。', ['carriedForward 30/31']],
  ['上年结转 wrong', big, '上年结转11件。', ['carriedOver 11/12']],
  ['予以公开及部分公开 wrong', big, '予以公开及部分公开250件。', ['disclosed 250/258']],
  ['部分公开 wrong', big, '予以公开200件，部分公开50件。', ['partiallyDisclosed 50/58']],
  ['new + carried over does not add up', seventy, '共受理申请80件，其中上年结转5件。', ['newRequests 80/70']],
];

describe('R9 on real-style narratives', () => {
  it.each(agreeing)('no alarm: %s', (_, figures, text) => {
    expect(r9(figures, text)).toEqual([]);
  });

  it.each(disagreeing)('alarm: %s', (_, figures, text, expected) => {
    expect(r9(figures, text)).toEqual(expected);
  });

  it('a warning that names the cells read and the sentence quoted', () => {
    const [finding] = validateReport(report(big, '予以公开及部分公开250件。')).filter((f) => f.rule === 'R9');
    expect(finding).toMatchObject({
      severity: 'warning',
      table: 'requestTable',
      row: 'disclosed',
      column: 'total',
      expected: 250,
      actual: 258,
    });
    expect(finding!.cells).toEqual([
      { row: 'disclosed', column: 'total' },
      { row: 'partiallyDisclosed', column: 'total' },
    ]);
    expect(finding!.message).toBe(
      '表三 （一）予以公开 + （二）部分公开（区分处理的，只计这一情形，不计其他情形） · 总计：应为 250（正文所述予以公开及部分公开件数：“予以公开及部分公开250件”），实为 258',
    );
  });
});
