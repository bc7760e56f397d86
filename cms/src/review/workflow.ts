import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { REVIEW_COMMENT_MAX, reviewedTypes, reviewStates, type ReviewState } from '@portal/shared';
import { recordAudit } from '../audit/middleware';
import { agencyOf, displayName, isReviewedType, isReviewer, reviewRequired, type AdminUser } from './rules';
import { checkInScope, scopeOf } from '../scoping/agency-scope';

/*
 * The review before publishing (保密审查): 提交审核 (editor) → 待审核 → 通过并发布 (reviewer: the
 * document is published by the reviewer, through every publish rule) or 退回 with a comment (the
 * draft stays as it is). Every transition is a row of the private 审核记录 and an audit entry.
 */

export const REVIEW_UID = 'api::review-request.review-request';

export type ReviewRequest = {
  id: number;
  contentType: string;
  targetDocumentId: string;
  title: string | null;
  agencyName: string | null;
  state: ReviewState;
  note: string | null;
  comment: string | null;
  submitterId: number | null;
  submitterName: string | null;
  submittedAt: string;
  reviewerId: number | null;
  reviewerName: string | null;
  reviewedAt: string | null;
};

type Ability = { can: (action: string, subject: string) => boolean };

const requests = (strapi: Core.Strapi) => strapi.db.query(REVIEW_UID as 'api::review-request.review-request');

/** The fields the admin shows of a request (nothing else of the row). */
export function publicView(r: ReviewRequest) {
  return {
    id: r.id,
    contentType: r.contentType,
    contentTypeLabel: reviewedTypes[r.contentType as keyof typeof reviewedTypes] ?? r.contentType,
    documentId: r.targetDocumentId,
    title: r.title,
    agencyName: r.agencyName,
    state: r.state,
    stateLabel: reviewStates[r.state],
    note: r.note,
    comment: r.comment,
    submitterName: r.submitterName,
    submittedAt: r.submittedAt,
    reviewerName: r.reviewerName,
    reviewedAt: r.reviewedAt,
  };
}

function checkType(uid: unknown): string {
  if (typeof uid !== 'string' || !isReviewedType(uid)) {
    throw new errors.ValidationError(
      `内容类型“${String(uid).slice(0, 80)}”不需要审核：只有${Object.values(reviewedTypes).join('、')}经审核后发布`,
    );
  }
  return uid;
}

function checkDocumentId(documentId: unknown): string {
  if (typeof documentId !== 'string' || !/^[a-z0-9]{1,64}$/.test(documentId))
    throw new errors.ValidationError('文档编号（documentId）格式不正确');
  return documentId;
}

function optionalText(value: unknown, what: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new errors.ValidationError(`${what}须为文字`);
  const text = value.trim();
  if (text.length > REVIEW_COMMENT_MAX) throw new errors.ValidationError(`${what}最多 ${REVIEW_COMMENT_MAX} 字，现为 ${text.length} 字`);
  return text || null;
}

async function draftOf(strapi: Core.Strapi, uid: string, documentId: string): Promise<Record<string, unknown> | null> {
  return (await strapi.documents(uid as 'api::policy-item.policy-item').findOne({ documentId, status: 'draft' } as never)) as Record<
    string,
    unknown
  > | null;
}

/** Refuses a document outside the agencies of a scoped user (cms/src/scoping/). */
async function checkScope(strapi: Core.Strapi, user: AdminUser, uid: string, documentId: string): Promise<void> {
  const scope = await scopeOf(strapi, user, uid);
  if (scope) await checkInScope(strapi, scope, uid, documentId);
}

const titleOf = (doc: Record<string, unknown>) =>
  typeof doc.title === 'string' ? doc.title : typeof doc.orgName === 'string' ? doc.orgName : null;

/** The latest request for a document, or null. */
export async function latestRequest(strapi: Core.Strapi, uid: string, documentId: string): Promise<ReviewRequest | null> {
  return (await requests(strapi).findOne({
    where: { contentType: uid, targetDocumentId: documentId },
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
  })) as ReviewRequest | null;
}

/** 提交审核: by someone who may edit the document; one pending request per document. */
export async function submit(
  strapi: Core.Strapi,
  user: AdminUser,
  ability: Ability | undefined,
  body: Record<string, unknown>,
): Promise<ReviewRequest> {
  const uid = checkType(body.contentType);
  const documentId = checkDocumentId(body.documentId);
  const note = optionalText(body.note, '提交说明');
  if (!ability?.can('plugin::content-manager.explorer.update', uid))
    throw new errors.PolicyError(`您没有编辑${reviewedTypes[uid as keyof typeof reviewedTypes]}的权限，不能提交审核`);
  await checkScope(strapi, user, uid, documentId);
  const draft = await draftOf(strapi, uid, documentId);
  if (!draft) throw new errors.NotFoundError(`找不到要提交审核的文档（${documentId}）：请先保存草稿`);
  const { required, agency } = await reviewRequired(strapi, uid, documentId);
  if (!required) throw new errors.ValidationError(`机构「${agency?.name ?? ''}」不要求审核：可直接发布`);
  return strapi.db.transaction(async () => {
    const latest = await latestRequest(strapi, uid, documentId);
    if (latest?.state === 'pending')
      throw new errors.ApplicationError(`「${latest.title ?? documentId}」已于 ${latest.submittedAt} 提交审核，正在等待审核人审核`);
    const created = (await requests(strapi).create({
      data: {
        contentType: uid,
        targetDocumentId: documentId,
        title: titleOf(draft),
        agencyName: agency?.name ?? null,
        state: 'pending',
        note,
        submitterId: user.id,
        submitterName: displayName(user),
        submittedAt: new Date(),
      },
    })) as ReviewRequest;
    await recordAudit(strapi, {
      action: 'submitReview',
      contentType: uid,
      targetDocumentId: documentId,
      title: created.title ?? undefined,
      comment: note ?? undefined,
    });
    return created;
  });
}

