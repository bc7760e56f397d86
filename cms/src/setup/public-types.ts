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
