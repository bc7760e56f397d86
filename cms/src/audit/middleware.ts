import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PUBLIC_TYPES } from '../setup/public-types';
import { AUDITED_ACTIONS, type AuditedAction } from './actions';

const AUDIT_UID = 'api::audit-entry.audit-entry';
const AUDITED = new Set<string>(PUBLIC_TYPES);
const TITLE_FIELDS = ['title', 'name', 'orgName'];

type Result = { documentId?: string; entries?: Array<Record<string, unknown>> } & Record<string, unknown>;

function titleOf(result: unknown): string | undefined {
  const doc = (result as Result | null)?.entries?.[0] ?? (result as Result | null);
  if (!doc || typeof doc !== 'object') return undefined;
  for (const field of TITLE_FIELDS) if (typeof doc[field] === 'string') return doc[field] as string;
  return undefined;
}

/**
 * Records every create, copy, update, publish, unpublish, discard and delete of public content: who,
 * when, which document, what action. The log itself cannot be written through the Document
 * Service by anyone (entries are inserted below it), so it stays as it was written.
 */
export function registerAuditLog(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid === AUDIT_UID && context.action in AUDITED_ACTIONS) {
      throw new errors.ForbiddenError('审计日志只读，不能新建、修改或删除');
    }
    if (!AUDITED.has(context.uid) || !(context.action in AUDITED_ACTIONS)) return next();

    const params = context.params as { documentId?: string };
    const before =
      context.action === 'delete' && params.documentId
        ? await strapi.documents(context.uid).findOne({ documentId: params.documentId } as never)
        : null;
    const result = await next();

    await recordAudit(strapi, {
      action: context.action as AuditedAction,
      contentType: context.uid,
      // A copy is a new document: the entry names the copy (the source is in `sourceDocumentId`).
      targetDocumentId:
        context.action === 'clone' ? (result as Result | null)?.documentId : (params.documentId ?? (result as Result | null)?.documentId),
      sourceDocumentId: context.action === 'clone' ? params.documentId : undefined,
      title: titleOf(result) ?? titleOf(before),
    });
    return result;
  });
}

/** Writes one audit entry for the person (or system) the current request acts for. */
export async function recordAudit(
  strapi: Core.Strapi,
  entry: {
    action: AuditedAction;
    contentType: string;
    targetDocumentId?: string;
    sourceDocumentId?: string;
    title?: string;
    comment?: string;
  },
): Promise<void> {
  const ctx = strapi.requestContext.get();
  const strategy = ctx?.state?.auth?.strategy?.name as string | undefined;
  const user =
    strategy === 'admin'
      ? (ctx?.state?.user as { id?: number; firstname?: string; lastname?: string; email?: string } | undefined)
      : undefined;
  const contentType = strapi.contentTypes[entry.contentType as keyof typeof strapi.contentTypes] as
    { info?: { displayName?: string } } | undefined;
  await strapi.db.query(AUDIT_UID).create({
    data: {
      ...entry,
      actionLabel: AUDITED_ACTIONS[entry.action],
      contentTypeLabel: contentType?.info?.displayName,
      userId: user?.id,
      userName: user ? [user.lastname, user.firstname].filter(Boolean).join('') : undefined,
      userEmail: user?.email,
      origin: strategy === 'admin' ? '管理后台' : strategy ? `接口（${strategy}）` : '系统',
    },
  });
}
