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
  /** 政策解读, newest first, 20 a page. */
  interpretations: (page = 1) => (page > 1 ? `/interpretations/page/${page}/` : '/interpretations/'),
  /** 法定主动公开内容: an agency's catalogue by 信息类别, and one node's items (node numbered from 1 in vocabulary order). */
  catalogue: (slug: string) => `/agencies/${slug}/catalogue/`,
  catalogueNode: (slug: string, node: number) => `/agencies/${slug}/catalogue/${node}/`,
  /** 政府信息公开制度, district-wide. */
  disclosureRules: () => '/disclosure-rules/',
  search: () => '/search/',
  policyFeed: () => '/feeds/policies.xml',
  agencyFeed: (slug: string) => `/feeds/agencies/${slug}.xml`,
  catalog: () => '/open-data/catalog.json',
};
