/** 政府信息公开指南: one current guide per agency, fields of docs/domain.md §5.3. */
export default {
  kind: 'collectionType',
  collectionName: 'disclosure_guides',
  info: {
    singularName: 'disclosure-guide',
    pluralName: 'disclosure-guides',
    displayName: '政府信息公开指南',
    description: '各机关的政府信息公开指南（每个机关一份现行指南）',
  },
  options: { draftAndPublish: true },
  attributes: {
    agency: { type: 'relation', relation: 'oneToOne', target: 'api::agency.agency', inversedBy: 'disclosureGuide' },
    /** 机关名称 */
    orgName: { type: 'string', required: true },
    /** 指南更新日期 */
    revisedAt: { type: 'date', required: true },
    legalBasis: { type: 'blocks' },
    /** 信息分类与编排体系 */
    classification: { type: 'component', component: 'guide.category', repeatable: true },
    catalogueHowto: { type: 'blocks' },
    proactiveScope: { type: 'blocks' },
    /** 主动公开渠道: keys of proactiveChannels (shared/src/vocabularies.ts). */
    proactiveChannels: { type: 'json' },
    proactiveDeadline: { type: 'string', default: '信息形成或者变更之日起20个工作日内' },
    readingRooms: { type: 'component', component: 'guide.reading-room', repeatable: true },
    /** 受理机构 and its contact details (条例第十二条). */
    office: { type: 'component', component: 'guide.office', repeatable: false, required: true },
    /** 申请渠道: keys of applyChannels. */
    applyChannels: { type: 'json' },
    applyRequirements: { type: 'blocks' },
    applicationForm: { type: 'media', multiple: false, allowedTypes: ['files'] },
    receiptRules: { type: 'text' },
    correctionRule: { type: 'text' },
    replyDeadline: { type: 'text' },
    replyTypes: { type: 'blocks' },
    deliveryForms: { type: 'text' },
    fees: { type: 'text' },
    accessibilityHelp: { type: 'text' },
    remedies: { type: 'component', component: 'guide.remedies', repeatable: false },
    /** Text alternative of the 依申请公开流程图. */
    flowchartText: { type: 'text' },
    attachments: { type: 'media', multiple: true, allowedTypes: ['files', 'images'] },
    /** 修订说明: what this publish changed; required to republish, shown in the revision history. */
    changeSummary: { type: 'text' },
  },
};
