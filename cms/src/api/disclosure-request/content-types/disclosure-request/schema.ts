import {
  applicantKinds,
  deliveryMethods,
  idTypes,
  informationFormats,
  requestChannels,
  requestOutcomeKeys,
  clockStateLabels,
} from '@portal/shared';

/*
 * 政府信息公开申请 (条例 第二十七条–第四十五条). Private: never in PUBLIC_TYPES, no REST routes of its
 * own, not in the GraphQL schema; only Super Admin and the 依申请公开办理 role read it. The
 * deadline fields are computed on every save (cms/src/requests/middleware.ts).
 */
export default {
  kind: 'collectionType',
  collectionName: 'disclosure_requests',
  info: {
    singularName: 'disclosure-request',
    pluralName: 'disclosure-requests',
    displayName: '政府信息公开申请',
    description: '依申请公开：网上提交、信函、当面申请的登记与办理（不公开）',
  },
  options: { draftAndPublish: false },
  attributes: {
    /** 回执号: random, given at the first save, never changed. */
    receiptNumber: { type: 'string', unique: true, maxLength: 30 },
    agency: { type: 'relation', relation: 'manyToOne', target: 'api::agency.agency' },
    channel: { type: 'enumeration', enum: Object.keys(requestChannels), required: true, default: 'online' },
    applicantKind: { type: 'enumeration', enum: Object.keys(applicantKinds), required: true },
    applicantName: { type: 'string', required: true, maxLength: 100 },
    idType: { type: 'enumeration', enum: Object.keys(idTypes), required: true },
    idNumber: { type: 'string', required: true, maxLength: 40 },
    contactPerson: { type: 'string', maxLength: 50 },
    phone: { type: 'string', maxLength: 30 },
    email: { type: 'string', maxLength: 120 },
    address: { type: 'string', maxLength: 200 },
    postcode: { type: 'string', maxLength: 6 },
    sought: { type: 'text', required: true, maxLength: 2000 },
    purpose: { type: 'text', maxLength: 500 },
    informationFormat: { type: 'enumeration', enum: Object.keys(informationFormats), required: true },
    deliveryMethod: { type: 'enumeration', enum: Object.keys(deliveryMethods), required: true },
    /** 收到申请日期 (第三十一条): the clock's start. */
    receivedAt: { type: 'date', required: true },
    amendmentNoticeAt: { type: 'date' },
    amendmentReceivedAt: { type: 'date' },
    consultationSentAt: { type: 'date' },
    consultationAnsweredAt: { type: 'date' },
    /** 延期告知日期: one extension of 20 working days (第三十三条), so one date. */
    extendedAt: { type: 'date' },
    repliedAt: { type: 'date' },
    /** 办理结果: a row of table 三 (shared/src/requests/outcomes.ts). */
    outcome: { type: 'enumeration', enum: [...requestOutcomeKeys] },
    replyNote: { type: 'text', maxLength: 2000 },
    /** 信息处理费 in 元 (国办函〔2020〕109号); empty when none was charged. */
    feeAmount: { type: 'decimal', min: 0 },
    feeNote: { type: 'string', maxLength: 200 },
    /** Computed on save. */
    clockState: { type: 'enumeration', enum: Object.keys(clockStateLabels) },
    dueDate: { type: 'date' },
    /** Why the submission was refused or kept; staff notes. */
    staffNote: { type: 'text', maxLength: 2000 },
  },
};
