/** The portal's addresses, in one place. */
export const urls = {
  home: () => '/',
  agencies: () => '/agencies/',
  agency: (slug: string) => `/agencies/${slug}/`,
  guide: (slug: string) => `/agencies/${slug}/guide/`,
  guideRevision: (slug: string, revision: string) => `/agencies/${slug}/guide/revisions/${revision}/`,
  reports: () => '/reports/',
  report: (slug: string, year: number) => `/reports/${slug}/${year}/`,
  policies: () => '/policies/',
  policy: (documentId: string) => `/policies/${documentId}/`,
  /** Every policy by 文号, grouped by 代字. */
  docNumbers: () => '/policies/doc-numbers/',
  interpretation: (documentId: string) => `/interpretations/${documentId}/`,
  search: () => '/search/',
  policyFeed: () => '/feeds/policies.xml',
  agencyFeed: (slug: string) => `/feeds/agencies/${slug}.xml`,
  catalog: () => '/open-data/catalog.json',
};
