/*
 * The portal's preview token: the API token the preview route reads drafts with. A `custom` token
 * that may only find/findOne the previewable types and the public types they link to (never the
 * audit log, users or anything else), valid 7 days. `npm start` (scripts/demo.ts) deletes and
 * recreates it at every start, so each start rotates it; a CMS that runs longer than a week needs a
 * restart (or a new token made the same way) for preview to keep working.
 *
 * Plain data, no Strapi import: scripts/demo.ts imports it.
 */

export const PREVIEW_TOKEN_NAME = '门户预览';
export const PREVIEW_TOKEN_LIFESPAN_MS = 7 * 24 * 60 * 60 * 1000;

/** Drafts of these are previewed; the rest are read only as relations of a previewed document. */
export const PREVIEW_TOKEN_TYPES = [
  'api::policy-item.policy-item',
  'api::policy-interpretation.policy-interpretation',
  'api::annual-report.annual-report',
  'api::disclosure-guide.disclosure-guide',
  'api::agency.agency',
  'api::guide-revision.guide-revision',
] as const;

/** The body of `POST /admin/api-tokens` that creates the preview token. */
export function previewTokenRequest() {
  return {
    name: PREVIEW_TOKEN_NAME,
    description: '门户草稿预览（只读：政策文件、解读、年报、指南及其关联；7 天有效，每次启动更换）',
    type: 'custom' as const,
    lifespan: PREVIEW_TOKEN_LIFESPAN_MS,
    permissions: PREVIEW_TOKEN_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
  };
}
