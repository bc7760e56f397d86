import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import {
  agencyKinds,
  applicantKinds,
  clockStateLabels,
  deliveryMethods,
  disclosureMethods,
  idTypes,
  informationFormats,
  interpretationForms,
  policyDocumentClasses,
  requestChannels,
  requestOutcomes,
  validities,
} from '@portal/shared';
import strapiGaps from './translations/zh-Hans.json';
import { JsonFieldInput } from './inputs/ChoiceListInput';
import { DateInput } from './inputs/DateInput';
import { IntegerInput } from './inputs/IntegerInput';
import { labelledColumns } from './list-cells';
import { relabelHardCodedEnglish } from './relabel';
import { CheckCircle, Clock, File, Upload as ReportImportIcon } from '@strapi/icons';
import { ArchivePanel } from './archive/ArchivePanel';
import { StringFieldInput } from './inputs/PolicyMetadataInputs';
import { relaySaveNotices, SaveNotices } from './save-notices';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { ScopeNotice } from './scoping/ScopeNotice';
import { KeepTypedValuesPanel } from './keep-typed-values';
import { ReviewPanel } from './review/ReviewPanel';
import { withReview } from './review/PublishAction';

/** Strapi keeps the admin language here; it reads it when the panel first renders. */
const LANGUAGE_KEY = 'strapi-admin-language';

/**
 * The purple "Introducing the new Media Library" banner shows until it is dismissed; Strapi keeps the
 * dismissal in localStorage under this key, the legacy-library flag and the instance's uuid (which
 * is `undefined` while /admin/init loads and `false` when package.json sets none).
 */
const MEDIA_BANNER_KEY = (legacy: boolean, uuid: string) => `STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${uuid}`;

function dismissMediaLibraryBanner(): void {
  const dismiss = (uuid: string) => {
    for (const legacy of [false, true]) localStorage.setItem(MEDIA_BANNER_KEY(legacy, uuid), 'true');
  };
  dismiss('undefined');
  dismiss('false');
  // An instance with a uuid (set in package.json) gets its own key: read it before the first login.
  void fetch('/admin/init')
    .then((response) => (response.ok ? (response.json() as Promise<{ data?: { uuid?: unknown } }>) : undefined))
    .then((body) => {
      const uuid = body?.data?.uuid;
      if (typeof uuid === 'string' && uuid) dismiss(uuid);
    })
    .catch(() => undefined);
}

/**
 * The enumerations' Chinese names. Strapi 5.54's edit view (and the list filters) print an
 * enumeration option as the translation whose id is the stored value; list-cells.tsx does the same
 * for the list columns. None of these keys is one of Strapi's message ids (checked for 5.54: its
 * ids are dotted paths or other words); recheck when a vocabulary gains a key.
 */
/** The menu icon of 导入政策目录: a tray with an arrow going in (drawn here, as Strapi draws its icons: 32×32, currentColor). */
function ImportIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 32 32" fill="currentColor" aria-hidden="true">
      <path d="M28 18v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8a1 1 0 0 1 2 0v8h20v-8a1 1 0 0 1 2 0Zm-12.7.7a1 1 0 0 0 1.4 0l6-6a1 1 0 0 0-1.4-1.4L17 15.58V4a1 1 0 0 0-2 0v11.59l-4.3-4.3a1 1 0 0 0-1.4 1.42l6 6Z" />
    </svg>
  );
}

const enumerationLabels: Record<string, string> = {
  ...agencyKinds,
  ...validities,
  ...disclosureMethods,
  ...interpretationForms,
  ...policyDocumentClasses,
  // 依申请公开 (the disclosure-request type).
  ...applicantKinds,
  ...idTypes,
  ...informationFormats,
  ...deliveryMethods,
  ...requestChannels,
  ...requestOutcomes,
  ...clockStateLabels,
};

