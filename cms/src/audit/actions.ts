/** The Document Service actions recorded in the audit log, with what a person reads. */
export const AUDITED_ACTIONS = {
  create: '新建',
  update: '修改',
  clone: '复制',
  publish: '发布',
  unpublish: '撤回发布',
  discardDraft: '放弃草稿修改',
  delete: '删除',
  /** Not a Document Service action: written by cms/src/security/uploads.ts for each media upload. */
  upload: '上传媒体文件',
  /** Not Document Service actions: the review before publishing (cms/src/review/), with the reviewer's comment. */
  submitReview: '提交审核',
  approveReview: '审核通过',
  returnReview: '审核退回',
} as const;

export type AuditedAction = keyof typeof AUDITED_ACTIONS;
