import { AUDITED_ACTIONS } from '../../../../audit/actions';

/** 审计日志: one entry per change of public content, written by the audit middleware only. */
export default {
  kind: 'collectionType',
  collectionName: 'audit_entries',
  info: {
    singularName: 'audit-entry',
    pluralName: 'audit-entries',
    displayName: '审计日志',
    description: '公开内容的新建、修改、发布、撤回、删除记录（只读）',
  },
  options: { draftAndPublish: false },
  attributes: {
    action: { type: 'enumeration', enum: Object.keys(AUDITED_ACTIONS), required: true },
    /** 操作 in Chinese, for reading the list. */
    actionLabel: { type: 'string' },
    contentType: { type: 'string', required: true },
    contentTypeLabel: { type: 'string' },
    targetDocumentId: { type: 'string' },
    /** For a copy (复制): the document it was copied from. */
    sourceDocumentId: { type: 'string' },
    title: { type: 'string' },
    userId: { type: 'integer' },
    userName: { type: 'string' },
    userEmail: { type: 'string' },
    /** Where the change came from: 管理后台, API 令牌, 系统. */
    origin: { type: 'string' },
    /** A review's note or comment (提交审核的说明、退回意见). */
    comment: { type: 'text' },
  },
};
