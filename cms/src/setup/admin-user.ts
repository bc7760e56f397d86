import type { Core } from '@strapi/strapi';

/**
 * Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD when there is none yet (local
 * demo only; the README gives the defaults). Production deployments register their first admin in
 * the panel and leave these unset.
 */
export async function ensureAdminUser(strapi: Core.Strapi): Promise<void> {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;
  const users = strapi.service('admin::user');
  if (await users.exists()) return;
  await users.createFirstAdmin({ email, password, firstname: '演示', lastname: '管理员', preferedLanguage: 'zh-Hans' });
  strapi.log.info(`已创建管理员账号 ${email}`);
}
