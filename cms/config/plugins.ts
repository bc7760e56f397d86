import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // 年度报告统计表的表格编辑器（自定义字段），本地插件，无需单独构建：见 src/plugins/report-grid/README.md。
  'report-grid': {
    enabled: true,
    resolve: './src/plugins/report-grid',
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      landingPage: false,
      // Strapi's default maxLimit is unbounded: a single anonymous query could read everything.
      defaultLimit: 100,
      maxLimit: 500,
      depthLimit: 8,
      apolloServer: { introspection: true },
    },
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
});
