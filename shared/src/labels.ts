/*
 * What each stored field is called, in the words officials use (docs/domain.md §2.2, §5.3, §6.2): the
 * admin's field labels and descriptions, and the portal's metadata tables, read them from here.
 * Keyed by content type (Strapi's singular name) and then by field.
 */

import type { TableField } from './report/template.js';
import { reportTemplates } from './report/templates.js';

export type FieldLabel = { label: string; description?: string };

const L = (label: string, description?: string): FieldLabel => (description ? { label, description } : { label });

/** A statistics table's section heading as the form prints it (二、主动公开政府信息情况): the same in every version. */
const tableLabel = (field: TableField): FieldLabel => {
  const table = reportTemplates['2021'].tables.find((t) => t.field === field)!;
  return L(`${table.number}、${table.title}`);
};

export const fieldLabels: Readonly<Record<string, Readonly<Record<string, FieldLabel>>>> = {
  agency: {
    name: L('机构名称'),
    shortName: L('简称'),
    slug: L('网址标识', '门户地址中的英文标识，如 jingzhong（/agencies/jingzhong/）'),
    kind: L('机构类别'),
    parent: L('上级机关'),
    creditCode: L('统一社会信用代码', '18 位'),
    indexPrefix: L('索引号前缀', '一般为统一社会信用代码；索引号为“前缀/年份-流水号”'),
    description: L('机构简介'),
    address: L('办公地址'),
    phone: L('联系电话'),
    website: L('网站'),
    email: L('电子邮箱', '门户上显示为可点击的邮件链接'),
    officeHours: L('办公时间', '如 工作日 上午 8:30—12:00，下午 13:30—17:30'),
    functions: L('机构职能', '主要职责，每行一条'),
    leaders: L('负责人', '每行一人，写作“职务：姓名（分工）”，如 镇长：张某某（主持全面工作）'),
    order: L('排序', '数字小的排在前面'),
    requireReview: L(
      '需经审核后发布',
      '开启时，信息公开编辑须提交审核，由审核人通过后发布（保密审查）；只有一名工作人员的机构可关闭，由编辑直接发布',
    ),
    policyItems: L('政策文件'),
    annualReports: L('年度报告'),
    disclosureGuide: L('政府信息公开指南'),
    editors: L('负责人员', '可查看、编辑本机构内容的管理员（信息公开编辑、指南维护、审核人只能处理所负责机构的内容）'),
  },
  'policy-item': {
    indexNumber: L('索引号', '如 11370305004326206C/2021-00003；留空则按发布机构的索引号前缀自动编号；发布后不可更改'),
    title: L('标题'),
    docNumber: L('文号', '发文字号，如 临政办发〔2021〕17号；年份的括号输入 [ ]、( ) 等也可，保存时统一为〔〕'),
    agency: L('发布机构'),
    writtenDate: L('成文日期'),
    publishDate: L('发布日期'),
    topic: L('主题分类', '国务院公文主题分类：先选一级分类，再选二级分类'),
    catalogNode: L('信息类别', '政府信息公开目录的类别，从列表中选择'),
    genre: L('体裁', '公文文种（《党政机关公文处理工作条例》的15种），从列表中选择'),
    validity: L('有效性'),
    documentClass: L('文件类别', '规章或行政规范性文件：“生成年报草稿”按此统计年度报告表二第二十条第（一）项；其他文件留空'),
    effectiveDate: L('生效日期'),
    invalidDate: L('废止或失效日期', '有效性为废止或失效时，发布前必填（门户在提示中显示）'),
    replacedBy: L('被替代为', '废止、失效或已修订时，指向替代它的文件；已修订时发布前必填，不能选本文件'),
    disclosureMethod: L('公开方式'),
    summary: L('内容概述'),
    keywords: L('主题词'),
    body: L('正文'),
    attachments: L('附件'),
    interpretations: L('相关解读'),
  },
  'policy-interpretation': {
    title: L('标题'),
    form: L('解读形式'),
    agency: L('解读机构'),
    publishDate: L('发布日期'),
    summary: L('内容概述'),
    body: L('正文'),
    policyItems: L('所解读的文件', '与政策文件同步发布；两边页面互相链接'),
  },
  'annual-report': {
    agency: L('机构'),
    year: L('年度', '报告所统计的年份；2019、2020 年度用 2019 版格式，2021 年度起用 2021 版格式'),
    templateVersion: L('格式版本', '由年度自动确定，发布后不可更改'),
    title: L('标题'),
    publishDate: L('发布日期', '报告落款日期'),
    overview: L('一、总体情况'),
    overviewProactive: L('（一）主动公开'),
    overviewOnRequest: L('（二）依申请公开'),
    overviewManagement: L('（三）政府信息管理'),
    overviewPlatform: L('（四）政府信息公开平台建设'),
    overviewSupervision: L('（五）监督保障'),
    proactiveTable: tableLabel('proactiveTable'),
    requestTable: tableLabel('requestTable'),
    reviewTable: tableLabel('reviewTable'),
    moneyUnits: L('金额单位', '格式未注明单位的金额（2019 版“采购总金额”）按报告所印单位记录，在表二下方选择；未选择的为元'),
    problems: L('五、存在的主要问题及改进情况'),
    otherMatters: L('六、其他需要报告的事项'),
    correctionNote: L('更正说明', '已发布的报告修改后重新发布时必填，写明更正的内容和原因，门户上与报告一并公开'),
    findings: L('保存时的提示', '最近一次保存时校验发现的提示（警告），由系统记录，无需填写'),
    archivedAsPublished: L(
      '原样归档',
      '按原发布内容存档：原报告的勾稽关系不一致予以保留并在门户上注明，不作更正；仅具有“原样归档”权限的人员可以勾选或取消',
    ),
    archivedFindings: L('原报告的不一致', '原样归档时保留的勾稽关系不一致，由系统在保存时计算，无需填写'),
    originalFile: L('原文件'),
  },
  'disclosure-guide': {
    agency: L('所属机关'),
    orgName: L('机关名称'),
    revisedAt: L('指南更新日期', '门户显示为“更新于”。不改动则在发布修订时自动取发布当天；也可填写晚于上次、不晚于今天的日期'),
    legalBasis: L('制定依据'),
    classification: L('信息分类与编排体系'),
    catalogueHowto: L('目录使用方法'),
    proactiveScope: L('主动公开范围'),
    proactiveChannels: L('主动公开渠道'),
    proactiveDeadline: L('主动公开时限'),
    readingRooms: L('查阅场所'),
    office: L('受理机构及联系方式'),
    applyChannels: L('申请渠道'),
    applyRequirements: L('申请须知'),
    applicationForm: L('申请表'),
    receiptRules: L('收到申请时间的确定'),
    correctionRule: L('补正'),
    replyDeadline: L('答复时限'),
    replyTypes: L('答复情形'),
    deliveryForms: L('提供形式'),
    fees: L('收费'),
    accessibilityHelp: L('无障碍帮助'),
    remedies: L('监督和救济'),
    flowchartText: L('办理流程', '依申请公开流程图的文字说明'),
    attachments: L('附件'),
    changeSummary: L('修订说明', '重新发布时必填：本次修订了什么，将在门户的修订记录中公开；每次发布后清空，留待下次修订填写'),
  },
  'guide-revision': {
    guideDocumentId: L('指南'),
    agencySlug: L('机构'),
    orgName: L('机关名称'),
    revisedAt: L('指南更新日期'),
    recordedAt: L('发布时间'),
    changeSummary: L('修订说明'),
    changedFields: L('修订的内容'),
    editorName: L('发布人'),
    snapshot: L('发布时的指南'),
  },
  'disclosure-request': {
    receiptNumber: L('回执号', '系统生成，申请人凭此查询进度；不可修改'),
    agency: L('受理机关'),
    channel: L('申请方式', '网上申请自动填写；信函、当面、传真、电子邮件由工作人员登记'),
    applicantKind: L('申请人类型', '对应年度报告表三的申请人列'),
    applicantName: L('姓名或名称'),
    idType: L('身份证明类型'),
    idNumber: L('证件号码', '居民身份证 18 位；组织为统一社会信用代码'),
    contactPerson: L('联系人', '法人或其他组织必填'),
    phone: L('联系电话'),
    email: L('电子邮箱'),
    address: L('通信地址'),
    postcode: L('邮政编码'),
    sought: L('所需政府信息', '名称、文号或者便于查询的其他特征性描述（条例第二十九条）'),
    purpose: L('用途'),
    informationFormat: L('获取信息的形式'),
    deliveryMethod: L('获取信息的途径'),
    receivedAt: L('收到申请日期', '当面提交为提交之日，邮寄为签收之日，网上提交为双方确认之日（条例第三十一条）'),
    amendmentNoticeAt: L('补正通知日期', '应在收到申请之日起 7 个工作日内一次性告知（条例第三十条）；通知后期限停止计算'),
    amendmentReceivedAt: L('收到补正日期', '答复期限自此日起重新计算'),
    consultationSentAt: L('征求意见日期', '书面征求第三方或其他机关意见之日；第三方应在 15 个工作日内答复（条例第三十二条）'),
    consultationAnsweredAt: L('收到意见日期', '征求意见期间不计入答复期限（条例第三十三条）'),
    extendedAt: L('延期告知日期', '经负责人同意并告知申请人，延长 20 个工作日，只能延长一次，须在原期限届满前'),
    repliedAt: L('答复日期'),
    outcome: L('办理结果', '对应年度报告表三“三、本年度办理结果”的行'),
    replyNote: L('答复说明'),
    feeAmount: L('信息处理费（元）', '依国办函〔2020〕109号收取；未收费的留空'),
    feeNote: L('收费说明'),
    clockState: L('办理状态', '系统根据各日期计算'),
    dueDate: L('答复期限', '系统按工作日和节假日安排计算'),
    staffNote: L('内部备注', '仅工作人员可见'),
    createdAt: L('登记时间'),
  },
  'holiday-calendar': {
    year: L('年份'),
    holidays: L('放假日期', '每行一个日期或“开始日期 至 结束日期”，后面可加说明，如“2026-02-15 至 2026-02-23 春节”'),
    workdays: L('调休上班日期', '周末调休上班的日期，每行一个，如“2026-02-14 春节调休”'),
    source: L('依据', '国务院办公厅通知的文号'),
  },
  'audit-entry': {
    action: L('操作'),
    actionLabel: L('操作'),
    contentType: L('内容类型'),
    contentTypeLabel: L('内容类型'),
    targetDocumentId: L('文档'),
    title: L('标题'),
    userId: L('用户编号'),
    userName: L('操作人'),
    userEmail: L('操作人邮箱'),
    origin: L('来源'),
    createdAt: L('时间'),
  },
};

