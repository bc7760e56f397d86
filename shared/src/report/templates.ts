import { APPLICANT_GROUP_LABEL } from './template.js';
import type { ColumnNode, ReportTemplate, RowNode, TableBlock, TableTemplate, TemplateVersion } from './template.js';

/*
 * The two national formats, label for label as docs/domain.md §3 and §4 give them.
 */

// ── 表三 收到和处理政府信息公开申请情况 (same columns in both versions) ──────────────────────────

const applicantColumns: readonly ColumnNode[] = [
  {
    label: APPLICANT_GROUP_LABEL,
    children: [
      { label: '自然人', key: 'naturalPerson' },
      {
        label: '法人或其他组织',
        children: [
          { label: '商业企业', key: 'commercial' },
          { label: '科研机构', key: 'research' },
          { label: '社会公益组织', key: 'socialWelfare' },
          { label: '法律服务机构', key: 'legalService' },
          { label: '其他', key: 'otherOrg' },
        ],
      },
      { label: '总计', key: 'total' },
    ],
  },
];

const requestCorner = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

function requestRows(otherHandling: RowNode): RowNode[] {
  return [
    { label: '一、本年新收政府信息公开申请数量', key: 'newRequests' },
    { label: '二、上年结转政府信息公开申请数量', key: 'carriedOver' },
    {
      label: '三、本年度办理结果',
      group: 'outcomes',
      children: [
        { label: '（一）予以公开', key: 'disclosed' },
        { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', key: 'partiallyDisclosed' },
        {
          label: '（三）不予公开',
          children: [
            { label: '1.属于国家秘密', key: 'withheldStateSecret' },
            { label: '2.其他法律行政法规禁止公开', key: 'withheldProhibitedByLaw' },
            { label: '3.危及“三安全一稳定”', key: 'withheldSecurityStability' },
            { label: '4.保护第三方合法权益', key: 'withheldThirdParty' },
            { label: '5.属于三类内部事务信息', key: 'withheldInternalAffairs' },
            { label: '6.属于四类过程性信息', key: 'withheldProcessInfo' },
            { label: '7.属于行政执法案卷', key: 'withheldEnforcementFile' },
            { label: '8.属于行政查询事项', key: 'withheldAdministrativeQuery' },
          ],
        },
        {
          label: '（四）无法提供',
          children: [
            { label: '1.本机关不掌握相关政府信息', key: 'unavailableNotHeld' },
            { label: '2.没有现成信息需要另行制作', key: 'unavailableNeedsCreation' },
            { label: '3.补正后申请内容仍不明确', key: 'unavailableUnclear' },
          ],
        },
        {
          label: '（五）不予处理',
          children: [
            { label: '1.信访举报投诉类申请', key: 'notHandledPetition' },
            { label: '2.重复申请', key: 'notHandledRepeated' },
            { label: '3.要求提供公开出版物', key: 'notHandledPublication' },
            { label: '4.无正当理由大量反复申请', key: 'notHandledExcessive' },
            { label: '5.要求行政机关确认或重新出具已获取信息', key: 'notHandledReconfirm' },
          ],
        },
        otherHandling,
        { label: '（七）总计', key: 'handledTotal' },
      ],
    },
    { label: '四、结转下年度继续办理', key: 'carriedForward' },
  ];
}

function requestTable(otherHandling: RowNode): TableTemplate {
  return {
    field: 'requestTable',
    number: '三',
    title: '收到和处理政府信息公开申请情况',
    blocks: [{ corner: requestCorner, columns: applicantColumns, rows: requestRows(otherHandling) }],
  };
}

// ── 表四 政府信息公开行政复议、行政诉讼情况 (same in both versions) ──────────────────────────────

function outcomes(prefix: string): ColumnNode[] {
  return [
    { label: '结果维持', key: `${prefix}Maintained` },
    { label: '结果纠正', key: `${prefix}Corrected` },
    { label: '其他结果', key: `${prefix}Other` },
    { label: '尚未审结', key: `${prefix}Pending` },
    { label: '总计', key: `${prefix}Total` },
  ];
}

const reviewTable: TableTemplate = {
  field: 'reviewTable',
  number: '四',
  title: '政府信息公开行政复议、行政诉讼情况',
  blocks: [
    {
      rowHeaders: false,
      columns: [
        { label: '行政复议', children: outcomes('review') },
        {
          label: '行政诉讼',
          children: [
            { label: '未经复议直接起诉', children: outcomes('direct') },
            { label: '复议后起诉', children: outcomes('afterReview') },
          ],
        },
      ],
      rows: [{ label: '政府信息公开行政复议、行政诉讼情况', key: 'cases' }],
    },
  ],
};

// ── 表二 主动公开政府信息情况 ────────────────────────────────────────────────────────────────────

function item(heading: string, columns: ColumnNode[], rows: RowNode[]): TableBlock {
  return { heading, corner: '信息内容', columns, rows };
}

const proactive2019: TableTemplate = {
  field: 'proactiveTable',
  number: '二',
  title: '主动公开政府信息情况',
  blocks: [
    item(
      '第二十条第（一）项',
      [
        { label: '本年新制作数量', key: 'newlyMade' },
        { label: '本年新公开数量', key: 'newlyPublished' },
        { label: '对外公开总数量', key: 'totalPublished' },
      ],
      [
        { label: '规章', key: 'rules' },
        { label: '规范性文件', key: 'normativeDocuments' },
      ],
    ),
    item(
      '第二十条第（五）项',
      [
        { label: '上一年项目数量', key: 'previousCount' },
        { label: '本年增/减', key: 'change', kind: 'signedCount' },
        { label: '处理决定数量', key: 'decisions' },
      ],
      [
        { label: '行政许可', key: 'licensing' },
        { label: '其他对外管理服务事项', key: 'otherServices' },
      ],
    ),
    item(
      '第二十条第（六）项',
      [
        { label: '上一年项目数量', key: 'previousCount' },
        { label: '本年增/减', key: 'change', kind: 'signedCount' },
        { label: '处理决定数量', key: 'decisions' },
      ],
      [
        { label: '行政处罚', key: 'penalties' },
        { label: '行政强制', key: 'enforcement' },
      ],
    ),
    item(
      '第二十条第（八）项',
      [
        { label: '上一年项目数量', key: 'previousCount' },
        { label: '本年增/减', key: 'change', kind: 'signedCount' },
      ],
      [{ label: '行政事业性收费', key: 'fees' }],
    ),
    item(
      '第二十条第（九）项',
      [
        { label: '采购项目数量', key: 'projectCount' },
        // The form prints no unit: the report's own is stored in moneyUnits (docs/domain.md §4.1).
        { label: '采购总金额', key: 'totalAmount', kind: 'money' },
      ],
      [{ label: '政府集中采购', key: 'procurement' }],
    ),
  ],
};

const proactive2021: TableTemplate = {
  field: 'proactiveTable',
  number: '二',
  title: '主动公开政府信息情况',
  blocks: [
    item(
      '第二十条第（一）项',
      [
        { label: '本年制发件数', key: 'issued' },
        { label: '本年废止件数', key: 'repealed' },
        { label: '现行有效件数', key: 'inForce' },
      ],
      [
        { label: '规章', key: 'rules' },
        { label: '行政规范性文件', key: 'normativeDocuments' },
      ],
    ),
    item('第二十条第（五）项', [{ label: '本年处理决定数量', key: 'decisions' }], [{ label: '行政许可', key: 'licensing' }]),
    item(
      '第二十条第（六）项',
      [{ label: '本年处理决定数量', key: 'decisions' }],
      [
        { label: '行政处罚', key: 'penalties' },
        { label: '行政强制', key: 'enforcement' },
      ],
    ),
    item(
      '第二十条第（八）项',
      [{ label: '本年收费金额（单位：万元）', key: 'amount', kind: 'money', unit: '万元' }],
      [{ label: '行政事业性收费', key: 'fees' }],
    ),
  ],
};

// ── The versions ─────────────────────────────────────────────────────────────────────────────

export const reportTemplates: Readonly<Record<TemplateVersion, ReportTemplate>> = {
  '2019': {
    version: '2019',
    issuedBy: '国办公开办函〔2019〕60号',
    firstYear: 2019,
    tables: [proactive2019, requestTable({ label: '（六）其他处理', key: 'otherHandling' }), reviewTable],
  },
  '2021': {
    version: '2021',
    issuedBy: '国办公开办函〔2021〕30号',
    firstYear: 2021,
    tables: [
      proactive2021,
      requestTable({
        label: '（六）其他处理',
        children: [
          { label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', key: 'otherNoCorrection' },
          { label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', key: 'otherUnpaidFee' },
          { label: '3.其他', key: 'otherHandlingOther' },
        ],
      }),
      reviewTable,
    ],
  },
};

/** The template version a report of the given year must use, or `undefined` before 2019. */
export function templateVersionForYear(year: number): TemplateVersion | undefined {
  const fitting = Object.values(reportTemplates)
    .filter((t) => t.firstYear <= year)
    .sort((a, b) => b.firstYear - a.firstYear);
  return fitting[0]?.version;
}

export function isTemplateVersion(value: unknown): value is TemplateVersion {
  return typeof value === 'string' && Object.hasOwn(reportTemplates, value);
}
