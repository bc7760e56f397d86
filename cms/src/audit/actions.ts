/** The Document Service actions recorded in the audit log, with what a person reads. */
export const AUDITED_ACTIONS = {
  create: '新建',
  update: '修改',
  clone: '复制',
  publish: '发布',
  unpublish: '撤回发布',
  discardDraft: '放弃草稿修改',
  delete: '删除',
} as const;

export type AuditedAction = keyof typeof AUDITED_ACTIONS;
