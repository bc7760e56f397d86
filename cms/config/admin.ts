import type { Core } from '@strapi/strapi';
import { PREVIEW_TTL_MS, previewTypes, signedPreviewPath } from '@portal/shared';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const portalUrl = env('PORTAL_URL', 'http://127.0.0.1:4321');
  const previewSecret = env('PREVIEW_SECRET', '');
  return {
    auth: { secret: env('ADMIN_JWT_SECRET') },
    apiToken: { salt: env('API_TOKEN_SALT') },
    transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
    secrets: { encryptionKey: env('ENCRYPTION_KEY') },
    flags: { nps: false, promoteEE: false },
    // 预览: the draft opens on the portal's preview route, signed for this document and 10 minutes.
    preview: {
      enabled: Boolean(previewSecret),
      config: {
        allowedOrigins: [portalUrl],
        async handler(uid: string, { documentId }: { documentId: string }) {
          const type = previewTypes[uid as keyof typeof previewTypes];
          if (!type || !documentId) return null;
          return `${portalUrl}${await signedPreviewPath(previewSecret, { type, documentId, expires: Date.now() + PREVIEW_TTL_MS })}`;
        },
      },
    },
  };
};
