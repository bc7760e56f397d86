import { agencyKinds } from '@portal/shared';

/** 机构: an agency that publishes (区政府, 部门, 镇, 街道). */
export default {
  kind: 'collectionType',
  collectionName: 'agencies',
  info: { singularName: 'agency', pluralName: 'agencies', displayName: '机构', description: '发布信息的机关：区政府、部门、镇、街道' },
  options: { draftAndPublish: true },
  attributes: {
    name: { type: 'string', required: true, unique: true, maxLength: 100 },
    shortName: { type: 'string', maxLength: 40 },
    /** Used in portal addresses, e.g. /agencies/jingzhong/. */
    slug: { type: 'uid', required: true, regex: '^[a-z0-9-]+$' },
    kind: { type: 'enumeration', enum: Object.keys(agencyKinds), required: true },
    parent: { type: 'relation', relation: 'manyToOne', target: 'api::agency.agency' },
    /** 统一社会信用代码, 18 characters. */
    creditCode: { type: 'string', regex: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' },
    /** 索引号前缀: usually the credit code; index numbers read `<prefix>/<year>-<serial>`. */
    indexPrefix: { type: 'string', maxLength: 40 },
    description: { type: 'text' },
    address: { type: 'string' },
    phone: { type: 'string' },
    website: { type: 'string' },
    /** 电子邮箱: shown as a mailto: link. */
    email: { type: 'email' },
    /** 办公时间 */
    officeHours: { type: 'string', maxLength: 100 },
    /** 职能: the agency's main functions (机构职能), one paragraph each line. */
    functions: { type: 'text' },
    /** 负责人: one leader a line, "职务：姓名（分工）", as the portal prints them. */
    leaders: { type: 'text' },
    order: { type: 'integer', default: 100 },
    /** 需经审核后发布 (保密审查, 条例 第十七条): editors submit, a 审核人 publishes. Off only where one person does both. */
    requireReview: { type: 'boolean', default: true },
    /** 负责人员: the administrators who edit this agency's documents (cms/src/scoping/); never public. */
    editors: { type: 'relation', relation: 'manyToMany', target: 'admin::user', private: true },
    policyItems: { type: 'relation', relation: 'oneToMany', target: 'api::policy-item.policy-item', mappedBy: 'agency' },
    annualReports: { type: 'relation', relation: 'oneToMany', target: 'api::annual-report.annual-report', mappedBy: 'agency' },
    disclosureGuide: { type: 'relation', relation: 'oneToOne', target: 'api::disclosure-guide.disclosure-guide', mappedBy: 'agency' },
  },
};
