import type { LiveStatus, ReviewState } from '@portal/shared';

/** A review request as the review routes return it (cms/src/review/workflow.ts `publicView`). */
export type ReviewRequestView = {
  id: number;
  contentType: string;
  contentTypeLabel: string;
  documentId: string;
  title: string | null;
  agencyName: string | null;
  state: ReviewState;
  stateLabel: string;
  note: string | null;
  comment: string | null;
  submitterName: string | null;
  submittedAt: string;
  reviewerName: string | null;
  reviewedAt: string | null;
};

export type DocumentReview = { requireReview: boolean; agencyName: string | null; reviewer: boolean; request: ReviewRequestView | null };

export type { LiveStatus };

/** The Chinese message of a failed admin request (Strapi's FetchError keeps the body in `response.data`). */
export function messageOf(error: unknown): string {
  const body = (error as { response?: { data?: { error?: { message?: unknown } } } })?.response?.data;
  const message = body?.error?.message;
  return typeof message === 'string' && message ? message : '请求失败，请稍后重试';
}

export const editViewPath = (uid: string, documentId: string) => `/content-manager/collection-types/${uid}/${documentId}`;

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');
