import type { Core } from '@strapi/strapi';
import { PUBLIC_TYPES } from './public-types';

const PERMISSION = 'plugin::users-permissions.permission';

/**
 * The Public role: read-only (`find`, `findOne`) on the public types and nothing else of ours;
 * sign-up closed. Run at every start, so it is idempotent and repairs drift.
 */
export async function setupPublicRole(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('找不到 Public 角色：users-permissions 插件未初始化');

  const wanted = PUBLIC_TYPES.flatMap((uid) => ['find', 'findOne'].map((action) => `${uid}.${action}`));
  const existing: Array<{ id: number; action: string }> = await strapi.db
    .query(PERMISSION)
    .findMany({ where: { role: role.id }, select: ['id', 'action'] });
  const have = new Set(existing.map((p) => p.action));

  for (const action of wanted) {
    if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
  // Anything else on our types (create, update, delete…) and public registration go.
  const unwanted = existing.filter(
    (p) => (p.action.startsWith('api::') && !wanted.includes(p.action)) || p.action === 'plugin::users-permissions.auth.register',
  );
  if (unwanted.length > 0) {
    await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: unwanted.map((p) => p.id) } } });
  }

  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get({})) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) await store.set({ value: { ...advanced, allow_register: false } });
}
