/*
 * The annual-report validator (validate.ts) against the consistency rules R1–R9 of
 * docs/domain.md §3.4, on both template versions. Pure: no CMS.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { validateReport, ruleInstances, type Finding, type ReportFigures } from './validate.js';
import { sumRules, type RuleId } from './rules.js';
import { reportTemplates } from './templates.js';
import {
  tableFields,
  tableCells,
  type CellKind,
  type CellValue,
  type TableData,
  type TableField,
  type TableTemplate,
  type TemplateVersion,
} from './template.js';

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

const versions: readonly TemplateVersion[] = ['2019', '2021'];
const fields: readonly TableField[] = tableFields;
const applicants = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg'] as const;

/** The report year a fixture of each version uses (its `previous` is the year before). */
const yearOf: Record<TemplateVersion, number> = { '2019': 2020, '2021': 2022 };

function templateTable(version: TemplateVersion, field: TableField): TableTemplate {
  const table = reportTemplates[version].tables.find((t) => t.field === field);
  if (!table) throw new Error(`${version} has no ${field}`);
  return table;
}

/** A table of the template with every cell set to one value. */
function filledTable(table: TableTemplate, value: CellValue): TableData {
  const data: TableData = {};
  for (const { row, column } of tableCells(table)) (data[row] ??= {})[column] = value;
  return data;
}

/** Strapi blocks rich text: one paragraph per text. */
function paragraphs(...texts: string[]) {
  return texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}

/** A report of the version with every cell of every table set to `value`. */
function filledReport(version: TemplateVersion, year: number, value: CellValue): ReportFigures {
  const report: ReportFigures = { year, templateVersion: version };
  for (const field of fields) report[field] = filledTable(templateTable(version, field), value);
  return report;
}

function set(data: TableData | null | undefined, row: string, values: Record<string, unknown>): void {
  Object.assign(data![row]!, values);
}

/**
 * A complete, consistent report (figures in the style of the demo 2021 report): every sum rule
 * holds, and `previousOf` gives a year before that satisfies the cross-year rules R5–R7.
 */
function validReport(version: TemplateVersion, year = yearOf[version]): ReportFigures {
  const report = filledReport(version, year, 0);
  const request = report.requestTable!;
  set(request, 'newRequests', { naturalPerson: 8, commercial: 2, total: 10 });
  set(request, 'carriedOver', { naturalPerson: 1, total: 1 });
  set(request, 'disclosed', { naturalPerson: 4, commercial: 2, total: 6 });
  set(request, 'partiallyDisclosed', { naturalPerson: 1, total: 1 });
  set(request, 'withheldThirdParty', { naturalPerson: 1, total: 1 });
  set(request, 'unavailableNotHeld', { naturalPerson: 2, total: 2 });
  set(request, 'handledTotal', { naturalPerson: 8, commercial: 2, total: 10 });
  set(request, 'carriedForward', { naturalPerson: 1, total: 1 });

  set(report.reviewTable, 'cases', { reviewMaintained: 1, reviewTotal: 1, directCorrected: 2, directPending: 1, directTotal: 3 });

  const proactive = report.proactiveTable!;
  if (version === '2021') {
    set(proactive, 'normativeDocuments', { issued: 3, repealed: 1, inForce: 12 });
    set(proactive, 'licensing', { decisions: 356 });
    set(proactive, 'penalties', { decisions: 2 });
    set(proactive, 'fees', { amount: 12.5 });
  } else {
    set(proactive, 'rules', { newlyMade: 1, newlyPublished: 1, totalPublished: 5 });
    set(proactive, 'normativeDocuments', { newlyMade: 3, newlyPublished: 3, totalPublished: 20 });
    set(proactive, 'licensing', { previousCount: 40, change: -2, decisions: 300 });
    set(proactive, 'otherServices', { previousCount: 10, change: 1, decisions: 50 });
    set(proactive, 'penalties', { previousCount: 5, change: 0, decisions: 2 });
    set(proactive, 'enforcement', { previousCount: 3, change: 0, decisions: 0 });
    set(proactive, 'fees', { previousCount: 4, change: -1 });
    set(proactive, 'procurement', { projectCount: 7, totalAmount: 123.45 });
  }
  return report;
}

/** The year before `validReport(version)`, same version, consistent with it for R5–R7. */
function previousOf(version: TemplateVersion): ReportFigures {
  const previous = validReport(version, yearOf[version] - 1);
  const proactive = previous.proactiveTable!;
  if (version === '2021') {
    set(proactive, 'normativeDocuments', { inForce: 10 }); // 10 + 3 − 1 = 12
  } else {
    set(proactive, 'licensing', { previousCount: 42, change: -2 }); // 40
    set(proactive, 'otherServices', { previousCount: 9, change: 1 }); // 10
    set(proactive, 'penalties', { previousCount: 5, change: 0 }); // 5
    set(proactive, 'enforcement', { previousCount: 2, change: 1 }); // 3
    set(proactive, 'fees', { previousCount: 5, change: -1 }); // 4
  }
  return previous;
}

