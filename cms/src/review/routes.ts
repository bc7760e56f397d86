import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { liveStatus } from './live-status';
import type { AdminUser } from './rules';
import { approve, documentReview, publicView, queue, returnForChanges, submit } from './workflow';

type Context = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: { user?: AdminUser; userAbility?: { can: (action: string, subject: string) => boolean } };
  body: unknown;
};

const bodyOf = (ctx: Context): Record<string, unknown> => {
  const body = ctx.request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new errors.ValidationError('请求体须为 JSON 对象');
  return body as Record<string, unknown>;
};

const userOf = (ctx: Context): AdminUser => {
  if (!ctx.state.user) throw new errors.UnauthorizedError('请先登录管理后台');
  return ctx.state.user;
};

/**
 * The review's admin routes under /review (admin login required; what each may do is checked in
 * workflow.ts): the queue, a document's review state, submit, approve, return, and "已上线".
 */
export function registerReviewRoutes(strapi: Core.Strapi): void {
  const policies = ['admin::isAuthenticatedAdmin'];
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Context) => Promise<unknown>) => ({
    method,
    path,
    handler: async (ctx: Context) => {
      ctx.body = { data: await handler(ctx) };
    },
    config: { policies },
  });
  strapi.server.routes({
    type: 'admin',
    prefix: '/review',
    routes: [
      route('GET', '/queue', async (ctx) => (await queue(strapi, userOf(ctx))).map(publicView)),
      route('GET', '/documents/:uid/:documentId', (ctx) => documentReview(strapi, userOf(ctx), ctx.params.uid, ctx.params.documentId)),
      route('POST', '/requests', async (ctx) => publicView(await submit(strapi, userOf(ctx), ctx.state.userAbility, bodyOf(ctx)))),
      route('POST', '/requests/:id/approve', async (ctx) => publicView(await approve(strapi, userOf(ctx), ctx.params.id, bodyOf(ctx)))),
      route('POST', '/requests/:id/return', async (ctx) =>
        publicView(await returnForChanges(strapi, userOf(ctx), ctx.params.id, bodyOf(ctx))),
      ),
      route('GET', '/live/:uid/:documentId', async (ctx) => {
        const user = userOf(ctx);
        const uid = ctx.params.uid ?? '';
        const documentId = ctx.params.documentId ?? '';
        // What the reader may not read, it may not ask about either.
        if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.read', uid))
          throw new errors.PolicyError('您没有查看该类文档的权限');
        await documentReview(strapi, user, uid, documentId);
        return liveStatus(strapi, uid, documentId);
      }),
    ],
  } as never);
}
