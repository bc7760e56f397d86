import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { reviewedTypes } from '@portal/shared';
import { AGENCY, SUPER_ADMIN_ROLE, currentActor, type AdminUser } from '../review/rules';

/*
 * 机构范围: which administrators work for which agencies. An agency's private `editors` (负责人员,
 * admin users) are the people who edit its documents. The roles 信息公开编辑, 指南维护 and 审核人 hold
 * their permissions on the four document types under the RBAC condition "仅本机构的内容", so their
 * lists and reads show only their agencies' documents; since a condition does not look at what a
 * save writes, the Document Service middleware here checks every write of such a user: the document
 * touched and the agency it ends with must both be theirs. Super Admin, and any role that holds a
 * permission on the type without the condition (档案管理 on reports), is not scoped.
 */

export const SCOPED_TYPES: ReadonlySet<string> = new Set(Object.keys(reviewedTypes));
export const AGENCY_SCOPE_CONDITION_NAME = 'agency-scope';
/** The id Strapi gives a condition registered without a plugin. */
export const AGENCY_SCOPE_CONDITION = `api::${AGENCY_SCOPE_CONDITION_NAME}`;
export const NOT_ASSIGNED = '您尚未被分配到任何机构，请联系管理员：管理员在“机构”的“负责人员”中加入您后，您才能查看和编辑该机构的内容';

const CONTENT_ACTION_PREFIX = 'plugin::content-manager.explorer.';
const WRITES: ReadonlySet<string> = new Set(['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft']);
const SAVES: ReadonlySet<string> = new Set(['create', 'update', 'clone']);

export type Assignment = { documentId: string; name: string };

/**
 * The agencies an administrator is assigned to: the agency drafts (the latest version, what an
 * administrator last saved, whether published or not) that list the user among their editors.
 */
export async function assignedAgencies(strapi: Core.Strapi, userId: number): Promise<Assignment[]> {
  const rows = (await strapi.db.query(AGENCY as 'api::agency.agency').findMany({
    where: { publishedAt: null, editors: { id: userId } },
    select: ['documentId', 'name'],
    orderBy: [{ order: 'asc' }, { id: 'asc' }],
  })) as Array<{ documentId: string; name: string }>;
  const seen = new Map<string, Assignment>();
  for (const row of rows) seen.set(row.documentId, { documentId: row.documentId, name: row.name });
  return [...seen.values()];
}

/**
 * Adds an administrator to the editors of these agencies (all of them when none are named), on
 * their drafts, where the assignment is read: for the demo and for test fixtures; people assign
 * in the admin, in the agency's 负责人员.
 */
export async function assignAgencies(strapi: Core.Strapi, userId: number, agencyIds?: string[]): Promise<void> {
  const agencies = strapi.db.query(AGENCY as 'api::agency.agency');
  const drafts = (await agencies.findMany({
    where: { publishedAt: null, ...(agencyIds ? { documentId: { $in: agencyIds } } : {}) },
    select: ['id'],
  })) as Array<{ id: number }>;
  for (const { id } of drafts) await agencies.update({ where: { id }, data: { editors: { connect: [userId] } } as never });
}

type PermissionRow = { action: string; subject: string | null; conditions: unknown };

async function rolesOf(strapi: Core.Strapi, user: AdminUser): Promise<Array<{ id: number; code?: string }>> {
  const roles = user.roles as Array<{ id?: number; code?: string }> | undefined;
  if (roles?.length && roles.every((r) => typeof r.id === 'number')) return roles as Array<{ id: number; code?: string }>;
  const found = (await strapi.db.query('admin::user').findOne({ where: { id: user.id }, populate: ['roles'] })) as {
    roles?: Array<{ id: number; code?: string }>;
  } | null;
  return found?.roles ?? [];
}

/**
 * Whether this administrator's access to `uid` is limited to their agencies: not for Super Admin,
 * nor when any of their roles holds a permission on the type without the agency condition.
 */
export async function isScoped(strapi: Core.Strapi, user: AdminUser, uid: string): Promise<boolean> {
  if (!SCOPED_TYPES.has(uid)) return false;
  const roles = await rolesOf(strapi, user);
  if (roles.some((r) => r.code === SUPER_ADMIN_ROLE)) return false;
  if (roles.length === 0) return true;
  const permissions = (await strapi.db.query('admin::permission').findMany({
    where: { role: { id: { $in: roles.map((r) => r.id) } }, subject: uid, action: { $startsWith: CONTENT_ACTION_PREFIX } },
    select: ['action', 'subject', 'conditions'],
  })) as PermissionRow[];
  return !permissions.some((p) => !(Array.isArray(p.conditions) && p.conditions.includes(AGENCY_SCOPE_CONDITION)));
}

