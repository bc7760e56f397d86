import type { StrapiApp } from '@strapi/strapi/admin';

/** Strapi keeps the admin language here; it reads it when the panel first renders. */
const LANGUAGE_KEY = 'strapi-admin-language';

export default {
  config: {
    // 管理后台默认简体中文：编辑和信息公开工作人员使用的语言（英文仍可在个人设置中选择）。
    locales: ['zh-Hans'],
    translations: {
      'zh-Hans': {
        'Auth.form.welcome.title': '政府信息公开平台 · 内容管理',
        'Auth.form.welcome.subtitle': '请登录您的账号',
        'app.components.LeftMenu.navbrand.title': '信息公开平台',
        'app.components.LeftMenu.navbrand.workplace': '内容管理',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  register() {
    // The panel falls back to English when nothing is stored; default to Simplified Chinese.
    if (typeof localStorage !== 'undefined' && !localStorage.getItem(LANGUAGE_KEY)) localStorage.setItem(LANGUAGE_KEY, 'zh-Hans');
  },
  bootstrap(_app: StrapiApp) {},
};
