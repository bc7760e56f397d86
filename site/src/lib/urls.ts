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
  /** The library's combined view (on demand): any combination of facets and a keyword, in its query string. */
  libraryFilter: () => '/policies/filter/',
  interpretation: documentPaths.interpretation,
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
