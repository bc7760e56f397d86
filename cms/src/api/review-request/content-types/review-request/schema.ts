import { reviewStates } from '@portal/shared';

/**
 * 审核记录: one request per submission of a document for review (保密审查), written by the review
 * routes only (cms/src/review/). Private: no public permission, no REST routes, no GraphQL, hidden
 * in the content manager; the reviewer's queue reads it through the admin routes.
 */
export default {
  kind: 'collectionType',
  collectionName: 'review_requests',
  info: {
    singularName: 'review-request',
    pluralName: 'review-requests',
    displayName: '审核记录',
    description: '提交审核、通过、退回的记录（系统生成）',
  },
  options: { draftAndPublish: false },
  pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
  attributes: {
    contentType: { type: 'string', required: true },
    targetDocumentId: { type: 'string', required: true },
    title: { type: 'string' },
    agencyName: { type: 'string' },
    state: { type: 'enumeration', enum: Object.keys(reviewStates), required: true },
    /** The editor's note on submitting (optional). */
    note: { type: 'text' },
    /** The reviewer's comment: required when returning. */
    comment: { type: 'text' },
    submitterId: { type: 'integer' },
    submitterName: { type: 'string' },
    submittedAt: { type: 'datetime', required: true },
    reviewerId: { type: 'integer' },
    reviewerName: { type: 'string' },
    reviewedAt: { type: 'datetime' },
  },
};
