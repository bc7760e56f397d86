import { z } from 'astro/zod';
import { agencyKinds, disclosureMethods, interpretationForms, templateVersions, validities } from '@portal/shared';
import type {
  AgencyNodeFragment,
  AnnualReportNodeFragment,
  DisclosureGuideNodeFragment,
  GuideRevisionNodeFragment,
  PolicyInterpretationNodeFragment,
  PolicyItemNodeFragment,
} from '../graphql/generated/operations.ts';
import { blocksSchema } from '../lib/blocks.ts';

/*
 * The Zod schemas of the content collections (content.config.ts) and of the drafts the preview
 * route renders (lib/preview.ts). Each is checked at compile time against the node type GraphQL
 * Code Generator made from the CMS's schema and the query (src/graphql/*.graphql): every field the
 * query selects has a schema here (at any depth), every schema field is selected, and every value
 * the CMS may answer is one the schema accepts. Adding a field to a query without adding it here,
 * or a CMS change codegen has picked up (a field removed, an enum value added), fails `tsc -p site`.
 */

// Zod's own messages in Chinese: a build that meets content it cannot read says what and where.
z.config(z.locales.zhCN());

const date = z.string().nullish();
const text = z.string().nullish();
/** Rich text ("blocks"): only the blocks lib/blocks.ts renders. */
const blocks = blocksSchema.nullish();
/** A statistics table keyed by the template's row and column keys (shared/src/report). */
const table = z.record(z.string(), z.record(z.string(), z.number().nullable())).nullish();
/** When the CMS published this version: how the next build tells what changed (loaders/sync.ts). */
const stamp = z.string().nullish();
/** A CMS enumeration, by the keys of its shared vocabulary (the CMS's enum is made from the same). */
const vocabulary = <K extends string>(terms: Record<K, string>) => z.enum(Object.keys(terms) as [K, ...K[]]);
/** A relation list: GraphQL types its items nullable; none is ever null, and pages get none. */
const list = <T extends z.ZodType>(item: T) =>
  z.array(item.nullable()).transform((items) => items.filter((x): x is NonNullable<typeof x> => x != null));

const agencyRef = z.object({ documentId: z.string(), publishedAt: stamp, name: z.string(), shortName: text, slug: z.string() }).nullish();

// ── The compile-time check ────────────────────────────────────────────────────────────────────

type ObjectOf<T> = unknown extends T
  ? never
  : NonNullable<T> extends ReadonlyArray<infer E>
    ? ObjectOf<E>
    : NonNullable<T> extends object
      ? NonNullable<T>
      : never;
type Join<P extends string, K> = `${P}${K & string}`;
/** The dotted paths where the query's node type and the schema's input differ in their fields. */
type FieldDiff<G, I, P extends string = ''> = [ObjectOf<G>] extends [never]
  ? never
  : [ObjectOf<I>] extends [never]
    ? never
    : | Join<`query-only: ${P}`, Exclude<keyof ObjectOf<G>, keyof ObjectOf<I>>>
      | Join<`zod-only: ${P}`, Exclude<keyof ObjectOf<I>, keyof ObjectOf<G>>>
      | {
          [K in keyof ObjectOf<G> & keyof ObjectOf<I>]: FieldDiff<
            ObjectOf<G>[K],
            ObjectOf<I>[K],
            Join<P, K> extends infer Q extends string ? `${Q}.` : never
          >;
        }[keyof ObjectOf<G> & keyof ObjectOf<I>];
/** The fields whose values from the CMS the schema would refuse (JSON, typed `unknown`, is the schema's to narrow). */
type ValueDiff<G, I> = {
  [K in keyof G & keyof I]: unknown extends G[K] ? never : G[K] extends I[K] ? never : `type-differs: ${K & string}`;
}[keyof G & keyof I];
type Mismatch<G, S extends z.ZodType> = FieldDiff<G, z.input<S>> | ValueDiff<G, z.input<S>>;

/**
 * `schema`, if it matches the generated node type `G`; otherwise a type error naming the fields,
 * e.g. `"contract: query-only: website"` (in ASCII: TypeScript prints other property names escaped).
 */
const matching =
  <G>() =>
  <S extends z.ZodType>(
    schema: S & ([Mismatch<G, S>] extends [never] ? unknown : { [K in Mismatch<G, S> as `contract: ${K}`]: true }),
  ): S =>
    schema;

// ── The collections ───────────────────────────────────────────────────────────────────────────

export const agencySchema = matching<AgencyNodeFragment>()(
  z.object({
    documentId: z.string(),
    publishedAt: stamp,
    name: z.string(),
    shortName: text,
    slug: z.string(),
    kind: vocabulary(agencyKinds),
    creditCode: text,
    indexPrefix: text,
    description: text,
    address: text,
    phone: text,
    website: text,
    email: text,
    officeHours: text,
    functions: text,
    leaders: text,
    order: z.number().nullish(),
    parent: agencyRef,
  }),
);

