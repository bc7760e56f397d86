import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** The types whose publish carries rules (whole form and 更正说明; 修订说明 and the revision record; a policy item's metadata and fixed 索引号). */
export const RULED_TYPES = new Set<string>([
  'api::annual-report.annual-report',
  'api::disclosure-guide.disclosure-guide',
  'api::policy-item.policy-item',
]);

/** Private snapshots of what was published (see its schema); written below the Document Service only. */
export const PUBLICATION_RECORD = 'api::publication-record.publication-record';

/**
 * A value as text with object keys sorted: content read back from a JSON snapshot compares equal
 * to the same content read from its columns (PostgreSQL's jsonb does not keep key order).
 */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value ?? null)) ?? 'null';
}

type Params = Record<string, unknown> & { documentId?: unknown; status?: unknown; data?: unknown; locale?: unknown };
type Published = { documentId?: string; entries: unknown[] };

/**
 * Every publish of a ruled type goes through the Document Service's own `publish` action, so the
 * rules written for that action hold on every path:
 * - `create` / `update` with `status: 'published'` (REST `?status=published`, GraphQL
 *   `status: PUBLISHED`, code) publish inside Strapi's repository without passing the middlewares
 *   again; here they become a draft save and then a `publish`, in one transaction, so a refused
 *   publish leaves nothing stored.
 * - `publish` with an operator as documentId (`{ $in: [...] }`) publishes every matching draft at
 *   once, and the rules would read only the first; here each document is published on its own,
 *   in one transaction: one refused document refuses them all. `unpublish` likewise, so each
 *   withdrawn document is seen (and audited) on its own.
 * Registered before the rule middlewares, so they see only the single-document `publish`.
 */
export function registerPublishPaths(strapi: Core.Strapi): void {
  const one = (action: 'publish' | 'unpublish', uid: string, documentId: string, params: Params) => {
    const { data: _data, status: _status, filters: _filters, ...rest } = params;
    const service = strapi.documents(uid as 'api::annual-report.annual-report') as unknown as Record<
      typeof action,
      (p: unknown) => Promise<Published>
    >;
    return service[action]({ ...rest, documentId });
  };

  // The snapshots are bookkeeping of the rules: not part of the GraphQL schema for anyone.
  const graphql = strapi.plugin('graphql') as
    { service: (name: string) => { shadowCRUD: (uid: string) => { disable: () => void } } } | undefined;
  graphql?.service('extension').shadowCRUD(PUBLICATION_RECORD).disable();

  strapi.documents.use(async (context, next) => {
    if (!RULED_TYPES.has(context.uid)) return next();
    const params = context.params as Params;

    // Strapi would save (or copy) one of the matching documents while the rules read another.
    if ((context.action === 'update' || context.action === 'clone') && typeof params.documentId !== 'string') {
      throw new errors.ValidationError(
        `${context.action === 'update' ? '修改' : '复制'}文档须指明一个文档编号（documentId），不能用条件匹配多个文档`,
      );
    }

    if ((context.action === 'create' || context.action === 'update') && params.status === 'published') {
      return strapi.db.transaction(async () => {
        context.params = { ...params, status: 'draft' } as typeof context.params;
        const draft = (await next()) as { documentId?: string } | null;
        const documentId = typeof params.documentId === 'string' ? params.documentId : draft?.documentId;
        if (!draft || !documentId) return draft as never;
        const published = await one('publish', context.uid, documentId, params);
        return (published.entries[0] ?? null) as never;
      });
    }

    // No documentId at all publishes nothing in Strapi (its `filters` are ignored): left to it.
    const many = params.documentId !== null && typeof params.documentId === 'object';
    if ((context.action === 'publish' || context.action === 'unpublish') && many) {
      const action = context.action;
      return strapi.db.transaction(async () => {
        const where = { documentId: params.documentId, publishedAt: action === 'publish' ? null : { $notNull: true } };
        const versions = (await strapi.db
          .query(context.uid as 'api::annual-report.annual-report')
          .findMany({ where, select: ['documentId'] } as never)) as Array<{ documentId: string }>;
        const entries: unknown[] = [];
        for (const documentId of [...new Set(versions.map((d) => d.documentId))]) {
          entries.push(...(await one(action, context.uid, documentId, params)).entries);
        }
        return { documentId: undefined, entries } as never;
      });
    }

    return next();
  });
}
