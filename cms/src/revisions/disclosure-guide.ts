import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { chinaDate, guideFieldLabels } from '@portal/shared';
import { canonical } from '../validation/publish-paths';

const GUIDE = 'api::disclosure-guide.disclosure-guide';
const REVISION = 'api::guide-revision.guide-revision';
/**
 * Fields a revision lists as changed: the guide's content. 指南更新日期 follows the publish that
 * changed the content (below), so it is no change of its own.
 */
const CONTENT_FIELDS = Object.keys(guideFieldLabels).filter((field) => field !== 'revisedAt');
/** Bookkeeping, not content: never counted as a change, never in a snapshot. */
const META = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'locale',
  'localizations',
  'createdBy',
  'updatedBy',
  'changeSummary',
]);

type Previous = { changeSummary?: string | null; content: Record<string, unknown> };
type Guide = Record<string, unknown> & {
  id?: number;
  documentId: string;
  changeSummary?: string | null;
  agency?: { slug?: string } | null;
  orgName?: string;
  revisedAt?: string;
};

/** The guide's content without ids of components and media (they change on every save). */
function content(guide: Guide): Record<string, unknown> {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([k]) => !META.has(k) && k !== '__component')
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return value;
  };
  return strip(guide) as Record<string, unknown>;
}

/**
 * Every publish of a disclosure guide records a revision: who, when, the change summary the
 * editor wrote (required once the guide has been published before), the fields that changed, and
 * the guide as published, so the portal can show earlier versions.
 */
export function registerGuideRevisions(strapi: Core.Strapi): void {
  const guides = () => strapi.documents(GUIDE);
  const load = (documentId: string, status: 'draft' | 'published') =>
    guides().findOne({ documentId, status, populate: '*' } as never) as Promise<Guide | null>;

  strapi.documents.use(async (context, next) => {
    if (context.uid === REVISION && ['create', 'update', 'delete', 'clone', 'publish', 'unpublish'].includes(context.action)) {
      throw new errors.ForbiddenError('指南修订记录由系统在发布时生成，不能手工新建、修改或删除');
    }
    if (context.uid !== GUIDE) return next();
    // Every path to a published guide reaches this `publish` (validation/publish-paths.ts).
    if (context.action !== 'publish' || typeof (context.params as { documentId?: unknown }).documentId !== 'string') return next();
    const { documentId } = context.params as { documentId: string };
    return strapi.db.transaction(async () => {
      const [draft, previous] = await Promise.all([load(documentId, 'draft'), lastPublished(documentId)]);
      if (!draft) return next();
      const summary = draft.changeSummary?.trim() ?? '';
      if (previous && (!summary || summary === (previous.changeSummary ?? '').trim())) {
        throw new errors.ValidationError('重新发布政府信息公开指南，须填写本次的“修订说明”，且不能与上次的相同', {
          errors: [
            {
              path: ['changeSummary'],
              message: '请简要说明本次修订了什么（将在门户的修订记录中公开）',
              name: 'ValidationError',
              value: null,
            },
          ],
        });
      }
      const revisedAt = revisedDate(draft, previous);
      if (revisedAt !== draft.revisedAt) await strapi.db.query(GUIDE).update({ where: { id: draft.id }, data: { revisedAt } });
      const result = await next();
      await record(documentId, previous, summary);
      // The next revision starts with an empty 修订说明; this one's text lives on in its revision.
      await strapi.db.query(GUIDE).updateMany({ where: { documentId }, data: { changeSummary: null } });
      return result;
    });
  });

  /**
   * 指南更新日期 (更新于 on the portal) as this publish sets it: a date the editor wrote is kept
   * when it is later than the last published one and not in the future; left as it was (or
   * empty), it becomes today's date whenever the content changed, so 更新于 never stays behind a
   * revision.
   */
  function revisedDate(draft: Guide, previous: Previous | null): string {
    const today = chinaDate(new Date());
    const given = typeof draft.revisedAt === 'string' && draft.revisedAt ? draft.revisedAt.slice(0, 10) : '';
    const before = typeof previous?.content.revisedAt === 'string' ? previous.content.revisedAt.slice(0, 10) : '';
    const refuse = (message: string): never => {
      throw new errors.ValidationError(`指南更新日期有误：${message}`, {
        errors: [{ path: ['revisedAt'], message, name: 'ValidationError', value: null }],
      });
    };
    if (given && given > today) refuse(`“${given}”晚于今天（${today}），指南更新日期应为本次修订发布的日期`);
    if (!previous) return given || today;
    const changed = CONTENT_FIELDS.some((field) => canonical(content(draft)[field]) !== canonical(previous.content[field]));
    if (!given || given === before) return changed ? today : before || today;
    if (before && given < before)
      refuse(`“${given}”早于上次发布的更新日期（${before}）；留作“${before}”则按本次发布日期（${today}）自动更新`);
    return given;
  }

  /**
   * The guide as last published: the published row, or (after an unpublish, when Strapi has
   * deleted it) the snapshot in its latest revision.
   */
  async function lastPublished(documentId: string): Promise<Previous | null> {
    const published = await load(documentId, 'published');
    const revision = (await strapi.db.query(REVISION).findOne({
      where: { guideDocumentId: documentId },
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    })) as { changeSummary?: string | null; snapshot?: Record<string, unknown> | null } | null;
    // The published row's 修订说明 is cleared after each publish: the last one is in its revision.
    if (published) return { changeSummary: revision?.changeSummary ?? published.changeSummary, content: content(published) };
    return revision ? { changeSummary: revision.changeSummary, content: revision.snapshot ?? {} } : null;
  }

  async function record(documentId: string, previous: Previous | null, summary: string): Promise<void> {
    const published = await load(documentId, 'published');
    if (!published) return;
    const now = content(published);
    const before = previous?.content ?? {};
    const changed = CONTENT_FIELDS.filter((field) => canonical(now[field]) !== canonical(before[field]));
    const ctx = strapi.requestContext.get();
    const user =
      ctx?.state?.auth?.strategy?.name === 'admin' ? (ctx.state.user as { firstname?: string; lastname?: string } | undefined) : undefined;
    await strapi.db.query(REVISION).create({
      data: {
        guideDocumentId: documentId,
        agencySlug: published.agency?.slug,
        orgName: published.orgName,
        revisedAt: published.revisedAt,
        recordedAt: new Date(),
        changeSummary: previous ? summary : summary || '首次发布',
        changedFields: changed,
        editorName: user ? [user.lastname, user.firstname].filter(Boolean).join('') : '系统',
        snapshot: now,
      },
    });
  }
}
