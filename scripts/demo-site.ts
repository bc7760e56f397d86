// The demo's site configuration (site/site.config.ts): the demo content is Linzi District's, so
// `npm start` and the test suites that build the demo portal name it; nothing else does.
export const demoSiteEnv = {
  SITE_NAME: '临淄区政府信息公开平台',
  SITE_REGION: '临淄区',
  SITE_OWNER: '临淄区人民政府办公室（区政务公开办）',
  SITE_DEMO_NOTICE: '本站为演示站点，除敬仲镇 2020 年度报告外，内容均为演示数据。',
} as const satisfies Record<string, string>;