/** What a test compares: everything but `cells` (and `message`, compared where it matters). */
function core(f: Finding) {
  return { rule: f.rule, severity: f.severity, table: f.table, row: f.row, column: f.column, expected: f.expected, actual: f.actual };
}

/** A finding as `rule table row.column`, for comparing sets. */
function key(f: { rule: string; table?: string; row: string; column: string }): string {
  return `${f.rule} ${f.table ?? ''} ${f.row}.${f.column}`;
}

function keys(findings: readonly Finding[]): string[] {
  return findings.map(key).sort();
}

function ofRule(findings: readonly Finding[], rule: RuleId): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

// ── Fixtures are what they claim ─────────────────────────────────────────────────────────────

describe('fixtures', () => {
  for (const version of versions) {
    it(`${version}: the consistent report and its year before have no findings, complete, with and without previous`, () => {
      expect(validateReport(validReport(version), { complete: true })).toEqual([]);
      expect(validateReport(validReport(version), { complete: true, previous: previousOf(version) })).toEqual([]);
      expect(validateReport(previousOf(version), { complete: true })).toEqual([]);
    });
  }
});

// ── R1–R4: sums within a report ──────────────────────────────────────────────────────────────

describe.each(versions)('within-year sum rules, %s format', (version) => {
  describe('R1 一 + 二 = 三（七）总计 + 四, per column', () => {
    it('passes on consistent figures', () => {
      expect(ofRule(validateReport(validReport(version), { complete: true }), 'R1')).toEqual([]);
    });

    it('fails when 四、结转下年度 is one too many (自然人 and 总计), and nothing else', () => {
      const report = validReport(version);
      set(report.requestTable, 'carriedForward', { naturalPerson: 2, total: 2 });
      const findings = validateReport(report, { complete: true });
      expect(findings.map(core)).toEqual([
        { rule: 'R1', severity: 'error', table: 'requestTable', row: 'carriedForward', column: 'naturalPerson', expected: 1, actual: 2 },
        { rule: 'R1', severity: 'error', table: 'requestTable', row: 'carriedForward', column: 'total', expected: 1, actual: 2 },
      ]);
      expect(findings.map((f) => f.message)).toEqual([
        '表三 四、结转下年度继续办理 · 自然人：应为 1（第一项加第二项之和减去第三项（七）总计），实为 2',
        '表三 四、结转下年度继续办理 · 总计：应为 1（第一项加第二项之和减去第三项（七）总计），实为 2',
      ]);
      expect(findings[0]!.cells).toEqual([
        { row: 'carriedForward', column: 'naturalPerson' },
        { row: 'newRequests', column: 'naturalPerson' },
        { row: 'carriedOver', column: 'naturalPerson' },
        { row: 'handledTotal', column: 'naturalPerson' },
      ]);
    });
  });

  describe('R2 总计 = 各类申请人之和, per row', () => {
    it('passes on consistent figures', () => {
      expect(ofRule(validateReport(validReport(version), { complete: true }), 'R2')).toEqual([]);
    });

    it('fails on the two rows when a 自然人 case moves from 部分公开 to 予以公开 without the 总计, and nothing else', () => {
      const report = validReport(version);
      set(report.requestTable, 'disclosed', { naturalPerson: 5 });
      set(report.requestTable, 'partiallyDisclosed', { naturalPerson: 0 });
      const findings = validateReport(report, { complete: true });
      expect(findings.map(core)).toEqual([
        { rule: 'R2', severity: 'error', table: 'requestTable', row: 'disclosed', column: 'total', expected: 7, actual: 6 },
        { rule: 'R2', severity: 'error', table: 'requestTable', row: 'partiallyDisclosed', column: 'total', expected: 0, actual: 1 },
      ]);
      expect(findings[0]!.message).toBe('表三 （一）予以公开 · 总计：应为 7（各类申请人之和），实为 6');
    });
  });

  describe('R3 三（七）总计 = 各处理结果之和, per column', () => {
    it('passes on consistent figures', () => {
      expect(ofRule(validateReport(validReport(version), { complete: true }), 'R3')).toEqual([]);
    });

    it('fails when the outcomes add up to 5 but （七）总计 says 4 (自然人 and 总计), and nothing else', () => {
      const report = filledReport(version, yearOf[version], 0);
      for (const column of ['naturalPerson', 'total']) {
        set(report.requestTable, 'newRequests', { [column]: 4 });
        set(report.requestTable, 'disclosed', { [column]: 3 });
        set(report.requestTable, 'partiallyDisclosed', { [column]: 2 });
        set(report.requestTable, 'handledTotal', { [column]: 4 });
      }
      const findings = validateReport(report, { complete: true });
      expect(findings.map(core)).toEqual([
        { rule: 'R3', severity: 'error', table: 'requestTable', row: 'handledTotal', column: 'naturalPerson', expected: 5, actual: 4 },
        { rule: 'R3', severity: 'error', table: 'requestTable', row: 'handledTotal', column: 'total', expected: 5, actual: 4 },
      ]);
      expect(findings.map((f) => f.message)).toEqual([
        '表三 （七）总计 · 自然人：应为 5（各处理结果之和），实为 4',
        '表三 （七）总计 · 总计：应为 5（各处理结果之和），实为 4',
      ]);
    });

    it(`sums every outcome row of the ${version} format, （六）其他处理 included`, () => {
      const other = version === '2019' ? ['otherHandling'] : ['otherNoCorrection', 'otherUnpaidFee', 'otherHandlingOther'];
      const [instance] = ruleInstances(
        sumRules.find((r) => r.id === 'R3')!,
        templateTable(version, 'requestTable'),
      );
      const rows = instance!.terms.map((t) => t.row);
      expect(rows).toHaveLength(version === '2019' ? 19 : 21);
      expect(rows).toEqual(expect.arrayContaining([...other, 'disclosed', 'withheldAdministrativeQuery', 'notHandledReconfirm']));
      expect(rows).not.toContain('handledTotal');

      for (const row of other) {
        const report = validReport(version);
        set(report.requestTable, row, { otherOrg: 1, total: 1 });
        expect(keys(validateReport(report, { complete: true }))).toEqual(
          ['R3 requestTable handledTotal.otherOrg', 'R3 requestTable handledTotal.total'].sort(),
        );
      }
    });
  });

  describe('R4 表四 总计 = 维持 + 纠正 + 其他 + 尚未审结, per group', () => {
    it('passes on consistent figures', () => {
      expect(ofRule(validateReport(validReport(version), { complete: true }), 'R4')).toEqual([]);
    });

    it('fails when 行政复议 总计 is 2 for one 结果维持, and nothing else', () => {
      const report = validReport(version);
      set(report.reviewTable, 'cases', { reviewTotal: 2 });
      const findings = validateReport(report, { complete: true });
      expect(findings.map(core)).toEqual([
        { rule: 'R4', severity: 'error', table: 'reviewTable', row: 'cases', column: 'reviewTotal', expected: 1, actual: 2 },
      ]);
      expect(findings[0]!.message).toBe('表四 行政复议 总计：应为 1（结果维持、结果纠正、其他结果、尚未审结之和），实为 2');
    });

    it('checks 未经复议直接起诉 and 复议后起诉 separately', () => {
      const report = validReport(version);
      set(report.reviewTable, 'cases', { directTotal: 4, afterReviewOther: 1 });
      const findings = validateReport(report, { complete: true });
      expect(findings.map(core)).toEqual([
        { rule: 'R4', severity: 'error', table: 'reviewTable', row: 'cases', column: 'directTotal', expected: 3, actual: 4 },
        { rule: 'R4', severity: 'error', table: 'reviewTable', row: 'cases', column: 'afterReviewTotal', expected: 1, actual: 0 },
      ]);
      expect(findings[0]!.message).toBe(
        '表四 行政诉讼 未经复议直接起诉 总计：应为 3（结果维持、结果纠正、其他结果、尚未审结之和），实为 4',
      );
    });
  });
});

