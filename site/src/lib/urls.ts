import { documentPaths } from '@portal/shared';

/** The portal's addresses, in one place (a document's own page: shared/src/portal-urls.ts). */
export const urls = {
  home: () => '/',
  agencies: () => '/agencies/',
  agency: (slug: string) => `/agencies/${slug}/`,
  guide: documentPaths.guide,
  guideRevision: (slug: string, revision: string) => `/agencies/${slug}/guide/revisions/${revision}/`,
  reports: () => '/reports/',
  report: documentPaths.report,
  policies: () => '/policies/',
  policy: documentPaths.policy,
  /** Every policy by 文号, grouped by 代字. */
  docNumbers: () => '/policies/doc-numbers/',
  interpretation: documentPaths.interpretation,
  search: () => '/search/',
  policyFeed: () => '/feeds/policies.xml',
  agencyFeed: (slug: string) => `/feeds/agencies/${slug}.xml`,
  catalog: () => '/open-data/catalog.json',
};
