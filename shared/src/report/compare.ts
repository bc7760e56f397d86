import { spreadsheetText } from '../csv-safe.js';
import { reportTemplates } from './templates.js';
import { cellName, type TableData, type TableField, type TemplateVersion } from './template.js';

/*
 * 年度报告数据对比: the figures that may be lined up across agencies and years, each declared once
 * with the template cells it reads in the 2019 and the 2021 format. A figure a format has no cell
 * for (表二's 本年制发件数 before 2021, 表三's split （六）其他处理 before 2021) has no entry for that
 * version and is shown as 该年度模板无此项, never as a number: 2019's 本年新制作数量 and 2021's 本年制发件数
 * count different things (a document made vs one issued, 规范性文件 vs 行政规范性文件), so they
 * are two figures, each in one format only.
 */

type Cells = ReadonlyArray<readonly [row: string, column: string]>;

export type ComparableFigure = {
  /** The value in the address (`?row=…`). */
  id: string;
  table: TableField;
  /** Its name on the form, as the portal names cells (`表三 （一）予以公开 · 总计`), with how a sum is made. */
  label: string;
  /** The cells it sums, per format; a format without an entry has no such item. */
  cells: Partial<Record<TemplateVersion, Cells>>;
};

const table = (field: TableField, version: TemplateVersion = '2021') => reportTemplates[version].tables.find((t) => t.field === field)!;
const named = (field: TableField, row: string, column: string, version: TemplateVersion = '2021') =>
  cellName(table(field, version), row, column);

const both = (cells: Cells): Partial<Record<TemplateVersion, Cells>> => ({ '2019': cells, '2021': cells });
const totals = (...rows: string[]): Cells => rows.map((row) => [row, 'total'] as const);

const withheldRows = [
  'withheldStateSecret',
  'withheldProhibitedByLaw',
  'withheldSecurityStability',
  'withheldThirdParty',
  'withheldInternalAffairs',
  'withheldProcessInfo',
  'withheldEnforcementFile',
  'withheldAdministrativeQuery',
];
const unavailableRows = ['unavailableNotHeld', 'unavailableNeedsCreation', 'unavailableUnclear'];

/** One cell, the same in both formats, named by its 2021 label. */
function single(id: string, field: TableField, row: string, column: string): ComparableFigure {
  return { id, table: field, label: named(field, row, column), cells: both([[row, column]]) };
}

export const comparableFigures: readonly ComparableFigure[] = [
  single('newRequests', 'requestTable', 'newRequests', 'total'),
  single('carriedOver', 'requestTable', 'carriedOver', 'total'),
  single('disclosed', 'requestTable', 'disclosed', 'total'),
  single('partiallyDisclosed', 'requestTable', 'partiallyDisclosed', 'total'),
  { id: 'withheld', table: 'requestTable', label: '表三 （三）不予公开 · 总计（1.至8.项之和）', cells: both(totals(...withheldRows)) },
  {
    id: 'unavailable',
    table: 'requestTable',
    label: '表三 （四）无法提供 · 总计（1.至3.项之和）',
    cells: both(totals(...unavailableRows)),
  },
  {
    id: 'otherHandling',
    table: 'requestTable',
    label: '表三 （六）其他处理 · 总计（2021年起为1.至3.项之和）',
    cells: { '2019': totals('otherHandling'), '2021': totals('otherNoCorrection', 'otherUnpaidFee', 'otherHandlingOther') },
  },
  {
    id: 'otherNoCorrection',
    table: 'requestTable',
    label: named('requestTable', 'otherNoCorrection', 'total'),
    cells: { '2021': totals('otherNoCorrection') },
  },
  single('handledTotal', 'requestTable', 'handledTotal', 'total'),
  single('carriedForward', 'requestTable', 'carriedForward', 'total'),
  single('reviewCorrected', 'reviewTable', 'cases', 'reviewCorrected'),
  single('reviewMaintained', 'reviewTable', 'cases', 'reviewMaintained'),
  single('reviewTotal', 'reviewTable', 'cases', 'reviewTotal'),
  {
    id: 'litigationTotal',
    table: 'reviewTable',
    label: '表四 行政诉讼 总计（未经复议直接起诉与复议后起诉之和）',
    cells: both([
      ['cases', 'directTotal'],
      ['cases', 'afterReviewTotal'],
    ]),
  },
  {
    id: 'normativeIssued',
    table: 'proactiveTable',
    label: named('proactiveTable', 'normativeDocuments', 'issued'),
    cells: { '2021': [['normativeDocuments', 'issued']] },
  },
  {
    id: 'normativeRepealed',
    table: 'proactiveTable',
    label: named('proactiveTable', 'normativeDocuments', 'repealed'),
    cells: { '2021': [['normativeDocuments', 'repealed']] },
  },
  {
    id: 'normativeInForce',
    table: 'proactiveTable',
    label: named('proactiveTable', 'normativeDocuments', 'inForce'),
    cells: { '2021': [['normativeDocuments', 'inForce']] },
  },
  {
    id: 'normativeNewlyMade',
    table: 'proactiveTable',
    label: `${named('proactiveTable', 'normativeDocuments', 'newlyMade', '2019')}（2019版格式）`,
    cells: { '2019': [['normativeDocuments', 'newlyMade']] },
  },
  {
    id: 'licensingDecisions',
    table: 'proactiveTable',
    label: `${named('proactiveTable', 'licensing', 'decisions')}（2019版：处理决定数量）`,
    cells: both([['licensing', 'decisions']]),
  },
  {
    id: 'penaltyDecisions',
    table: 'proactiveTable',
    label: `${named('proactiveTable', 'penalties', 'decisions')}（2019版：处理决定数量）`,
    cells: both([['penalties', 'decisions']]),
  },
];

