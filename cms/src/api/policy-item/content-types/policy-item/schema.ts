import { disclosureMethods, policyDocumentClasses, validities } from '@portal/shared';

/** 政策文件 / 主动公开信息, with the metadata of docs/domain.md §6.2. */
export default {
  kind: 'collectionType',
  collectionName: 'policy_items',
  info: {
    singularName: 'policy-item',
    pluralName: 'policy-items',
    displayName: '政策文件',
    description: '政策文件与主动公开信息，含完整元数据',
  },
  options: { draftAndPublish: true },
  attributes: {
    /** 索引号, unique; immutable once published. */
    indexNumber: { type: 'string', required: true, unique: true, maxLength: 60 },
    title: { type: 'string', required: true, maxLength: 300 },
    /** 文号 / 发文字号, e.g. 临政办发〔2021〕17号. */
    docNumber: { type: 'string', maxLength: 60 },
    /** 发布机构 */
    agency: { type: 'relation', relation: 'manyToOne', target: 'api::agency.agency', inversedBy: 'policyItems' },
    /** 成文日期 */
    writtenDate: { type: 'date' },
    /** 发布日期 */
    publishDate: { type: 'date', required: true },
    /** 主题分类, "一级\二级" from the 22-class vocabulary. */
    topic: { type: 'string', maxLength: 60 },
    /** 信息类别: the catalogue node. */
    catalogNode: { type: 'string', maxLength: 40 },
    /** 体裁 (文种) */
    genre: { type: 'string', maxLength: 20 },
    validity: { type: 'enumeration', enum: Object.keys(validities), default: 'valid', required: true },
    /** 文件类别: 规章 / 行政规范性文件, what table 二's first block counts (shared/src/report/draft.ts). */
    documentClass: { type: 'enumeration', enum: Object.keys(policyDocumentClasses) },
    /** 生效日期 */
    effectiveDate: { type: 'date' },
    /** 废止日期 / 失效日期 */
    invalidDate: { type: 'date' },
    disclosureMethod: { type: 'enumeration', enum: Object.keys(disclosureMethods), default: 'proactive' },
    /** 内容概述 */
    summary: { type: 'text' },
    /** 主题词 */
    keywords: { type: 'string' },
    body: { type: 'blocks' },
    attachments: { type: 'media', multiple: true, allowedTypes: ['files', 'images'] },
    /**
     * 替代文件: the document that replaced this one once it was 废止, 失效 or 已修订. Optional and
     * one-way; the portal finds the reverse link (“本文件替代了…”) itself.
     */
    replacedBy: { type: 'relation', relation: 'manyToOne', target: 'api::policy-item.policy-item' },
    interpretations: {
      type: 'relation',
      relation: 'manyToMany',
      target: 'api::policy-interpretation.policy-interpretation',
      mappedBy: 'policyItems',
    },
  },
};
