import type { TableField, TemplateVersion } from './template.js';

/*
 * The consistency rules (勾稽关系, docs/domain.md §3.4) as data. Every arithmetic rule
 * says: a target cell equals the signed sum of some cells, checked once per row or once per
 * column of a table. The validator (validate.ts) instantiates them over a template; the admin
 * grid and the portal read the same declarations.
 */

export type RuleId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'R8' | 'R9';
export type Severity = 'error' | 'warning';

/**
 * One term of a sum. In a rule checked per row, `column` picks the cell in that row (or `row` and
 * `column` both, an explicit cell); per column, `row` picks the cell in that column. `from:
 * 'previous'` reads the same agency's report of the year before.
 */
export type Term = { row?: string; column?: string; sign?: 1 | -1; from?: 'previous' };

export type SumRule = {
  id: RuleId;
  severity: Severity;
  table: TableField;
  /** Template versions the rule applies to (default: all). */
  versions?: readonly TemplateVersion[];
  /** For cross-year rules: the previous report's versions it can be compared with. */
  previousVersions?: readonly TemplateVersion[];
  each: 'row' | 'column';
  /** Restricts which rows (each: 'row') or columns (each: 'column') the rule is checked for. */
  over?: readonly string[];
  /** The cell that must equal the sum: a column key per row, a row key per column. */
  target: string;
  /** The summed cells, or every row of a merged group (minus some) with sign +1. */
  terms: readonly Term[] | { group: string; except: readonly string[] };
  /** What the expected value is, in the words an official uses: “各处理结果之和”. */
  explain: string;
};

const applicants = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg'];
const outcomes = (prefix: string) => ['Maintained', 'Corrected', 'Other', 'Pending'].map((o) => ({ column: `${prefix}${o}` }));

export const sumRules: readonly SumRule[] = [
  {
    id: 'R1',
    severity: 'error',
    table: 'requestTable',
    each: 'column',
    target: 'carriedForward',
    terms: [{ row: 'newRequests' }, { row: 'carriedOver' }, { row: 'handledTotal', sign: -1 }],
    explain: '第一项加第二项之和减去第三项（七）总计',
  },
  {
    id: 'R2',
    severity: 'error',
    table: 'requestTable',
    each: 'row',
    target: 'total',
    terms: applicants.map((column) => ({ column })),
    explain: '各类申请人之和',
  },
  {
    id: 'R3',
    severity: 'error',
    table: 'requestTable',
    each: 'column',
    target: 'handledTotal',
    terms: { group: 'outcomes', except: ['handledTotal'] },
    explain: '各处理结果之和',
  },
  ...(['review', 'direct', 'afterReview'] as const).map((prefix): SumRule => ({
    id: 'R4',
    severity: 'error',
    table: 'reviewTable',
    each: 'row',
    target: `${prefix}Total`,
    terms: outcomes(prefix),
    explain: '结果维持、结果纠正、其他结果、尚未审结之和',
  })),
  {
    id: 'R5',
    severity: 'warning',
    table: 'requestTable',
    each: 'column',
    target: 'carriedOver',
    terms: [{ row: 'carriedForward', from: 'previous' }],
    explain: '上年报告“四、结转下年度继续办理”',
  },
  {
    id: 'R6',
    severity: 'warning',
    table: 'proactiveTable',
    versions: ['2021'],
    previousVersions: ['2021'],
    each: 'row',
    over: ['rules', 'normativeDocuments'],
    target: 'inForce',
    terms: [{ column: 'inForce', from: 'previous' }, { column: 'issued' }, { column: 'repealed', sign: -1 }],
    explain: '上年现行有效件数加本年制发件数减本年废止件数',
  },
  {
    id: 'R7',
    severity: 'error',
    table: 'proactiveTable',
    versions: ['2019'],
    previousVersions: ['2019'],
    each: 'row',
    over: ['licensing', 'otherServices', 'penalties', 'enforcement', 'fees'],
    target: 'previousCount',
    terms: [
      { column: 'previousCount', from: 'previous' },
      { column: 'change', from: 'previous' },
    ],
    explain: '上年报告的上一年项目数量加本年增/减',
  },
];

/**
 * R9: figures quoted in the text that must match the tables (docs/domain.md §3.4). `pattern`
 * captures the number (group `n`, or the first group); a group `year` must be the year after the
 * report's (结转至2021年 in a 2020 report), else the phrase is about another year. It is looked
 * for in every section of 一、总体情况, rules in order, a phrase read by one rule never read again
 * by a later one. The quote agrees when it equals any of the `readings` (each a sum of cells): a narrative may count 本年新收 alone or
 * 本年新收 and 上年结转 together. Only 总计 is compared: texts rarely break figures down.
 */
export type TextRule = {
  id: 'R9';
  severity: Severity;
  pattern: string;
  table: TableField;
  readings: ReadonlyArray<ReadonlyArray<{ row: string; column: string }>>;
  /** How a message names each reading after the first. */
  readingNames?: readonly string[];
  /** The match is skipped when the clause before it says this (e.g. 上年: last year's figure, quoted to compare). */
  notAfter?: string;
  quote: string;
};

