import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/*
 * Who may archive a report as published (原样归档, shared/src/report/archive.ts): an admin user
 * whose role holds the 原样归档 permission (the 档案管理 role, and Super Admin, which holds every
 * permission), and code running in the CMS process outside any request (the importer's
 * `npm run import:reports -- --save --archive`, run by whoever runs the server). API tokens never
 * may: archiving is a person's decision, recorded in the 审计日志 with their name.
 */

/** The admin permission (Settings → 角色 → 插件 → report-grid → 原样归档). */
export const ARCHIVE_ACTION = 'plugin::report-grid.archive';

type Ability = { can: (action: string, subject?: unknown) => boolean };

export function registerArchivePermission(strapi: Core.Strapi): Promise<void> {
  const { actionProvider } = strapi.service('admin::permission') as unknown as {
    actionProvider: { has: (id: string) => boolean; registerMany: (actions: unknown[]) => Promise<void> };
  };
  if (actionProvider.has(ARCHIVE_ACTION)) return Promise.resolve();
  return actionProvider.registerMany([
    { section: 'plugins', displayName: '原样归档（按原发布内容存档不一致的年度报告）', uid: 'archive', pluginName: 'report-grid' },
  ]);
}

/** Whether the current caller may set or clear 原样归档. */
export function mayArchive(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get() as { state?: { auth?: { strategy?: { name?: string } }; userAbility?: Ability } } | undefined;
  if (!ctx) return true;
  if (ctx.state?.auth?.strategy?.name !== 'admin') return false;
  return ctx.state.userAbility?.can(ARCHIVE_ACTION) ?? false;
}

/** Refuses a change of the flag by a caller without the right; nothing is stored. */
export function assertMayArchive(strapi: Core.Strapi, wanted: boolean): void {
  if (mayArchive(strapi)) return;
  const message = wanted
    ? '只有具有“原样归档”权限的人员（档案管理角色或超级管理员）可以把年度报告按原发布内容存档；请联系档案管理人员，或改正不一致后保存'
    : '只有具有“原样归档”权限的人员（档案管理角色或超级管理员）可以取消年度报告的原样归档';
  throw new errors.ValidationError(message, {
    errors: [{ path: ['archivedAsPublished'], message, name: 'ValidationError', value: null }],
  });
}

type ConfigurationService = {
  findConfiguration: (contentType: {
    uid: string;
  }) => Promise<{ settings: unknown; metadatas: Record<string, { edit?: Record<string, unknown> }>; layouts: unknown }>;
  updateConfiguration: (contentType: { uid: string }, configuration: Record<string, unknown>) => Promise<unknown>;
};

/** The kept findings are the server's: shown in the edit view, never edited there. */
export async function setupArchiveLayout(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager').service('content-types') as ConfigurationService;
  const uid = 'api::annual-report.annual-report';
  const { settings, metadatas, layouts } = await service.findConfiguration({ uid });
  const edit = metadatas.archivedFindings?.edit;
  if (!edit || edit.editable === false) return;
  edit.editable = false;
  await service.updateConfiguration({ uid }, { settings, metadatas, layouts });
}
