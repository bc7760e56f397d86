import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { actorMayPublishReviewed, isReviewedType, reviewRequired } from './rules';

type Params = { documentId?: unknown; status?: unknown };
type Entry = { documentId?: string; title?: string; orgName?: string };

const refusal = (title: string | undefined, agency: string | undefined) =>
  new errors.PolicyError(
    `${title ? `「${title}」` : '该文档'}所属${agency ? `机构「${agency}」` : '机构未指定，'}须经审核后发布（保密审查）：` +
      '信息公开编辑请在编辑页点击“提交审核”，由审核人审核通过后发布。',
  );

/**
 * (PolicyError: Strapi hides the message of any other ForbiddenError behind a bare "Forbidden".)
 * Publishing a document of an agency that requires review is refused to everyone but a 审核人, an
 * administrator and the system, on every path: the admin's publish and bulk publish, REST
 * `?status=published`, GraphQL `status: PUBLISHED`, the Document Service. Registered after the
 * audit log, so a refused publish is not recorded as done; where the documents are known only
 * after the write (create/update straight to published, a publish by condition), the write runs in
 * a transaction that the refusal rolls back.
 */
export function registerReviewGuard(strapi: Core.Strapi): void {
  const check = async (uid: string, documentId: string, entry?: Entry) => {
    const { required, agency } = await reviewRequired(strapi, uid, documentId);
    if (required) throw refusal(entry?.title ?? entry?.orgName, agency?.name);
  };

  strapi.documents.use(async (context, next) => {
    if (!isReviewedType(context.uid)) return next();
    const params = context.params as Params;
    const publishing =
      context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && params.status === 'published');
    if (!publishing || (await actorMayPublishReviewed(strapi))) return next();

    if (context.action === 'publish' && typeof params.documentId === 'string') {
      const draft = (await strapi
        .documents(context.uid)
        .findOne({ documentId: params.documentId, status: 'draft' } as never)) as Entry | null;
      await check(context.uid, params.documentId, draft ?? undefined);
      return next();
    }
    return strapi.db.transaction(async () => {
      const result = (await next()) as (Entry & { entries?: Entry[] }) | null;
      const entries = result?.entries ?? (result ? [result] : []);
      for (const entry of entries) if (entry.documentId) await check(context.uid, entry.documentId, entry);
      return result as never;
    });
  });
}
