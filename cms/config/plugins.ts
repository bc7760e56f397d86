import type { Core } from '@strapi/strapi';
import { apolloServerOptions } from '../src/security/graphql';

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
      // Alias, token, depth and cost limits; introspection only when GRAPHQL_INTROSPECTION=true (development).
      apolloServer: apolloServerOptions({ introspection: env.bool('GRAPHQL_INTROSPECTION', false) }),
    },
  },
  upload: {
    // What may be uploaded is decided by content in src/security/uploads.ts; this caps the size.
    // (`security.deniedTypes: []` only tells Strapi a policy exists: its own English-only check stays out of the way.)
    config: { sizeLimit: env.int('UPLOAD_SIZE_LIMIT_MB', 50) * 1024 * 1024, security: { deniedTypes: [] } },
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
});
