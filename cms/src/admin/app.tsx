import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // 管理后台默认简体中文：编辑和信息公开工作人员使用的语言。
    locales: ['zh-Hans'],
    translations: {
      'zh-Hans': {
        'Auth.form.welcome.title': '政府信息公开平台 · 内容管理',
        'Auth.form.welcome.subtitle': '请登录您的账号',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
