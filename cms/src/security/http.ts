import type { Core } from '@strapi/strapi';
import { INLINE_TYPES } from './upload-check';

/*
 * The CMS's own HTTP guards, one Koa middleware listed in config/middlewares.ts:
 * - /uploads/*: served inert (nosniff, a sandboxing CSP, a download for anything not an image or PDF);
 * - /graphql: a per-IP rate limit for anonymous callers;
 * - /admin/login: failures throttled per IP (Strapi itself throttles per account and IP).
 * The counters live in this process's memory: each instance counts on its own.
 */

type Context = {
  path: string;
  method: string;
  ip: string;
  status: number;
  body: unknown;
  response: { get: (name: string) => string };
  get: (name: string) => string;
  set: (name: string, value: string) => void;
};
type Next = () => Promise<unknown>;

/** A fixed-window counter per key, pruned when it grows, so a flood of addresses cannot grow it unbounded. */
export class WindowCounter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  count(key: string, now = Date.now()): number {
    const entry = this.current(key, now);
    entry.count += 1;
    return entry.count;
  }

  peek(key: string, now = Date.now()): { count: number; resetAt: number } {
    return this.current(key, now);
  }

  private current(key: string, now: number): { count: number; resetAt: number } {
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size >= 10_000) for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
      entry = { count: 0, resetAt: now + this.windowMs };
      this.hits.set(key, entry);
    }
    return entry;
  }
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const REFUSAL_PREFIX = 'Syntax Error: 查询被拒绝';
const minutesLeft = (resetAt: number) => Math.max(1, Math.ceil((resetAt - Date.now()) / 60_000));

function uploadHeaders(ctx: Context): void {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
  ctx.set('Cross-Origin-Resource-Policy', 'same-site');
  const type = (ctx.response.get('Content-Type') || '').split(';')[0]!.trim().toLowerCase();
  if (!INLINE_TYPES.has(type)) ctx.set('Content-Disposition', 'attachment');
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const graphqlEndpoint = String(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  const graphqlLimit = new WindowCounter(
    positive(process.env.GRAPHQL_RATE_LIMIT, 600),
    positive(process.env.GRAPHQL_RATE_WINDOW_SECONDS, 60) * 1000,
  );
  const loginFailures = new WindowCounter(
    positive(process.env.ADMIN_LOGIN_MAX_FAILURES, 10),
    positive(process.env.ADMIN_LOGIN_WINDOW_MINUTES, 15) * 60_000,
  );

  return async (ctx: Context, next: Next) => {
    if (ctx.path.startsWith('/uploads/')) {
      try {
        await next();
      } finally {
        uploadHeaders(ctx);
      }
      return;
    }

    if (ctx.path === graphqlEndpoint) {
      if (!ctx.get('authorization')) {
        const count = graphqlLimit.count(ctx.ip);
        if (count > graphqlLimit.limit) {
          const { resetAt } = graphqlLimit.peek(ctx.ip);
          const seconds = Math.ceil((resetAt - Date.now()) / 1000);
          ctx.set('Retry-After', String(seconds));
          ctx.status = 429;
          ctx.body = {
            errors: [
              {
                message: `请求过于频繁：匿名访问 GraphQL 每个地址每 ${graphqlLimit.windowMs / 1000} 秒最多 ${graphqlLimit.limit} 次，请 ${seconds} 秒后再试。`,
                extensions: { code: 'RATE_LIMITED' },
              },
            ],
          };
          return;
        }
      }
      await next();
      // The token limit is checked while parsing, so graphql-js puts "Syntax Error: " before our Chinese message.
      if (typeof ctx.body === 'string' && ctx.body.includes(REFUSAL_PREFIX)) ctx.body = ctx.body.split(REFUSAL_PREFIX).join('查询被拒绝');
      return;
    }

    if (ctx.path === '/admin/login' && ctx.method === 'POST') {
      const { count, resetAt } = loginFailures.peek(ctx.ip);
      if (count >= loginFailures.limit) {
        ctx.set('Retry-After', String(Math.ceil((resetAt - Date.now()) / 1000)));
        ctx.status = 429;
        ctx.body = {
          data: null,
          error: {
            status: 429,
            name: 'RateLimitError',
            message: `登录失败次数过多：此地址 ${loginFailures.windowMs / 60_000} 分钟内已失败 ${count} 次，请 ${minutesLeft(resetAt)} 分钟后再试，或联系管理员重置密码。`,
            details: {},
          },
        };
        return;
      }
      let failed = false;
      try {
        await next();
        failed = ctx.status === 400 || ctx.status === 401 || ctx.status === 429;
      } catch (error) {
        const status = (error as { status?: number })?.status;
        failed = status === undefined || status === 400 || status === 401 || status === 429;
        throw error;
      } finally {
        if (failed) loginFailures.count(ctx.ip);
      }
      return;
    }

    return next();
  };
};
