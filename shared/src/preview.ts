/*
 * Draft preview links: the CMS signs each one per request with a secret it shares with the
 * portal's server, for one document and a short time; the portal's preview route answers 404 to
 * anything else. HMAC-SHA-256 through Web Crypto, so CMS, portal and tests share this one copy.
 */

/** Portal path segments of the types that can be previewed, by Strapi content type. */
export const previewTypes = {
  'api::policy-item.policy-item': 'policies',
  'api::policy-interpretation.policy-interpretation': 'interpretations',
  'api::annual-report.annual-report': 'reports',
} as const;
export type PreviewType = (typeof previewTypes)[keyof typeof previewTypes];

/** How long a signed preview link stays valid. */
export const PREVIEW_TTL_MS = 10 * 60 * 1000;

export type PreviewClaim = { type: string; documentId: string; expires: number };

const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return [...signature].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const message = (claim: PreviewClaim) => `${claim.type}\n${claim.documentId}\n${claim.expires}`;

export function previewSignature(secret: string, claim: PreviewClaim): Promise<string> {
  return hmac(secret, message(claim));
}

/** The path and query of a signed preview link (append to the portal's address). */
export async function signedPreviewPath(secret: string, claim: PreviewClaim): Promise<string> {
  const signature = await previewSignature(secret, claim);
  return `/preview/${claim.type}/${encodeURIComponent(claim.documentId)}/?expires=${claim.expires}&signature=${signature}`;
}

/** Whether a preview request carries a valid, unexpired signature for exactly this document. */
export async function verifyPreview(
  secret: string | undefined,
  claim: PreviewClaim,
  signature: string | null,
  now = Date.now(),
): Promise<boolean> {
  if (!secret || !signature || !Number.isFinite(claim.expires) || claim.expires < now || claim.expires > now + PREVIEW_TTL_MS * 2)
    return false;
  const expected = await previewSignature(secret, claim);
  if (expected.length !== signature.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return difference === 0;
}
