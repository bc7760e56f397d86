/**
 * The disclosure guide's fields as officials name them (domain.md §5.3): for revision lists
 * (“修订了：办公时间、联系电话”) and admin labels.
 */
export const guideFieldLabels: Readonly<Record<string, string>> = {
  agency: '所属机关',
  orgName: '机关名称',
  revisedAt: '指南更新日期',
  legalBasis: '制定依据',
  classification: '信息分类与编排体系',
  catalogueHowto: '目录使用方法',
  proactiveScope: '主动公开范围',
  proactiveChannels: '主动公开渠道',
  proactiveDeadline: '主动公开时限',
  readingRooms: '查阅场所',
  office: '受理机构及联系方式',
  applyChannels: '申请渠道',
  applyRequirements: '申请须知',
  applicationForm: '申请表',
  receiptRules: '收到申请时间的确定',
  correctionRule: '补正',
  replyDeadline: '答复时限',
  replyTypes: '答复情形',
  deliveryForms: '提供形式',
  fees: '收费',
  accessibilityHelp: '无障碍帮助',
  remedies: '监督和救济',
  flowchartText: '办理流程',
  attachments: '附件',
};