// ── One figure of one report ──────────────────────────────────────────────────────────────────

/** What a comparison shows for a figure of an agency's year. */
export type ComparedValue =
  | { kind: 'value'; value: number }
  /** Every cell 不适用 (printed `/`). */
  | { kind: 'notApplicable' }
  /** Some cell not filled in, or 不适用 beside figures: no sum is made. */
  | { kind: 'incomplete' }
  /** The report's format has no such item. */
  | { kind: 'notInTemplate'; version: TemplateVersion }
  /** No published report of that agency and year. */
  | { kind: 'noReport' };

export const NOT_IN_TEMPLATE = '该年度模板无此项';
export const NO_REPORT = '该年度无已发布的年度报告';

export type ComparableReport = {
  agency: { name: string; slug: string };
  year: number;
  templateVersion: TemplateVersion;
  archivedAsPublished?: boolean | null;
} & Partial<Record<TableField, TableData | null>>;

export function comparedValue(figure: ComparableFigure, report: ComparableReport | undefined): ComparedValue {
  if (!report) return { kind: 'noReport' };
  const cells = figure.cells[report.templateVersion];
  if (!cells) return { kind: 'notInTemplate', version: report.templateVersion };
  const values = cells.map(([row, column]) => report[figure.table]?.[row]?.[column]);
  if (values.every((v) => v === null)) return { kind: 'notApplicable' };
  if (!values.every((v) => typeof v === 'number')) return { kind: 'incomplete' };
  return { kind: 'value', value: (values as number[]).reduce((a, b) => a + b, 0) };
}

/** The words a value's 备注 carries (empty for a figure); the table shows them in its cells too. */
export function comparedNote(value: ComparedValue): string {
  switch (value.kind) {
    case 'value':
      return '';
    case 'notApplicable':
      return '不适用';
    case 'incomplete':
      return '未填报或含不适用的单元格，未合计';
    case 'notInTemplate':
      return `不适用：${NOT_IN_TEMPLATE}（${value.version}版格式）`;
    case 'noReport':
      return NO_REPORT;
  }
}

export const ARCHIVED_NOTE = '原样归档：按原报告公布的数据收录，原报告数据存在不一致';

// ── The selection, from the address ──────────────────────────────────────────────────────────

/** Most characters of a value repeated in a message (a value may be 5,000 characters long). */
const SHOWN = 24;
/** Most unknown values one message names. */
const NAMED = 5;
/** Most distinct values of one parameter looked at: more than every choice is certainly wrong. */
const MAX_VALUES = 200;
/** Most lines of one CSV (a selection of everything stays far below it at any real scale). */
export const MAX_COMPARE_LINES = 50_000;

export type CompareChoices = {
  agencies: ReadonlyArray<{ slug: string; name: string }>;
  years: readonly number[];
};

export type CompareSelection = {
  agencies: string[];
  years: number[];
  figures: ComparableFigure[];
  /** In Chinese: what was wrong with the address and what would be right. */
  errors: string[];
};

/** The text with each lone surrogate (which no page or CSV may carry) replaced by U+FFFD. */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function shown(value: string): string {
  const clean = wellFormed(value).replace(/[\p{Cc}\p{Cf}]/gu, '');
  return clean.length > SHOWN ? `${clean.slice(0, SHOWN)}…` : clean;
}

/**
 * Reads `agency`, `year` and `row` (each repeatable) against what can be chosen. An empty
 * parameter list chooses everything of it, so `?row=disclosed` compares 予以公开 over all
 * agencies and years. Unknown values are named in `errors` and left out.
 */
