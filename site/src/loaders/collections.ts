import type { Loader } from 'astro/loaders';
import {
  AgenciesDocument,
  AgencyStampsDocument,
  AnnualReportsDocument,
  AnnualReportStampsDocument,
  DisclosureGuidesDocument,
  DisclosureGuideStampsDocument,
  GuideRevisionsDocument,
  GuideRevisionStampsDocument,
  PolicyInterpretationsDocument,
  PolicyInterpretationStampsDocument,
  PolicyItemsDocument,
  PolicyItemStampsDocument,
} from '../graphql/generated/operations.ts';
import type { PageDocument } from './client.ts';
import { syncCollection, type Relations, type StampNode } from './sync.ts';

/*
 * One Content Layer loader per public collection, keyed by the CMS documentId. Each syncs its
 * collection incrementally (loaders/sync.ts): the first build reads everything, later builds only
 * what was published, changed or withdrawn since, so a document unpublished in the CMS leaves the
 * portal at the next build. The queries are the typed documents of src/graphql/ (`npm run codegen`).
 */

/** A public collection as the loaders read it: its full query, its id-and-stamp query, its relations. */
export type CmsCollection = {
  /** Every field a page needs, one page of nodes at a time. */
  list: PageDocument<{ documentId: string }, unknown>;
  /** Only `documentId` and `stamp` (the field that changes with what the public sees). */
  stamps: PageDocument<StampNode, unknown>;
  /** The documents each node embeds, by field, and the collection they come from. */
  relations: Relations;
  /** Which field `stamp` is: publishedAt, or createdAt for the append-only guide revisions. */
  stampField: 'publishedAt' | 'createdAt';
};

// Each entry keeps its document's own variable and result types until here: a query that loses
// `documentId` or `stamp` fails to type-check.
const collection = <N extends { documentId: string }, F>(
  list: PageDocument<N, F>,
  stamps: PageDocument<StampNode, F>,
  relations: Relations,
  stampField: CmsCollection['stampField'] = 'publishedAt',
): CmsCollection => ({ list, stamps, relations, stampField }) as CmsCollection;

export const cmsCollections = {
  agencies: collection(AgenciesDocument, AgencyStampsDocument, { parent: 'agencies' }),
  policyItems: collection(PolicyItemsDocument, PolicyItemStampsDocument, {
    agency: 'agencies',
    interpretations: 'policyInterpretations',
    replacedBy: 'policyItems',
  }),
  policyInterpretations: collection(PolicyInterpretationsDocument, PolicyInterpretationStampsDocument, {
    agency: 'agencies',
    policyItems: 'policyItems',
  }),
  annualReports: collection(AnnualReportsDocument, AnnualReportStampsDocument, { agency: 'agencies' }),
  disclosureGuides: collection(DisclosureGuidesDocument, DisclosureGuideStampsDocument, { agency: 'agencies' }),
  // Guide revisions are written once and never published or changed: their creation is their version.
  guideRevisions: collection(GuideRevisionsDocument, GuideRevisionStampsDocument, {}, 'createdAt'),
} satisfies Record<string, CmsCollection>;

export type CollectionName = keyof typeof cmsCollections;

export function cmsLoader(name: CollectionName): Loader {
  return {
    name: `cms-${name}`,
    async load(context) {
      const started = Date.now();
      const result = await syncCollection(context, name, cmsCollections);
      const how = result.mode === 'full' ? '全量' : `增量：更新 ${result.fetched}，移除 ${result.removed}`;
      context.logger.info(`${name}: ${result.total} 条（${how}，${Date.now() - started} ms）`);
    },
  };
}
