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
    config: {
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT_MB', 50) * 1024 * 1024,
      security: { deniedTypes: [] },
      // UPLOAD_PROVIDER=aws-s3: the media library on an S3-compatible store shared by every CMS
      // instance (docs/deploy.md, 多实例部署); the local public/uploads folder otherwise.
      ...(env('UPLOAD_PROVIDER', 'local') === 'aws-s3'
        ? {
            provider: 'aws-s3',
            providerOptions: {
              // Where readers fetch the files (the bucket's public address or a CDN in front of it).
              baseUrl: env('S3_PUBLIC_URL', ''),
              rootPath: env('S3_ROOT_PATH', ''),
              s3Options: {
                endpoint: env('S3_ENDPOINT', ''),
                region: env('S3_REGION', 'us-east-1'),
                forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', true),
                credentials: { accessKeyId: env('S3_ACCESS_KEY_ID', ''), secretAccessKey: env('S3_SECRET_ACCESS_KEY', '') },
                // The AWS SDK's default trailing checksums are not understood by every S3-compatible store.
                requestChecksumCalculation: env('S3_CHECKSUMS', 'WHEN_REQUIRED'),
                responseChecksumValidation: env('S3_CHECKSUMS', 'WHEN_REQUIRED'),
                params: { Bucket: env('S3_BUCKET', ''), ACL: env('S3_ACL', 'public-read') },
              },
            },
            actionOptions: { upload: {}, uploadStream: {}, delete: {} },
          }
        : {}),
    },
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
});
