import type { Core } from '@strapi/strapi';
import { componentFieldLabels, fieldLabels, type FieldLabel } from '@portal/shared';

/*
 * The admin in the editors' language: every field of our content types gets its Chinese label
 * and, where it helps, a description (from shared/src/labels.ts), and the list views show the
 * columns an official scans for; the guide's components get theirs the same way. Applied at every
 * start over the content manager's layout.
 */

const LIST_COLUMNS: Record<string, { mainField: string; columns: string[]; sort: string }> = {
  'policy-item': { mainField: 'title', columns: ['title', 'docNumber', 'agency', 'publishDate', 'validity'], sort: 'publishDate' },
  'policy-interpretation': { mainField: 'title', columns: ['title', 'form', 'agency', 'publishDate'], sort: 'publishDate' },
  'annual-report': { mainField: 'title', columns: ['title', 'agency', 'year', 'templateVersion'], sort: 'year' },
  'disclosure-guide': { mainField: 'orgName', columns: ['orgName', 'agency', 'revisedAt'], sort: 'revisedAt' },
  agency: { mainField: 'name', columns: ['name', 'kind', 'parent', 'order'], sort: 'order' },
  'guide-revision': { mainField: 'orgName', columns: ['orgName', 'recordedAt', 'changeSummary', 'editorName'], sort: 'recordedAt' },
  'disclosure-request': {
    mainField: 'receiptNumber',
    columns: ['receiptNumber', 'agency', 'applicantKind', 'channel', 'receivedAt', 'clockState', 'dueDate'],
    sort: 'receivedAt',
  },
  'holiday-calendar': { mainField: 'year', columns: ['year', 'source'], sort: 'year' },
  'audit-entry': { mainField: 'title', columns: ['createdAt', 'actionLabel', 'contentTypeLabel', 'title', 'userName'], sort: 'createdAt' },
};

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
type Configuration = { settings: Record<string, unknown>; metadatas: Record<string, Metadata>; layouts: { list: string[]; edit: unknown } };
type ConfigurationService = {
  findConfiguration: (contentType: { uid: string }) => Promise<Configuration>;
  updateConfiguration: (contentType: { uid: string }, configuration: Omit<Configuration, 'uid'>) => Promise<unknown>;
};

function applyLabels(metadatas: Record<string, Metadata>, labels: Readonly<Record<string, FieldLabel>>): void {
  for (const [field, { label, description }] of Object.entries(labels)) {
    const meta = metadatas[field];
    if (!meta) continue;
    if (meta.edit) Object.assign(meta.edit, { label, ...(description ? { description } : {}) });
    if (meta.list) meta.list.label = label;
  }
}

export async function setupAdminLabels(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager').service('content-types') as ConfigurationService;
  const components = strapi.plugin('content-manager').service('components') as ConfigurationService;
  for (const [uid, labels] of Object.entries(componentFieldLabels)) {
    if (!strapi.components[uid as keyof typeof strapi.components]) continue;
    const { settings, metadatas, layouts } = await components.findConfiguration({ uid });
    applyLabels(metadatas, labels);
    await components.updateConfiguration({ uid }, { settings, metadatas, layouts });
  }
  for (const [name, labels] of Object.entries(fieldLabels)) {
    const uid = `api::${name}.${name}`;
    if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) continue;
    const { settings, metadatas, layouts } = await service.findConfiguration({ uid });
    applyLabels(metadatas, labels);
    const list = LIST_COLUMNS[name];
    await service.updateConfiguration(
      { uid },
      {
        settings: list ? { ...settings, mainField: list.mainField, defaultSortBy: list.sort, defaultSortOrder: 'DESC' } : settings,
        metadatas,
        layouts: list ? { ...layouts, list: list.columns.filter((c) => metadatas[c]) } : layouts,
      },
    );
  }
}
