import type { Loader } from 'astro/loaders';
import { fetchAll } from './client.ts';

/*
 * One Content Layer loader per public collection. Each reads the whole collection over GraphQL
 * and replaces the store's contents, so a document unpublished in the CMS leaves the portal at
 * the next build. Entries are keyed by the CMS documentId.
 */

const agencyRef = 'agency { documentId name shortName slug }';

export const selections = {
  agencies: `documentId name shortName slug kind creditCode indexPrefix description address phone website order
    parent { documentId name shortName slug } updatedAt`,
  policyItems: `documentId indexNumber title docNumber ${agencyRef} writtenDate publishDate topic catalogNode genre
    validity effectiveDate invalidDate disclosureMethod summary keywords body
    attachments { name url ext size mime }
    interpretations { documentId title form publishDate } replacedBy { documentId title docNumber publishDate } updatedAt`,
  policyInterpretations: `documentId title form ${agencyRef} publishDate summary body
    policyItems { documentId title docNumber } updatedAt`,
  annualReports: `documentId ${agencyRef} year templateVersion title publishDate overview overviewProactive
    overviewOnRequest overviewManagement overviewPlatform overviewSupervision proactiveTable requestTable reviewTable
    problems otherMatters correctionNote updatedAt`,
  disclosureGuides: `documentId ${agencyRef} orgName revisedAt legalBasis classification { code name description }
    catalogueHowto proactiveScope proactiveChannels proactiveDeadline readingRooms { name address hours }
    office { name address postcode hours phone fax email url onlineFormUrl } applyChannels applyRequirements
    receiptRules correctionRule replyDeadline replyTypes deliveryForms fees accessibilityHelp
    remedies { complaintTo complaintPhone reviewBody litigationNote } flowchartText updatedAt`,
} as const;

export function cmsLoader(field: keyof typeof selections): Loader {
  return {
    name: `cms-${field}`,
    async load({ store, parseData, generateDigest, logger }) {
      const started = Date.now();
      const nodes = await fetchAll<Record<string, unknown> & { documentId: string }>(field, selections[field]);
      store.clear();
      for (const node of nodes) {
        const data = await parseData({ id: node.documentId, data: node });
        store.set({ id: node.documentId, data, digest: generateDigest(node) });
      }
      logger.info(`${field}: ${nodes.length} 条（${Date.now() - started} ms）`);
    },
  };
}
