import type { Core } from '@strapi/strapi';
import { ARCHIVE_ACTION } from '../validation/archive';
import { AGENCY_SCOPE_CONDITION, SCOPED_TYPES } from '../scoping/agency-scope';

/*
 * The editorial roles, created (and repaired) at every start with Strapi's RBAC. Each role may read,
 * create, edit and publish its own content types, read the agencies it links to and use the media
 * library; nothing else (no delete, no settings, no users). Administrators keep Super Admin.
 * 信息公开编辑, 指南维护 and 审核人 hold theirs on the four document types under the condition
 * "仅本机构的内容": only the documents of the agencies they are assigned to (cms/src/scoping/).
 */

const CONTENT_ACTIONS = ['read', 'create', 'update', 'publish'].map((a) => `plugin::content-manager.explorer.${a}`);
const READ = 'plugin::content-manager.explorer.read';
const MEDIA = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

export type EditorialRole = {
  code: string;
  name: string;
  description: string;
  edits: string[];
  reads: string[];
  also?: string[];
  /** Only the documents of the agencies the user is assigned to (cms/src/scoping/), on the four document types. */
  scoped?: boolean;
};

export const EDITORIAL_ROLES: EditorialRole[] = [
  {
    code: 'disclosure-editor',
    name: '信息公开编辑',
    description: '新建、编辑、发布政策文件、政策解读和政府信息公开工作年度报告',
    edits: ['api::policy-item.policy-item', 'api::policy-interpretation.policy-interpretation', 'api::annual-report.annual-report'],
    reads: ['api::agency.agency'],
    scoped: true,
  },
  {
    code: 'guide-maintainer',
    name: '指南维护',
    description: '编辑、发布政府信息公开指南',
    edits: ['api::disclosure-guide.disclosure-guide'],
    reads: ['api::agency.agency', 'api::guide-revision.guide-revision'],
    scoped: true,
  },
  {
    // The one role (besides Super Admin) that may archive an inconsistent report as published.
    code: 'report-archivist',
    name: '档案管理',
    description: '新建、编辑、发布年度报告，并可将原报告数据不一致的历史年度报告按原发布内容存档（原样归档）',
    edits: ['api::annual-report.annual-report'],
    reads: ['api::agency.agency'],
    also: [ARCHIVE_ACTION],
  },
  {
    // 保密审查 (cms/src/review/): publishes what editors of agencies that require review submit.
    code: 'disclosure-reviewer',
    name: '审核人',
    description: '审核信息公开编辑提交的文件（保密审查），通过后发布或退回修改',
    edits: [
      'api::policy-item.policy-item',
      'api::policy-interpretation.policy-interpretation',
      'api::annual-report.annual-report',
      'api::disclosure-guide.disclosure-guide',
    ],
    reads: ['api::agency.agency', 'api::guide-revision.guide-revision'],
    scoped: true,
  },
  {
    code: 'request-handler',
    name: '依申请公开办理',
    description: '登记、办理政府信息公开申请（含申请人个人信息），维护计算答复期限的节假日安排',
    edits: ['api::disclosure-request.disclosure-request', 'api::holiday-calendar.holiday-calendar'],
    reads: ['api::agency.agency'],
  },
];

/** Who works for an agency (its 负责人员, admin users) is for Super Admin to read and set, not the roles. */
const withoutAssignments = (permission: Record<string, unknown>) => {
  const properties = permission.properties as { fields?: string[] } | undefined;
  if (permission.subject !== 'api::agency.agency' || !properties?.fields) return permission;
  return { ...permission, properties: { ...properties, fields: properties.fields.filter((f) => f !== 'editors') } };
};

type ActionProvider = { get: (id: string) => { actionId: string; options?: unknown } | undefined };

export async function setupEditorialRoles(strapi: Core.Strapi): Promise<void> {
  const roleService = strapi.service('admin::role');
  const { actionProvider } = strapi.service('admin::permission') as { actionProvider: ActionProvider };
  const contentTypes = strapi.service('admin::content-type') as {
    getPermissionsWithNestedFields: (actions: Array<Record<string, unknown>>) => Array<Record<string, unknown>>;
  };
  const withSubjects = (actionId: string, subjects: string[]) => ({ ...actionProvider.get(actionId)!, subjects });

  for (const definition of EDITORIAL_ROLES) {
    let role = await roleService.findOne({ code: definition.code });
    if (!role) role = await roleService.create({ name: definition.name, code: definition.code, description: definition.description });
    // Publish only where there is something to publish: requests and the calendar have no drafts.
    const publishable = definition.edits.filter(
      (uid) => (strapi.contentType(uid as never) as { options?: { draftAndPublish?: boolean } }).options?.draftAndPublish,
    );
    const scope = (permission: Record<string, unknown>) =>
      definition.scoped && SCOPED_TYPES.has(String(permission.subject))
        ? { ...permission, conditions: [AGENCY_SCOPE_CONDITION] }
        : permission;
    const permissions = [
      ...contentTypes
        .getPermissionsWithNestedFields(
          CONTENT_ACTIONS.map((a) => withSubjects(a, a.endsWith('.publish') ? publishable : definition.edits)),
        )
        .map(scope),
      ...contentTypes.getPermissionsWithNestedFields([withSubjects(READ, definition.reads)]).map(withoutAssignments),
      ...MEDIA.map((action) => ({ action })),
      ...(definition.also ?? []).map((action) => ({ action })),
    ];
    // assignPermissions syncs: adds what is missing, removes what an admin added by hand.
    await roleService.assignPermissions(role.id, permissions);
  }
}
