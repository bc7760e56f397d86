import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  actorMayPublishReviewed,
  agencyIdOf,
  agencyOf,
  isReviewedType,
  moveNeedsReviewer,
  publishedInReviewedAgency,
  reviewRequired,
} from './rules';

type Params = { documentId?: unknown; status?: unknown; data?: unknown };
type Entry = { documentId?: string; title?: string; orgName?: string };

const refusal = (title: string | undefined, agency: string | undefined) =>
  new errors.PolicyError(
    `${title ? `「${title}」` : '该文档'}所属${agency ? `机构「${agency}」` : '机构未指定，'}须经审核后发布（保密审查）：` +
      '信息公开编辑请在编辑页点击“提交审核”，由审核人审核通过后发布。',
  );
const named = (title: string | undefined) => (title ? `「${title}」` : '该文件');
const moveRefusal = (title: string | undefined, agency: string) =>
  new errors.PolicyError(
    `${named(title)}所属机构「${agency}」须经审核后发布（保密审查），不能改到其他机构后自行发布：` + '请提交审核，或请审核人更改所属机构。',
  );
const movedRefusal = (title: string | undefined, agency: string) =>
  new errors.PolicyError(
    `${named(title)}现已公开的版本属于机构「${agency}」，须经审核后发布（保密审查）：` +
      '所属机构改过的草稿也不能自行发布，请提交审核，由审核人审核通过后发布。',
  );

/**
 * (PolicyError: Strapi hides the message of any other ForbiddenError behind a bare "Forbidden".)
 * Publishing a document of an agency that requires review is refused to everyone but a 审核人, an
 * administrator and the system, on every path: the admin's publish and bulk publish, REST
 * `?status=published`, GraphQL `status: PUBLISHED`, the Document Service. Registered after the
 * audit log, so a refused publish is not recorded as done; where the documents are known only
 * after the write (create/update straight to published, a publish by condition), the write runs in
 * a transaction that the refusal rolls back. Nor may anyone else take a document out of such an
 * agency (its agency changed on any path: refused, nothing stored), or publish a draft while the
 * version the public sees belongs to one: an editor may work for several agencies (cms/src/scoping/),
 * some of which publish directly.
 */
export function registerReviewGuard(strapi: Core.Strapi): void {
  const check = async (uid: string, documentId: string, entry?: Entry) => {
    const { required, agency } = await reviewRequired(strapi, uid, documentId);
    if (required) throw refusal(entry?.title ?? entry?.orgName, agency?.name);
  };

  strapi.documents.use(async (context, next) => {
    if (!isReviewedType(context.uid)) return next();
    const uid = context.uid;
    const params = context.params as Params;
    const publishing =
      context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && params.status === 'published');
    // An editor may work for several agencies: without this they could move a document to an
    // agency that publishes directly and publish it there.
    const moving =
      context.action === 'update' &&
      typeof params.documentId === 'string' &&
      typeof params.data === 'object' &&
      params.data !== null &&
      'agency' in params.data;
    if ((!publishing && !moving) || (await actorMayPublishReviewed(strapi))) return next();

    if (publishing && context.action !== 'create' && params.documentId !== undefined) {
      const earlier = await publishedInReviewedAgency(strapi, uid, params.documentId);
      if (earlier) throw movedRefusal(earlier.entry.title ?? earlier.entry.orgName, earlier.agency.name);
    }
    if (context.action === 'publish' && typeof params.documentId === 'string') {
      const draft = (await strapi.documents(uid).findOne({ documentId: params.documentId, status: 'draft' } as never)) as Entry | null;
      await check(uid, params.documentId, draft ?? undefined);
      return next();
    }
    const before = moving ? await agencyOf(strapi, uid, params.documentId as string) : null;
    // The relation may be written in any of its forms (an id, connect/set/disconnect), so the move is
    // judged on what was stored, in a transaction the refusal rolls back.
    return strapi.db.transaction(async () => {
      const result = (await next()) as (Entry & { entries?: Entry[] }) | null;
      if (moving && before && moveNeedsReviewer(before, await agencyIdOf(strapi, uid, params.documentId as string)))
        throw moveRefusal(result?.title ?? result?.orgName, before.name);
      if (!publishing) return result as never;
      const entries = result?.entries ?? (result ? [result] : []);
      for (const entry of entries) if (entry.documentId) await check(uid, entry.documentId, entry);
      return result as never;
    });
  });
}
