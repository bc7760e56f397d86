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

/** The agency a document belongs to (its latest version), with the agency's published setting. */
export async function agencyOf(strapi: Core.Strapi, uid: string, documentId: string): Promise<DocumentAgency | null> {
  const docs = strapi.documents(uid as ReviewedType) as unknown as {
    findOne: (p: unknown) => Promise<{ agency?: { documentId?: string } | null } | null>;
  };
  const doc =
    (await docs.findOne({ documentId, status: 'draft', populate: { agency: { fields: ['documentId'] } } })) ??
    (await docs.findOne({ documentId, status: 'published', populate: { agency: { fields: ['documentId'] } } }));
  const agencyId = doc?.agency?.documentId;
  if (!agencyId) return null;
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

/** Whether this document must pass a reviewer: its agency requires it, or it has no agency yet. */
export async function reviewRequired(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
): Promise<{ required: boolean; agency: DocumentAgency | null }> {
  const agency = await agencyOf(strapi, uid, documentId);
  return { required: agency ? agency.requireReview : true, agency };
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