export default {
  config: {
    // 管理后台默认简体中文：编辑和信息公开工作人员使用的语言（英文仍可在个人设置中选择）。
    locales: ['zh-Hans'],
    translations: {
      'zh-Hans': {
        // What Strapi's own zh-Hans lacks (listed by cms/scripts/admin-translations.ts).
        ...(strapiGaps as Record<string, string>),
        ...enumerationLabels,
        'Auth.form.welcome.title': '政府信息公开平台 · 内容管理',
        'Auth.form.welcome.subtitle': '请登录您的账号',
        'app.components.LeftMenu.navbrand.title': '信息公开平台',
        'app.components.LeftMenu.navbrand.workplace': '内容管理',
        'review.menu.queue': '待审核',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    // Inputs made for our fields, for every field of these types (components' fields included).
    app.addFields([
      { type: 'date', Component: DateInput as ComponentType },
      { type: 'integer', Component: IntegerInput as ComponentType },
      { type: 'json', Component: JsonFieldInput as ComponentType },
      // 主题分类 picker, 体裁/信息类别 choices, 文号 and 索引号 (other string fields keep Strapi's input).
      { type: 'string', Component: StringFieldInput as ComponentType },
    ]);
    // 导入政策目录 (catalogue import): for who may create policy items; the page loads when opened.
    app.addMenuLink({
      to: 'catalog-import',
      icon: ImportIcon,
      intlLabel: { id: 'catalog-import.menu', defaultMessage: '导入政策目录' },
      permissions: [{ action: 'plugin::content-manager.explorer.create', subject: 'api::policy-item.policy-item' }],
      Component: () => import('./pages/CatalogImport').then((mod) => ({ default: mod.CatalogImport })),
    });
    // 导入年度报告 (cms/src/import/report-routes.ts): for those who may create annual reports.
    app.addMenuLink({
      to: 'report-import',
      icon: ReportImportIcon,
      intlLabel: { id: 'report-import.menu', defaultMessage: '导入年度报告' },
      permissions: [{ action: 'plugin::content-manager.explorer.create', subject: 'api::annual-report.annual-report' }],
      Component: () => import('./pages/ReportImport'),
    });
    // 保密审查: the reviewer's queue (the routes refuse anyone who is not a 审核人).
    app.addMenuLink({
      to: 'review-queue',
      icon: CheckCircle,
      intlLabel: { id: 'review.menu.queue', defaultMessage: '待审核' },
      permissions: [],
      Component: () => import('./pages/ReviewQueue'),
    });
    // 依申请公开: every open request by days left, for the staff who may read requests.
    app.addMenuLink({
      to: 'request-queue',
      icon: Clock,
      intlLabel: { id: 'request-queue.menu', defaultMessage: '申请办理期限' },
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::disclosure-request.disclosure-request' }],
      Component: () => import('./pages/RequestQueue'),
    });
    // 生成年报草稿: for those who may create annual reports.
    app.addMenuLink({
      to: 'report-draft',
      icon: File,
      intlLabel: { id: 'report-draft.menu', defaultMessage: '生成年报草稿' },
      permissions: [{ action: 'plugin::content-manager.explorer.create', subject: 'api::annual-report.annual-report' }],
      Component: () => import('./pages/ReportDraft'),
    });
    if (typeof localStorage === 'undefined') return;
    // The panel falls back to English when nothing is stored; default to Simplified Chinese.
    if (!localStorage.getItem(LANGUAGE_KEY)) localStorage.setItem(LANGUAGE_KEY, 'zh-Hans');
    dismissMediaLibraryBanner();
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', labelledColumns);
    // What a save normalised (文号 〔〕, an automatic 索引号) shown as a notification.
    relaySaveNotices();
    (
      app.getPlugin('content-manager') as unknown as {
        injectComponent: (view: string, zone: string, c: { name: string; Component: ComponentType }) => void;
      }
    ).injectComponent('editView', 'right-links', { name: 'portal-save-notices', Component: SaveNotices });
    relabelHardCodedEnglish();
    // 原样归档: the kept findings beside an archived report's form.
    (
      app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel: (panels: unknown[]) => void } }
    ).apis.addEditViewSidePanel([ArchivePanel]);
    // 保密审查 and "已上线": the edit view's panel (cms/src/admin/review/ReviewPanel.tsx).
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerPlugin['config']['apis'] };
    contentManager.apis.addEditViewSidePanel([ReviewPanel as never]);
    contentManager.apis.addDocumentAction((actions) => actions.map((action) => (action.type === 'publish' ? withReview(action) : action)));
    // 机构范围: why a user assigned to no agency sees empty lists (cms/src/admin/scoping/ScopeNotice.tsx).
    (
      app.getPlugin('content-manager') as unknown as {
        injectComponent: (view: string, zone: string, c: { name: string; Component: ComponentType }) => void;
      }
    ).injectComponent('listView', 'actions', { name: 'agency-scope-notice', Component: ScopeNotice });
    // A refused save keeps every typed field, not only the report tables (cms/src/admin/keep-typed-values.tsx).
    contentManager.apis.addEditViewSidePanel([KeepTypedValuesPanel as never]);
  },
};
