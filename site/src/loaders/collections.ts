import type { Loader } from 'astro/loaders';
import { syncCollection, type Relations } from './sync.ts';

/*
 * One Content Layer loader per public collection, keyed by the CMS documentId. Each syncs its
 * collection incrementally (loaders/sync.ts): the first build reads everything, later builds only
 * what was published, changed or withdrawn since, so a document unpublished in the CMS leaves the
 * portal at the next build.
 */

const agencyRef = 'agency { documentId publishedAt name shortName slug }';

export const selections = {
  agencies: `documentId name shortName slug kind creditCode indexPrefix description address phone website order
    email officeHours functions leaders
    parent { documentId publishedAt name shortName slug } publishedAt`,
  policyItems: `documentId indexNumber title docNumber ${agencyRef} writtenDate publishDate topic catalogNode genre
    validity effectiveDate invalidDate disclosureMethod summary keywords body
    attachments { name url ext size mime }
    interpretations { documentId publishedAt title form publishDate } replacedBy { documentId publishedAt title docNumber publishDate } publishedAt`,
  policyInterpretations: `documentId title form ${agencyRef} publishDate summary body
    policyItems { documentId publishedAt title docNumber } publishedAt`,
  annualReports: `documentId ${agencyRef} year templateVersion title publishDate overview overviewProactive
    overviewOnRequest overviewManagement overviewPlatform overviewSupervision proactiveTable requestTable reviewTable moneyUnits
    problems otherMatters correctionNote archivedAsPublished archivedFindings publishedAt`,
  disclosureGuides: `documentId ${agencyRef} orgName revisedAt legalBasis classification { code name description }
    catalogueHowto proactiveScope proactiveChannels proactiveDeadline readingRooms { name address hours }
    office { name address postcode hours phone fax email url onlineFormUrl } applyChannels applyRequirements
    receiptRules correctionRule replyDeadline replyTypes deliveryForms fees accessibilityHelp
    remedies { complaintTo complaintPhone reviewBody litigationNote } flowchartText publishedAt`,
  guideRevisions: `documentId guideDocumentId agencySlug orgName revisedAt recordedAt changeSummary changedFields snapshot createdAt`,
} as const;

/** The documents each collection embeds, by field, and the collection they come from. */
const relations: Record<keyof typeof selections, Relations> = {
  agencies: { parent: 'agencies' },
  policyItems: { agency: 'agencies', interpretations: 'policyInterpretations', replacedBy: 'policyItems' },
  policyInterpretations: { agency: 'agencies', policyItems: 'policyItems' },
  annualReports: { agency: 'agencies' },
  disclosureGuides: { agency: 'agencies' },
  guideRevisions: {},
};

export function cmsLoader(field: keyof typeof selections): Loader {
  return {
    name: `cms-${field}`,
    async load(context) {
      const started = Date.now();
      // Guide revisions are written once and never published or changed: their creation is their version.
      const result = await syncCollection(context, field, selections[field], relations[field], field === 'guideRevisions' ? 'createdAt' : 'publishedAt');
      const how = result.mode === 'full' ? '全量' : `增量：更新 ${result.fetched}，移除 ${result.removed}`;
      context.logger.info(`${field}: ${result.total} 条（${how}，${Date.now() - started} ms）`);
    },
  };
}