// ── R5–R7: across years ──────────────────────────────────────────────────────────────────────

/** A year before that breaks the rule once, and the one finding it gives. */
type CrossYearCase = {
  rule: 'R5' | 'R6' | 'R7';
  version: TemplateVersion;
  breakPrevious: (previous: ReportFigures) => void;
  finding: ReturnType<typeof core>;
  message: string;
};

const crossYearCases: CrossYearCase[] = [
  ...versions.map((version): CrossYearCase => ({
    rule: 'R5',
    version,
    breakPrevious: (p) => set(p.requestTable, 'carriedForward', { naturalPerson: 2 }),
    finding: {
      rule: 'R5',
      severity: 'warning',
      table: 'requestTable',
      row: 'carriedOver',
      column: 'naturalPerson',
      expected: 2,
      actual: 1,
    },
    message: '表三 二、上年结转政府信息公开申请数量 · 自然人：应为 2（上年报告“四、结转下年度继续办理”），实为 1',
  })),
  {
    rule: 'R6',
    version: '2021',
    breakPrevious: (p) => set(p.proactiveTable, 'normativeDocuments', { inForce: 11 }),
    finding: {
      rule: 'R6',
      severity: 'warning',
      table: 'proactiveTable',
      row: 'normativeDocuments',
      column: 'inForce',
      expected: 13,
      actual: 12,
    },
    message: '表二 行政规范性文件 · 现行有效件数：应为 13（上年现行有效件数加本年制发件数减本年废止件数），实为 12',
  },
  {
    rule: 'R7',
    version: '2019',
    breakPrevious: (p) => set(p.proactiveTable, 'licensing', { change: -1 }),
    finding: {
      rule: 'R7',
      severity: 'error',
      table: 'proactiveTable',
      row: 'licensing',
      column: 'previousCount',
      expected: 41,
      actual: 40,
    },
    message: '表二 行政许可 · 上一年项目数量：应为 41（上年报告的上一年项目数量加本年增/减），实为 40',
  },
];