const total = (...rows: string[]) => rows.map((row) => ({ row, column: 'total' }));

/**
 * Words between 收到/受理 and 申请 that make the figure something else: a part (a channel, a kind
 * of applicant), carried-over or handled requests, another year, 行政复议/诉讼 cases.
 */
const PART =
  '当面|现场|网上|网络|在线|信函|邮寄|传真|电子邮件|邮件|电话|书面|口头|自然人|法人|企业|组织|机构|结转|办结|答复|复议|诉讼|上年|去年|上一年';
/** Words that make a figure another year's: "与上年收到申请50件相比". */
const OTHER_YEAR = '上年|上一年|去年|前年|同比|同期|较';
const SUM = '(?:共计|总计|合计|累计|共|总数为|数量为|数为|为|达)?';

export const textRules: readonly TextRule[] = [
  {
    id: 'R9',
    severity: 'warning',
    pattern: `(?:收到|新收|受理|接收|接到)(?:(?!${PART})[^，。；,;、：:\\d\\n]){0,24}?申请${SUM}\\s*(\\d+)\\s*件(?!、)`,
    table: 'requestTable',
    readings: [total('newRequests'), total('newRequests', 'carriedOver')],
    readingNames: ['', '本年新收与上年结转之和'],
    notAfter: OTHER_YEAR,
    quote: '正文所述收到申请件数',
  },
  {
    id: 'R9',
    severity: 'warning',
    pattern: `(?:上年度?|上一年度?)结转(?:下来|而来)?(?:的)?(?:政府信息公开)?(?:申请)?${SUM}\\s*(\\d+)\\s*件`,
    table: 'requestTable',
    readings: [total('carriedOver')],
    quote: '正文所述上年结转件数',
  },
  {
    id: 'R9',
    severity: 'warning',
    pattern: `结转(?:至|到)?(?:下一?个?年度?|(?<year>\\d{4})年度?)(?:继续)?(?:办理)?(?:的)?(?:申请)?${SUM}\\s*(?<n>\\d+)\\s*件`,
    table: 'requestTable',
    readings: [total('carriedForward')],
    quote: '正文所述结转下年度件数',
  },
  {
    id: 'R9',
    severity: 'warning',
    pattern: `(?<![\\d.,，])(?<n>\\d+)\\s*件[^，。；,;\\d\\n]{0,8}?结转(?:至|到)?(?:下一?个?年度?|(?<year>\\d{4})年)`,
    table: 'requestTable',
    readings: [total('carriedForward')],
    quote: '正文所述结转下年度件数',
  },
  {
    id: 'R9',
    severity: 'warning',
    pattern: `予以公开(?:及|和|与|、|或)部分公开(?:的)?(?:申请)?${SUM}\\s*(\\d+)\\s*件`,
    table: 'requestTable',
    readings: [total('disclosed', 'partiallyDisclosed')],
    notAfter: OTHER_YEAR,
    quote: '正文所述予以公开及部分公开件数',
  },
  {
    id: 'R9',
    severity: 'warning',
    pattern: `予以公开(?:的)?(?:申请)?${SUM}\\s*(\\d+)\\s*件`,
    table: 'requestTable',
    // "予以公开200件（含部分公开8件）" counts both.
    readings: [total('disclosed'), total('disclosed', 'partiallyDisclosed')],
    readingNames: ['', '予以公开与部分公开之和'],
    notAfter: OTHER_YEAR,
    quote: '正文所述予以公开件数',
  },
  {
    id: 'R9',
    severity: 'warning',
    pattern: `(?<!含)部分公开(?:的)?(?:申请)?${SUM}\\s*(\\d+)\\s*件`,
    table: 'requestTable',
    readings: [total('partiallyDisclosed')],
    notAfter: OTHER_YEAR,
    quote: '正文所述部分公开件数',
  },
];

/** What each rule checks, for people (admin help, portal notes). */
export const ruleDescriptions: Readonly<Record<RuleId, string>> = {
  R1: '表三每列：第一项加第二项之和，等于第三项（七）总计加第四项',
  R2: '表三每行：总计等于各类申请人之和',
  R3: '表三每列：（七）总计等于各处理结果之和',
  R4: '表四：行政复议、未经复议直接起诉、复议后起诉的总计各等于结果维持、结果纠正、其他结果、尚未审结之和',
  R5: '表三“二、上年结转”应等于上年报告“四、结转下年度继续办理”（提示）',
  R6: '表二现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数（提示）',
  R7: '表二（2019 格式）上一年项目数量应等于上年报告的上一年项目数量加本年增/减',
  R8: '表二、表三、表四的数量为非负整数；“本年增/减”可为负数；金额为非负数，最多六位小数，单位按格式（2021 版收费为万元）或报告所印（2019 版采购总金额，未注明为元）',
  R9: '总体情况中引用的数字应与表格一致（提示）',
};
