/*
 * 保密审查 before publishing (条例 第十七条): an editor submits a document, a 审核人 approves (which
 * publishes it) or returns it with a comment. The states as officials name them.
 */

export const reviewStates = {
  pending: '待审核',
  returned: '已退回',
  approved: '已通过',
} as const;

export type ReviewState = keyof typeof reviewStates;

/** The content types that pass through review (those editors publish). */
export const reviewedTypes = {
  'api::policy-item.policy-item': '政策文件',
  'api::policy-interpretation.policy-interpretation': '政策解读',
  'api::annual-report.annual-report': '年度报告',
  'api::disclosure-guide.disclosure-guide': '政府信息公开指南',
} as const;

export type ReviewedType = keyof typeof reviewedTypes;

/** A returned document needs a comment that says what to change; this is its length range. */
export const REVIEW_COMMENT_MAX = 2000;

/** What the admin shows after a publish, from the publisher's status (cms/src/review/live-status.ts). */
export type LiveStatus =
  | { state: 'live'; message: string; url: string | null; buildId: string }
  | { state: 'building'; message: string }
  | { state: 'failed'; message: string }
  | { state: 'unknown'; message: string };