describe.each(crossYearCases)('$rule across years, $version format', ({ rule, version, breakPrevious, finding, message }) => {
  const broken = () => {
    const previous = previousOf(version);
    breakPrevious(previous);
    return previous;
  };

  it('passes when the year before agrees', () => {
    expect(validateReport(validReport(version), { complete: true, previous: previousOf(version) })).toEqual([]);
  });

  it('fails with exactly one finding when the year before disagrees', () => {
    const findings = validateReport(validReport(version), { complete: true, previous: broken() });
    expect(findings.map(core)).toEqual([finding]);
    expect(findings[0]!.message).toBe(message);
    expect(findings[0]!.cells).toContainEqual(expect.objectContaining({ from: 'previous' }));
  });

  it('is skipped without a previous report', () => {
    expect(ofRule(validateReport(validReport(version), { complete: true }), rule)).toEqual([]);
    expect(ofRule(validateReport(validReport(version), { complete: true, previous: null }), rule)).toEqual([]);
  });

  it('is skipped when the previous report is not of the year before', () => {
    for (const year of [yearOf[version] - 2, yearOf[version], yearOf[version] + 1]) {
      const previous = { ...broken(), year };
      expect(validateReport(validReport(version), { complete: true, previous })).toEqual([]);
    }
  });
});

describe('cross-year rules across template versions', () => {
  it('R6 is skipped when the 2021-format report follows a 2019-format one (even one carrying 现行有效件数)', () => {
    const report = validReport('2021', 2021);
    const previous = validReport('2019', 2020);
    // Stray 2021 keys in the old report: R6 would fire on them if it were not skipped.
    previous.proactiveTable!.normativeDocuments!.inForce = 11;
    previous.proactiveTable!.rules!.inForce = 5;
    expect(ofRule(validateReport(report, { complete: true, previous }), 'R6')).toEqual([]);
  });

  it('R7 is skipped when the previous report is of the 2021 format', () => {
    const report = validReport('2019', 2020);
    const previous = validReport('2021', 2019);
    previous.proactiveTable!.licensing = { decisions: 0, previousCount: 42, change: -1 };
    expect(ofRule(validateReport(report, { complete: true, previous }), 'R7')).toEqual([]);
  });

  it('R5 still applies from a 2019-format 2020 report to a 2021-format 2021 report', () => {
    const report = validReport('2021', 2021);
    const previous = validReport('2019', 2020);
    expect(validateReport(report, { complete: true, previous })).toEqual([]);
    set(previous.requestTable, 'carriedForward', { commercial: 3 });
    expect(validateReport(report, { complete: true, previous }).map(core)).toEqual([
      { rule: 'R5', severity: 'warning', table: 'requestTable', row: 'carriedOver', column: 'commercial', expected: 3, actual: 0 },
    ]);
  });
});

// ── R8: what a cell may hold ─────────────────────────────────────────────────────────────────

/** A report with one cell replaced; its R8 findings. */
function r8(version: TemplateVersion, field: TableField, row: string, column: string, value: unknown, complete = true): Finding[] {
  const report = validReport(version);
  (report[field]![row] ??= {})[column] = value as CellValue;
  return ofRule(validateReport(report, { complete }), 'R8');
}

