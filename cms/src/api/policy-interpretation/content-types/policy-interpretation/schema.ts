import { interpretationForms } from '@portal/shared';

/** 政策解读, linked to the policy items it interprets (shown on both sides). */
export default {
  kind: 'collectionType',
  collectionName: 'policy_interpretations',
  info: {
    singularName: 'policy-interpretation',
    pluralName: 'policy-interpretations',
    displayName: '政策解读',
    description: '政策解读，与所解读的政策文件双向关联',
  },
  options: { draftAndPublish: true },
  attributes: {
    title: { type: 'string', required: true, maxLength: 300 },
    /** 解读形式 */
    form: { type: 'enumeration', enum: Object.keys(interpretationForms), default: 'text', required: true },
    /** 解读机构 */
    agency: { type: 'relation', relation: 'manyToOne', target: 'api::agency.agency' },
    publishDate: { type: 'date', required: true },
    summary: { type: 'text' },
    body: { type: 'blocks' },
    policyItems: {
      type: 'relation',
      relation: 'manyToMany',
      target: 'api::policy-item.policy-item',
      inversedBy: 'interpretations',
    },
  },
};
