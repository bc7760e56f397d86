import { reportTemplates, type TableField } from '@portal/shared';

/**
 * A statistics table, edited in the admin as the official form (the report-grid plugin's custom
 * field); stored as JSON `data[rowKey][columnKey] = number | null` (null: 不适用).
 */
const reportTable = (table: TableField) => ({
  type: 'customField',
  customField: 'plugin::report-grid.report-table',
  options: { table },
});

/**
 * 政府信息公开工作年度报告. Tables 二/三/四 are JSON keyed by the row and column keys of the
 * report's template version (shared/src/report/templates.ts); sections 一/五/六 are rich text.
 */
export default {
  kind: 'collectionType',
  collectionName: 'annual_reports',
  info: {
    singularName: 'annual-report',
    pluralName: 'annual-reports',
    displayName: '政府信息公开工作年度报告',
    description: '按国家统一格式编制的年度报告',
  },
  options: { draftAndPublish: true },
  attributes: {
    agency: { type: 'relation', relation: 'manyToOne', target: 'api::agency.agency', inversedBy: 'annualReports' },
    year: { type: 'integer', required: true, min: 2019, max: 2100 },
    /** 格式版本; follows from the year (set on save). */
    templateVersion: { type: 'string', regex: `^(${Object.keys(reportTemplates).join('|')})$` },
    title: { type: 'string', maxLength: 200 },
    /** 发布日期 (the date printed under the report). */
    publishDate: { type: 'date' },
    /** 一、总体情况: the opening text, then its five sub-parts. */
    overview: { type: 'blocks' },
    overviewProactive: { type: 'blocks' },
    overviewOnRequest: { type: 'blocks' },
    overviewManagement: { type: 'blocks' },
    overviewPlatform: { type: 'blocks' },
    overviewSupervision: { type: 'blocks' },
    /** 二、主动公开政府信息情况 */
    proactiveTable: reportTable('proactiveTable'),
    /** 三、收到和处理政府信息公开申请情况 */
    requestTable: reportTable('requestTable'),
    /** 四、政府信息公开行政复议、行政诉讼情况 */
    reviewTable: reportTable('reviewTable'),
    /**
     * 金额单位: `{ "<field>.<row>.<column>": "元" | "万元" }` for amounts the form prints no unit for
     * (2019 采购总金额); absent means 元 (docs/domain.md §4.1). Checked by validateReport (R8).
     */
    moneyUnits: { type: 'json' },
    /** 五、存在的主要问题及改进情况 */
    problems: { type: 'blocks' },
    /** 六、其他需要报告的事项 */
    otherMatters: { type: 'blocks' },
    /** 更正说明: why a published report was corrected; required to republish a changed report. */
    correctionNote: { type: 'text' },
    /** Warnings (提示) of the last save, set by the validation middleware; errors never get stored. */
    findings: { type: 'json', private: true },
    /**
     * 原样归档: stored and published as originally published, its 勾稽关系 errors kept
     * (shared/src/report/archive.ts). Set only by a user with the 原样归档 permission
     * (cms/src/validation/archive.ts); for everyone else errors are refused.
     */
    archivedAsPublished: { type: 'boolean', default: false },
    /** The kept findings of an archived report, computed by the server at every save; never taken from the client. */
    archivedFindings: { type: 'json' },
    originalFile: { type: 'media', multiple: false, allowedTypes: ['files'] },
  },
};