describe.each(versions)('R8 cell values, %s format', (version) => {
  const decisions = version === '2019' ? '处理决定数量' : '本年处理决定数量';

  it('passes on a consistent complete report', () => {
    expect(ofRule(validateReport(validReport(version), { complete: true }), 'R8')).toEqual([]);
  });

  it('rejects a negative count', () => {
    const findings = r8(version, 'proactiveTable', 'licensing', 'decisions', -1);
    expect(findings.map(core)).toEqual([
      { rule: 'R8', severity: 'error', table: 'proactiveTable', row: 'licensing', column: 'decisions', expected: undefined, actual: -1 },
    ]);
    expect(findings[0]!.message).toBe(`表二 行政许可 · ${decisions}：应为非负整数，实为 -1`);
    expect(findings[0]!.cells).toEqual([{ row: 'licensing', column: 'decisions' }]);
  });

  it('rejects a negative count in 表三 and 表四 too (whatever the sums say)', () => {
    expect(r8(version, 'requestTable', 'carriedOver', 'commercial', -1).map(core)).toEqual([
      { rule: 'R8', severity: 'error', table: 'requestTable', row: 'carriedOver', column: 'commercial', expected: undefined, actual: -1 },
    ]);
    expect(r8(version, 'reviewTable', 'cases', 'reviewPending', -3).map(key)).toEqual(['R8 reviewTable cases.reviewPending']);
  });

  it('rejects a non-integer count', () => {
    const findings = r8(version, 'requestTable', 'newRequests', 'research', 1.5);
    expect(findings.map(core)).toEqual([
      { rule: 'R8', severity: 'error', table: 'requestTable', row: 'newRequests', column: 'research', expected: undefined, actual: 1.5 },
    ]);
    expect(findings[0]!.message).toBe('表三 一、本年新收政府信息公开申请数量 · 科研机构：应为非负整数，实为 1.5');
  });

  it('rejects a string, NaN and Infinity', () => {
    const findings = r8(version, 'proactiveTable', 'penalties', 'decisions', '3');
    expect(findings.map(core)).toEqual([
      { rule: 'R8', severity: 'error', table: 'proactiveTable', row: 'penalties', column: 'decisions', expected: undefined, actual: '3' },
    ]);
    expect(findings[0]!.message).toBe(`表二 行政处罚 · ${decisions}：应为数字，实为 “3”`);
    expect(r8(version, 'reviewTable', 'cases', 'reviewOther', Number.NaN).map(key)).toEqual(['R8 reviewTable cases.reviewOther']);
    expect(r8(version, 'requestTable', 'disclosed', 'total', Number.POSITIVE_INFINITY).map(key)).toEqual([
      'R8 requestTable disclosed.total',
    ]);
  });

  it('a missing cell is an error only with complete: true', () => {
    const report = validReport(version);
    delete report.proactiveTable!.licensing!.decisions;
    delete report.requestTable!.disclosed!.naturalPerson;
    expect(validateReport(report)).toEqual([]);
    expect(validateReport(report, { complete: false })).toEqual([]);
    const findings = validateReport(report, { complete: true });
    expect(findings.map(core)).toEqual([
      {
        rule: 'R8',
        severity: 'error',
        table: 'proactiveTable',
        row: 'licensing',
        column: 'decisions',
        expected: undefined,
        actual: undefined,
      },
      {
        rule: 'R8',
        severity: 'error',
        table: 'requestTable',
        row: 'disclosed',
        column: 'naturalPerson',
        expected: undefined,
        actual: undefined,
      },
    ]);
    // 0 first: "/" silences the sum rules, so the hint must not steer to it.
    expect(findings[0]!.message).toBe(`表二 行政许可 · ${decisions}：未填写（填 0，或不适用时填 /）`);
  });

  it('a missing table is all missing cells with complete: true, nothing in a draft', () => {
    const report = validReport(version);
    report.reviewTable = null;
    expect(validateReport(report)).toEqual([]);
    expect(keys(validateReport(report, { complete: true }))).toEqual(
      tableCells(templateTable(version, 'reviewTable'))
        .map((c) => key({ rule: 'R8', table: 'reviewTable', ...c }))
        .sort(),
    );
  });

  it('null (不适用) is never an R8 error, even complete', () => {
    const report = filledReport(version, yearOf[version], null);
    expect(ofRule(validateReport(report, { complete: true }), 'R8')).toEqual([]);
  });

  it('rejects a cell key that is not in the template', () => {
    const [row, column] = version === '2021' ? ['licensing', 'previousCount'] : ['rules', 'inForce'];
    const findings = r8(version, 'proactiveTable', row, column, 5);
    expect(findings.map(core)).toEqual([
      { rule: 'R8', severity: 'error', table: 'proactiveTable', row, column, expected: undefined, actual: 5 },
    ]);
    expect(findings[0]!.message).toBe(`表二：单元格 ${row}.${column} 不属于本报告所用的格式，请按格式重新填写`);
    // A key that exists in the table, but in another block: 2019 行政事业性收费 has no 处理决定数量.
    if (version === '2019')
      expect(r8(version, 'proactiveTable', 'fees', 'decisions', 0).map(key)).toEqual(['R8 proactiveTable fees.decisions']);
  });

  it(`rejects a 表三 row of the other format (${version === '2021' ? '2019 （六）其他处理' : '2021 （六）1.'})`, () => {
    const row = version === '2021' ? 'otherHandling' : 'otherNoCorrection';
    const report = validReport(version);
    report.requestTable![row] = { naturalPerson: 0, total: 0 };
    expect(keys(validateReport(report, { complete: true }))).toEqual([
      `R8 requestTable ${row}.naturalPerson`,
      `R8 requestTable ${row}.total`,
    ]);
    // Even a stray null is in the wrong place.
    expect(r8(version, 'requestTable', row, 'total', null).map(key)).toEqual([`R8 requestTable ${row}.total`]);
  });

  it('the money cell accepts 0 to six decimals (24252.311082 万元, a real 2021 fee) and rejects -1 and seven decimals', () => {
    const [row, column, label, unit] =
      version === '2021'
        ? ['fees', 'amount', '行政事业性收费 · 本年收费金额（单位：万元）', '万元']
        : ['procurement', 'totalAmount', '政府集中采购 · 采购总金额', '元'];
    for (const ok of [0, 12.3456, 0.0001, 100, 98765.4321, 1.00001, 24252.311082, 3802895.9]) {
      expect(r8(version, 'proactiveTable', row, column, ok), String(ok)).toEqual([]);
    }
    for (const bad of [-1, 1.0000001, -0.5, 12.3456789]) {
      const findings = r8(version, 'proactiveTable', row, column, bad);
      expect(findings.map(core), String(bad)).toEqual([
        { rule: 'R8', severity: 'error', table: 'proactiveTable', row, column, expected: undefined, actual: bad },
      ]);
    }
    expect(r8(version, 'proactiveTable', row, column, 1.0000001)[0]!.message).toBe(
      `表二 ${label}：应为不小于 0、最多六位小数的金额（单位：${unit}），实为 1.0000001`,
    );
  });

  it('the money cell accepts large amounts with 2 decimals (1048576.11 万元 ≈ 104.9 亿元)', () => {
    // BUG: the “at most four decimals” check compares value × 10000 with its rounding using an
    // absolute tolerance of 1e-6, which the floating-point error exceeds from 2^20 万元 on.
    const [row, column] = version === '2021' ? ['fees', 'amount'] : ['procurement', 'totalAmount'];
    for (const amount of [1048576.11, 4266560.0913]) {
      expect(r8(version, 'proactiveTable', row, column, amount), String(amount)).toEqual([]);
    }
  });

  if (version === '2019') {
    it('本年增/减 (signedCount) may be negative but must be an integer', () => {
      expect(r8(version, 'proactiveTable', 'licensing', 'change', -7)).toEqual([]);
      expect(r8(version, 'proactiveTable', 'fees', 'change', -4)).toEqual([]);
      expect(r8(version, 'proactiveTable', 'fees', 'change', 0)).toEqual([]);
      const findings = r8(version, 'proactiveTable', 'licensing', 'change', -1.5);
      expect(findings.map(core)).toEqual([
        { rule: 'R8', severity: 'error', table: 'proactiveTable', row: 'licensing', column: 'change', expected: undefined, actual: -1.5 },
      ]);
      expect(findings[0]!.message).toBe('表二 行政许可 · 本年增/减：应为整数（减少用负数），实为 -1.5');
      // 上一年项目数量 next to it is a plain count.
      expect(r8(version, 'proactiveTable', 'licensing', 'previousCount', -1).map(key)).toEqual([
        'R8 proactiveTable licensing.previousCount',
      ]);
    });
  }
});