export function readCompareSelection(params: URLSearchParams, choices: CompareChoices): CompareSelection {
  const errors: string[] = [];
  const distinct = (name: string): string[] => {
    const all = [...new Set(params.getAll(name).map((v) => wellFormed(v).trim()))].filter((v) => v !== '');
    if (all.length > MAX_VALUES) errors.push(`参数“${name}”的取值过多（${all.length} 个）：请从列表中选择，最多 ${MAX_VALUES} 个。`);
    return all.slice(0, MAX_VALUES);
  };
  const unknown = (what: string, values: string[], right: string) => {
    const named = values
      .slice(0, NAMED)
      .map((v) => `“${shown(v)}”`)
      .join('、');
    if (values.length) errors.push(`未找到${what}：${named}${values.length > NAMED ? ` 等 ${values.length} 项` : ''}。${right}`);
  };

  const slugs = new Set(choices.agencies.map((a) => a.slug));
  const askedAgencies = distinct('agency');
  unknown(
    '机构',
    askedAgencies.filter((s) => !slugs.has(s)),
    '请从“机构”列表中选择有已发布年度报告的机构。',
  );
  const agencies = askedAgencies.filter((s) => slugs.has(s));

  const askedYears = distinct('year');
  const badYears = askedYears.filter((y) => !/^\d{4}$/.test(y) || !choices.years.includes(Number(y)));
  const yearList = [...choices.years].sort((a, b) => a - b).join('、');
  unknown('年度', badYears, `可选的年度为 ${yearList || '（暂无已发布的报告）'}。`);
  const years = askedYears.filter((y) => !badYears.includes(y)).map(Number);

  const byId = new Map(comparableFigures.map((f) => [f.id, f]));
  const askedRows = distinct('row');
  unknown(
    '指标',
    askedRows.filter((r) => !byId.has(r)),
    '请从“指标”列表中选择。',
  );
  const figures = askedRows.filter((r) => byId.has(r)).map((r) => byId.get(r)!);

  const order = <T>(chosen: T[], all: readonly T[]) => (chosen.length ? all.filter((x) => chosen.includes(x)) : [...all]);
  return {
    agencies: order(
      agencies,
      choices.agencies.map((a) => a.slug),
    ),
    years: order(
      years,
      [...choices.years].sort((a, b) => a - b),
    ),
    figures: order(figures, comparableFigures),
    errors,
  };
}

// ── The comparison ──────────────────────────────────────────────────────────────────────────

export type CompareLine = {
  agency: { slug: string; name: string };
  year: number;
  figure: ComparableFigure;
  value: ComparedValue;
  archived: boolean;
};

/** Every agency × year × figure of the selection, in the order chosen (agency, then year, then figure). */
export function compareLines(
  selection: Pick<CompareSelection, 'agencies' | 'years' | 'figures'>,
  choices: CompareChoices,
  reports: readonly ComparableReport[],
): CompareLine[] {
  const byKey = new Map(reports.map((r) => [`${r.agency.slug}\u0000${r.year}`, r]));
  const names = new Map(choices.agencies.map((a) => [a.slug, a]));
  return selection.agencies.flatMap((slug) =>
    selection.years.flatMap((year) => {
      const report = byKey.get(`${slug}\u0000${year}`);
      return selection.figures.map((figure) => ({
        agency: names.get(slug) ?? { slug, name: slug },
        year,
        figure,
        value: comparedValue(figure, report),
        archived: report?.archivedAsPublished === true,
      }));
    }),
  );
}

export const COMPARE_CSV_HEADERS = ['机构', '年度', '表', '指标', '数值', '备注'] as const;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The note of a line: what its value means, then 原样归档. */
export function compareLineNote(line: CompareLine): string {
  return [comparedNote(line.value), line.archived && line.value.kind !== 'noReport' ? ARCHIVED_NOTE : ''].filter(Boolean).join('；');
}

/**
 * The comparison as a long, tidy CSV (one line per agency, year and figure; an agency's year
 * without a report is one line saying so): UTF-8 with a byte-order mark, CRLF, Chinese headers.
 * Every text passes through `spreadsheetText`; 数值 holds only counts ≥ 0.
 */
export function compareCsv(lines: readonly CompareLine[]): string {
  const out: string[][] = [[...COMPARE_CSV_HEADERS]];
  const noReportDone = new Set<string>();
  for (const line of lines) {
    if (line.value.kind === 'noReport') {
      const key = `${line.agency.slug}\u0000${line.year}`;
      if (noReportDone.has(key)) continue;
      noReportDone.add(key);
      out.push([spreadsheetText(line.agency.name), String(line.year), '', '', '', NO_REPORT]);
      continue;
    }
    out.push([
      spreadsheetText(line.agency.name),
      String(line.year),
      `表${table(line.figure.table).number}`,
      spreadsheetText(line.figure.label),
      line.value.kind === 'value' ? String(line.value.value) : '',
      spreadsheetText(compareLineNote(line)),
    ]);
  }
  return '\uFEFF' + out.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The comparison page's address; with an agency, its figures over every year already chosen. */
export const comparePaths = {
  page: '/reports/compare/',
  csv: '/reports/compare/data.csv',
  agency: (slug: string) => `/reports/compare/?${new URLSearchParams({ agency: slug, view: 'table' }).toString()}`,
};
