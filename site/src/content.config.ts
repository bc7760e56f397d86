import { defineCollection } from 'astro:content';
import { cmsLoader } from './loaders/collections.ts';
import { agencySchema, guideRevisionSchema, guideSchema, interpretationSchema, policySchema, reportSchema } from './loaders/schemas.ts';

/*
 * The portal's content: one collection per public CMS type, read by the typed GraphQL documents of
 * src/graphql/ and parsed by Zod schemas checked against their generated types (loaders/schemas.ts).
 */

const agencies = defineCollection({ loader: cmsLoader('agencies'), schema: agencySchema });
const policies = defineCollection({ loader: cmsLoader('policyItems'), schema: policySchema });
const interpretations = defineCollection({ loader: cmsLoader('policyInterpretations'), schema: interpretationSchema });
const reports = defineCollection({ loader: cmsLoader('annualReports'), schema: reportSchema });
const guides = defineCollection({ loader: cmsLoader('disclosureGuides'), schema: guideSchema });
const guideRevisions = defineCollection({ loader: cmsLoader('guideRevisions'), schema: guideRevisionSchema });

export const collections = { agencies, policies, interpretations, reports, guides, guideRevisions };