// ── 不适用 (null) in sums ─────────────────────────────────────────────────────────────────────

describe.each(versions)('not applicable (null) in sum rules, %s format', (version) => {
  it('an instance whose cells are all null yields nothing', () => {
    const report = validReport(version);
    set(report.reviewTable, 'cases', {
      reviewMaintained: null,
      reviewCorrected: null,
      reviewOther: null,
      reviewPending: null,
      reviewTotal: null,
    });
    expect(validateReport(report, { complete: true })).toEqual([]);
  });

  it('a whole report of null yields nothing, complete', () => {
    expect(validateReport(filledReport(version, yearOf[version], null), { complete: true })).toEqual([]);
  });

  it('mixed null and numbers yields one warning, not an error', () => {
    const report = validReport(version);
    set(report.reviewTable, 'cases', { reviewPending: null });
    const findings = validateReport(report, { complete: true });
    expect(findings).toEqual([
      {
        rule: 'R4',
        severity: 'warning',
        table: 'reviewTable',
        row: 'cases',
        column: 'reviewTotal',
        cells: ['reviewTotal', 'reviewMaintained', 'reviewCorrected', 'reviewOther', 'reviewPending'].map((column) => ({
          row: 'cases',
          column,
        })),
        message: '表四 行政复议 总计：涉及标为“不适用”的单元格，未按R4（结果维持、结果纠正、其他结果、尚未审结之和）校验',
      },
    ]);
  });

  it('a null in 表三 warns on each rule instance reading it (R2 row, R3 column), never an error', () => {
    const report = validReport(version);
    set(report.requestTable, 'withheldStateSecret', { research: null });
    const findings = validateReport(report, { complete: true });
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(keys(findings)).toEqual(['R2 requestTable withheldStateSecret.total', 'R3 requestTable handledTotal.research']);
  });

  it('cross-year: null on one side only warns; null on both sides says nothing', () => {
    const report = validReport(version);
    const previous = previousOf(version);
    set(previous.requestTable, 'carriedForward', { legalService: null });
    expect(validateReport(report, { complete: true, previous }).map(core)).toEqual([
      {
        rule: 'R5',
        severity: 'warning',
        table: 'requestTable',
        row: 'carriedOver',
        column: 'legalService',
        expected: undefined,
        actual: undefined,
      },
    ]);
    set(report.requestTable, 'carriedOver', { legalService: null });
    // This year's null still reaches R1 and R2 with numbers around it: warnings only, no R5.
    const findings = validateReport(report, { complete: true, previous });
    expect(ofRule(findings, 'R5')).toEqual([]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
  });

  if (version === '2021') {
    it('R6: a 规章 row 不适用 in both years says nothing (部门不制定规章)', () => {
      const report = validReport(version);
      const previous = previousOf(version);
      set(report.proactiveTable, 'rules', { issued: null, repealed: null, inForce: null });
      set(previous.proactiveTable, 'rules', { issued: null, repealed: null, inForce: null });
      expect(validateReport(report, { complete: true, previous })).toEqual([]);
      set(previous.proactiveTable, 'rules', { inForce: 0 });
      expect(keys(validateReport(report, { complete: true, previous }))).toEqual(['R6 proactiveTable rules.inForce']);
    });
  }
});

// ── R9: figures quoted in the text ───────────────────────────────────────────────────────────

describe.each(versions)('R9 text vs table, %s format', (version) => {
  const withText = (...texts: string[]) => ({ ...validReport(version), overviewTexts: [paragraphs(...texts)] });

  it('passes when the text quotes the table', () => {
    const report = withText('2021年共收到政府信息公开申请10件，上年结转1件，办结10件，结转下年度继续办理1件。');
    expect(validateReport(report, { complete: true })).toEqual([]);
  });

  it('passes on text without figures, and on no text', () => {
    expect(validateReport(withText('本年度未收取信息处理费。'), { complete: true })).toEqual([]);
    expect(validateReport({ ...validReport(version), overviewTexts: [] }, { complete: true })).toEqual([]);
  });

  it('fails when the text quotes another number of applications received (neither 本年新收 nor 本年新收 + 上年结转)', () => {
    const findings = validateReport(withText('2021年共收到政府信息公开申请12件。'), { complete: true });
    expect(findings.map(core)).toEqual([
      { rule: 'R9', severity: 'warning', table: 'requestTable', row: 'newRequests', column: 'total', expected: 12, actual: 10 },
    ]);
    expect(findings[0]!.message).toBe(
      '表三 一、本年新收政府信息公开申请数量 · 总计：应为 12（正文所述收到申请件数：“收到政府信息公开申请12件”），实为 10' +
        '（本年新收与上年结转之和为 11，亦不相符）',
    );
    expect(findings[0]!.cells).toEqual([
      { row: 'newRequests', column: 'total' },
      { row: 'newRequests', column: 'total' },
      { row: 'carriedOver', column: 'total' },
    ]);
  });

  it('checks 上年结转 and 结转下年度 too, in any section', () => {
    const report = {
      ...validReport(version),
      overviewTexts: [paragraphs('总体情况。'), paragraphs('上年结转 2 件。', '结转下年度继续办理3件。')],
    };
    expect(validateReport(report, { complete: true }).map(core)).toEqual([
      { rule: 'R9', severity: 'warning', table: 'requestTable', row: 'carriedOver', column: 'total', expected: 2, actual: 1 },
      { rule: 'R9', severity: 'warning', table: 'requestTable', row: 'carriedForward', column: 'total', expected: 3, actual: 1 },
    ]);
  });

  it('says nothing when the quoted cell is 不适用 or not filled in', () => {
    const report = withText('共收到政府信息公开申请11件。');
    set(report.requestTable, 'newRequests', { total: null });
    expect(ofRule(validateReport(report), 'R9')).toEqual([]);
    delete report.requestTable!.newRequests!.total;
    expect(ofRule(validateReport(report), 'R9')).toEqual([]);
  });

  it('lists errors before warnings', () => {
    const report = withText('共收到政府信息公开申请12件。');
    set(report.reviewTable, 'cases', { reviewTotal: 2 });
    expect(validateReport(report, { complete: true }).map((f) => `${f.rule} ${f.severity}`)).toEqual(['R4 error', 'R9 warning']);
  });
});

// ── The 敬仲镇 2020 report ───────────────────────────────────────────────────────────────────────

describe('临淄区敬仲镇 2020 report (2019 format, every figure 0)', () => {
  const jingzhong2020 = (): ReportFigures => ({
    ...filledReport('2019', 2020, 0),
    overviewTexts: [paragraphs('2020年共收到和处理政府信息公开申请0件，未收取关于依申请公开费用。')],
  });

  it('has no findings at all, complete', () => {
    expect(validateReport(jingzhong2020(), { complete: true })).toEqual([]);
  });

  it('its text is read: a table saying 1 application would contradict it', () => {
    const report = jingzhong2020();
    for (const row of ['newRequests', 'disclosed', 'handledTotal']) set(report.requestTable, row, { naturalPerson: 1, total: 1 });
    expect(validateReport(report, { complete: true }).map(core)).toEqual([
      { rule: 'R9', severity: 'warning', table: 'requestTable', row: 'newRequests', column: 'total', expected: 0, actual: 1 },
    ]);
  });
});

// ── Property: valid tables pass; one changed cell fails exactly the rules that read it ─────────

/** Free choices for one applicant column of 表三; the rest is derived so that R1 and R3 hold. */
const columnArb = (outcomeRows: number) =>
  fc.record({
    outcomes: fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 40 })), { minLength: outcomeRows, maxLength: outcomeRows }),
    carriedForward: fc.nat({ max: 10 }),
    carriedOver: fc.nat({ max: 1000 }),
  });

