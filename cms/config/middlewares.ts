import type { Core } from '@strapi/strapi';

/**
 * Origins allowed to call the CMS from a browser with credentials: the CMS's own public address
 * (PUBLIC_URL, where the admin is served) and any listed in CORS_ORIGINS (comma-separated). Every
 * other Origin gets no CORS headers at all, so a foreign page cannot read answers with the
 * visitor's cookies or tokens.
 */
function corsOrigins(env: Core.Config.Shared.ConfigParams['env']): string[] {
  const port = env.int('PORT', 1337);
  const listed = env.array('CORS_ORIGINS', []).map(String);
  const own = env('PUBLIC_URL', '');
  const defaults = own ? [own] : [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  return [
    ...new Set(
      [...defaults, ...listed]
        .map((value) => value.trim())
        .filter(Boolean)
        .map((value) => {
          try {
            return new URL(value).origin;
          } catch {
            throw new Error(`CORS_ORIGINS / PUBLIC_URL 中的地址“${value}”无效：应为完整的网址，如 https://cms.example.gov.cn`);
          }
        }),
    ),
  ];
}

/**
 * With the media library on S3 (UPLOAD_PROVIDER=aws-s3), the admin shows images and media from the
 * bucket's address (S3_PUBLIC_URL, else S3_ENDPOINT): Strapi's CSP (img-src, media-src) must allow
 * that origin, and only it. The local provider keeps Strapi's defaults.
 */
function uploadOrigin(env: Core.Config.Shared.ConfigParams['env']): string | null {
  if (env('UPLOAD_PROVIDER', 'local') !== 'aws-s3') return null;
  const value = env('S3_PUBLIC_URL', '') || env('S3_ENDPOINT', '');
  try {
    return new URL(value).origin;
  } catch {
    throw new Error(
      `S3_PUBLIC_URL / S3_ENDPOINT 的地址“${value}”无效：使用 UPLOAD_PROVIDER=aws-s3 时应为完整的网址，如 https://oss.example.gov.cn/portal-uploads`,
    );
  }
}

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const bucket = uploadOrigin(env);
  const uploadLimit = env.int('UPLOAD_SIZE_LIMIT_MB', 50) * 1024 * 1024;
  return [
    'strapi::logger',
    'strapi::errors',
    bucket
      ? {
          name: 'strapi::security',
          config: {
            contentSecurityPolicy: {
              useDefaults: true,
              directives: {
                'connect-src': ["'self'", 'https:'],
                'img-src': ["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', bucket],
                'media-src': ["'self'", 'data:', 'blob:', bucket],
                upgradeInsecureRequests: null,
              },
            },
          },
        }
      : 'strapi::security',
    { name: 'strapi::cors', config: { origin: corsOrigins(env), credentials: true } },
    'strapi::poweredBy',
    // Uploads served inert, anonymous GraphQL rate limit, admin login throttled per IP.
    { resolve: './src/security/http' },
    'strapi::query',
    { name: 'strapi::body', config: { formidable: { maxFileSize: uploadLimit } } },
    // Admin passwords of at least 12 characters, checked before the admin's controllers.
    { resolve: './src/security/passwords' },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
