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
import { Clock, File } from '@strapi/icons';
import strapiGaps from './translations/zh-Hans.json';
import { JsonFieldInput } from './inputs/ChoiceListInput';
import { DateInput } from './inputs/DateInput';
import { IntegerInput } from './inputs/IntegerInput';
import { labelledColumns } from './list-cells';
import { relabelHardCodedEnglish } from './relabel';

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
    ]);
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
    relabelHardCodedEnglish();
  },
};