function cellArb(kind: CellKind): fc.Arbitrary<CellValue> {
  const value =
    kind === 'count'
      ? fc.nat({ max: 5000 })
      : kind === 'signedCount'
        ? fc.integer({ min: -500, max: 500 })
        : fc.nat({ max: 1_000_000_000 }).map((n) => n / 10_000); // ≤ 100000 万元, ≤ 4 decimals
  return fc.oneof({ arbitrary: value, weight: 9 }, { arbitrary: fc.constant(null), weight: 1 });
}

function validReportArb(version: TemplateVersion): fc.Arbitrary<ReportFigures> {
  const request = templateTable(version, 'requestTable');
  const proactive = templateTable(version, 'proactiveTable');
  const outcomeRows = ruleInstances(
    sumRules.find((r) => r.id === 'R3')!,
    request,
  )[0]!.terms.map((t) => t.row);
  const proactiveCells = tableCells(proactive);
  return fc
    .record({
      columns: fc.array(columnArb(outcomeRows.length), { minLength: applicants.length, maxLength: applicants.length }),
      review: fc.array(fc.array(fc.nat({ max: 30 }), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
      proactive: fc.tuple(...proactiveCells.map((c) => cellArb(c.kind))),
    })
    .map(({ columns, review, proactive: values }) => {
      const report = filledReport(version, yearOf[version], 0);
      const requestTable = report.requestTable!;
      columns.forEach((col, i) => {
        const column = applicants[i]!;
        outcomeRows.forEach((row, j) => (requestTable[row]![column] = col.outcomes[j]!));
        const handled = col.outcomes.reduce((a, b) => a + b, 0);
        const carriedOver = col.carriedOver % (handled + col.carriedForward + 1);
        requestTable.handledTotal![column] = handled;
        requestTable.carriedForward![column] = col.carriedForward;
        requestTable.carriedOver![column] = carriedOver;
        requestTable.newRequests![column] = handled + col.carriedForward - carriedOver; // R1
      });
      for (const row of Object.values(requestTable)) row.total = applicants.reduce((sum, c) => sum + (row[c] as number), 0); // R2
      const cases = report.reviewTable!.cases!;
      (['review', 'direct', 'afterReview'] as const).forEach((prefix, i) => {
        const [maintained, corrected, other, pending] = review[i]!;
        Object.assign(cases, {
          [`${prefix}Maintained`]: maintained,
          [`${prefix}Corrected`]: corrected,
          [`${prefix}Other`]: other,
          [`${prefix}Pending`]: pending,
          [`${prefix}Total`]: maintained! + corrected! + other! + pending!,
        });
      });
      proactiveCells.forEach(({ row, column }, i) => (report.proactiveTable![row]![column] = values[i]!));
      return report;
    });
}

/** The (rule, row, column) of every within-year sum-rule instance that reads the cell. */
function expectedFailures(version: TemplateVersion, field: TableField, row: string, column: string): string[] {
  const table = templateTable(version, field);
  const out: string[] = [];
  for (const rule of sumRules) {
    if (rule.table !== field || (rule.versions && !rule.versions.includes(version))) continue;
    for (const instance of ruleInstances(rule, table)) {
      if (instance.terms.some((t) => t.from === 'previous')) continue;
      const cells = [instance.target, ...instance.terms];
      if (cells.some((c) => c.row === row && c.column === column)) out.push(key({ rule: rule.id, table: field, ...instance.target }));
    }
  }
  return out.sort();
}

describe.each(versions)('property: random valid %s reports', (version) => {
  const arb = validReportArb(version);
  const mutable = [
    ...tableCells(templateTable(version, 'requestTable')).map((c) => ({ field: 'requestTable' as const, ...c })),
    ...tableCells(templateTable(version, 'reviewTable')).map((c) => ({ field: 'reviewTable' as const, ...c })),
  ];

  it('have no findings (complete, no previous, no text)', () => {
    fc.assert(
      fc.property(arb, (report) => {
        expect(validateReport(report, { complete: true })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('changing one cell of 表三 or 表四 fails exactly the sum-rule instances that read it', () => {
    fc.assert(
      fc.property(
        arb,
        fc.constantFrom(...mutable),
        fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0),
        (generated, cell, delta) => {
          const report = structuredClone(generated); // fast-check may replay a generated value while shrinking
          const data = report[cell.field]!;
          const before = data[cell.row]![cell.column] as number;
          const change = before + delta >= 0 ? delta : -delta;
          data[cell.row]![cell.column] = before + change;

          const findings = validateReport(report, { complete: true });
          expect(findings.every((f) => f.severity === 'error')).toBe(true);
          expect(keys(findings)).toEqual(expectedFailures(version, cell.field, cell.row, cell.column));
          for (const f of findings) {
            expect(f.cells).toContainEqual({ row: cell.row, column: cell.column });
            // The finding measures the change: actual − expected is ± the delta.
            expect(Math.abs((f.actual as number) - f.expected!)).toBe(Math.abs(change));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the expected set is never empty: every cell of 表三 and 表四 is read by some rule', () => {
    for (const cell of mutable)
      expect(expectedFailures(version, cell.field, cell.row, cell.column), `${cell.row}.${cell.column}`).not.toEqual([]);
  });
});