/** The agencies an administrator may work on for `uid`, or null when not limited. */
export async function scopeOf(strapi: Core.Strapi, user: AdminUser, uid: string): Promise<Assignment[] | null> {
  return (await isScoped(strapi, user, uid)) ? assignedAgencies(strapi, user.id) : null;
}

/** The scope of whoever is asking (null: not limited: the system, API tokens, Super Admin…). */
export async function actorScope(strapi: Core.Strapi, uid: string): Promise<Assignment[] | null> {
  const actor = currentActor(strapi);
  if (actor.kind !== 'admin') return null;
  return scopeOf(strapi, actor.user, uid);
}

const names = (scope: Assignment[]) => scope.map((a) => `「${a.name}」`).join('、');
const named = (title: string | null | undefined) => (title ? `「${title}」` : '该文档');

/** Refused: a document of an agency the user is not assigned to. */
export function outOfScope(
  scope: Assignment[],
  title: string | null | undefined,
  agencyName: string | null | undefined,
): errors.PolicyError {
  if (scope.length === 0) return new errors.PolicyError(NOT_ASSIGNED);
  const owner = agencyName ? `属于机构「${agencyName}」` : '未指定所属机构';
  return new errors.PolicyError(`${named(title)}${owner}，不是您负责的机构，您不能查看或修改：您负责的机构为${names(scope)}`);
}

/** Refused: a save that would leave the document with an agency the user is not assigned to. */
function badTarget(scope: Assignment[], title: string | null | undefined, agencyName: string | null): errors.PolicyError {
  if (scope.length === 0) return new errors.PolicyError(NOT_ASSIGNED);
  const where = agencyName ? `的所属机构不能设为「${agencyName}」，它不是您负责的机构` : '须填写所属机构';
  return new errors.PolicyError(`${named(title)}${where}：您负责的机构为${names(scope)}，请从中选择`);
}

type Holder = {
  documentId?: string;
  title?: string | null;
  orgName?: string | null;
  agency?: { documentId?: string; name?: string } | null;
};
const withAgency = { agency: { fields: ['documentId', 'name'] } };
const titleOf = (doc: Holder | null | undefined) => doc?.title ?? doc?.orgName ?? null;

function holders(strapi: Core.Strapi, uid: string) {
  return strapi.documents(uid as 'api::policy-item.policy-item') as unknown as {
    findMany: (p: unknown) => Promise<Holder[]>;
    findOne: (p: unknown) => Promise<Holder | null>;
  };
}

/** Every version of the documents `documentId` names (one id or a filter), with their agencies. */
async function versionsOf(strapi: Core.Strapi, uid: string, documentId: unknown): Promise<Holder[]> {
  const docs = holders(strapi, uid);
  const filters = { documentId };
  const [drafts, published] = await Promise.all([
    docs.findMany({ status: 'draft', filters, populate: withAgency }),
    docs.findMany({ status: 'published', filters, populate: withAgency }),
  ]);
  return [...drafts, ...published];
}

/** The agency a document's latest version (its draft) belongs to. */
async function latestAgency(strapi: Core.Strapi, uid: string, documentId: string): Promise<Holder | null> {
  const docs = holders(strapi, uid);
  return (
    (await docs.findOne({ documentId, status: 'draft', populate: withAgency })) ??
    (await docs.findOne({ documentId, status: 'published', populate: withAgency }))
  );
}

/** Refuses unless every version of these documents belongs to one of the agencies in `scope`. */
export async function checkInScope(strapi: Core.Strapi, scope: Assignment[], uid: string, documentId: unknown): Promise<void> {
  if (scope.length === 0) throw new errors.PolicyError(NOT_ASSIGNED);
  const allowed = new Set(scope.map((a) => a.documentId));
  for (const version of await versionsOf(strapi, uid, documentId)) {
    if (!version.agency?.documentId || !allowed.has(version.agency.documentId))
      throw outOfScope(scope, titleOf(version), version.agency?.name ?? null);
  }
}

type Params = { documentId?: unknown };

