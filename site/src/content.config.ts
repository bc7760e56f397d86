import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { cmsLoader } from './loaders/collections.ts';

const date = z.string().nullish();
const text = z.string().nullish();
/** Strapi "blocks" rich text: rendered by lib/blocks.ts, which escapes everything. */
const blocks = z.array(z.any()).nullish();
/** A statistics table keyed by the template's row and column keys (shared/src/report). */
const table = z.record(z.string(), z.record(z.string(), z.number().nullable())).nullish();
/** When the CMS published this version: how the next build tells what changed (loaders/sync.ts). */
const stamp = z.string().optional();
const agencyRef = z.object({ documentId: z.string(), publishedAt: stamp, name: z.string(), shortName: text, slug: z.string() }).nullish();

const agencies = defineCollection({
  loader: cmsLoader('agencies'),
  schema: z.object({
    documentId: z.string(), publishedAt: stamp,
    name: z.string(),
    shortName: text,
    slug: z.string(),
    kind: z.string(),
    creditCode: text,
    indexPrefix: text,
    description: text,
    address: text,
    phone: text,
    website: text,
    email: text, officeHours: text, functions: text, leaders: text,
    order: z.number().nullish(),
    parent: agencyRef,
  }),
});

const policies = defineCollection({
  loader: cmsLoader('policyItems'),
  schema: z.object({
    documentId: z.string(), publishedAt: stamp,
    indexNumber: z.string(),
    title: z.string(),
    docNumber: text,
    agency: agencyRef,
    writtenDate: date,
    publishDate: z.string(),
    topic: text,
    catalogNode: text,
    genre: text,
    validity: z.string(),
    effectiveDate: date,
    invalidDate: date,
    disclosureMethod: text,
    summary: text,
    keywords: text,
    body: blocks,
    attachments: z.array(z.object({ name: z.string(), url: z.string(), ext: text, size: z.number().nullish(), mime: text })).nullish(),
    interpretations: z.array(z.object({ documentId: z.string(), publishedAt: stamp, title: z.string(), form: z.string(), publishDate: date })),
    /** The document that replaced this one (废止/失效/已修订), if the CMS records it. */
    replacedBy: z.object({ documentId: z.string(), publishedAt: stamp, title: z.string(), docNumber: text, publishDate: date }).nullish(),
  }),
});

const interpretations = defineCollection({
  loader: cmsLoader('policyInterpretations'),
  schema: z.object({
    documentId: z.string(), publishedAt: stamp,
    title: z.string(),
    form: z.string(),
    agency: agencyRef,
    publishDate: z.string(),
    summary: text,
    body: blocks,
    policyItems: z.array(z.object({ documentId: z.string(), publishedAt: stamp, title: z.string(), docNumber: text })),
  }),
});

const reports = defineCollection({
  loader: cmsLoader('annualReports'),
  schema: z.object({
    documentId: z.string(), publishedAt: stamp,
    agency: agencyRef,
    year: z.number().int(),
    templateVersion: z.enum(['2019', '2021']),
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
});

const guides = defineCollection({
  loader: cmsLoader('disclosureGuides'),
  schema: z.object({
    documentId: z.string(), publishedAt: stamp,
    agency: agencyRef,
    orgName: z.string(),
    revisedAt: z.string(),
    legalBasis: blocks,
    classification: z.array(z.object({ code: text, name: z.string(), description: text })).nullish(),
    catalogueHowto: blocks,
    proactiveScope: blocks,
    proactiveChannels: z.array(z.string()).nullish(),
    proactiveDeadline: text,
    readingRooms: z.array(z.object({ name: z.string(), address: text, hours: text })).nullish(),
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
  }),
});

/** Each publish of a disclosure guide, recorded by the CMS (cms/src/revisions/disclosure-guide.ts). */
const guideRevisions = defineCollection({
  loader: cmsLoader('guideRevisions'),
  schema: z.object({
    documentId: z.string(), createdAt: stamp,
    guideDocumentId: z.string(),
    agencySlug: text,
    orgName: text,
    revisedAt: date,
    recordedAt: z.string(),
    changeSummary: text,
    changedFields: z.array(z.string()).nullish(),
    /** The guide's fields as published. */
    snapshot: z.record(z.string(), z.unknown()).nullish(),
  }),
});

export const collections = { agencies, policies, interpretations, reports, guides, guideRevisions };
