/** The content types the public reads (through the portal, GraphQL and REST): published only. */
export const PUBLIC_TYPES = [
  'api::agency.agency',
  'api::annual-report.annual-report',
  'api::disclosure-guide.disclosure-guide',
  'api::policy-item.policy-item',
  'api::policy-interpretation.policy-interpretation',
  'api::guide-revision.guide-revision',
] as const;

export type PublicType = (typeof PUBLIC_TYPES)[number];

/** A public type's model name, as Strapi's webhooks name it (`api::policy-item.policy-item` → `policy-item`). */
export const PUBLIC_MODELS: ReadonlySet<string> = new Set(PUBLIC_TYPES.map((uid) => uid.slice(uid.lastIndexOf('.') + 1)));
