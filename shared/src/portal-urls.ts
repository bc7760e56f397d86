/*
 * Where a published document lives on the portal: the portal's pages (site/src/lib/urls.ts) and the
 * admin's "已上线" link (cms/src/review/) read the same rule from here.
 */

export const documentPaths = {
  policy: (documentId: string) => `/policies/${documentId}/`,
  interpretation: (documentId: string) => `/interpretations/${documentId}/`,
  report: (agencySlug: string, year: number) => `/reports/${agencySlug}/${year}/`,
  guide: (agencySlug: string) => `/agencies/${agencySlug}/guide/`,
};

/** What the path of a document needs to know about it: its id, its agency's slug, a report's year. */
export type DocumentAddress = { documentId: string; agencySlug?: string | null; year?: number | null };

/** The portal path of a published document of a content type (Strapi uid), or null when it has none. */
export function documentPortalPath(uid: string, doc: DocumentAddress): string | null {
  switch (uid) {
    case 'api::policy-item.policy-item':
      return documentPaths.policy(doc.documentId);
    case 'api::policy-interpretation.policy-interpretation':
      return documentPaths.interpretation(doc.documentId);
    case 'api::annual-report.annual-report':
      return doc.agencySlug && doc.year ? documentPaths.report(doc.agencySlug, doc.year) : null;
    case 'api::disclosure-guide.disclosure-guide':
      return doc.agencySlug ? documentPaths.guide(doc.agencySlug) : null;
    default:
      return null;
  }
}