async function pendingRequest(strapi: Core.Strapi, user: AdminUser, id: unknown): Promise<ReviewRequest> {
  if (!(await isReviewer(strapi, user))) throw new errors.PolicyError('只有审核人可以审核：您的账号没有“审核人”角色');
  const numeric = typeof id === 'string' && /^\d{1,12}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(numeric)) throw new errors.ValidationError('审核记录编号格式不正确');
  const request = (await requests(strapi).findOne({ where: { id: numeric } })) as ReviewRequest | null;
  if (!request) throw new errors.NotFoundError(`找不到审核记录 ${numeric}`);
  if (request.state !== 'pending')
    throw new errors.ApplicationError(`「${request.title ?? request.targetDocumentId}」${reviewStates[request.state]}，不在待审核队列中`);
  await checkScope(strapi, user, request.contentType, request.targetDocumentId);
  return request;
}

/** 通过并发布: the reviewer publishes the document (every publish rule applies) and the request is closed. */
export async function approve(strapi: Core.Strapi, user: AdminUser, id: unknown, body: Record<string, unknown>): Promise<ReviewRequest> {
  const comment = optionalText(body.comment, '审核意见');
  return strapi.db.transaction(async () => {
    // Read inside the transaction: two reviewers approving at once publish once.
    const request = await pendingRequest(strapi, user, id);
    const docs = strapi.documents(request.contentType as 'api::policy-item.policy-item');
    await docs.publish({ documentId: request.targetDocumentId } as never);
    const updated = (await requests(strapi).update({
      where: { id: request.id },
      data: { state: 'approved', comment, reviewerId: user.id, reviewerName: displayName(user), reviewedAt: new Date() },
    })) as ReviewRequest;
    await recordAudit(strapi, {
      action: 'approveReview',
      contentType: request.contentType,
      targetDocumentId: request.targetDocumentId,
      title: request.title ?? undefined,
      comment: comment ?? undefined,
    });
    return updated;
  });
}

/** 退回: the draft stays; the editor reads the comment, which is required. */
export async function returnForChanges(
  strapi: Core.Strapi,
  user: AdminUser,
  id: unknown,
  body: Record<string, unknown>,
): Promise<ReviewRequest> {
  const comment = optionalText(body.comment, '退回意见');
  if (!comment)
    throw new errors.ValidationError('退回时须填写退回意见：请写明需要修改的内容', {
      errors: [{ path: ['comment'], message: '请填写退回意见' }],
    });
  return strapi.db.transaction(async () => {
    const request = await pendingRequest(strapi, user, id);
    const updated = (await requests(strapi).update({
      where: { id: request.id },
      data: { state: 'returned', comment, reviewerId: user.id, reviewerName: displayName(user), reviewedAt: new Date() },
    })) as ReviewRequest;
    await recordAudit(strapi, {
      action: 'returnReview',
      contentType: request.contentType,
      targetDocumentId: request.targetDocumentId,
      title: request.title ?? undefined,
      comment,
    });
    return updated;
  });
}

/** The reviewer's queue: every pending request, oldest first. */
export async function queue(strapi: Core.Strapi, user: AdminUser): Promise<ReviewRequest[]> {
  if (!(await isReviewer(strapi, user))) throw new errors.PolicyError('只有审核人可以查看待审核队列：您的账号没有“审核人”角色');
  const pending = (await requests(strapi).findMany({
    where: { state: 'pending' },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    limit: 500,
  })) as ReviewRequest[];
  // A scoped reviewer sees the requests of their agencies only.
  const mine: ReviewRequest[] = [];
  const scopes = new Map<string, Awaited<ReturnType<typeof scopeOf>>>();
  for (const request of pending) {
    if (!scopes.has(request.contentType)) scopes.set(request.contentType, await scopeOf(strapi, user, request.contentType));
    const scope = scopes.get(request.contentType);
    if (!scope) {
      mine.push(request);
      continue;
    }
    const agency = await agencyOf(strapi, request.contentType, request.targetDocumentId);
    if (agency && scope.some((a) => a.documentId === agency.documentId)) mine.push(request);
  }
  return mine;
}

/** What the edit view's panel shows of a document: whether it needs review, who may publish, its latest request. */
export async function documentReview(strapi: Core.Strapi, user: AdminUser, uidValue: unknown, documentIdValue: unknown) {
  const uid = checkType(uidValue);
  const documentId = checkDocumentId(documentIdValue);
  await checkScope(strapi, user, uid, documentId);
  const agency = await agencyOf(strapi, uid, documentId);
  const latest = await latestRequest(strapi, uid, documentId);
  return {
    requireReview: agency ? agency.requireReview : true,
    agencyName: agency?.name ?? null,
    reviewer: await isReviewer(strapi, user),
    request: latest ? publicView(latest) : null,
  };
}
