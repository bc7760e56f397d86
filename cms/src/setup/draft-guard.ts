import type { Core } from '@strapi/strapi';
import { PUBLIC_TYPES } from './public-types';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const PUBLIC_UIDS = new Set<string>(PUBLIC_TYPES);
/**
 * Auth strategies allowed to read drafts: admin sessions and admin tokens (the admin panel) and
 * content-API tokens (the portal's preview). Users-permissions (Public role or end users) never.
 */
const DRAFT_READERS = new Set(['admin', 'admin-token', 'content-api-token']);

/**
 * Strapi 5 lets an anonymous caller ask for drafts (GraphQL `status: DRAFT`, REST
 * `?status=draft`; strapi/strapi#25326). This Document Service middleware forces `published` for
 * every read made while serving a request that is not an admin session or an API token, whatever
 * path the request came by (REST, GraphQL, `_connection`, single queries). Reads outside a request
 * (bootstrap, scripts) are left alone. `publicationFilter` / `hasPublishedVersion` (REST
 * `?publicationFilter=modified`) are dropped for the same callers; GraphQL refuses them outright
 * (src/security/graphql.ts).
 */
export function registerDraftGuard(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (READ_ACTIONS.has(context.action) && PUBLIC_UIDS.has(context.uid)) {
      const ctx = strapi.requestContext.get();
      const strategy: unknown = ctx?.state?.auth?.strategy?.name;
      if (ctx && !(typeof strategy === 'string' && DRAFT_READERS.has(strategy))) {
        const params = context.params as { status?: string; publicationFilter?: unknown; hasPublishedVersion?: unknown };
        params.status = 'published';
        // Which documents have pending edits, or were never published, is not the public's to ask.
        delete params.publicationFilter;
        delete params.hasPublishedVersion;
      }
    }
    return next();
  });
}
