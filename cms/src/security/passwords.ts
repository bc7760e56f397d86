import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** The shortest admin password accepted (Strapi's own rule is 8 with upper, lower and a digit). */
export const MIN_ADMIN_PASSWORD = 12;

type Attributes = { password?: unknown } & Record<string, unknown>;
type UserService = Record<'create' | 'createFirstAdmin' | 'updateById', (...args: never[]) => Promise<unknown>>;

function check(attributes: Attributes | undefined): void {
  const password = attributes?.password;
  if (typeof password !== 'string') return;
  const length = [...password].length;
  if (length < MIN_ADMIN_PASSWORD) {
    const message = `密码太短：管理后台账号的密码至少 ${MIN_ADMIN_PASSWORD} 个字符，现在只有 ${length} 个。请换一个更长的密码（可用几个词组成的短语）。`;
    throw new errors.ValidationError(message, { errors: [{ path: ['password'], message, name: 'ValidationError' }] });
  }
}

/** Admin routes whose body may carry a new password (`password`, or `userInfo.password` on registration). */
const PASSWORD_ROUTES = [
  { method: 'POST', path: /^\/admin\/(register|register-admin|reset-password)$/ },
  { method: 'PUT', path: /^\/admin\/users\/[^/]+$/ },
];

type Context = { method: string; path: string; request: { body?: unknown } };

/**
 * The same check before the admin's controllers run (listed after strapi::body in
 * config/middlewares.ts): changing one's own password ends every session before the user service
 * is called, so a refusal there alone would log the user out for nothing.
 */
export default () => async (ctx: Context, next: () => Promise<unknown>) => {
  if (PASSWORD_ROUTES.some((route) => route.method === ctx.method && route.path.test(ctx.path))) {
    const body = ctx.request.body as (Attributes & { userInfo?: Attributes }) | undefined;
    check(body);
    check(body?.userInfo);
  }
  return next();
};

/**
 * Admin passwords of at least 12 characters on every path that sets one: the first admin, a new
 * user, registration from an invitation, reset, and change (profile or by an administrator). All of
 * these end in the admin user service's create / createFirstAdmin / updateById.
 */
export function registerPasswordPolicy(strapi: Core.Strapi): void {
  const users = strapi.service('admin::user') as unknown as UserService;
  const wrap = (name: keyof UserService, attributesAt: number) => {
    const original = users[name] as (...args: unknown[]) => Promise<unknown>;
    (users[name] as (...args: unknown[]) => Promise<unknown>) = async (...args: unknown[]) => {
      check(args[attributesAt] as Attributes | undefined);
      return original(...args);
    };
  };
  wrap('create', 0);
  wrap('createFirstAdmin', 0);
  wrap('updateById', 1);
}