/**
 * The bulk publish dialog reads the selected documents through the content manager's
 * `bulkFindForValidation`, which populates a to-one relation as a count only: the condition,
 * which reads `agency.documentId`, then matches no document and every field was stripped (the
 * dialog called title and 索引号 missing). There the agency is read as the condition needs it, and
 * a scoped user reads only their agencies' documents.
 */
async function scopeValidationRead(strapi: Core.Strapi, context: { uid: string; params: unknown }): Promise<void> {
  const request = (strapi.requestContext.get() as { request?: { path?: string } } | undefined)?.request;
  if (!request?.path?.endsWith('/actions/bulkFindForValidation')) return;
  const params = context.params as { populate?: unknown; filters?: unknown };
  if (params.populate && typeof params.populate === 'object' && !Array.isArray(params.populate))
    params.populate = { ...params.populate, agency: { fields: ['documentId', 'name'] } };
  const scope = await actorScope(strapi, context.uid);
  if (scope) {
    const mine = { agency: { documentId: { $in: scope.map((a) => a.documentId) } } };
    params.filters = params.filters ? { $and: [params.filters, mine] } : mine;
  }
}

/**
 * The RBAC condition "仅本机构的内容" and the write check of scoped administrators on every path
 * that runs as an administrator (the content manager, bulk actions, the review routes, imports).
 */
export async function registerAgencyScoping(strapi: Core.Strapi): Promise<void> {
  const { conditionProvider } = strapi.service('admin::permission') as unknown as {
    conditionProvider: { has: (id: string) => boolean; register: (condition: unknown) => Promise<void> };
  };
  if (!conditionProvider.has(AGENCY_SCOPE_CONDITION))
    await conditionProvider.register({
      displayName: '仅本机构的内容',
      name: AGENCY_SCOPE_CONDITION_NAME,
      category: '机构范围',
      async handler(user: { id: number }) {
        const agencies = await assignedAgencies(strapi, user.id);
        // No agency: a filter nothing matches (the list is empty, not refused), so the admin can say why.
        return { 'agency.documentId': { $in: agencies.map((a) => a.documentId) } };
      },
    });

  // What the admin tells a user about their scope (the notice above the lists).
  strapi.server.routes({
    type: 'admin',
    prefix: '/agency-scope',
    routes: [
      {
        method: 'GET',
        path: '/me',
        handler: async (ctx: { state: { user?: AdminUser }; body: unknown }) => {
          const user = ctx.state.user;
          if (!user) throw new errors.UnauthorizedError('请先登录管理后台');
          const scoped = await Promise.all([...SCOPED_TYPES].map((uid) => isScoped(strapi, user, uid)));
          if (!scoped.some(Boolean)) {
            ctx.body = { data: { scoped: false, agencies: [], message: null } };
            return;
          }
          const agencies = await assignedAgencies(strapi, user.id);
          const message = agencies.length
            ? `您负责的机构：${agencies.map((a) => a.name).join('、')}（只能查看和编辑这些机构的内容）`
            : NOT_ASSIGNED;
          ctx.body = { data: { scoped: true, agencies, message } };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);

  strapi.documents.use(async (context, next) => {
    if (SCOPED_TYPES.has(context.uid) && context.action === 'findMany') await scopeValidationRead(strapi, context);
    if (!SCOPED_TYPES.has(context.uid) || !WRITES.has(context.action)) return next();
    const uid = context.uid;
    const scope = await actorScope(strapi, uid);
    if (!scope) return next();
    const params = context.params as Params;
    if (scope.length === 0) throw new errors.PolicyError(NOT_ASSIGNED);
    // The document written (or copied) must be of one of the user's agencies…
    if (context.action !== 'create' && params.documentId !== undefined) await checkInScope(strapi, scope, uid, params.documentId);
    if (!SAVES.has(context.action)) return next();
    // …and so must the agency it ends with, in whichever form the relation was written: judged on
    // what was stored, in a transaction the refusal rolls back.
    const allowed = new Set(scope.map((a) => a.documentId));
    return strapi.db.transaction(async () => {
      const result = (await next()) as (Holder & { entries?: Holder[] }) | null;
      const documentId = result?.documentId ?? (typeof params.documentId === 'string' ? params.documentId : undefined);
      if (!documentId) return result as never;
      const stored = await latestAgency(strapi, uid, documentId);
      const agencyId = stored?.agency?.documentId ?? null;
      if (!agencyId || !allowed.has(agencyId)) throw badTarget(scope, titleOf(stored), stored?.agency?.name ?? null);
      return result as never;
    });
  });
}
