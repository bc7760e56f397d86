import { applicationFields, type FieldProblem } from '@portal/shared';
import { cmsUrl } from '../loaders/client.ts';

/*
 * The /apply/ pages' side of 依申请公开: read the posted form (bounded), check it comes from the
 * portal's own pages, and pass it to the CMS server to server with APPLY_SECRET and the
 * applicant's address (which the CMS's limits count). Nothing here is logged or kept.
 */

/** The largest form body read: the longest application is ~10 KB of UTF-8 when URL-encoded. */
export const FORM_LIMIT_BYTES = 64 * 1024;

/** The posted form, or null when it is not a form or larger than the limit (read no further). */
export async function readForm(request: Request): Promise<URLSearchParams | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return null;
  if (Number(request.headers.get('content-length') ?? 0) > FORM_LIMIT_BYTES) return null;
  const reader = request.body?.getReader();
  if (!reader) return new URLSearchParams();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > FORM_LIMIT_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  try {
    return new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    return null;
  }
}

/**
 * A post from another site's page (a form aimed at ours) is refused: browsers send Origin with
 * every form post, and the portal's own pages have the portal's host. The publisher passes the
 * host the visitor asked for in X-Forwarded-Host (nginx in Host).
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return origin !== 'null' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The visitor's address as the publisher (or nginx) saw it. */
export function applicantAddress(request: Request, fallback: string): string {
  return (request.headers.get('x-real-ip') ?? fallback).slice(0, 64);
}

export type CmsAnswer<T> = { ok: true; data: T } | { ok: false; status: number; message: string; problems: FieldProblem[] };

async function callCms<T>(path: string, address: string, init: RequestInit = {}): Promise<CmsAnswer<T>> {
  const secret = process.env.APPLY_SECRET ?? '';
  if (!secret)
    return { ok: false, status: 503, message: '网上申请暂未开通，请通过信函或当面提交申请（见各机关的政府信息公开指南）。', problems: [] };
  try {
    const response = await fetch(`${cmsUrl()}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'x-apply-secret': secret, 'x-applicant-ip': address },
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as { data?: T; error?: { message?: string; problems?: FieldProblem[] } };
    if (response.ok && body.data) return { ok: true, data: body.data };
    return {
      ok: false,
      status: response.status,
      message: body.error?.message ?? '服务暂时不可用，请稍后再试。',
      problems: body.error?.problems ?? [],
    };
  } catch {
    return {
      ok: false,
      status: 503,
      message: '受理系统暂时无法连接，您的申请尚未提交。请稍后再试，或通过信函、当面方式提交。',
      problems: [],
    };
  }
}

export type Receipt = { receiptNumber: string; agencyName: string; receivedAt: string; dueDate: string | null };
export type RequestStatus = {
  receiptNumber: string;
  agencyName: string | null;
  state: string;
  stateLabel: string;
  receivedAt: string;
  amendmentNoticeAt: string | null;
  amendmentReceivedAt: string | null;
  consultationSentAt: string | null;
  consultationAnsweredAt: string | null;
  extendedAt: string | null;
  dueDate: string | null;
  repliedAt: string | null;
};

export function submitApplication(fields: Record<string, string>, address: string): Promise<CmsAnswer<Receipt>> {
  return callCms<Receipt>('/api/disclosure-requests/submit', address, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
}

export function lookUpRequest(receipt: string, address: string): Promise<CmsAnswer<RequestStatus>> {
  return callCms<RequestStatus>(`/api/disclosure-requests/status?receipt=${encodeURIComponent(receipt)}`, address);
}

/** The fields the form posts, as strings (a repeated field keeps its first value). */
export const FORM_FIELDS = ['agency', 'website', ...applicationFields] as const;

export function formValues(form: URLSearchParams | null): Record<string, string> {
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, form?.get(f) ?? '']));
}