/** The disclosure guide's field names, for its revision history (“修订了：办公时间、联系电话”). */
export const guideFieldLabels: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(fieldLabels['disclosure-guide']!)
    .filter(([field]) => field !== 'changeSummary')
    .map(([field, { label }]) => [field, label]),
);

/** The metadata label of a policy item's field, as its page and the admin print it. */
export function policyLabel(field: string): string {
  return fieldLabels['policy-item']![field]?.label ?? field;
}

/** What a policy item's end date is called on its page: 废止日期 for a repealed document, 失效日期 otherwise. */
export function invalidDateLabel(validity: string): string {
  return validity === 'repealed' ? '废止日期' : '失效日期';
}

/**
 * The guide's components (cms/src/components/guide/*.json), keyed by component uid and then by
 * field: the admin labels their inputs with these, as it does the content types' fields.
 */
export const componentFieldLabels: Readonly<Record<string, Readonly<Record<string, FieldLabel>>>> = {
  'guide.office': {
    name: L('名称', '政府信息公开工作机构的名称，如 ××镇党政办公室'),
    address: L('地址', '办公地址'),
    postcode: L('邮政编码'),
    hours: L('办公时间', '如 工作日上午8:30—12:00，下午13:30—17:30（法定节假日除外）'),
    phone: L('联系电话'),
    fax: L('传真'),
    email: L('电子邮箱'),
    url: L('网站'),
    onlineFormUrl: L('网上申请地址', '依申请公开网上申请页面的网址'),
  },
  'guide.remedies': {
    complaintTo: L('投诉举报受理机关', '条例第五十一条：可向上一级行政机关或者政府信息公开工作主管部门投诉、举报'),
    complaintPhone: L('投诉举报电话'),
    reviewBody: L('复议机关', '申请行政复议的机关'),
    litigationNote: L('行政诉讼', '依法提起行政诉讼的说明'),
  },
  'guide.reading-room': {
    name: L('名称', '查阅场所的名称，如 区档案馆政府信息查阅中心'),
    address: L('地址'),
    hours: L('开放时间'),
  },
  'guide.category': {
    code: L('编号'),
    name: L('名称'),
    description: L('说明'),
  },
};

/**
 * The rows of a guide's contact table on its portal page (四、政府信息公开工作机构): the office
 * component's labels, except where the page prints a guide's own wording (受理机构, 办公地址,
 * 传真号码, 互联网联系方式) for what the admin, inside its 受理机构及联系方式 group, names shortly.
 */
export const guideContactLabels: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(componentFieldLabels['guide.office']!).map(([field, { label }]) => [field, label])),
  name: '受理机构',
  address: '办公地址',
  fax: '传真号码',
  url: '互联网联系方式',
  onlineFormUrl: '网上申请',
};