export const policySchema = matching<PolicyItemNodeFragment>()(
  z.object({
    documentId: z.string(),
    publishedAt: stamp,
    indexNumber: z.string(),
    title: z.string(),
    docNumber: text,
    agency: agencyRef,
    writtenDate: date,
    publishDate: z.string(),
    topic: text,
    catalogNode: text,
    genre: text,
    validity: vocabulary(validities),
    effectiveDate: date,
    invalidDate: date,
    disclosureMethod: vocabulary(disclosureMethods).nullish(),
    summary: text,
    keywords: text,
    body: blocks,
    attachments: list(z.object({ name: z.string(), url: z.string(), ext: text, size: z.number().nullish(), mime: text })),
    interpretations: list(
      z.object({ documentId: z.string(), publishedAt: stamp, title: z.string(), form: vocabulary(interpretationForms), publishDate: date }),
    ),
    /** The document that replaced this one (废止/失效/已修订), if the CMS records it. */
    replacedBy: z.object({ documentId: z.string(), publishedAt: stamp, title: z.string(), docNumber: text, publishDate: date }).nullish(),
  }),
);

export const interpretationSchema = matching<PolicyInterpretationNodeFragment>()(
  z.object({
    documentId: z.string(),
    publishedAt: stamp,
    title: z.string(),
    form: vocabulary(interpretationForms),
    agency: agencyRef,
    publishDate: z.string(),
    summary: text,
    body: blocks,
    policyItems: list(z.object({ documentId: z.string(), publishedAt: stamp, title: z.string(), docNumber: text })),
  }),
);

export const reportSchema = matching<AnnualReportNodeFragment>()(
  z.object({
    documentId: z.string(),
    publishedAt: stamp,
    agency: agencyRef,
    year: z.number().int(),
    // A string in the CMS (checked there by a pattern made from the same list), set before publishing.
    templateVersion: z
      .string()
      .nullable()
      .pipe(
        z.enum(templateVersions, {
          error: (issue) => `年度报告的格式版本（templateVersion）为“${String(issue.input)}”，应为 ${templateVersions.join(' 或 ')}`,
        }),
      ),
    title: text,
    publishDate: date,
    overview: blocks,
    overviewProactive: blocks,
    overviewOnRequest: blocks,
    overviewManagement: blocks,
    overviewPlatform: blocks,
    overviewSupervision: blocks,
    proactiveTable: table,
    requestTable: table,
    reviewTable: table,
    moneyUnits: z.record(z.string(), z.string()).nullish(),
    problems: blocks,
    otherMatters: blocks,
    correctionNote: text,
    /** 原样归档 and the inconsistencies it kept (shared/src/report/archive.ts); read through archiveNotice. */
    archivedAsPublished: z.boolean().nullish(),
    archivedFindings: z.unknown(),
  }),
);

const guideFields = {
  orgName: z.string(),
  revisedAt: z.string(),
  legalBasis: blocks,
  classification: list(z.object({ code: text, name: z.string(), description: text })).nullish(),
  catalogueHowto: blocks,
  proactiveScope: blocks,
  proactiveChannels: z.array(z.string()).nullish(),
  proactiveDeadline: text,
  readingRooms: list(z.object({ name: z.string(), address: text, hours: text })).nullish(),
  office: z
    .object({
      name: z.string(),
      address: z.string(),
      postcode: text,
      hours: z.string(),
      phone: z.string(),
      fax: z.string(),
      email: text,
      url: text,
      onlineFormUrl: text,
    })
    .nullish(),
  applyChannels: z.array(z.string()).nullish(),
  applyRequirements: blocks,
  receiptRules: text,
  correctionRule: text,
  replyDeadline: text,
  replyTypes: blocks,
  deliveryForms: text,
  fees: text,
  accessibilityHelp: text,
  remedies: z.object({ complaintTo: text, complaintPhone: text, reviewBody: text, litigationNote: text }).nullish(),
  flowchartText: text,
};

export const guideSchema = matching<DisclosureGuideNodeFragment>()(
  z.object({ documentId: z.string(), publishedAt: stamp, agency: agencyRef, ...guideFields }),
);

/** Each publish of a disclosure guide, recorded by the CMS (cms/src/revisions/disclosure-guide.ts). */
export const guideRevisionSchema = matching<GuideRevisionNodeFragment>()(
  z.object({
    documentId: z.string(),
    createdAt: stamp,
    guideDocumentId: z.string(),
    agencySlug: text,
    orgName: text,
    revisedAt: date,
    recordedAt: z.string(),
    changeSummary: text,
    changedFields: z.array(z.string()).nullish(),
    /** The guide's content fields as published (the CMS keeps no ids or agency in it), read like the guide's. */
    snapshot: z.object(guideFields).partial().nullish(),
  }),
);
