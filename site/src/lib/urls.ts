/** The portal's addresses, in one place. */
export const urls = {
  home: () => '/',
  agencies: () => '/agencies/',
  agency: (slug: string) => `/agencies/${slug}/`,
  guide: (slug: string) => `/agencies/${slug}/guide/`,
  reports: () => '/reports/',
  report: (slug: string, year: number) => `/reports/${slug}/${year}/`,
  policies: () => '/policies/',
  policy: (documentId: string) => `/policies/${documentId}/`,
  interpretation: (documentId: string) => `/interpretations/${documentId}/`,
  search: () => '/search/',
};
