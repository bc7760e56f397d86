import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS') },
  // Behind nginx: the caller's address (for the per-IP limits in src/security/http.ts) is the last
  // X-Forwarded-For entry, the one our own proxy wrote; anything a client sends before it is ignored.
  proxy: { koa: env.bool('TRUST_PROXY', false), maxIpsCount: 1 },
  // The portal's address, for links from the admin (preview) and for webhooks.
  url: env('PUBLIC_URL', ''),
  logger: { updates: { enabled: false }, startup: { enabled: env.bool('STRAPI_STARTUP_LOG', true) } },
});
