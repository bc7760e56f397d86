import type { Core } from '@strapi/strapi';
import { reviewedTypes, type ReviewedType } from '@portal/shared';

/*
 * Who may publish a document without review. An agency that requires review (保密审查, its
 * `requireReview`, on unless switched off) has its documents published by a 审核人 or an
 * administrator only; editors submit them instead. Code without a request (the demo seed, scripts)
 * acts as the system.
 */

export const AGENCY = 'api::agency.agency';
export const REVIEWER_ROLE = 'disclosure-reviewer';
export const SUPER_ADMIN_ROLE = 'strapi-super-admin';

export type AdminUser = {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string;
  roles?: Array<{ code?: string }>;
};

export const isReviewedType = (uid: string): uid is ReviewedType => uid in reviewedTypes;

export const displayName = (user: AdminUser | undefined): string | undefined =>
  user ? [user.lastname, user.firstname].filter(Boolean).join('') || user.email : undefined;

/** Who is asking, as the request that runs this code says. */
export function currentActor(
  strapi: Core.Strapi,
): { kind: 'system' } | { kind: 'admin'; user: AdminUser } | { kind: 'api'; strategy: string; fullAccess: boolean } {
  const ctx = strapi.requestContext.get();
  const strategy = ctx?.state?.auth?.strategy?.name as string | undefined;
  if (!ctx || !strategy) return { kind: 'system' };
  if (strategy === 'admin' && ctx.state.user) return { kind: 'admin', user: ctx.state.user as AdminUser };
  const credentials = ctx.state.auth?.credentials as { type?: unknown } | undefined;
  // Strapi 5.54 names the content API's token strategy 'content-api-token' (earlier: 'api-token').
  const token = strategy === 'content-api-token' || strategy === 'api-token';
  return { kind: 'api', strategy, fullAccess: token && credentials?.type === 'full-access' };
}

/** Whether an administrator holds the 审核人 role or Super Admin. */
export async function isReviewer(strapi: Core.Strapi, user: AdminUser): Promise<boolean> {
  const roles = user.roles?.length
    ? user.roles
    : (((await strapi.db.query('admin::user').findOne({ where: { id: user.id }, populate: ['roles'] })) as AdminUser | null)?.roles ?? []);
  return roles.some((r) => r.code === REVIEWER_ROLE || r.code === SUPER_ADMIN_ROLE);
}

export type DocumentAgency = { documentId: string; name: string; slug: string | null; requireReview: boolean };

type AgencyHolder = { documentId?: string; title?: string; orgName?: string; agency?: { documentId?: string } | null };
const holders = (strapi: Core.Strapi, uid: string) =>
  strapi.documents(uid as ReviewedType) as unknown as {
    findOne: (p: unknown) => Promise<AgencyHolder | null>;
    findMany: (p: unknown) => Promise<AgencyHolder[]>;
  };
const withAgency = { agency: { fields: ['documentId'] } };

/** An agency with its published setting (its draft when it was never published). */
export async function agencyById(strapi: Core.Strapi, agencyId: string): Promise<DocumentAgency | null> {
  const agencies = strapi.documents(AGENCY) as unknown as { findOne: (p: unknown) => Promise<Record<string, unknown> | null> };
  const agency =
    (await agencies.findOne({ documentId: agencyId, status: 'published' })) ??
    (await agencies.findOne({ documentId: agencyId, status: 'draft' }));
  if (!agency) return null;
  return {
    documentId: agencyId,
    name: String(agency.name ?? ''),
    slug: typeof agency.slug === 'string' ? agency.slug : null,
    // Unset (an agency from before the setting existed) counts as on: review is the safe default.
    requireReview: agency.requireReview !== false,
  };
}

/** The documentId of the agency a document's latest version (its draft) points to. */
export async function agencyIdOf(strapi: Core.Strapi, uid: string, documentId: string): Promise<string | null> {
  const docs = holders(strapi, uid);
  const doc =
    (await docs.findOne({ documentId, status: 'draft', populate: withAgency })) ??
    (await docs.findOne({ documentId, status: 'published', populate: withAgency }));
  return doc?.agency?.documentId ?? null;
}

/** The agency a document belongs to (its latest version), with the agency's published setting. */
export async function agencyOf(strapi: Core.Strapi, uid: string, documentId: string): Promise<DocumentAgency | null> {
  const agencyId = await agencyIdOf(strapi, uid, documentId);
  return agencyId ? agencyById(strapi, agencyId) : null;
}

/**
 * The first of these documents whose published version belongs to an agency that requires review
 * (`documentId` as the Document Service takes it: one id or a filter), with that agency.
 */
export async function publishedInReviewedAgency(
  strapi: Core.Strapi,
  uid: string,
  documentId: unknown,
): Promise<{ entry: AgencyHolder; agency: DocumentAgency } | null> {
  const published = await holders(strapi, uid).findMany({ status: 'published', filters: { documentId }, populate: withAgency });
  for (const entry of published) {
    const agency = entry.agency?.documentId ? await agencyById(strapi, entry.agency.documentId) : null;
    if (agency?.requireReview) return { entry, agency };
  }
  return null;
}

/**
 * Whether changing a document's agency from `before` to the agency `afterId` needs a reviewer: an
 * editor may not take a document out of an agency that requires review (and then publish it
 * where review is off); moving between agencies that publish directly, or giving an agency to a
 * document without one, is an ordinary edit.
 */
export const moveNeedsReviewer = (before: Pick<DocumentAgency, 'documentId' | 'requireReview'> | null, afterId: string | null): boolean =>
  before !== null && before.requireReview && afterId !== before.documentId;

/**
 * Whether publishing needs a reviewer: the draft's agency requires review (or it has none yet), or
 * the version the public sees now belongs to an agency that requires review (a draft moved since).
 */
export const publishNeedsReviewer = (
  draft: Pick<DocumentAgency, 'requireReview'> | null,
  published: Pick<DocumentAgency, 'requireReview'> | null,
): boolean => (draft ? draft.requireReview : true) || published?.requireReview === true;

/** Whether this document must pass a reviewer (publishNeedsReviewer), with its agency. */
export async function reviewRequired(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
): Promise<{ required: boolean; agency: DocumentAgency | null }> {
  const agency = await agencyOf(strapi, uid, documentId);
  const published = await publishedInReviewedAgency(strapi, uid, documentId);
  return { required: publishNeedsReviewer(agency, published?.agency ?? null), agency };
}

/** Whether whoever is asking may publish documents of agencies that require review. */
export async function actorMayPublishReviewed(strapi: Core.Strapi): Promise<boolean> {
  const actor = currentActor(strapi);
  if (actor.kind === 'system') return true;
  if (actor.kind === 'admin') return isReviewer(strapi, actor.user);
  // A full-access token is an administrator's key (only a Super Admin makes one, and it holds every
  // permission); a custom token or a content-API user never stands in for a reviewer.
  return actor.fullAccess;
}
